import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { atOrAboveLimit, UNLIMITED_CONNECTIONS_POLICY } from "../shared/listener-conditions.js";
import { SOURCES } from "../shared/sources.js";

/**
 * The server refuses new connections because a connection limit is reached or its flood protection tripped.
 *
 * Remote Desktop Services limits connections in three places: the 'Limit number of connections' policy and
 * the RDP-Tcp value MaxInstanceCount, and MaxOutstandingConnections, the number of connections allowed to be
 * still negotiating. When too many connections are pending, RemoteConnectionManager logs event 1006
 * ('received large number of incomplete connections ... may be under attack') and stops listening until the
 * count goes down. Servers upgraded in place from Windows Server 2008 R2 to 2012 R2 or 2016 could also leak
 * the listener count until KB4343891 or KB4343884.
 * Rule out brute force first (Security log event 4625 volume): raising MaxOutstandingConnections weakens the
 * built-in flood protection. When the limit comes from Group Policy, change the GPO.
 *
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-disconnected
 */
export const c11ConnectionLimits: Cause = {
  id: "C11",
  name: "Server.Listener.ConnectionLimit",
  title: "Connection limit reached or listener flood protection tripped",
  side: "Server",
  sourceFile: "src/catalog/server/c11-connection-limits.ts",
  exportName: "c11ConnectionLimits",
  evidence: [
    "Listener.MaxInstanceCount",
    "Limits.SessionCount",
    "Limits.MaxOutstandingConnections",
    "Limits.Error",
    eventEvidence("Events.Rcm1006", PROVIDER.rcm, [1006]),
  ],
  // The fix raises or removes MaxInstanceCount, which the 'Limit number of connections' policy may set.
  policySettings: ["Listener.MaxInstanceCount"],
  // A listener that stopped listening refuses the connect (0x204); a server that accepts and then denies the
  // connection would send errorInfo SERVER_DENIED_CONNECTION (0x904 / 0x7; causes-catalog.md section 0). Which
  // one a limit produces is not documented [U].
  codes: { disconnect: [0x204, 0x904], extended: [0x0, 0x7], negotiationFailure: [] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      status: "Unknown",
      when: when.and(
        when.not(eventSeen(PROVIDER.rcm, [1006])),
        when.or(
          when.eq("Listener.MaxInstanceCount.Source", "Unknown"),
          when.and(when.isNull("Limits.SessionCount"), when.compare("Listener.MaxInstanceCount.Effective", "lt", UNLIMITED_CONNECTIONS_POLICY)),
        ),
      ),
      confidence: "Low",
      reason: "The connection limit or the number of sessions could not be read; run elevated to judge whether a limit is reached.",
    },
    {
      // Event 1006 EVENT_TOO_MANY_CONNECTIONS (R19 ee891040); the listener stops while connections are pending.
      status: "Fail",
      when: eventSeen(PROVIDER.rcm, [1006]),
      confidence: "Medium",
      reason: "RemoteConnectionManager logged event 1006: the server received a large number of incomplete connections and stops listening while they are pending. Check the Security log for brute force (event 4625) before raising MaxOutstandingConnections.",
    },
    {
      status: "Fail",
      when: atOrAboveLimit("Limits.SessionCount", "Listener.MaxInstanceCount.Effective"),
      confidence: "Medium",
      reason: "The number of RDP sessions has reached the connection limit (MaxInstanceCount, or the 'Limit number of connections' policy), so new connections are refused.",
    },
    {
      status: "Warn",
      when: when.compare("Listener.MaxInstanceCount.Effective", "lt", UNLIMITED_CONNECTIONS_POLICY),
      confidence: "Low",
      reason: "A connection limit is set (MaxInstanceCount, or the 'Limit number of connections' policy); connections are refused whenever it is reached.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "No connection limit is set and no flood-protection event (1006) was logged.",
  },
  fix: {
    steps: [
      "qwinsta.exe",
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name MaxInstanceCount",
      "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name MaxInstanceCount -ErrorAction SilentlyContinue",
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name MaxOutstandingConnections -ErrorAction SilentlyContinue",
      "Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 4625; StartTime = (Get-Date).AddDays(-1) } -MaxEvents 1000 | Measure-Object",
      "gpresult.exe /H \"$env:TEMP\\gpresult.html\"",
      "# If 'Limit number of connections' is set by a GPO, change that GPO; otherwise raise the local limit.",
      "reg.exe export 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' \"$env:TEMP\\RDP-Tcp-backup.reg\" /y",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name MaxInstanceCount -Value 4294967295 -WhatIf",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name MaxInstanceCount -Value 4294967295",
      "# Upgraded from 2008 R2: install KB4343891 (2012 R2) or KB4343884 (2016); a restart resets the leaked listener count.",
    ],
    risks: ["SecurityLowering", "Reboot"],
    undo: "reg.exe import \"$env:TEMP\\RDP-Tcp-backup.reg\" restores the old MaxInstanceCount. If MaxOutstandingConnections was raised, set it back or remove the value to return to the built-in default.",
  },
  sources: [
    SOURCES.R17,
    SOURCES.R22,
    { ref: "R19", url: "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee891040(v=ws.10)" },
  ],
};
