import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { clientDisconnectEvidence, clientDisconnectSeen, DISCONNECT_REASON, MULTI_TRANSPORT_DISCONNECTED } from "../shared/client-conditions.js";

// Policy "Turn Off UDP On Client" (causes-catalog.md C15, S12). reg is used because the policy key may not
// exist yet; the query before it is the read-only record of the old value that the undo restores.
const POLICY_KEY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client";
const udpDropped = when.and(eventSeen(PROVIDER.rdpClient, [MULTI_TRANSPORT_DISCONNECTED]), clientDisconnectSeen([DISCONNECT_REASON.socketClosed]));

/**
 * The client's UDP transport, or its RD Gateway transport setting, makes established sessions drop.
 *
 * mstsc adds a UDP side channel to the TCP connection when it can. Where a network path mishandles UDP, sessions
 * freeze or drop after connecting, and the client logs multi-transport disconnects (RDPClient 1105) next to
 * 0x904 socket-closed disconnects. Turning UDP off on the client (fClientDisableUDP = 1) is a reversible test,
 * not a permanent fix. RDGClientTransport matters only for connections through an RD Gateway: it forces the
 * legacy RPC-over-HTTP transport and has no effect on direct connections.
 *
 * @see https://techcommunity.microsoft.com/t5/security-compliance-and-identity/what-8217-s-new-in-windows-server-2012-remote-desktop-gateway/ba-p/247611
 */
export const c15ClientTransport: Cause = {
  id: "C15",
  name: "Client.Transport.UdpOrGateway",
  title: "UDP transport or RD Gateway transport drops sessions",
  side: "Client",
  sourceFile: "src/catalog/client/c15-client-transport.ts",
  exportName: "c15ClientTransport",
  evidence: [
    "Client.ClientDisableUdp",
    "Client.RdgClientTransport",
    eventEvidence("Events.RdpClient1105", PROVIDER.rdpClient, [MULTI_TRANSPORT_DISCONNECTED]),
    clientDisconnectEvidence("Events.RdpClient1026SocketClosed", [DISCONNECT_REASON.socketClosed]),
  ],
  policySettings: ["Client.ClientDisableUdp"],
  // A transport drop closes the socket after the session was up: 0x904 without a server errorInfo (ext 0).
  // Extended 0x7 means the server denied the connection, which a transport problem does not produce.
  codes: { disconnect: [DISCONNECT_REASON.socketClosed], extended: [0x0], negotiationFailure: [] },
  rules: [
    {
      status: "NotApplicable",
      when: when.eq("Client.ClientDisableUdp.Effective", 1),
      confidence: "High",
      reason: "UDP is already off on this client (fClientDisableUDP = 1), so the UDP transport cannot cause drops; remove the value once a test is over.",
    },
    {
      status: "Unknown",
      when: when.or(when.eq("Client.ClientDisableUdp.Source", "Unknown"), when.isNotNull("Client.RdgClientTransport.Error")),
      confidence: "Low",
      reason: "The client transport settings (fClientDisableUDP, RDGClientTransport) could not be read.",
    },
    {
      status: "Fail",
      when: udpDropped,
      confidence: "Medium",
      reason: "mstsc logged multi-transport (UDP) disconnects (RDPClient 1105) and 0x904 socket-closed disconnects (1026, reason 2308); test with UDP off (fClientDisableUDP = 1).",
    },
    {
      status: "Warn",
      when: when.eq("Client.RdgClientTransport.Value", 1),
      confidence: "Low",
      reason: "RDGClientTransport = 1 forces the legacy RPC-over-HTTP transport to an RD Gateway; it does nothing for direct connections. Remove it unless it is a deliberate gateway workaround.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "Medium",
    reason: "mstsc logged no UDP transport drops together with 0x904 disconnects, and RDGClientTransport is not forcing RPC over HTTP.",
  },
  fix: {
    steps: [
      "Get-WinEvent -LogName 'Microsoft-Windows-TerminalServices-RDPClient/Operational' -MaxEvents 200 | Where-Object -Property Id -In 1026, 1105",
      `reg query "${POLICY_KEY}" /v fClientDisableUDP`,
      `reg add "${POLICY_KEY}" /v fClientDisableUDP /t REG_DWORD /d 1 /f`,
      "mstsc.exe /v:<server>",
    ],
    risks: ["None"],
    undo: `reg delete "${POLICY_KEY}" /v fClientDisableUDP /f when the query showed no value before; otherwise reg add the old value back. UDP off costs performance only.`,
  },
  sources: [
    { ref: "S11", url: "https://techcommunity.microsoft.com/t5/security-compliance-and-identity/what-8217-s-new-in-windows-server-2012-remote-desktop-gateway/ba-p/247611" },
    { ref: "S12", url: "https://gist.github.com/fcicq/5844f87ddff0e4b3ffd1ac706e1a9522" },
  ],
};
