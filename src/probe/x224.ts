/**
 * X.224 Connection Request / Connection Confirm for the endpoint probe (the first bytes mstsc sends and the
 * first answer an RDP server gives). Pure functions over buffers; the socket work is in connection.ts.
 *
 * Layouts (MS-RDPBCGR):
 *   CR   2.2.1.1   TPKT(03 00 LEN16BE) + X.224 CR TPDU (LI e0 DST-REF=0000 SRC-REF=0000 class=00)
 *                  [+ "Cookie: mstshash=NAME\r\n"] [+ RDP_NEG_REQ 2.2.1.1.1: 01 flags 08 00 requestedProtocols LE32]
 *   CC   2.2.1.2   TPKT + X.224 CC TPDU (LI d0 DST-REF SRC-REF class) [+ RDP_NEG_RSP 2.2.1.2.1 (type 02) or
 *                  RDP_NEG_FAILURE 2.2.1.2.2 (type 03): type flags 08 00 value LE32]
 *   DPU           TPKT + X.224 Data TPDU (02 f0 80) + T.125 DisconnectProviderUltimatum (choice 8, 3-bit reason),
 *                  which xrdp sends instead of a CC for offers it rejects (protocol-probe.md s3 notes on 0x10).
 * Recorded answers of xrdp and freerdp-shadow: protocol-probe.md s3. Request format: s4 step 3.
 */
import { NEGOTIATION_FAILURE_TABLE } from "../decode/tables/index.js";
import { PROTOCOL_FLAGS, type ProtocolName } from "./endpoint-result.js";

const TPKT_VERSION = 0x03;
const X224_CR = 0xe0;
const X224_CC = 0xd0;
const X224_DT = 0xf0;
const TYPE_RDP_NEG_REQ = 0x01;
const TYPE_RDP_NEG_RSP = 0x02;
const TYPE_RDP_NEG_FAILURE = 0x03;
/** A CC is 11 bytes without negotiation data, 19 with it; anything far larger is not an RDP server talking. */
const MAX_TPKT_LENGTH = 0x4000;

/** RDP_NEG_RSP flags, MS-RDPBCGR 2.2.1.2.1. */
export const NEG_RSP_FLAGS: Readonly<Record<number, string>> = {
  0x01: "EXTENDED_CLIENT_DATA_SUPPORTED",
  0x02: "DYNVC_GFX_PROTOCOL_SUPPORTED",
  0x04: "NEGRSP_FLAG_RESERVED",
  0x08: "RESTRICTED_ADMIN_MODE_SUPPORTED",
  0x10: "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED",
};

/** RDP_NEG_FAILURE failureCode names, MS-RDPBCGR 2.2.1.2.2: the decode table is the one source (the module emits it too). */
export const NEG_FAILURE_CODES: Readonly<Record<number, string>> = Object.fromEntries(NEGOTIATION_FAILURE_TABLE.map((e) => [e.code, e.name]));

/** Meaning of a failure code in our words (same table), or null for an undocumented code. */
export const negotiationFailureMeaning = (code: number): string | null => NEGOTIATION_FAILURE_TABLE.find((e) => e.code === code)?.meaning ?? null;

/** T.125 DisconnectProviderUltimatum reasons in PER enumeration order (xrdp sends 3, rn-user-requested; s3 neg-badkey). */
export const DPU_REASONS: readonly string[] = ["rn-domain-disconnected", "rn-provider-initiated", "rn-token-purged", "rn-user-requested", "rn-channel-purged"];

/** What a non-RDP service on the port looks like from its first bytes. */
export type SniffedProtocol = "TLS" | "SSH" | "HTTP" | "RFB" | "Banner" | "Unknown";

