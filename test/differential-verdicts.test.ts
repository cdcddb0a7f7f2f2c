/**
 * test/fixtures/verdicts.json: the expected verdicts for every fixture in test/fixtures/snapshots/index.json,
 * computed by the TypeScript catalog (src/model/analyze.ts). pester/Checks/Catalog.Tests.ps1 compares the real
 * module's Test-RdpError0x904 with this file, so Pester (with pwsh) and vitest (without) hold the module to the
 * same expectations. This test fails when the file is out of date; UPDATE_FIXTURES=1 rewrites it.
 * (It lives outside test/fixtures/snapshots, which test/fixtures-materialize.test.ts owns file by file.)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import { analyzeSnapshot } from "../src/model/analyze.js";
import { readFixtureIndex, readFixtureSnapshot, toJson } from "./support/fixture-files.js";

export const VERDICTS_FILE = join(import.meta.dirname, "fixtures", "verdicts.json");

function expectedVerdicts() {
  return readFixtureIndex().map((entry) => {
    const snapshot = readFixtureSnapshot(entry);
    const result = analyzeSnapshot(snapshot, CATALOG, {
      now: new Date(snapshot.CollectedAt),
      errorCode: entry.errorCode,
      extendedErrorCode: entry.extendedErrorCode,
    });
    return {
      file: entry.file,
      errorCode: entry.errorCode,
      extendedErrorCode: entry.extendedErrorCode,
      ranked: result.Findings.map((f) => f.Id),
      findings: Object.fromEntries(result.Findings.map((f) => [f.Id, {
        Status: f.Status,
        Confidence: f.Confidence,
        MatchesErrorCode: f.MatchesErrorCode,
        PolicyManaged: f.PolicyManaged,
      }])),
    };
  });
}

const expected = toJson(expectedVerdicts());
if (process.env.UPDATE_FIXTURES === "1" && process.env.CI !== "true") writeFileSync(VERDICTS_FILE, expected);

describe("test/fixtures/verdicts.json (UPDATE_FIXTURES=1 rewrites it)", () => {
  it("exists", () => {
    expect(existsSync(VERDICTS_FILE), `${VERDICTS_FILE} is missing; run UPDATE_FIXTURES=1 npx vitest run test/differential-verdicts.test.ts`).toBe(true);
  });
  it("matches the TypeScript analysis of every fixture", () => {
    expect(readFileSync(VERDICTS_FILE, "utf8") === expected, "verdicts.json is out of date; run UPDATE_FIXTURES=1").toBe(true);
  });
});
