/**
 * Security-protocol enumeration (-Enumerate / --enumerate): each offer on its own connection, no TLS
 * (protocol-probe.md s4 "Enumeration"). An offer counts as accepted only when the server selects exactly that
 * protocol and does not disconnect right after: nmap's rdp-enum-encryption counts any RDP_NEG_RSP as success and so
 * reports CredSSP on xrdp, which answers a CredSSP offer with SSL (s4, pitfall P7).
 */
import { connectTcp, exchangeConfirm, type ConfirmExchange } from "./connection.js";
import { PROTOCOL_FLAGS, type ProtocolName } from "./endpoint-result.js";
import { buildConnectionRequest, type ConfirmParse } from "./x224.js";

export interface EnumerationOffer {
  /** Evidence key, e.g. "Offer 0x03 (HYBRID)". */
  label: string;
  /** requestedProtocols; null = legacy CR without RDP_NEG_REQ. */
  requested: number | null;
  /** The protocol this offer tests. */
  protocol: ProtocolName;
}

/**
 * The offers of s4. CredSSP is offered as SSL|HYBRID (0x03) because MS-RDPBCGR 2.2.1.1.1 defines HYBRID on top of
 * TLS; the others alone, as in the s3 enumeration table.
 */
export const ENUMERATION_OFFERS: readonly EnumerationOffer[] = [
  { label: "Legacy (no RDP_NEG_REQ)", requested: null, protocol: "RDP" },
  { label: "Offer 0x00 (RDP)", requested: PROTOCOL_FLAGS.RDP, protocol: "RDP" },
  { label: "Offer 0x01 (SSL)", requested: PROTOCOL_FLAGS.SSL, protocol: "SSL" },
  { label: "Offer 0x03 (HYBRID)", requested: PROTOCOL_FLAGS.SSL | PROTOCOL_FLAGS.HYBRID, protocol: "HYBRID" },
  { label: "Offer 0x04 (RDSTLS)", requested: PROTOCOL_FLAGS.RDSTLS, protocol: "RDSTLS" },
  { label: "Offer 0x08 (HYBRID_EX)", requested: PROTOCOL_FLAGS.HYBRID_EX, protocol: "HYBRID_EX" },
  { label: "Offer 0x10 (RDSAAD)", requested: PROTOCOL_FLAGS.RDSAAD, protocol: "RDSAAD" },
];

/** Long enough to catch xrdp's DPU, which follows its CC within 2 ms (s3 legacy-column notes). */
export const ENUMERATION_LINGER_MS = 150;

export interface OfferOutcome { offer: EnumerationOffer; accepted: boolean; answer: string }

function describeParse(p: ConfirmParse): string {
  switch (p.kind) {
    case "NegotiationResponse": return `selected ${p.protocolName ?? `0x${p.selectedProtocol.toString(16)}`}`;
    case "NegotiationFailure": return `failure ${p.name}`;
    case "LegacyConfirm": return "confirm without negotiation data";
    case "McsDisconnect": return `MCS disconnect (${p.reason})`;
    case "NotTpkt": return `not RDP (${p.sniffed})`;
    case "Truncated": return p.have === 0 ? "no answer" : "incomplete answer";
    case "Unexpected": return `invalid answer (${p.detail})`;
  }
}

/** "selected SSL", "selected SSL, then MCS disconnect", "failure HYBRID_REQUIRED_BY_SERVER", "refused: ECONNREFUSED" ... */
export function describeExchange(x: ConfirmExchange): string {
  const text = describeParse(x.parse);
  const tail = x.after ? `, then ${describeParse(x.after)}` : x.closedByPeer && x.parse.kind !== "Truncated" && x.parse.kind !== "McsDisconnect" ? ", then closed" : "";
  const end = x.parse.kind === "Truncated" && x.end !== "Answer" ? ` (${x.end.toLowerCase()})` : "";
  return `${text}${tail}${end}`;
}

export function offerAccepted(offer: EnumerationOffer, x: ConfirmExchange): boolean {
  // A server that confirms and then aborts cannot serve the protocol (xrdp with a broken key or TLS-only, s3).
  if (x.after !== null || x.closedByPeer) return false;
  if (offer.requested === null) return x.parse.kind === "LegacyConfirm";
  return x.parse.kind === "NegotiationResponse" && x.parse.selectedProtocol === PROTOCOL_FLAGS[offer.protocol];
}

/** Sequential on purpose: xrdp's listen backlog is 2 and parallel SYNs stall for seconds (s7, pitfall P3). */
export async function enumerateProtocols(address: string, port: number, timeoutMs: number, cookie?: string): Promise<OfferOutcome[]> {
  const out: OfferOutcome[] = [];
  const lingerMs = Math.min(ENUMERATION_LINGER_MS, timeoutMs);
  for (const offer of ENUMERATION_OFFERS) {
    const tcp = await connectTcp(address, port, timeoutMs);
    if (!tcp.ok) {
      out.push({ offer, accepted: false, answer: `no connection: ${tcp.error}` });
      continue;
    }
    const request = buildConnectionRequest(offer.requested, cookie === undefined ? {} : { cookie });
    const x = await exchangeConfirm(tcp.socket, request, { timeoutMs, lingerMs });
    out.push({ offer, accepted: offerAccepted(offer, x), answer: describeExchange(x) });
  }
  return out;
}

/** Accepted protocols in PROTOCOL_FLAGS order, each once (legacy and 0x00 both test RDP). */
export function acceptedProtocols(outcomes: readonly OfferOutcome[]): ProtocolName[] {
  const set = new Set(outcomes.filter((o) => o.accepted).map((o) => o.offer.protocol));
  return (Object.keys(PROTOCOL_FLAGS) as ProtocolName[]).filter((p) => set.has(p));
}
