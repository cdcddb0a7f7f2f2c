import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnalyze } from "../cli/analyze-command.js";
import { SNAPSHOT_FIXTURES } from "./support/fixture-files.js";

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runAnalyze(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const expired = join(SNAPSHOT_FIXTURES, "C05", "fail-expired.json");
const scratch = mkdtempSync(join(tmpdir(), "rdp-analyze-"));

describe("rdp-doctor analyze", () => {
  it("prints the ranked findings with the failing cause first, its evidence and its fix", () => {
    const { code, out } = run(expired);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^RDSH01: 1 failed of \d+ checks \(snapshot version 1, judged at 2026-11-22T12:00:00\.0000000Z\)$/);
    expect(lines[1]).toMatch(/^Fail +C05 /);
    expect(out).toContain('evidence Listener.WmiCertificateHash = "3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A"');
    expect(out).toContain("fix: Remove-Item -Path 'Cert:\\LocalMachine\\Remote Desktop\\<Thumbprint>' -WhatIf");
  });

  it("--json prints the module's result shape, findings sorted by rank", () => {
    const { code, out } = run(expired, "--json");
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(["ComputerName", "SnapshotVersion", "CheckedAt", "ErrorCode", "ExtendedErrorCode", "Findings"]);
    expect(result.Findings[0]).toMatchObject({ Id: "C05", Status: "Fail", Confidence: "High", MatchesErrorCode: null, PolicyManaged: false });
    expect(Object.keys(result.Findings[0])).toEqual([
      "Id", "Name", "Title", "Side", "Status", "Confidence", "Reason", "Evidence", "PolicyManaged", "PolicyNote",
      "MatchesErrorCode", "Fix", "Undo", "Risk", "Sources",
    ]);
  });

  it.each([
    ["a missing file", ["/nonexistent/snap.json"], /cannot read '\/nonexistent\/snap\.json': ENOENT/],
    ["no file", [], /expected one SNAPSHOT\.json/],
    ["an unknown option", [expired, "--xml"], /Unknown option '--xml'/],
  ])("exits 2 with a clear message for %s", (_name, args, message) => {
    const { code, err } = run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it.each([
    ["not JSON", "{ nope", /is not JSON/],
    ["a newer schema version", JSON.stringify({ SchemaVersion: 2, CollectedAt: "2026-11-22T12:00:00Z" }), /SchemaVersion 2; this build reads version 1/],
    ["no CollectedAt", JSON.stringify({ SchemaVersion: 1 }), /no valid CollectedAt/],
    ["an array", "[]", /is not a snapshot object/],
  ])("refuses a snapshot that is %s", (_name, content, message) => {
    const file = join(scratch, "bad.json");
    writeFileSync(file, content);
    const { code, err } = run(file);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("reads a file with a UTF-8 BOM (Windows PowerShell 5.1 Set-Content -Encoding UTF8 writes one)", () => {
    const file = join(scratch, "bom.json");
    writeFileSync(file, `\uFEFF${JSON.stringify({ SchemaVersion: 1, ComputerName: "X", CollectedAt: "2026-11-22T12:00:00Z" })}`);
    expect(run(file, "--json").code).toBe(0);
  });
});
