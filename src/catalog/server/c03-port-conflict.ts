import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { SERVER_ACCEPT_EVIDENCE } from "../shared/client-conditions.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { defaultRdpPort, portHeldByOtherProcess } from "../shared/listener-conditions.js";
import { SOURCES } from "../shared/sources.js";

/**
 * Another program owns the RDP port, or RDP listens on a port the client does not use.
 *
 * Remote Desktop listens on RDP-Tcp\PortNumber (3389 by default) inside the svchost process that hosts
 * TermService. When another remote-access server, agent or proxy holds that port, the client reaches it
 * instead: the foreign server accepts the TCP connection and then closes it, which mstsc reports as 0x904
 * with extended code 0x7 or 0x0. Microsoft recommends moving the other program to another port rather than
 * moving RDP. A custom RDP port is valid but every client must then connect to host:port, and the firewall
 * must allow that port (C04).
 *
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/change-listening-port
 */
export const c03PortConflict: Cause = {
  id: "C03",
  name: "Server.Listener.PortConflict",
  title: "RDP port owned by another program, or RDP on a non-default port",
  side: "Server",
  sourceFile: "src/catalog/server/c03-port-conflict.ts",
  exportName: "c03PortConflict",
  evidence: [
    "Listener.PortNumber",
    "Listener.PortOwner",
    "Listener.State",
    // Connections TermService accepted: none at the failure time means something else answered (C03, C16).
    ...SERVER_ACCEPT_EVIDENCE,
  ],
  policySettings: [],
  // causes-catalog.md C03: a foreign listener gives 0x904 with ext 0x7 or 0x0 (S9); a client that dials 3389
  // while RDP moved to another port is refused (0x204).
  codes: { disconnect: [0x904, 0x204], extended: [0x0, 0x7], negotiationFailure: [] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      status: "Unknown",
      when: when.or(
        when.isNull("Listener.PortOwner.Listening"),
        when.and(when.eq("Listener.PortOwner.Listening", true), when.isNull("Listener.PortOwner.ProcessName")),
      ),
      confidence: "Low",
      reason: "The process that owns the RDP port could not be determined; run elevated (netstat -ano, tasklist /svc) to judge a port conflict.",
    },
    {
      status: "Fail",
      when: portHeldByOtherProcess(),
      confidence: "High",
      reason: "A process other than Remote Desktop Services (svchost hosting TermService) listens on the RDP port; clients reach that program instead of RDP. See Listener.PortOwner.",
    },
    {
      status: "Warn",
      when: when.not(defaultRdpPort()),
      confidence: "Low",
      reason: "RDP listens on a non-default port (RDP-Tcp\\PortNumber is not 3389): clients must connect to host:port, and the firewall must allow that port.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "RDP uses the default port 3389 and no other program listens on it.",
  },
  fix: {
    steps: [
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name PortNumber",
      "Get-NetTCPConnection -State Listen -LocalPort <PortNumber> | Select-Object -Property LocalAddress, LocalPort, OwningProcess",
      "Get-CimInstance -ClassName Win32_Service -Filter 'ProcessId = <OwningProcess>' | Select-Object -Property Name, DisplayName, PathName",
      "# Move the other program to another port with its own tools (recommended by Microsoft), or uninstall it; then restart Remote Desktop Services.",
      "Restart-Service -Name TermService -Force -WhatIf",
      "Restart-Service -Name TermService -Force",
      "Get-NetTCPConnection -State Listen -LocalPort <PortNumber> | Select-Object -Property LocalAddress, LocalPort, OwningProcess",
    ],
    risks: ["ServiceRestart"],
    undo: "Restore the other program's original port with its own tools and restart TermService. If RDP's PortNumber was changed, set it back to the old value and restart TermService. Restarting TermService drops every RDP session.",
  },
  sources: [SOURCES.R8, SOURCES.R10, SOURCES.R17, SOURCES.R21],
};
