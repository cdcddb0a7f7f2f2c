/**
 * The catalog over the shared snapshot fixtures, analyzed in Node as `rdp-doctor analyze` does:
 * - every case gives its cause the expected status;
 * - in every broken (Fail) case the top-ranked finding is that cause ("the top Fail is the true cause");
 * - healthy fixtures give no Fail at all;
 * - every cause has Pass, Fail and NotApplicable fixtures.
 */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import { analyzeSnapshot } from "../src/model/analyze.js";
import { readFixtureIndex, readFixtureSnapshot } from "./support/fixture-files.js";
import type { FixtureIndexEntry } from "./fixture-cases/case.js";

const entries = readFixtureIndex();

function analyze(entry: FixtureIndexEntry) {
  const snapshot = readFixtureSnapshot(entry);
  return analyzeSnapshot(snapshot, CATALOG, {
    now: new Date(snapshot.CollectedAt),
    errorCode: entry.errorCode,
    extendedErrorCode: entry.extendedErrorCode,
  });
}

const causeCases = entries.filter((e) => e.cause !== "Healthy");

describe("each fixture gives its cause the expected status", () => {
  it.each(causeCases.map((e) => [e.file, e] as const))("%s", (_file, entry) => {
    const finding = analyze(entry).Findings.find((f) => f.Id === entry.cause);
    expect(finding, `${entry.cause} is in the catalog`).toBeDefined();
    expect({ status: finding!.Status, reason: finding!.Reason }).toMatchObject({ status: entry.expected });
  });
});

describe("the top Fail is the true cause in every broken case", () => {
  const broken = causeCases.filter((e) => e.topFail);
  it.each(broken.map((e) => [e.file, e] as const))("%s", (_file, entry) => {
    const [top] = analyze(entry).Findings;
    expect({ id: top!.Id, status: top!.Status }).toEqual({ id: entry.cause, status: "Fail" });
  });
});

describe("healthy fixtures give no Fail", () => {
  const healthy = entries.filter((e) => e.cause === "Healthy" || (e.expected === "Pass" && e.case === "pass-healthy"));
  it.each(healthy.map((e) => [e.file, e] as const))("%s", (_file, entry) => {
    const failed = analyze(entry).Findings.filter((f) => f.Status === "Fail").map((f) => `${f.Id}: ${f.Reason}`);
    expect(failed).toEqual([]);
  });
});

describe("fixture coverage", () => {
  it.each(CATALOG.map((c) => [c.id] as const))("%s has Pass, Fail and NotApplicable fixtures", (id) => {
    const statuses = new Set(causeCases.filter((e) => e.cause === id).map((e) => e.expected));
    expect(["Pass", "Fail", "NotApplicable"].filter((s) => !statuses.has(s as never))).toEqual([]);
  });
  it("has fixtures only for causes in the catalog", () => {
    const ids = new Set(CATALOG.map((c) => c.id));
    expect(causeCases.filter((e) => !ids.has(e.cause)).map((e) => e.file)).toEqual([]);
  });
});
