/** The decoding tables (src/decode/tables): every entry well-formed, spot checks against the primary sources. */
import { describe, expect, it } from "vitest";
import {
  DECODE_SOURCES, DISCONNECT_TABLE, ERRINFO_TABLE, EXTENDED_PROTOCOL_RANGE, EXTENDED_TABLE, NEGOTIATION_FAILURE_TABLE,
  isSecondarySource, type CodeEntry,
} from "../src/decode/tables/index.js";
import { findEntry } from "../src/decode/decode.js";

const TABLES: readonly (readonly [string, readonly CodeEntry[]])[] = [
  ["disconnect reasons", DISCONNECT_TABLE],
  ["extended reasons", EXTENDED_TABLE],
  ["errorInfo", ERRINFO_TABLE],
  ["RDP_NEG_FAILURE", NEGOTIATION_FAILURE_TABLE],
];

const named = (table: readonly CodeEntry[], code: number) => findEntry(table, code);

describe.each(TABLES)("%s table", (_label, table) => {
  it("has unique codes, sorted ascending, each an unsigned 32-bit integer", () => {
    const codes = table.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    for (const c of codes) expect(Number.isInteger(c) && c >= 0 && c <= 0xffffffff).toBe(true);
  });
  it.each(table.map((e) => [`0x${e.code.toString(16)}`, e] as const))("entry %s: name, ASCII meaning and a known source", (_hex, e) => {
    expect(e.name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(e.meaning.length).toBeGreaterThan(5);
    expect(e.meaning).toMatch(/^[\x20-\x7e]+$/);
    expect(e.meaning).toMatch(/[.)]$/);
    expect(Object.keys(DECODE_SOURCES)).toContain(e.source);
  });
});

describe("disconnect reasons (IMsTscAxEvents::OnDisconnected, R1)", () => {
  it("decodes 0x904 as AtClientWinsockFDCLOSE, socket closed", () => {
    const e = named(DISCONNECT_TABLE, 0x904)!;
    expect(e.name).toBe("disconnectReasonAtClientWinsockFDCLOSE");
    expect(e.meaning.toLowerCase()).toContain("socket closed");
    expect(e.source).toBe("R1");
  });
  it("holds all 47 documented codes, and the two field-only codes are flagged secondary", () => {
    expect(DISCONNECT_TABLE.filter((e) => e.source === "R1")).toHaveLength(47);
    const secondary = DISCONNECT_TABLE.filter((e) => isSecondarySource(e.source)).map((e) => e.code);
    expect(secondary).toEqual([0x4, 0x708]);
  });
  it("has the neighbours of 0x904 from causes-catalog.md section 1a", () => {
    expect(named(DISCONNECT_TABLE, 0x204)!.name).toBe("disconnectReasonSocketConnectFailed");
    expect(named(DISCONNECT_TABLE, 0x108)!.name).toBe("disconnectReasonConnectionTimedOut");
    expect(named(DISCONNECT_TABLE, 0x906)!.name).toBe("disconnectReasonInternalSecurityError");
    expect(named(DISCONNECT_TABLE, 0x2207)!.name).toBe("SSL_ERR_SMARTCARD_CARD_BLOCKED");
  });
  it("lists every SSL_ERR_* code with a low byte of 0x07, and only those", () => {
    for (const e of DISCONNECT_TABLE) expect(e.name.startsWith("SSL_ERR_")).toBe(e.code % 256 === 0x07);
  });
});

describe("extended reasons (ExtendedDisconnectReasonCode, R2)", () => {
  it("decodes 7 as ServerDeniedConnection, the server denied the connection", () => {
    const e = named(EXTENDED_TABLE, 7)!;
    expect(e.name).toBe("exDiscReasonServerDeniedConnection");
    expect(e.meaning.toLowerCase()).toContain("server denied the connection");
  });
  it("uses LogoffByUser = 12 (the live page), not the repository copy's 2", () => {
    expect(named(EXTENDED_TABLE, 12)!.name).toBe("exDiscReasonLogoffByUser");
    expect(named(EXTENDED_TABLE, 2)!.name).toBe("exDiscReasonAPIInitiatedLogoff");
  });
  it("has the protocol range bounds as entries and as the range label", () => {
    expect(named(EXTENDED_TABLE, EXTENDED_PROTOCOL_RANGE.first)!.name).toBe("exDiscReasonProtocolRangeStart");
    expect(named(EXTENDED_TABLE, EXTENDED_PROTOCOL_RANGE.last)!.name).toBe("exDiscReasonProtocolRangeEnd");
    expect(EXTENDED_TABLE).toHaveLength(28);
  });
});

