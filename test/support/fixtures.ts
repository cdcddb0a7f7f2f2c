/** Loads the shared snapshot fixtures (test/fixtures/<CauseId>/*.json); Pester reads the same files. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Status } from "../../src/model/cause.js";

export interface CauseFixture {
  readonly file: string;
  readonly cause: string;
  readonly case: string;
  readonly description: string;
  readonly now: string;
  readonly expected: { readonly status: Status };
  readonly evidence: Record<string, unknown>;
}

export const FIXTURE_ROOT = join(import.meta.dirname, "..", "fixtures");

export function loadFixtures(causeId: string): CauseFixture[] {
  const dir = join(FIXTURE_ROOT, causeId);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(dir, f), "utf8")) as Omit<CauseFixture, "file">) }));
}
