import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { DocReader, helpFromDoc } from "../codegen/docs/jsdoc.js";
import { toAsciiProse } from "../codegen/docs/ascii-prose.js";

const docs = new DocReader(join(import.meta.dirname, ".."));

describe("JSDoc to comment-based help (ts-morph)", () => {
  const doc = docs.read("src/commands/test-rdp-error-0x904.ts", "testRdpError0x904");
  it("splits the first sentence into the synopsis", () => {
    expect(doc.summary).toBe("Finds which cause is behind Remote Desktop error 0x904 (extended error 0x7) on this computer, with evidence.");
    expect(doc.description[0]).toMatch(/^Error 0x904 means the client's socket was closed/);
  });
  it("reads @param, @example (code, then remarks), @outputs and @see with its scheme", () => {
    expect(doc.params.get("EventDays")).toEqual(["How many days of event logs to read when collecting. Default 7."]);
    expect(doc.examples[0]).toEqual({ code: ["Test-RdpError0x904"], remarks: ["Checks this computer and returns a ranked list of findings."] });
    expect(doc.outputs).toEqual(["RdpDoctor.DiagnosisResult"]);
    expect(doc.links[0]).toBe("https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected");
  });
  it("reads the JSDoc of catalog entries", () => {
    const c05 = docs.read("src/catalog/server/c05-listener-certificate.ts", "c05ListenerCertificate");
    expect(c05.summary).toMatch(/self-signed certificate is expired, missing/);
    expect(c05.description.join(" ")).toMatch(/never renames the\s+MachineKeys folder/i);
  });
  it("refuses help that lacks a documented parameter or an example", () => {
    expect(() => helpFromDoc(doc, ["EventDays", "Credential"])).toThrow(/lacks @param for: Credential/);
    expect(() => helpFromDoc({ ...doc, examples: [] }, ["EventDays"])).toThrow(/no @example/);
  });
  it("maps typographic characters to ASCII and rejects others with the location", () => {
    expect(toAsciiProse("It\u2019s \u201Cfine\u201D \u2013 `code`\u2026", "x.ts")).toBe("It's \"fine\" - code...");
    expect(() => toAsciiProse("caf\u00e9", "src/x.ts#y")).toThrow(/src\/x\.ts#y: help text has a non-ASCII character U\+00E9/);
  });
});
