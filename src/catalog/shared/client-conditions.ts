/**
 * Conditions over the RDP client's own events (Microsoft-Windows-TerminalServices-RDPClient/Operational, provider
 * ClientActiveXCore) and the server's accept events, shared by the client and path causes (C13, C15, C16) and C03.
 * Event IDs and their meaning: causes-catalog.md section 2, "Evidence to collect on every run" (S4, S5).
 */
import type { EvidenceItem } from "../../model/cause.js";
import type { Condition } from "../../model/condition.js";
import { when } from "../../model/condition.js";
import { eventEvidence, eventGroup, eventSeen, PROVIDER } from "./events.js";

/** RDPClient 1026: "disconnected (Reason= N)"; the snapshot keeps N, the decimal disconnect reason, as Detail. */
export const CLIENT_DISCONNECTED = 1026;
/** RDPClient 1105: the multi-transport (UDP side channel) connection was disconnected. */
export const MULTI_TRANSPORT_DISCONNECTED = 1105;

/** Disconnect reasons (the dialog's "Error code") the client causes look for; causes-catalog.md table 1a (R1). */
export const DISCONNECT_REASON = {
  /** 0x904 disconnectReasonAtClientWinsockFDCLOSE: socket closed. */
  socketClosed: 0x904,
  /** 0x808 LicensingFailed: license negotiation failed. */
  licensingFailed: 0x808,
  /** 0x908 LicensingTimeout. */
  licensingTimeout: 0x908,
} as const;

/** The 1026 groups whose reason is one of `reasons`; Detail is text, so the numbers are compared as decimal strings. */
function clientDisconnectGroup(reasons: readonly number[]): Condition {
  return when.and(eventGroup(PROVIDER.rdpClient, [CLIENT_DISCONNECTED]), when.in("Detail", reasons.map((r) => String(r))));
}

/** mstsc on this computer logged a disconnect with one of these reasons in the snapshot's window. */
export function clientDisconnectSeen(reasons: readonly number[]): Condition {
  return when.any("Events.Groups", when.and(clientDisconnectGroup(reasons), when.compare("Count", "gt", 0)));
}

/** Evidence entry listing the client's 1026 groups with one of these reasons. */
export function clientDisconnectEvidence(label: string, reasons: readonly number[]): EvidenceItem {
  return { label, path: "Events.Groups", where: clientDisconnectGroup(reasons) };
}

/**
 * TermService on this computer accepted at least one connection in the window: RdpCoreTS 131 ("server accepted a
 * new TCP connection") or RemoteConnectionManager 261 ("listener received a connection"). Their absence while a
 * client saw 0x904 means something other than TermService answered (causes-catalog.md section 2, C03, C16).
 */
export function serverAcceptedConnection(): Condition {
  return when.or(eventSeen(PROVIDER.rdpCoreTs, [131]), eventSeen(PROVIDER.rcm, [261]));
}

/** Evidence entries for the accept events serverAcceptedConnection reads (C03, C16). */
export const SERVER_ACCEPT_EVIDENCE: readonly EvidenceItem[] = [
  eventEvidence("Events.RdpCoreTs131", PROVIDER.rdpCoreTs, [131]),
  eventEvidence("Events.Rcm261", PROVIDER.rcm, [261]),
];
