/**
 * src/probe/x224.ts on bytes: the CR layout (MS-RDPBCGR 2.2.1.1), every recorded xrdp/shadow answer
 * (protocol-probe.md s3, test/peers/recorded-answers.ts), and synthetic answers no packaged peer sends
 * (failure codes 4 and 6, HYBRID_EX, RDSTLS), truncation and not-TPKT sniffing.
 */
import { describe, expect, it } from "vitest";
import { MSTSC_REQUESTED_PROTOCOLS } from "../src/probe/endpoint-result.js";
import { buildConnectionRequest, parseConnectionConfirm, protocolMaskNames, sniffProtocol } from "../src/probe/x224.js";
import { DPU, LEGACY_CC, SHADOW_FAIL, SHADOW_HYBRID, XRDP_FAIL_NO_CERT, XRDP_FAIL_SSL_REQUIRED, XRDP_RDP, XRDP_SSL } from "./peers/recorded-answers.js";

const hex = (h: string) => Buffer.from(h, "hex");
/** A CC with RDP_NEG_RSP (type 2) or RDP_NEG_FAILURE (type 3), xrdp-style SRC-REF 0x1234. */
const cc = (type: 2 | 3, flags: number, value: number) =>
  hex(`030000130ed000001234000${type}${flags.toString(16).padStart(2, "0")}0800${value.toString(16).padStart(2, "0")}000000`);

describe("buildConnectionRequest", () => {
  it("builds mstsc's request byte for byte (s3: requestedProtocols 0x0B)", () => {
    expect(buildConnectionRequest(MSTSC_REQUESTED_PROTOCOLS).toString("hex")).toBe("030000130ee000000000000100080" + "00b000000");
  });
  it("builds a legacy request without RDP_NEG_REQ", () => {
    expect(buildConnectionRequest(null).toString("hex")).toBe("0300000b06e00000000000");
  });
  it("puts the cookie before RDP_NEG_REQ and counts it in LI and the TPKT length", () => {
    const cr = buildConnectionRequest(0x03, "alice");
    const cookie = "Cookie: mstshash=alice\r\n";
    expect(cr.readUInt16BE(2)).toBe(cr.length);
    expect(cr.length).toBe(19 + cookie.length);
    expect(cr[4]).toBe(cr.length - 5);
    expect(cr.subarray(11, 11 + cookie.length).toString("latin1")).toBe(cookie);
    expect(cr.subarray(-8).toString("hex")).toBe("0100080003000000");
  });
  it("writes RDP_NEG_REQ flags and rejects a cookie that would break the TPDU", () => {
    expect(buildConnectionRequest(0x01, { negFlags: 0x08 })[12]).toBe(0x08);
    expect(() => buildConnectionRequest(0x01, "two words")).toThrow(RangeError);
    expect(() => buildConnectionRequest(0x01, "x\r\n")).toThrow(RangeError);
  });
});

describe("parseConnectionConfirm: recorded answers (s3)", () => {
  it("xrdp PROTOCOL_SSL with EXTENDED_CLIENT_DATA_SUPPORTED", () => {
    expect(parseConnectionConfirm(hex(XRDP_SSL))).toEqual({
      kind: "NegotiationResponse", selectedProtocol: 1, protocolName: "SSL", flags: 1, flagNames: ["EXTENDED_CLIENT_DATA_SUPPORTED"], length: 19,
    });
  });
  it("xrdp PROTOCOL_RDP", () => {
    expect(parseConnectionConfirm(hex(XRDP_RDP))).toMatchObject({ kind: "NegotiationResponse", selectedProtocol: 0, protocolName: "RDP" });
  });
  it("xrdp failures 1 and 3", () => {
    expect(parseConnectionConfirm(hex(XRDP_FAIL_SSL_REQUIRED))).toEqual({ kind: "NegotiationFailure", code: 1, name: "SSL_REQUIRED_BY_SERVER", length: 19 });
    expect(parseConnectionConfirm(hex(XRDP_FAIL_NO_CERT))).toEqual({ kind: "NegotiationFailure", code: 3, name: "SSL_CERT_NOT_ON_SERVER", length: 19 });
  });
  it("legacy CC without negotiation data", () => {
    expect(parseConnectionConfirm(hex(LEGACY_CC))).toEqual({ kind: "LegacyConfirm", length: 11 });
  });
  it("MCS Disconnect Provider Ultimatum, reason rn-user-requested", () => {
    expect(parseConnectionConfirm(hex(DPU))).toEqual({ kind: "McsDisconnect", reason: "rn-user-requested", length: 9 });
  });
  it("a CC followed by a DPU in the same read parses the CC and reports its length", () => {
    const p = parseConnectionConfirm(hex(LEGACY_CC + DPU));
    expect(p).toEqual({ kind: "LegacyConfirm", length: 11 });
    expect(parseConnectionConfirm(hex(LEGACY_CC + DPU).subarray(11)).kind).toBe("McsDisconnect");
  });
  it("shadow PROTOCOL_HYBRID with flags 0x03", () => {
    expect(parseConnectionConfirm(hex(SHADOW_HYBRID))).toEqual({
      kind: "NegotiationResponse", selectedProtocol: 2, protocolName: "HYBRID", flags: 3,
      flagNames: ["EXTENDED_CLIENT_DATA_SUPPORTED", "DYNVC_GFX_PROTOCOL_SUPPORTED"], length: 19,
    });
  });
  it("shadow failures 2 and 5", () => {
    expect(parseConnectionConfirm(hex(SHADOW_FAIL(2)))).toMatchObject({ kind: "NegotiationFailure", code: 2, name: "SSL_NOT_ALLOWED_BY_SERVER" });
    expect(parseConnectionConfirm(hex(SHADOW_FAIL(5)))).toMatchObject({ kind: "NegotiationFailure", code: 5, name: "HYBRID_REQUIRED_BY_SERVER" });
  });
});