describe("errorInfo (MS-RDPBCGR 2.2.5.1.1, R3)", () => {
  it("decodes 0x7 as ERRINFO_SERVER_DENIED_CONNECTION and has no 0x8", () => {
    expect(named(ERRINFO_TABLE, 0x7)!.name).toBe("ERRINFO_SERVER_DENIED_CONNECTION");
    expect(named(ERRINFO_TABLE, 0x8)).toBeUndefined();
  });
  it("covers licensing 0x100-0x10A, the broker codes and the protocol range from 0x10C9", () => {
    for (let c = 0x100; c <= 0x10a; c++) expect(named(ERRINFO_TABLE, c)!.name).toMatch(/^ERRINFO_LICENSE_/);
    expect(named(ERRINFO_TABLE, 0x400)!.name).toBe("ERRINFO_CB_DESTINATION_NOT_FOUND");
    expect(named(ERRINFO_TABLE, 0x10c9)!.name).toBe("ERRINFO_UNKNOWNPDUTYPE2");
    expect(named(ERRINFO_TABLE, 0x10d3)!.name).toBe("ERRINFO_CONNECTFAILED");
    expect(named(ERRINFO_TABLE, 0x1192)!.name).toBe("ERRINFO_DECRYPTFAILED");
    expect(named(ERRINFO_TABLE, 0x1194)!.name).toBe("ERRINFO_ENCPKGMISMATCH");
    expect(named(ERRINFO_TABLE, 0x1a)!.name).toBe("ERRINFO_SERVER_REBOOT");
    expect(ERRINFO_TABLE.every((e) => e.name.startsWith("ERRINFO_") && e.source === "R3")).toBe(true);
  });
});

describe("RDP_NEG_FAILURE failureCode (MS-RDPBCGR 2.2.1.2.2, R5)", () => {
  it("has exactly codes 1-6 with the spec names", () => {
    expect(NEGOTIATION_FAILURE_TABLE.map((e) => [e.code, e.name])).toEqual([
      [1, "SSL_REQUIRED_BY_SERVER"], [2, "SSL_NOT_ALLOWED_BY_SERVER"], [3, "SSL_CERT_NOT_ON_SERVER"],
      [4, "INCONSISTENT_FLAGS"], [5, "HYBRID_REQUIRED_BY_SERVER"], [6, "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER"],
    ]);
  });
});

describe("extended codes mirror errorInfo (causes-catalog.md section 0)", () => {
  // Names differ in spelling across the two documents; these pairs say the same thing.
  const MIRRORED = [...Array.from({ length: 8 }, (_, i) => i), 9, 10, 11, 12, ...Array.from({ length: 11 }, (_, i) => 256 + i)];
  it.each(MIRRORED)("extended %i has an errorInfo of the same value", (code) => {
    expect(named(EXTENDED_TABLE, code)).toBeDefined();
    expect(named(ERRINFO_TABLE, code)).toBeDefined();
  });
  it("matches the licensing names one to one", () => {
    const pairs = Array.from({ length: 11 }, (_, i) => [named(EXTENDED_TABLE, 256 + i)!.name, named(ERRINFO_TABLE, 256 + i)!.name]);
    expect(pairs[0]).toEqual(["exDiscReasonLicenseInternal", "ERRINFO_LICENSE_INTERNAL"]);
    expect(pairs[10]).toEqual(["exDiscReasonLicenseNoRemoteConnections", "ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS"]);
    // Every pair: the client enum's CamelCase suffix is the spec's UPPER_SNAKE name, with the client's "Err" for "BAD".
    const asSpec = (name: string) => `ERRINFO_LICENSE_${name.replace(/^exDiscReasonLicense/, "").replace(/(?!^)([A-Z])/g, "_$1").toUpperCase().replace(/^ERR_/, "BAD_")}`;
    expect(pairs.map(([client]) => asSpec(client!))).toEqual(pairs.map(([, spec]) => spec));
  });
  it.each([8, 267])("extended %i exists only in the client enum", (code) => {
    expect(named(EXTENDED_TABLE, code)).toBeDefined();
    expect(named(ERRINFO_TABLE, code)).toBeUndefined();
  });
});
