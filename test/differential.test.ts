/**
 * The differential test: every fixture in test/fixtures/snapshots/index.json is judged by the TypeScript catalog
 * (src/model/analyze.ts) and by the PRINTED PowerShell module (generate() -> RdpDoctor.psm1), run by the
 * interpreter in test/support/ps-eval because no pwsh exists here. Both must give the same findings, field by
 * field, in the same ranked order. The interpreter runs in two fixed time zones (this machine's and UTC+05:30), so a date computation that
 * only works where Local is UTC fails here too.
 *
 * The negative controls prove the comparison can fail: a mutated module text is caught, PowerShell-not-
 * JavaScript semantics are asserted on the interpreter, and syntax outside the subset throws.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import { resolveFunctionName } from "../codegen/targets/cause-functions.js";
import { SNAPSHOT_FIXTURES, readFixtureIndex } from "./support/fixture-files.js";
import { differences, generatedModuleText, runBothSides, type FixtureInput } from "./support/ps-eval/differential.js";
import { processZone, type TimeZone } from "./support/ps-eval/datetime.js";
import { loadModule, type LoadedModule } from "./support/ps-eval/module.js";
import { evaluateSnippet } from "./support/ps-eval/snippet.js";
import type { FixtureIndexEntry } from "./fixture-cases/case.js";

/** This machine's zone, and one that is surely not UTC (with a half-hour offset, to catch rounding to hours). */
const LOCAL = processZone();
const ZONES: readonly TimeZone[] = [LOCAL, { offsetMinutes: LOCAL.offsetMinutes === 330 ? -480 : 330 }];
const entries = readFixtureIndex();
const source = await generatedModuleText();

function inputOf(entry: FixtureIndexEntry): FixtureInput {
  return {
    json: readFileSync(join(SNAPSHOT_FIXTURES, entry.file), "utf8"),
    errorCode: entry.errorCode,
    extendedErrorCode: entry.extendedErrorCode,
  };
}

let modules: LoadedModule[] = [];
beforeAll(async () => {
  modules = await Promise.all(ZONES.map((zone) => loadModule(source, zone)));
});

describe("the printed module judges every fixture as the TypeScript catalog does", () => {
  it("defines one ResolveRdpCause function per catalog cause", () => {
    const names = new Set(modules[0]!.functionNames().map((n) => n.toLowerCase()));
    expect(CATALOG.map(resolveFunctionName).filter((n) => !names.has(n.toLowerCase()))).toEqual([]);
  });

  it.each(entries.map((e) => [e.file, e] as const))("%s", (_file, entry) => {
    const input = inputOf(entry);
    for (const module of modules) {
      const found = differences(runBothSides(module, CATALOG, input));
      expect(found, `UTC${module.zone.offsetMinutes >= 0 ? "+" : ""}${module.zone.offsetMinutes / 60}h`).toEqual([]);
    }
  });
});

describe("negative controls: the comparison can fail", () => {
  /** Runs every fixture against a module text and returns the fixtures with differences. */
  async function failingFixtures(text: string): Promise<string[]> {
    const module = await loadModule(text, ZONES[1]!);
    return entries.filter((e) => {
      try {
        return differences(runBothSides(module, CATALOG, inputOf(e))).length > 0;
      } catch {
        return true;
      }
    }).map((e) => e.file);
  }

  it("a changed reason string is caught", async () => {
    const reason = CATALOG[0]!.otherwise.reason.replace(/'/g, "''");
    expect(source.includes(`'${reason}'`), "the reason is printed as a literal").toBe(true);
    expect(await failingFixtures(source.replace(`'${reason}'`, "'mutated'"))).not.toEqual([]);
  });

  it("an ordering operator changed from -gt to -ge is caught", async () => {
    // The first `-gt 0` in a cause function: an Any/None count or a DaysUntil test.
    const start = source.indexOf(`function ${resolveFunctionName(CATALOG[0]!)}`);
    const at = source.indexOf("-gt 0", start);
    expect(at).toBeGreaterThan(start);
    expect(await failingFixtures(`${source.slice(0, at)}-ge 0${source.slice(at + 5)}`)).not.toEqual([]);
  });

  it("PowerShell semantics, not JavaScript's", async () => {
    expect(await evaluateSnippet("'Missing' -eq 'missing'")).toBe(true);
    expect(await evaluateSnippet("$null -lt 5")).toBe(true);
    expect(await evaluateSnippet("'10' -eq 10")).toBe(true);
    expect(await evaluateSnippet("@(1, 2, 3) -gt 1")).toEqual([2, 3]);
    expect(await evaluateSnippet("'2' -in @(1, 2)")).toBe(true);
    expect(await evaluateSnippet("@($null | Where-Object { $true }).Count")).toBe(1);
    expect(await evaluateSnippet("if (@(0)) { 'yes' } else { 'no' }")).toBe("no");
    expect(await evaluateSnippet("([version]'10.0.17763' -gt [version]'10.0.9600')")).toBe(true);
    expect(await evaluateSnippet("([pscustomobject]@{ A = 1 }).Count")).toBe(null);
    expect(await evaluateSnippet("(([datetime]'2026-01-02T00:00:00Z').ToUniversalTime() - ([datetime]'2026-01-01T00:00:00Z').ToUniversalTime()).TotalDays", 330)).toBe(1);
  });

  it("syntax outside the subset throws, naming the node type and line", async () => {
    await expect(evaluateSnippet("$a = 1\n$b = $a * 2")).rejects.toThrow(/multiplicative_expression .* at line 2/);
    await expect(evaluateSnippet("while ($true) { 1 }")).rejects.toThrow(/while_statement/);
    await expect(evaluateSnippet("\"$a\"")).rejects.toThrow(/expandable_string_literal/);
  });
});
