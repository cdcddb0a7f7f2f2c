import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import {
  clientDisconnectEvidence, clientDisconnectSeen, DISCONNECT_REASON, SERVER_ACCEPT_EVIDENCE, serverAcceptedConnection,
} from "../shared/client-conditions.js";
import { termServiceMissing } from "../shared/common-rules.js";
import { SOURCES } from "../shared/sources.js";

const clientSawSocketClosed = clientDisconnectSeen([DISCONNECT_REASON.socketClosed]);
const noAcceptedConnection = when.not(serverAcceptedConnection());

/**
 * An RDP proxy, PAM tool, TLS-inspecting middlebox or non-Microsoft RDP server answers instead of this computer's TermService.
 *
 * Intermediaries that terminate RDP themselves (for example Teleport, or RustDesk's RDP) produce 0x904, often
 * with extended 0x7 or 0x0, while the real target never sees the connection. The tool compares what one
 * snapshot holds: the client's 0x904 disconnects (RDPClient 1026, reason 2308) against the listener's accept
 * events (RdpCoreTS 131, RemoteConnectionManager 261). Comparing the certificate the client sees on the wire with
 * the one the listener is bound to needs a network probe, which the tool does not run yet; the fix lists it as a
 * manual step.
 * The fix is to connect directly, bypassing the intermediary, and compare.
 *
 * @see https://github.com/tp4a/teleport/issues/301
 * @see https://github.com/rustdesk/rustdesk/issues/10125
 */
export const c16RdpIntermediary: Cause = {
  id: "C16",
  name: "Network.Intermediary.ForeignEndpoint",
  title: "RDP proxy, PAM tool, TLS-inspecting middlebox or non-Microsoft RDP server in the path",
  side: "Network",
  sourceFile: "src/catalog/network/c16-rdp-intermediary.ts",
  exportName: "c16RdpIntermediary",
  evidence: [
    clientDisconnectEvidence("Events.RdpClient1026SocketClosed", [DISCONNECT_REASON.socketClosed]),
    ...SERVER_ACCEPT_EVIDENCE,
    "Listener.State",
    "Listener.PortOwner",
    "Events.Errors",
  ],
  policySettings: [],
  // causes-catalog.md C16 and C03: proxies and non-Microsoft RDP servers give 0x904 with ext 0x7 or 0x0 (S9).
  codes: { disconnect: [DISCONNECT_REASON.socketClosed], extended: [0x0, 0x7], negotiationFailure: [] },
  rules: [
    {
      // Without a listening TermService (C01, C02) no accept events are expected, so their absence proves nothing.
      status: "NotApplicable",
      when: when.or(
        termServiceMissing,
        when.in("Listener.State", ["Down", "Missing"]),
        when.eq("Connections.DenyTSConnections.Effective", 1),
      ),
      confidence: "High",
      reason: "This computer does not accept RDP connections (TermService missing, listener down, or RDP disabled), so its accept events cannot show an intermediary.",
    },
    {
      // TermService runs in svchost; another process on the RDP port is a foreign listener on this computer (C03).
      status: "NotApplicable",
      when: when.and(when.eq("Listener.PortOwner.Listening", true), when.isNotNull("Listener.PortOwner.ProcessName"), when.ne("Listener.PortOwner.ProcessName", "svchost")),
      confidence: "Medium",
      reason: "Another program, not TermService, owns the RDP port on this computer; that is a local foreign listener (C03), not an intermediary in the path.",
    },
    {
      status: "Unknown",
      when: when.and(when.count("Events.Errors", "gt", 0), noAcceptedConnection),
      confidence: "Low",
      reason: "Some event logs could not be read and no accepted connection was found; run elevated so RdpCoreTS and RemoteConnectionManager logs can be read.",
    },
    {
      status: "Fail",
      when: when.and(clientSawSocketClosed, noAcceptedConnection),
      confidence: "Medium",
      reason: "mstsc here logged 0x904 (RDPClient 1026, reason 2308) but the listener logged no accepted connection (RdpCoreTS 131, RemoteConnectionManager 261): something else answered. The certificate on the wire was not compared (needs a network probe).",
    },
    {
      status: "Warn",
      when: noAcceptedConnection,
      confidence: "Low",
      reason: "The listener logged no accepted connection (RdpCoreTS 131, RemoteConnectionManager 261) in the window; if a client got 0x904 then, its connection never reached this computer.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "Low",
    reason: "The listener logged accepted connections (RdpCoreTS 131 or RemoteConnectionManager 261), so connections do reach TermService; compare their times with the client's failures.",
  },
  fix: {
    steps: [
      "Get-WinEvent -LogName 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational' -MaxEvents 200 | Where-Object -Property Id -EQ 131",
      "Get-WinEvent -LogName 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational' -MaxEvents 200 | Where-Object -Property Id -EQ 261",
      "Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-Tcp'\" | Select-Object -Property SSLCertificateSHA1Hash",
      "Test-NetConnection -ComputerName <target> -Port 3389",
      "mstsc.exe /v:<target address, bypassing the proxy>",
    ],
    risks: ["None"],
    undo: "Nothing to undo: every step only reads or connects. Compare the thumbprint mstsc shows with SSLCertificateSHA1Hash; fix or update the intermediary in its own console.",
  },
  sources: [
    { ref: "S9", url: "https://github.com/tp4a/teleport/issues/301" },
    { ref: "S9", url: "https://github.com/rustdesk/rustdesk/issues/10125" },
    SOURCES.R1,
    SOURCES.R2,
  ],
};
