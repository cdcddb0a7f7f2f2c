/** src/decode: parsing as ConvertRdpErrorCode does, decoding, neighbours, and plausible causes from the catalog. */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import { matchesErrorCode } from "../src/model/analyze.js";
import {
  CREDSSP_OUTCOME_NOTE, ERRINFO_MIRROR_NOTE, NOT_WIN32_NOTE, decode, isPlausibleCause,
} from "../src/decode/decode.js";
import { ErrorCodeInputError, formatHex, parseErrorCode } from "../src/decode/parse.js";

describe("parseErrorCode", () => {
  it.each([
    ["0x904", 2308], ["0X904", 2308], ["0x0904", 2308], ["2308", 2308], [" 0x7 ", 7], ["0", 0],
    ["0xFFFFFFFF", 0xffffffff], ["4294967295", 0xffffffff], ["0xabcdef", 0xabcdef],
  ])("reads %j as %i", (text, expected) => {
    expect(parseErrorCode(text, "CODE")).toBe(expected);
  });
  it.each(["", "  ", "zz", "0x", "0x1FFFFFFFF", "4294967296", "-1", "9.5", "0b101", "x904", "0x90G", "12345678901", "2308 0x7"])(
    "refuses %j with an error naming the argument",
    (text) => {
      expect(() => parseErrorCode(text, "--extended")).toThrow(ErrorCodeInputError);
      expect(() => parseErrorCode(text, "--extended")).toThrow(
        `--extended: '${text}' is not an error code. Use hex (0x904) or decimal (2308), at most 0xFFFFFFFF.`,
      );
    },
  );
  it("formats hex as the dialog does", () => {
    expect(formatHex(2308)).toBe("0x904");
    expect(formatHex(0)).toBe("0x0");
    expect(formatHex(0xffffffff)).toBe("0xFFFFFFFF");
  });
});

describe("decode", () => {
  it("gives the same answer for 0x904 and 2308", () => {
    expect(decode(parseErrorCode("0x904", "CODE"))).toEqual(decode(parseErrorCode("2308", "CODE")));
  });
  it("decodes the 0x904 / 0x7 pair", () => {
    const info = decode(0x904, 7);
    expect(info).toMatchObject({
      Code: 2308, Hex: "0x904", Name: "disconnectReasonAtClientWinsockFDCLOSE", Known: true, Source: "R1", Neighbours: [],
      CredSspOutcome: false, ExtendedCode: 7, ExtendedHex: "0x7", ExtendedName: "exDiscReasonServerDeniedConnection",
      ExtendedKnown: true, ExtendedSource: "R2", ExtendedNeighbours: [], ErrorInfo: "ERRINFO_SERVER_DENIED_CONNECTION",
    });
    expect(info.Meaning).toMatch(/socket closed/i);
    expect(info.ExtendedMeaning).toMatch(/server denied the connection/i);
    expect(info.Notes).toEqual([ERRINFO_MIRROR_NOTE, NOT_WIN32_NOTE]);
  });
  it("without an extended code leaves the extended fields null or empty", () => {
    expect(decode(0x204)).toMatchObject({
      ExtendedCode: null, ExtendedHex: null, ExtendedName: null, ExtendedMeaning: null, ExtendedKnown: null,
      ExtendedSource: null, ExtendedNeighbours: [], ErrorInfo: null, ErrorInfoMeaning: null, Notes: [],
    });
  });
  it("says unknown and names the nearest documented codes below and above", () => {
    const info = decode(0x905);
    expect(info).toMatchObject({ Known: false, Name: null, Meaning: null, Source: null });
    expect(info.Neighbours).toEqual([
      { Code: 0x904, Hex: "0x904", Name: "disconnectReasonAtClientWinsockFDCLOSE" },
      { Code: 0x906, Hex: "0x906", Name: "disconnectReasonInternalSecurityError" },
    ]);
  });
  it("has only a lower neighbour above the highest code", () => {
    expect(decode(0xffffffff).Neighbours).toEqual([{ Code: 0x2207, Hex: "0x2207", Name: "SSL_ERR_SMARTCARD_CARD_BLOCKED" }]);
  });
  it("flags field-only codes with their secondary source", () => {
    expect(decode(0x708)).toMatchObject({ Known: true, Source: "S9" });
  });
  it("notes the CredSSP/NLA inference for codes ending in 0x07, even unknown ones", () => {
    expect(decode(0x2107)).toMatchObject({ CredSspOutcome: true, Notes: [CREDSSP_OUTCOME_NOTE] });
    expect(decode(0x3007)).toMatchObject({ Known: false, CredSspOutcome: true });
    expect(decode(0x904).CredSspOutcome).toBe(false);
  });
  it("decodes extended codes in the protocol range and names the matching errorInfo", () => {
    expect(decode(0x904, 0x10d3)).toMatchObject({
      ExtendedKnown: true, ExtendedName: "exDiscReasonProtocolRange", ExtendedSource: "R2", ErrorInfo: "ERRINFO_CONNECTFAILED",
    });
    expect(decode(0x904, 4096)).toMatchObject({ ExtendedName: "exDiscReasonProtocolRangeStart", ErrorInfo: null });
  });
  it("keeps extended codes that exist only in the client enum without an errorInfo", () => {
    expect(decode(0x904, 8)).toMatchObject({ ExtendedName: "exDiscReasonServerDeniedConnectionFips", ErrorInfo: null, Notes: [NOT_WIN32_NOTE] });
    expect(decode(0x904, 267)).toMatchObject({ ExtendedKnown: true, ErrorInfo: null });
  });
  it("names the errorInfo of an extended code the client enum lacks, and its neighbours", () => {
    const info = decode(0x904, 0x1a);
    expect(info).toMatchObject({ ExtendedKnown: false, ExtendedName: null, ErrorInfo: "ERRINFO_SERVER_REBOOT" });
    expect(info.ExtendedNeighbours.map((n) => n.Code)).toEqual([12, 256]);
  });
});

describe("plausible causes follow the catalog", () => {
  it("lists, for 0x904, exactly the causes whose codes.disconnect has 0x904", () => {
    const expected = CATALOG.filter((c) => c.codes.disconnect.includes(0x904)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(decode(0x904).PlausibleCauses.map((c) => c.Id)).toEqual(expected);
  });
  it("narrows by the extended code when one is given", () => {
    const expected = CATALOG.filter((c) => c.codes.disconnect.includes(0x904) && c.codes.extended.includes(7)).map((c) => c.id);
    expect(decode(0x904, 7).PlausibleCauses.map((c) => c.Id)).toEqual(expected);
  });
  it("agrees with analyze.ts matchesErrorCode for every cause and a spread of code pairs", () => {
    const pairs: [number, number | null][] = [[0x904, null], [0x904, 7], [0x904, 0], [0x204, null], [0x808, 0x102], [0x2107, 10], [0x905, 7]];
    for (const cause of CATALOG) {
      for (const [code, extended] of pairs) {
        expect(isPlausibleCause(cause, code, extended)).toBe(matchesErrorCode(cause, code, extended) === true);
      }
    }
  });
  it("reads the causes given to it, not a hardcoded list", () => {
    const fake = { ...CATALOG[0]!, id: "C99", codes: { disconnect: [0x905], extended: [], negotiationFailure: [] } };
    expect(decode(0x905, null, [fake]).PlausibleCauses).toEqual([{ Id: "C99", Name: fake.name, Title: fake.title, Side: fake.side }]);
    expect(decode(0x904, null, []).PlausibleCauses).toEqual([]);
  });
});
