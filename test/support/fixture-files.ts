/// <reference types="vite/client" />
/**
 * Materializes the fixture cases (test/fixture-cases/c*.ts, healthy.ts) into complete snapshot objects, and
 * reads the written files back. test/fixtures-materialize.test.ts keeps the files on disk equal to the cases.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CauseFixtures, FixtureIndexEntry } from "../fixture-cases/case.js";
import { healthyServer } from "../fixture-cases/base.js";
import type { RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

export const SNAPSHOT_FIXTURES = join(import.meta.dirname, "..", "fixtures", "snapshots");

const modules = import.meta.glob<{ fixtures: CauseFixtures }>("../fixture-cases/{c[0-9][0-9],healthy}.ts", { eager: true });

export const CAUSE_FIXTURES: readonly CauseFixtures[] = Object.values(modules)
  .map((m) => m.fixtures)
  .sort((a, b) => a.cause.localeCompare(b.cause));

export interface MaterializedFixture {
  readonly entry: FixtureIndexEntry;
  readonly snapshot: RdpDiagnosticSnapshot;
}

export function materialize(): MaterializedFixture[] {
  return CAUSE_FIXTURES.flatMap((group) => group.cases.map((c) => {
    const snapshot = (c.base ?? healthyServer)();
    c.patch(snapshot);
    const entry: FixtureIndexEntry = {
      cause: group.cause,
      case: c.name,
      file: `${group.cause}/${c.name}.json`,
      description: c.description,
      expected: c.expected,
      topFail: c.expected === "Fail" && c.topFail !== false,
      errorCode: c.errorCode ?? null,
      extendedErrorCode: c.extendedErrorCode ?? null,
    };
    return { entry, snapshot };
  }));
}

/** The files as written: what Pester and -SnapshotPath read. */
export function readFixtureIndex(): FixtureIndexEntry[] {
  return JSON.parse(readFileSync(join(SNAPSHOT_FIXTURES, "index.json"), "utf8")) as FixtureIndexEntry[];
}

export function readFixtureSnapshot(entry: FixtureIndexEntry): RdpDiagnosticSnapshot {
  return JSON.parse(readFileSync(join(SNAPSHOT_FIXTURES, entry.file), "utf8")) as RdpDiagnosticSnapshot;
}

export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
