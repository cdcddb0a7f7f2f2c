import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { SOURCES } from "../shared/sources.js";

/**
 * Remote Desktop connections are turned off on this computer, locally or by Group Policy.
 *
 * The value fDenyTSConnections under HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server is 0 when Remote
 * Desktop is allowed. The same value under HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services is
 * written by the policy 'Allow users to connect remotely by using Remote Desktop Services', and it wins.
 * A computer that refuses connections this way usually makes the client report 0x204 (connect failed), not
 * 0x904, so this cause is mostly a differential.
 * When the policy denies connections, the fix is to change the winning GPO (gpresult /h names it): a local
 * change would be reverted at the next policy refresh. Allowing RDP exposes the computer to the network, so
 * scope the Remote Desktop firewall rules to management subnets (see C04).
 *
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting
 */
export const c01RdpDisabled: Cause = {
  id: "C01",
  name: "Server.Connections.Denied",
  title: "Remote Desktop connections are turned off (fDenyTSConnections)",
  side: "Server",
  sourceFile: "src/catalog/server/c01-rdp-disabled.ts",
  exportName: "c01RdpDisabled",
  evidence: [
    "Connections.DenyTSConnections",
    "Connections.AllowTSConnections",
    "Connections.Error",
  ],
  // The policy value wins over the local one (causes-catalog.md C01, R8/R10).
  policySettings: ["Connections.DenyTSConnections"],
  // causes-catalog.md C01: "usually 0x204, not 0x904". No connection reaches the RDP stack, so the server
  // sends no errorInfo and the extended code stays 0 (section 0).
  codes: { disconnect: [0x204], extended: [0x0], negotiationFailure: [] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      status: "Unknown",
      when: when.and(when.isNull("Connections.DenyTSConnections.Effective"), when.isNull("Connections.AllowTSConnections")),
      confidence: "Low",
      reason: "Neither fDenyTSConnections nor Win32_TerminalServiceSetting.AllowTSConnections could be read; run elevated to judge whether RDP is allowed.",
    },
    {
      // The policy 'Allow users to connect remotely by using Remote Desktop Services' set to Disabled
      // (troubleshoot-remote-desktop-connections, R17).
      status: "Fail",
      when: when.compare("Connections.DenyTSConnections.Policy", "gt", 0),
      confidence: "High",
      reason: "Group Policy denies Remote Desktop connections (fDenyTSConnections = 1 under Policies): 'Allow users to connect remotely by using Remote Desktop Services' is Disabled. Change the winning GPO; do not edit the local value.",
    },
    {
      status: "Fail",
      when: when.compare("Connections.DenyTSConnections.Effective", "gt", 0),
      confidence: "High",
      reason: "Remote Desktop is turned off on this computer: fDenyTSConnections is 1 (0 allows connections).",
    },
    {
      // WMI mirrors the registry; it alone decides when the registry could not be read.
      status: "Fail",
      when: when.eq("Connections.AllowTSConnections", 0),
      confidence: "Medium",
      reason: "Win32_TerminalServiceSetting.AllowTSConnections is 0: Windows reports that Remote Desktop connections are not allowed.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "Remote Desktop connections are allowed: the effective fDenyTSConnections is 0.",
  },
  fix: {
    steps: [
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections",
      "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name fDenyTSConnections -ErrorAction SilentlyContinue",
      "gpresult.exe /H \"$env:TEMP\\gpresult.html\"",
      "# If the policy value exists, stop here: change 'Allow users to connect remotely by using Remote Desktop Services' in the winning GPO shown in gpresult.html.",
      "reg.exe export 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' \"$env:TEMP\\TerminalServer-backup.reg\" /y",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 0 -WhatIf",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 0",
      "Get-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP' | Get-NetFirewallAddressFilter",
    ],
    risks: ["SecurityLowering"],
    undo: "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 1 restores the old value; no restart is needed.",
  },
  sources: [SOURCES.R8, SOURCES.R10, SOURCES.R17],
};