describe("parseConnectionConfirm: synthetic answers", () => {
  it("failure codes 4 and 6, and an undocumented code", () => {
    expect(parseConnectionConfirm(cc(3, 0, 4))).toMatchObject({ kind: "NegotiationFailure", code: 4, name: "INCONSISTENT_FLAGS" });
    expect(parseConnectionConfirm(cc(3, 0, 6))).toMatchObject({ kind: "NegotiationFailure", code: 6, name: "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER" });
    expect(parseConnectionConfirm(cc(3, 0, 0x42))).toMatchObject({ kind: "NegotiationFailure", code: 0x42, name: "UNKNOWN_FAILURE_66" });
  });
  it("HYBRID_EX, RDSTLS and RDSAAD selections, restricted admin and redirected auth flags", () => {
    expect(parseConnectionConfirm(cc(2, 0x1f, 8))).toMatchObject({
      protocolName: "HYBRID_EX",
      flagNames: ["EXTENDED_CLIENT_DATA_SUPPORTED", "DYNVC_GFX_PROTOCOL_SUPPORTED", "NEGRSP_FLAG_RESERVED", "RESTRICTED_ADMIN_MODE_SUPPORTED", "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED"],
    });
    expect(parseConnectionConfirm(cc(2, 0, 4))).toMatchObject({ kind: "NegotiationResponse", selectedProtocol: 4, protocolName: "RDSTLS" });
    expect(parseConnectionConfirm(cc(2, 0, 0x10))).toMatchObject({ protocolName: "RDSAAD" });
    expect(parseConnectionConfirm(cc(2, 0, 0x20))).toMatchObject({ selectedProtocol: 0x20, protocolName: null });
  });
  it("an unknown negotiation type and a non-CC TPDU are Unexpected", () => {
    expect(parseConnectionConfirm(cc(2, 0, 1).fill(0x07, 11, 12)).kind).toBe("Unexpected");
    expect(parseConnectionConfirm(hex("0300000b06800000000000")).kind).toBe("Unexpected"); // DR TPDU (0x80)
    expect(parseConnectionConfirm(hex("0300000902f0807f00")).kind).toBe("Unexpected"); // DT, not a DPU
  });
  it("truncated answers say how much is missing", () => {
    expect(parseConnectionConfirm(Buffer.alloc(0))).toEqual({ kind: "Truncated", have: 0, need: null });
    expect(parseConnectionConfirm(hex("0300"))).toEqual({ kind: "Truncated", have: 2, need: null });
    expect(parseConnectionConfirm(hex(XRDP_SSL).subarray(0, 12))).toEqual({ kind: "Truncated", have: 12, need: 19 });
  });
  it("a bogus TPKT length stops at once instead of waiting for it", () => {
    expect(parseConnectionConfirm(hex("0300ffff"))).toEqual({ kind: "NotTpkt", sniffed: "Unknown" });
    expect(parseConnectionConfirm(hex("03000003"))).toEqual({ kind: "NotTpkt", sniffed: "Unknown" });
  });
});

describe("not-TPKT sniffing (s4 step 3)", () => {
  const sniff = (s: string | Buffer) => parseConnectionConfirm(typeof s === "string" ? Buffer.from(s, "latin1") : s);
  it.each([
    ["TLS handshake record", hex("160303007a0200"), "TLS"],
    ["TLS alert", hex("15030100020228"), "TLS"],
    ["SSH banner", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", "SSH"],
    ["HTTP response", "HTTP/1.1 400 Bad Request\r\n", "HTTP"],
    ["VNC", "RFB 003.008\n", "RFB"],
    ["SMTP greeting", "220 mail.example ESMTP\r\n", "Banner"],
    ["POP3 greeting", "+OK ready\r\n", "Banner"],
    ["garbage", "\x00\x01garbage", "Unknown"],
  ])("%s", (_name, bytes, expected) => {
    expect(sniff(bytes)).toEqual({ kind: "NotTpkt", sniffed: expected });
  });
  it("a first byte 03 with a non-zero reserved byte is not a TPKT", () => {
    expect(sniffProtocol(hex("0301"))).toBe("Unknown");
    expect(parseConnectionConfirm(hex("0301002a")).kind).toBe("NotTpkt");
  });
});

describe("protocolMaskNames", () => {
  it("names the bits of a requestedProtocols mask", () => {
    expect(protocolMaskNames(0)).toEqual(["RDP"]);
    expect(protocolMaskNames(0x0b)).toEqual(["SSL", "HYBRID", "HYBRID_EX"]);
    expect(protocolMaskNames(0x41)).toEqual(["SSL", "0x40"]);
  });
});
