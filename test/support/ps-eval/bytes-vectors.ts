/**
 * Test vectors for the endpoint probe's byte helpers (test/endpoint-function.test.ts): the recorded xrdp and
 * freerdp-shadow answers of protocol-probe.md s3 (test/peers/recorded-answers.ts) and synthetic answers for what no
 * packaged peer sends (HYBRID_EX, RDSTLS, failure codes 4 and 6 come from shadow's table only, unknown values,
 * malformed TPKTs, and the first bytes of non-RDP services), plus the mapping of the Node probe's parse onto the
 * module's property names.
 */
import { CONFIRM_PROPERTIES } from "../../../codegen/targets/module/endpoint/connection-confirm-function.js";
import type { ConfirmParse } from "../../../src/probe/x224.js";
import * as recorded from "../../peers/recorded-answers.js";

/** The Node probe's parse in the module's property names (unset ones null). */
export function expected(p: ConfirmParse): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(CONFIRM_PROPERTIES.map((k) => [k, null]));
  out.Kind = p.kind;
  if ("length" in p) out.Length = p.length;
  switch (p.kind) {
    case "NegotiationResponse": Object.assign(out, { SelectedProtocol: p.protocolName, SelectedProtocolValue: p.selectedProtocol, Flags: p.flags }); break;
    case "NegotiationFailure": Object.assign(out, { FailureCode: p.code, NegotiationFailure: p.name }); break;
    case "McsDisconnect": out.DisconnectReason = p.reason; break;
    case "NotTpkt": out.Sniffed = p.sniffed; break;
    case "Truncated": out.Need = p.need; break;
    default: break;
  }
  return out;
}

export const ascii = (s: string): string => Buffer.from(s, "latin1").toString("hex");
export const RECORDED: Record<string, string> = {
  XRDP_SSL: recorded.XRDP_SSL, XRDP_RDP: recorded.XRDP_RDP, XRDP_FAIL_SSL_REQUIRED: recorded.XRDP_FAIL_SSL_REQUIRED,
  XRDP_FAIL_NO_CERT: recorded.XRDP_FAIL_NO_CERT, LEGACY_CC: recorded.LEGACY_CC, DPU: recorded.DPU, SHADOW_HYBRID: recorded.SHADOW_HYBRID,
  ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((code) => [`SHADOW_FAIL_${code}`, recorded.SHADOW_FAIL(code)])),
};
/** An RDP_NEG_RSP Connection Confirm selecting `protocol` with RSP `flags` (MS-RDPBCGR 2.2.1.2.1). */
export const rsp = (protocol: number, flags: number): string =>
  `030000130ed00000000000` + `02${flags.toString(16).padStart(2, "0")}0800` + Buffer.from(Uint32Array.of(protocol).buffer).toString("hex");
export const SYNTHETIC: Record<string, string> = {
  HYBRID_EX: "030000130ed000000000000203080008000000",
  RDSTLS: "030000130ed000001234000201080004000000",
  RDSAAD: "030000130ed000001234000201080010000000",
  UNKNOWN_PROTOCOL_0x20: "030000130ed000001234000201080020000000",
  HIGH_BYTES_PROTOCOL: "030000130ed0000012340002010800010000ff",
  UNKNOWN_FAILURE_9: "030000130ed000001234000300080009000000",
  NEG_TYPE_5: "030000130ed000001234000500080001000000",
  RSP_FLAGS_1F: rsp(0x02, 0x1f),
  CC_THEN_DPU: recorded.LEGACY_CC + recorded.DPU,
  FAILURE_THEN_DPU: recorded.XRDP_FAIL_NO_CERT + recorded.DPU,
  DT_NOT_DPU: "0300000902f0800100",
  DISCONNECT_REQUEST_TPDU: "0300000b06800000123400",
  LI_TOO_LARGE: "0300000bffd00000123400",
  TPKT_TOO_LONG: "0300ffff",
  TPKT_TOO_SHORT: "03000005",
  SECOND_BYTE_NOT_ZERO: "0301001302",
  SSH: ascii("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"),
  HTTP: ascii("HTTP/1.1 400 Bad Request\r\n\r\n"),
  HTTP_NO_DIGIT: ascii("HTTP/x"),
  TLS_ALERT: "15030300020246",
  TLS_HANDSHAKE: "160303007a020000760303",
  RFB: ascii("RFB 003.008\n"),
  SMTP: ascii("220 mail.example.com ESMTP\r\n"),
  FTP_DASH: ascii("220-Welcome\r\n"),
  POP3: ascii("+OK ready\r\n"),
  IMAP: ascii("* OK ready\r\n"),
  GARBAGE: "deadbeef",
  ONE_BYTE_TLS: "16",
  EMPTY: "",
};
export const TRUNCATED = Object.fromEntries([1, 2, 3, 4, 8, 11, 18].map((n) => [`XRDP_SSL first ${n} bytes`, recorded.XRDP_SSL.slice(0, n * 2)]));