export type ConfirmParse =
  | { kind: "NegotiationResponse"; selectedProtocol: number; protocolName: ProtocolName | null; flags: number; flagNames: string[]; length: number }
  | { kind: "NegotiationFailure"; code: number; name: string; length: number }
  /** A CC without RDP_NEG_*: the server speaks only Standard RDP Security (pre-2003 style). */
  | { kind: "LegacyConfirm"; length: number }
  | { kind: "McsDisconnect"; reason: string; length: number }
  | { kind: "NotTpkt"; sniffed: SniffedProtocol }
  /** Fewer bytes than one complete TPKT (also: nothing at all). The reader keeps waiting, bounded by its timeout. */
  | { kind: "Truncated"; have: number; need: number | null }
  /** A well-formed TPKT that is neither a CC nor a DPU. */
  | { kind: "Unexpected"; detail: string; length: number };

export interface ConnectionRequestOptions {
  /** Sent as "Cookie: mstshash=NAME\r\n" (2.2.1.1 routingToken/cookie); load balancers route on it. */
  cookie?: string;
  /** RDP_NEG_REQ flags (2.2.1.1.1); mstsc sends 0 unless restricted admin mode is requested. */
  negFlags?: number;
}

/**
 * The Connection Request. `requestedProtocols` null sends a legacy CR without RDP_NEG_REQ (what pre-Vista
 * clients sent), used by enumeration to see whether the server still serves Standard RDP Security.
 */
export function buildConnectionRequest(requestedProtocols: number | null, options: ConnectionRequestOptions | string = {}): Buffer {
  const opts = typeof options === "string" ? { cookie: options } : options;
  if (opts.cookie !== undefined && !/^[\x21-\x7e]{1,64}$/.test(opts.cookie)) {
    // The cookie ends at CR LF (2.2.1.1); a space or control byte would corrupt the TPDU.
    throw new RangeError(`cookie must be 1-64 printable ASCII characters without spaces: ${JSON.stringify(opts.cookie)}`);
  }
  const cookie = opts.cookie ? Buffer.from(`Cookie: mstshash=${opts.cookie}\r\n`, "ascii") : Buffer.alloc(0);
  const neg = Buffer.alloc(requestedProtocols === null ? 0 : 8);
  if (requestedProtocols !== null) {
    neg.writeUInt8(TYPE_RDP_NEG_REQ, 0);
    neg.writeUInt8(opts.negFlags ?? 0, 1);
    neg.writeUInt16LE(8, 2);
    neg.writeUInt32LE(requestedProtocols >>> 0, 4);
  }
  const fixed = Buffer.from([X224_CR, 0x00, 0x00, 0x00, 0x00, 0x00]);
  // LI counts the TPDU header bytes after itself (X.224 13.3.1), so it includes cookie and NEG_REQ.
  const li = fixed.length + cookie.length + neg.length;
  const total = 4 + 1 + li;
  return Buffer.concat([Buffer.from([TPKT_VERSION, 0x00, (total >> 8) & 0xff, total & 0xff, li]), fixed, cookie, neg]);
}

/** Name of a selectedProtocol value, or null for a value no spec version defines. */
export function protocolName(value: number): ProtocolName | null {
  const hit = Object.entries(PROTOCOL_FLAGS).find(([, v]) => v === value);
  return hit ? (hit[0] as ProtocolName) : null;
}

/** Names of the protocol bits in a requestedProtocols mask ("RDP" for 0). */
export function protocolMaskNames(mask: number): string[] {
  if (mask === 0) return ["RDP"];
  const names = Object.entries(PROTOCOL_FLAGS).filter(([, v]) => v !== 0 && (mask & v) === v).map(([k]) => k);
  const known = names.reduce((m, n) => m | PROTOCOL_FLAGS[n as ProtocolName], 0);
  if ((mask & ~known) !== 0) names.push(`0x${(mask & ~known).toString(16)}`);
  return names;
}

export function negotiationFailureName(code: number): string {
  return NEG_FAILURE_CODES[code] ?? `UNKNOWN_FAILURE_${code}`;
}

function flagNames(flags: number): string[] {
  const names: string[] = [];
  for (let bit = 1; bit <= 0x80; bit <<= 1) if (flags & bit) names.push(NEG_RSP_FLAGS[bit] ?? `0x${bit.toString(16).padStart(2, "0")}`);
  return names;
}

