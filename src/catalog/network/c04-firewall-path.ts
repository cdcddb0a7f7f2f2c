import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { eventEvidence, eventSeenMatching, PROVIDER } from "../shared/events.js";
import {
  defaultRdpPort, firewallBlockRuleEnabled, firewallOnForActiveProfile, firewallRuleAllows, RDP_USER_MODE_RULES,
} from "../shared/listener-conditions.js";
import { SOURCES } from "../shared/sources.js";

/**
 * The Windows Firewall or the network path blocks or resets RDP connections.
 *
 * mstsc needs the built-in rules RemoteDesktop-UserMode-In-TCP and -UDP (group 'Remote Desktop'), matched by
 * Name because display names are localized. A blocked port makes the client report 0x204 or 0x108; 0x904
 * means the connection was accepted and then torn down, for example by an intrusion-prevention or
 * TLS-inspection device, which fits RdpCoreTS event 226 with 0x80070040 on the server.
 * The repair enables only the two User Mode rules, scoped to management subnets, or adds a rule for a custom
 * port. It never turns a firewall profile off, and never enables the 'Remote Desktop (WebSocket)' rules, which
 * mstsc does not use.
 * Rule profiles and port filters are shown as evidence but not judged: check that the rules cover the active
 * profile with Get-NetFirewallPortFilter.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-cannot-connect-remote-computer
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting
 */
export const c04FirewallPath: Cause = {
  id: "C04",
  name: "Network.Firewall.RdpBlocked",
  title: "Firewall or network path blocks or resets RDP",
  side: "Network",
  sourceFile: "src/catalog/network/c04-firewall-path.ts",
  exportName: "c04FirewallPath",
  evidence: [
    "Firewall.Profiles",
    "Firewall.Rules",
    "Firewall.Error",
    "Listener.PortNumber",
    eventEvidence("Events.RdpCoreTs226", PROVIDER.rdpCoreTs, [226]),
  ],
  policySettings: [],
  // causes-catalog.md C04: a blocked port gives 0x204 or 0x108; a reset after accept gives 0x904 [U]. No
  // server errorInfo reaches the client in either case, so the extended code is 0.
  codes: { disconnect: [0x204, 0x108, 0x904], extended: [0x0], negotiationFailure: [] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      status: "Unknown",
      when: when.or(when.isNotNull("Firewall.Error"), when.count("Firewall.Profiles", "eq", 0)),
      confidence: "Low",
      reason: "The Windows Firewall profiles or rules could not be read; run elevated to judge whether the firewall blocks RDP.",
    },
    {
      // Block rules win over Allow rules in Windows Firewall.
      status: "Fail",
      when: when.and(firewallOnForActiveProfile(), firewallBlockRuleEnabled()),
      confidence: "High",
      reason: "An enabled inbound Block rule covers Remote Desktop or its port; it overrides every Allow rule. See Firewall.Rules.",
    },
    {
      // The built-in rule allows 3389 only; a custom port needs its own rule (change-listening-port, R21).
      status: "Fail",
      when: when.and(firewallOnForActiveProfile(), defaultRdpPort(), when.not(firewallRuleAllows(RDP_USER_MODE_RULES.tcp))),
      confidence: "High",
      reason: "The Windows Firewall is on and the rule RemoteDesktop-UserMode-In-TCP is disabled or missing, so inbound RDP on port 3389 is blocked.",
    },
    {
      // DigitalRuby/IPBan#240 (S9). Internet scanners cause the same event, so it is a hint, not proof.
      status: "Warn",
      when: eventSeenMatching(PROVIDER.rdpCoreTs, [226], "^(0x)?80070040$"),
      confidence: "Medium",
      reason: "RdpCoreTS logged event 226 with 0x80070040 (network name no longer available): connections were torn down after they were accepted, by the network path or by the peer. Compare with a direct connection.",
    },
    {
      status: "Warn",
      when: when.and(firewallOnForActiveProfile(), when.not(defaultRdpPort())),
      confidence: "Low",
      reason: "RDP listens on a custom port; the built-in Remote Desktop rules allow 3389 only. Check that an enabled Allow rule covers RDP-Tcp\\PortNumber.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "Medium",
    reason: "The Windows Firewall does not block RDP (the User Mode TCP rule is enabled with no Block rule, or the firewall is off), and no connection resets were logged.",
  },
  fix: {
    steps: [
      "Get-NetFirewallProfile | Select-Object -Property Name, Enabled",
      "Get-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP' | Select-Object -Property Name, Enabled, Profile, Action",
      "Get-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP' | Get-NetFirewallPortFilter",
      "Get-NetFirewallPortFilter -Protocol TCP | Where-Object -Property LocalPort -EQ -Value '<PortNumber>' | Get-NetFirewallRule | Where-Object -Property Action -EQ -Value 'Block'",
      "Test-NetConnection -ComputerName <Server> -Port <PortNumber>",
      "netsh.exe advfirewall export \"$env:TEMP\\firewall-backup.wfw\"",
      "Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP' -WhatIf",
      "Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP'",
      "Set-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP' -RemoteAddress <ManagementSubnet> -WhatIf",
      "Set-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP' -RemoteAddress <ManagementSubnet>",
      "# Custom port only: allow RDP-Tcp\\PortNumber with a rule of its own.",
      "New-NetFirewallRule -Name 'RdpDoctor-RemoteDesktop-CustomPort-TCP' -DisplayName 'Remote Desktop custom port (TCP-In)' -Direction Inbound -Protocol TCP -LocalPort <PortNumber> -RemoteAddress <ManagementSubnet> -Action Allow -WhatIf",
      "New-NetFirewallRule -Name 'RdpDoctor-RemoteDesktop-CustomPort-TCP' -DisplayName 'Remote Desktop custom port (TCP-In)' -Direction Inbound -Protocol TCP -LocalPort <PortNumber> -RemoteAddress <ManagementSubnet> -Action Allow",
    ],
    risks: ["SecurityLowering"],
    undo: "Disable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP' if they were disabled before; Set-NetFirewallRule -Name <same names> -RemoteAddress Any restores the old scope; Remove-NetFirewallRule -Name 'RdpDoctor-RemoteDesktop-CustomPort-TCP' removes the custom-port rule.",
  },
  sources: [SOURCES.R8, SOURCES.R10, SOURCES.R21],
};
