import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { serviceStatus, serviceStatusIn } from "../shared/events.js";
import { portHeldByOtherProcess, rdpConnectionsDenied } from "../shared/listener-conditions.js";
import { SOURCES } from "../shared/sources.js";

const NOT_RUNNING = ["Stopped", "StopPending", "StartPending", "Paused"];

/**
 * The RDP-Tcp listener is not running: Remote Desktop Services is stopped, the listener is disabled or its
 * registry key is missing, or Windows is still in a setup (Sysprep or OOBE) pass.
 *
 * A healthy computer lists rdp-tcp in the Listen state (qwinsta), has WinStations\RDP-Tcp with
 * fEnableWinStation = 1, runs the services TermService and UmRdpService, and has SystemSetupInProgress and
 * OOBEInProgress at 0. Without a listener the client's connection is refused, which it reports as 0x204.
 * The repair starts the services and re-enables the listener. Replacing the RDP-Tcp key with an export from a
 * healthy computer of the same build is a last resort: a wrong import keeps RDP down, so export the current
 * key first and keep console access.
 *
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting
 */
export const c02ListenerDown: Cause = {
  id: "C02",
  name: "Server.Listener.NotListening",
  title: "RDP-Tcp listener not running, disabled or missing",
  side: "Server",
  sourceFile: "src/catalog/server/c02-listener-down.ts",
  exportName: "c02ListenerDown",
  evidence: [
    { label: "Services.RemoteDesktop", path: "Services", where: when.in("Name", ["TermService", "UmRdpService"]) },
    "Listener.KeyPresent",
    "Listener.State",
    "Listener.fEnableWinStation",
    "Listener.PortOwner.Listening",
    "Host.SystemSetupInProgress",
    "Host.OobeInProgress",
  ],
  policySettings: [],
  // Without a listener the TCP connect is refused: 0x204 SocketConnectFailed. 0x904 needs an accepted
  // connection (causes-catalog.md section 0), so it points away from this cause.
  codes: { disconnect: [0x204], extended: [0x0], negotiationFailure: [] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      // Windows does not listen while connections are denied; C01 is the cause to fix first.
      status: "NotApplicable",
      when: rdpConnectionsDenied(),
      confidence: "High",
      reason: "Remote Desktop connections are turned off (fDenyTSConnections), so a missing listener is expected. See C01.",
    },
    {
      status: "Unknown",
      when: when.or(
        serviceStatus("TermService", "Unknown"),
        when.and(when.isNull("Listener.KeyPresent"), when.isNull("Listener.State")),
      ),
      confidence: "Low",
      reason: "The state of TermService or of the RDP-Tcp listener could not be read; run elevated to judge the listener.",
    },
    {
      status: "Fail",
      when: serviceStatusIn("TermService", NOT_RUNNING),
      confidence: "High",
      reason: "The Remote Desktop Services service (TermService) is not running, so nothing accepts RDP connections.",
    },
    {
      // causes-catalog.md C02: the machine must not be in Sysprep state.
      status: "Fail",
      when: when.or(when.eq("Host.SystemSetupInProgress.Value", 1), when.eq("Host.OobeInProgress.Value", 1)),
      confidence: "Medium",
      reason: "Windows reports a setup pass in progress (SystemSetupInProgress or OOBEInProgress is 1): the computer is still in a Sysprep or OOBE state. Finish that pass before troubleshooting RDP further.",
    },
    {
      status: "Fail",
      when: when.eq("Listener.KeyPresent", false),
      confidence: "High",
      reason: "The registry key WinStations\\RDP-Tcp is missing, so Remote Desktop has no listener configuration.",
    },
    {
      status: "Fail",
      when: when.eq("Listener.fEnableWinStation.Value", 0),
      confidence: "High",
      reason: "The RDP-Tcp listener is disabled (fEnableWinStation = 0).",
    },
    {
      // A foreign process on the port is C03's business; restarting TermService would not help.
      status: "Fail",
      when: when.and(when.in("Listener.State", ["Down", "Missing"]), when.not(portHeldByOtherProcess())),
      confidence: "Medium",
      reason: "The RDP-Tcp listener is not in the Listen state (qwinsta) although it is enabled and TermService runs.",
    },
    {
      status: "Warn",
      when: serviceStatusIn("UmRdpService", NOT_RUNNING),
      confidence: "Low",
      reason: "The Remote Desktop Services UserMode Port Redirector (UmRdpService) is not running; Microsoft expects it to run next to TermService.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "TermService runs and the RDP-Tcp listener is enabled and in the Listen state.",
  },
  fix: {
    steps: [
      "qwinsta.exe",
      "Get-Service -Name TermService, UmRdpService | Select-Object -Property Name, Status, StartType",
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name fEnableWinStation, PortNumber",
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\Setup' -Name SystemSetupInProgress, OOBEInProgress",
      "reg.exe export 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' \"$env:TEMP\\RDP-Tcp-backup.reg\" /y",
      "# Only if StartType is Disabled: Manual is the Windows default for TermService.",
      "Set-Service -Name TermService -StartupType Manual -WhatIf",
      "Set-Service -Name TermService -StartupType Manual",
      "Start-Service -Name TermService -WhatIf",
      "Start-Service -Name TermService",
      "Start-Service -Name UmRdpService -WhatIf",
      "Start-Service -Name UmRdpService",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name fEnableWinStation -Value 1 -WhatIf",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name fEnableWinStation -Value 1",
      "Restart-Service -Name TermService -Force -WhatIf",
      "Restart-Service -Name TermService -Force",
      "qwinsta.exe",
    ],
    risks: ["ServiceRestart"],
    undo: "reg.exe import \"$env:TEMP\\RDP-Tcp-backup.reg\" restores the listener key, and Set-Service -Name TermService -StartupType <old StartType> the start type; then restart TermService. Restarting TermService drops every RDP session.",
  },
  sources: [SOURCES.R8, SOURCES.R10, SOURCES.R17],
};
