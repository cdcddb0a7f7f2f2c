/**
 * Input checks the subcommands share: the usage-error class (exit code 2 in every command), the snapshot-file reader
 * (analyze, probe --snapshot) and the --timeout range (probe, gateway).
 */
import { readFileSync } from "node:fs";
import { SNAPSHOT_SCHEMA_VERSION } from "../src/snapshot/types.js";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The snapshot fields the commands read before analysis. */
export interface SnapshotHead {
  readonly ComputerName?: unknown;
  readonly SchemaVersion: number;
  readonly CollectedAt: string;
}

/** Reads and checks a snapshot file; every problem names the file. */
export function readSnapshotFile(path: string): SnapshotHead {
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    throw new UsageError(`SNAPSHOT.json: cannot read '${path}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`SNAPSHOT.json: '${path}' is not JSON: ${(err as Error).message}`);
  }
  if (snapshot === null || typeof snapshot !== "object" || Array.isArray(snapshot)) {
    throw new UsageError(`SNAPSHOT.json: '${path}' is not a snapshot object`);
  }
  const version = (snapshot as { SchemaVersion?: unknown }).SchemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new UsageError(`SNAPSHOT.json: '${path}' has SchemaVersion ${JSON.stringify(version)}; this build reads version ${SNAPSHOT_SCHEMA_VERSION}`);
  }
  const collectedAt = (snapshot as { CollectedAt?: unknown }).CollectedAt;
  if (typeof collectedAt !== "string" || Number.isNaN(Date.parse(collectedAt))) {
    throw new UsageError(`SNAPSHOT.json: '${path}' has no valid CollectedAt date`);
  }
  return snapshot as SnapshotHead;
}

/** --timeout: whole milliseconds 1-600000 (ten minutes). */
export const isTimeoutMs = (text: string): boolean => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 600_000;
