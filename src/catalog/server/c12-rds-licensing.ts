import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { SOURCES } from "../shared/sources.js";

// LicensingMode values: 2 = per device, 4 = per user (Win32_TerminalServiceSetting.ChangeMode, causes-catalog.md
// C12). Anything else (absent, or the "not configured" value a fresh Session Host has) cannot issue RDS CALs.
const CONFIGURED_MODES = [2, 4];
const modeNotConfigured = when.not(when.in("Licensing.Mode.Effective", CONFIGURED_MODES));
// GetGracePeriodDays: "A zero value indicates that the grace period is over" (Win32_TerminalServiceSetting).
const graceOver = when.eq("Licensing.GraceDaysLeft", 0);
const noLicenseServer = when.count("Licensing.Servers", "eq", 0);

// The CIM object every licensing step reads or changes: Win32_TerminalServiceSetting (root/cimv2/TerminalServices).
const TS_SETTING = "Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting";
const BACKUP = "$env:USERPROFILE\\RdpDoctor-licensing-core.reg";
const CHANGE_MODE = `${TS_SETTING} | Invoke-CimMethod -MethodName ChangeMode -Arguments @{ LicensingType = 4 }`;
const SET_SERVERS = `${TS_SETTING} | Invoke-CimMethod -MethodName SetSpecifiedLicenseServerList -Arguments @{ LicenseServers = [string[]]@('<license server FQDN>') }`;

/**
 * RD Session Host licensing is not configured, its grace period is over, or it cannot get or renew client licenses.
 *
 * An RD Session Host needs a licensing mode (per user or per device, matching the CALs installed) and a license
 * server. During the grace period it works without them; afterwards it refuses sessions (RemoteConnectionManager
 * event 1069), and a host that cannot reach its license server cannot renew a client's license (event 1028).
 * Licensing failures have their own codes (disconnect 0x808/0x908, extended 256-266), not 0x904 with 0x7, so this
 * cause is a differential for the 0x904 family.
 * The fix configures the mode and the license server. It never deletes the RCM GracePeriod key
 * (L$RTMTIMEBOMB) to restart the grace period: that circumvents licensing and needs ownership changes on a
 * protected key.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/cannot-connect-rds-no-license-server
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-licensing-mode-not-configured-warning
 */
export const c12RdsLicensing: Cause = {
  id: "C12",
  name: "Server.Licensing.CalUnavailable",
  title: "RD Session Host licensing not configured, grace period over, or CALs not renewed",
  side: "Server",
  sourceFile: "src/catalog/server/c12-rds-licensing.ts",
  exportName: "c12RdsLicensing",
  evidence: [
    "Host.IsSessionHost",
    "Licensing.Mode",
    "Licensing.Servers",
    "Licensing.GraceDaysLeft",
    "Licensing.Error",
    // Both are logged by RemoteConnectionManager (R19: TechNet ee891144 and ee890984).
    eventEvidence("Events.Rcm1069And1028", PROVIDER.rcm, [1069, 1028]),
  ],
  policySettings: ["Licensing.Mode"],
  // Licensing has its own codes: LicensingFailed 0x808, LicensingTimeout 0x908 and the server's ERRINFO_LICENSE_*
  // values 256-266 (causes-catalog.md sections 1a, 1b, C12). 267 is the client's own store error (C13).
  codes: { disconnect: [0x808, 0x908], extended: [256, 257, 258, 259, 260, 261, 262, 263, 264, 265, 266], negotiationFailure: [] },
  rules: [
    {
      status: "NotApplicable",
      when: when.eq("Host.IsSessionHost", false),
      confidence: "High",
      reason: "This computer is not an RD Session Host; RDS CALs are needed only there (remote administration needs none).",
    },
    {
      status: "Unknown",
      when: when.or(when.isNull("Host.IsSessionHost"), when.isNotNull("Licensing.Error"), when.eq("Licensing.Mode.Source", "Unknown")),
      confidence: "Low",
      reason: "The RD Session Host role or the licensing settings could not be read; run elevated to judge licensing.",
    },
    {
      status: "Fail",
      when: when.and(modeNotConfigured, when.or(graceOver, eventSeen(PROVIDER.rcm, [1069]))),
      confidence: "High",
      reason: "The licensing grace period is over and no licensing mode (per user or per device) is configured, so the host refuses sessions (RemoteConnectionManager 1069).",
    },
    {
      status: "Fail",
      when: when.and(noLicenseServer, graceOver),
      confidence: "High",
      reason: "The licensing grace period is over and no license server is specified, so the host cannot get CALs and denies connections.",
    },
    {
      status: "Fail",
      when: eventSeen(PROVIDER.rcm, [1028]),
      confidence: "Medium",
      reason: "Clients were refused because their license could not be renewed (RemoteConnectionManager 1028): check that the license server is reachable, activated, and holds CALs of the configured mode.",
    },
    {
      status: "Warn",
      when: eventSeen(PROVIDER.rcm, [1069]),
      confidence: "Medium",
      reason: "RemoteConnectionManager logged 1069 (grace period over, mode not configured) in the window although a mode is set now; confirm new sessions get a CAL.",
    },
    {
      status: "Warn",
      when: modeNotConfigured,
      confidence: "Medium",
      reason: "No licensing mode is configured; sessions work only until the grace period ends.",
    },
    {
      status: "Warn",
      when: noLicenseServer,
      confidence: "Medium",
      reason: "No license server is specified; sessions work only until the grace period ends.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "A licensing mode and a license server are configured and no licensing refusals (1069, 1028) were logged.",
  },
  fix: {
    steps: [
      `${TS_SETTING} | Select-Object -Property LicensingType, LicensingName`,
      `${TS_SETTING} | Invoke-CimMethod -MethodName GetSpecifiedLicenseServerList`,
      "lsdiag.msc",
      `reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\Licensing Core" "${BACKUP}" /y`,
      `Test-Path -Path "${BACKUP}"`,
      `${CHANGE_MODE} -WhatIf`,
      CHANGE_MODE,
      `${SET_SERVERS} -WhatIf`,
      SET_SERVERS,
    ],
    risks: ["None"],
    undo: `Run ChangeMode with the old LicensingType and SetSpecifiedLicenseServerList with the old list (both shown in the evidence), or reg import "${BACKUP}". Use LicensingType 2 instead of 4 when the CALs are per device.`,
  },
  sources: [
    SOURCES.R17,
    { ref: "R18", url: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/cannot-connect-rds-no-license-server" },
    { ref: "R18", url: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-licensing-mode-not-configured-warning" },
    { ref: "R19", url: "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee891144(v=ws.10)" },
    { ref: "R19", url: "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee890984(v=ws.10)" },
  ],
};
