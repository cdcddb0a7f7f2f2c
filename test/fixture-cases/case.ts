/**
 * Fixture cases: each is a base snapshot plus a patch, written out as a complete snapshot file under
 * test/fixtures/snapshots/<CauseId>/<case>.json (test/fixtures-materialize.test.ts). Those files are the
 * shared test vectors: vitest, Pester and `Test-RdpError0x904 -SnapshotPath` read them as they are.
 */
import type { Status } from "../../src/model/cause.js";
import type { RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

export interface FixtureCase {
  /** File name without .json: `<status>-<what>`, e.g. "fail-expired". */
  readonly name: string;
  readonly description: string;
  /** The status this cause must get. */
  readonly expected: Status;
  /**
   * For Fail cases: this cause must be the top-ranked finding of the whole catalog (the "true cause"). Default
   * true; set false only where another cause legitimately outranks it, and say why in the description.
   */
  readonly topFail?: boolean;
  readonly errorCode?: number;
  readonly extendedErrorCode?: number;
  /** Base snapshot; healthyServer when omitted. */
  readonly base?: () => RdpDiagnosticSnapshot;
  /** Makes the healthy base into this case, in place. */
  readonly patch: (snapshot: RdpDiagnosticSnapshot) => void;
}

export interface CauseFixtures {
  readonly cause: string;
  readonly cases: readonly FixtureCase[];
}

/** One row of test/fixtures/snapshots/index.json, which Pester reads to find the files and expectations. */
export interface FixtureIndexEntry {
  readonly cause: string;
  readonly case: string;
  readonly file: string;
  readonly description: string;
  readonly expected: Status;
  readonly topFail: boolean;
  readonly errorCode: number | null;
  readonly extendedErrorCode: number | null;
}
