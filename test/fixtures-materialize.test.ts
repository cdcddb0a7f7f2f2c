/**
 * The snapshot fixture files are generated from test/fixture-cases; this test fails when they drift.
 * UPDATE_FIXTURES=1 rewrites them (and removes files no case produces).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { materialize, SNAPSHOT_FIXTURES, toJson } from "./support/fixture-files.js";

const fixtures = materialize();
const expected = new Map<string, string>([
  ["index.json", toJson(fixtures.map((f) => f.entry))],
  ...fixtures.map((f) => [f.entry.file, toJson(f.snapshot)] as [string, string]),
]);

function filesOnDisk(): string[] {
  if (!existsSync(SNAPSHOT_FIXTURES)) return [];
  return readdirSync(SNAPSHOT_FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.split("\\").join("/"))
    .sort();
}

if (process.env.UPDATE_FIXTURES === "1") {
  rmSync(SNAPSHOT_FIXTURES, { recursive: true, force: true });
  for (const [file, content] of expected) {
    mkdirSync(dirname(join(SNAPSHOT_FIXTURES, file)), { recursive: true });
    writeFileSync(join(SNAPSHOT_FIXTURES, file), content);
  }
}

describe("snapshot fixture files match test/fixture-cases (UPDATE_FIXTURES=1 rewrites them)", () => {
  it("has exactly one file per case, plus index.json", () => {
    expect(filesOnDisk()).toEqual([...expected.keys()].sort());
  });
  it.each([...expected.keys()])("%s is up to date", (file) => {
    expect(readFileSync(join(SNAPSHOT_FIXTURES, file), "utf8")).toBe(expected.get(file));
  });
  it("gives every case a unique file", () => {
    expect(new Set(fixtures.map((f) => f.entry.file)).size).toBe(fixtures.length);
  });
});
