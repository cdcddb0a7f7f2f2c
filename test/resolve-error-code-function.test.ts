/**
 * The generated Resolve-RdpErrorCode (codegen/targets/module/resolve-error-code-function.ts): it prints, parses
 * with tree-sitter, carries every table entry and every cause's codes as data, and follows decode.ts.
 * pester/Commands/ResolveRdpErrorCode.Tests.ps1 runs it for real wherever pwsh exists.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { DocReader } from "../codegen/docs/jsdoc.js";
import { quoteString } from "../codegen/print/escape.js";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { resolveRdpErrorCodeCommand } from "../codegen/targets/module/resolve-error-code-function.js";
import { CATALOG } from "../src/catalog/index.js";
import { APPROVED_VERBS_51 } from "../src/ir/index.js";
import { CREDSSP_OUTCOME_NOTE, ERRINFO_MIRROR_NOTE, NOT_WIN32_NOTE } from "../src/decode/decode.js";
import {
  DISCONNECT_TABLE, ERRINFO_TABLE, EXTENDED_PROTOCOL_RANGE, EXTENDED_TABLE, type CodeEntry,
} from "../src/decode/tables/index.js";
import { generatedTextProblems } from "./support/powershell-rules.js";

const docs = new DocReader(join(import.meta.dirname, ".."));
const fn = resolveRdpErrorCodeCommand.build(CATALOG, docs);
const text = renderDoc(printNode(fn));
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const hexLiteral = (n: number): string => `0x${n.toString(16).toUpperCase()}`;

/** The printed `[pscustomobject]@{ Code = ...; Name = ...; Meaning = ...; Source = ... }` of one entry. */
function entryPattern(e: CodeEntry): RegExp {
  const line = (key: string, value: string) => `\\s+${key} = ${escapeRegex(value)}\\r\\n`;
  return new RegExp(
    `\\[pscustomobject\\]@\\{\\r\\n${line("Code", hexLiteral(e.code))}${line("Name", quoteString(e.name))}`
    + `${line("Meaning", quoteString(e.meaning))}${line("Source", quoteString(e.source))}\\s+\\}`,
  );
}

/** The text between `$<name> = @(` and the next assignment at the same indentation. */
function tableText(name: string): string {
  const start = text.indexOf(`$${name} = @(`);
  expect(start).toBeGreaterThan(0);
  const end = text.indexOf("\r\n        )\r\n", start);
  return text.slice(start, end);
}

describe("Resolve-RdpErrorCode (generated)", () => {
  it("parses with zero syntax problems and keeps the byte rules", async () => {
    expect(await generatedTextProblems(text)).toEqual([]);
  });
  it("is a public command with an approved verb, typed output and full help", () => {
    expect(fn.name).toBe("Resolve-RdpErrorCode");
    expect(APPROVED_VERBS_51.has("Resolve")).toBe(true);
    expect(text).toMatch(/\[OutputType\('RdpDoctor\.ErrorCodeInfo'\)\]/);
    expect(text).toMatch(/\.SYNOPSIS\r\n\s+Explains the two numbers of the Remote Desktop error dialog/);
    expect(text).toMatch(/\.PARAMETER Code\r\n/);
    expect(text).toMatch(/\.PARAMETER ExtendedCode\r\n/);
    expect(text.match(/\.EXAMPLE/g)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/\.OUTPUTS\r\n\s+RdpDoctor\.ErrorCodeInfo/);
  });
  it("parses both codes through ConvertRdpErrorCode, naming the parameter", () => {
    expect(text).toContain("ConvertRdpErrorCode -Value $Code -ParameterName 'Code'");
    expect(text).toContain("ConvertRdpErrorCode -Value $ExtendedCode -ParameterName 'ExtendedCode'");
  });
  it.each([
    ["disconnectTable", DISCONNECT_TABLE],
    ["extendedTable", EXTENDED_TABLE],
    ["errorInfoTable", ERRINFO_TABLE],
  ] as const)("emits every entry of $%s, in code order", (name, table) => {
    const data = tableText(name);
    let last = -1;
    for (const e of table) {
      const match = entryPattern(e).exec(data);
      expect(match, `${name} entry ${hexLiteral(e.code)} ${e.name}`).not.toBeNull();
      expect(match!.index).toBeGreaterThan(last);
      last = match!.index;
    }
    expect(data.match(/\[pscustomobject\]/g)).toHaveLength(table.length);
  });
  it("emits every catalog cause with its disconnect and extended codes", () => {
    // Long arrays print one item per line; collapse whitespace so both layouts compare alike.
    const flat = tableText("causeTable").replace(/\s+/g, " ").replace(/@\( /g, "@(").replace(/ \)/g, ")");
    const list = (codes: readonly number[]) => `@(${codes.map(hexLiteral).join(", ")})`;
    for (const c of CATALOG) {
      const block = flat.slice(flat.indexOf(`Id = '${c.id}'`), flat.indexOf("}", flat.indexOf(`Id = '${c.id}'`)));
      expect(block).toContain(`Title = ${quoteString(c.title)}`);
      expect(block).toContain(`Disconnect = ${list(c.codes.disconnect)}`);
      expect(block).toContain(`Extended = ${list(c.codes.extended)}`);
    }
    expect(flat.match(/\[pscustomobject\]/g)).toHaveLength(CATALOG.length);
  });
  it("builds the result with the same properties as decode.ts, in the same order", () => {
    const result = text.slice(text.lastIndexOf("[pscustomobject]@{", text.indexOf("PSTypeName = 'RdpDoctor.ErrorCodeInfo'")));
    const keys = [...result.matchAll(/^ {12}([A-Za-z]+) = /gm)].map((m) => m[1]);
    expect(keys).toEqual([
      "PSTypeName", "Code", "Hex", "Name", "Meaning", "Known", "Source", "Neighbours", "CredSspOutcome", "ExtendedCode",
      "ExtendedHex", "ExtendedName", "ExtendedMeaning", "ExtendedKnown", "ExtendedSource", "ExtendedNeighbours",
      "ErrorInfo", "ErrorInfoMeaning", "PlausibleCauses", "Notes",
    ]);
  });
  it("uses the notes and the protocol range of the TypeScript decoder", () => {
    for (const note of [CREDSSP_OUTCOME_NOTE, ERRINFO_MIRROR_NOTE, NOT_WIN32_NOTE]) expect(text).toContain(quoteString(note));
    expect(text).toContain(`($extended -gt ${EXTENDED_PROTOCOL_RANGE.first}) -and ($extended -lt ${EXTENDED_PROTOCOL_RANGE.last})`);
    expect(text).toContain(quoteString(EXTENDED_PROTOCOL_RANGE.name));
  });
});