/** Guesses the service from bytes that are not a TPKT (s4 step 3: TLS record, SSH, HTTP, RFB or a 220-style banner). */
export function sniffProtocol(bytes: Buffer): SniffedProtocol {
  // TLS record: ContentType handshake(22)/alert(21)/change-cipher(20), then major version 3 (RFC 8446 5.1).
  if (bytes.length >= 2 && bytes[0]! >= 0x14 && bytes[0]! <= 0x17 && bytes[1] === 0x03) return "TLS";
  const text = bytes.subarray(0, 16).toString("latin1");
  if (text.startsWith("SSH-")) return "SSH";
  if (/^HTTP\/\d/.test(text)) return "HTTP";
  if (text.startsWith("RFB ")) return "RFB";
  // SMTP/FTP/POP-style greetings: a 3-digit code then space or dash, or "+OK"/"* OK".
  if (/^(\d{3}[ -]|\+OK|\* OK)/.test(text)) return "Banner";
  return "Unknown";
}

/**
 * Parses the first TPKT of a server's answer to the CR. Never throws; a caller that gets Truncated reads more.
 * A first byte other than 03 stops at once (NotTpkt) instead of waiting for a bogus length (s4 step 3).
 */
export function parseConnectionConfirm(bytes: Buffer): ConfirmParse {
  if (bytes.length === 0) return { kind: "Truncated", have: 0, need: null };
  if (bytes[0] !== TPKT_VERSION || (bytes.length >= 2 && bytes[1] !== 0x00)) return { kind: "NotTpkt", sniffed: sniffProtocol(bytes) };
  if (bytes.length < 4) return { kind: "Truncated", have: bytes.length, need: null };
  const length = bytes.readUInt16BE(2);
  if (length < 7 || length > MAX_TPKT_LENGTH) return { kind: "NotTpkt", sniffed: "Unknown" };
  if (bytes.length < length) return { kind: "Truncated", have: bytes.length, need: length };
  const li = bytes[4]!;
  const code = bytes[5]! & 0xf0;
  if (li + 5 > length) return { kind: "Unexpected", detail: `X.224 length indicator ${li} exceeds the TPKT length ${length}`, length };

  if (code === X224_DT) {
    // DT TPDU is 02 f0 80; the T.125 PER choice index sits in the top 6 bits of the next byte (8 = DPU).
    const mcs = 5 + li;
    if (length >= mcs + 2 && bytes[mcs]! >> 2 === 8) {
      const reason = ((bytes[mcs]! & 0x03) << 1) | (bytes[mcs + 1]! >> 7);
      return { kind: "McsDisconnect", reason: DPU_REASONS[reason] ?? `reason-${reason}`, length };
    }
    return { kind: "Unexpected", detail: "X.224 Data TPDU that is not an MCS Disconnect Provider Ultimatum", length };
  }
  if (code !== X224_CC) return { kind: "Unexpected", detail: `X.224 TPDU code 0x${code.toString(16)} instead of a Connection Confirm (0xd0)`, length };
  // Fixed CC header is 7 bytes (LI..class); negotiation data, when present, follows at offset 11.
  if (length < 11 + 8 || li < 6 + 8) return { kind: "LegacyConfirm", length };
  const type = bytes[11]!;
  const flags = bytes[12]!;
  const value = bytes.readUInt32LE(15);
  if (type === TYPE_RDP_NEG_RSP) {
    return { kind: "NegotiationResponse", selectedProtocol: value, protocolName: protocolName(value), flags, flagNames: flagNames(flags), length };
  }
  if (type === TYPE_RDP_NEG_FAILURE) return { kind: "NegotiationFailure", code: value, name: negotiationFailureName(value), length };
  return { kind: "Unexpected", detail: `Connection Confirm with negotiation type 0x${type.toString(16)}`, length };
}

/** True once `parse` is final: more bytes cannot change it. */
export const isComplete = (parse: ConfirmParse): boolean => parse.kind !== "Truncated";

/** Bytes the first TPKT used (0 for NotTpkt/Truncated), to look at what followed it (e.g. xrdp's DPU after a CC). */
export const parsedLength = (parse: ConfirmParse): number => ("length" in parse ? parse.length : 0);
