/**
 * Every Pester suite, checked here where no pwsh can run it: it must parse (tree-sitter), and keep the byte
 * rules of this repository's PowerShell (printable ASCII, CRLF, no trailing whitespace), so a syntax slip in a
 * suite shows up in `npm test` instead of first on a machine with pwsh.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";

const PESTER = join(import.meta.dirname, "..", "pester");
const suites = readdirSync(PESTER, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".Tests.ps1"))
  .map((f) => f.split("\\").join("/"))
  .sort();

describe.each(suites)("pester/%s", (file) => {
  const text = readFileSync(join(PESTER, file), "latin1");

  it("parses with zero tree-sitter problems", async () => {
    expect((await parsePowerShell(text)).problems).toEqual([]);
  });

  it("is printable ASCII with CRLF line endings and no trailing whitespace", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
    expect(text.split("\r\n").filter((l) => /[^\x20-\x7E]|\s$/.test(l))).toEqual([]);
  });
});

it("finds every suite the runner runs", () => {
  expect(suites.length).toBeGreaterThanOrEqual(11);
  expect(suites).toContain("General/Escape.Tests.ps1");
  expect(suites).toContain("Checks/Catalog.Tests.ps1");
});
