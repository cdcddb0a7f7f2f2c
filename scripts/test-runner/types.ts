/** One failing test (or a runner-level problem that must count as a failure). */
export interface Failure {
  name: string;
  message: string;
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Outcome of one suite (vitest, pester, or a pseudo-suite such as the build). */
export interface SuiteResult extends Counts {
  suite: string;
  /** false when the suite could not run at all (then `note` says why). */
  ran: boolean;
  note?: string;
  failures: Failure[];
}
