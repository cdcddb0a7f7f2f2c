/**
 * Domain types of the catalog: causes, the evidence they read, their verdict rules and fix pointers.
 * No PowerShell syntax here; targets lower these into IR.
 */
import type { Condition } from "./condition.js";
import type { Statement } from "../ir/index.js";

export type Side = "Server" | "Client" | "Gateway" | "Network";
export type Status = "Fail" | "Warn" | "Pass" | "NotApplicable" | "Unknown";
export type Confidence = "High" | "Medium" | "Low";
export type Risk = "None" | "SecurityLowering" | "DataLosing" | "ServiceRestart" | "Reboot" | "ClientsSeeNewCertificate";

/** Ranking order of statuses, worst first; findings are sorted by it. */
export const STATUS_RANK: readonly Status[] = ["Fail", "Warn", "Unknown", "Pass", "NotApplicable"];

export interface SourceRef {
  /** The reference tag used in causes-catalog.md, e.g. "R9". */
  readonly ref: string;
  readonly url: string;
}

/** One rule of a verdict: the first rule whose condition holds decides the status. */
export interface VerdictRule {
  readonly status: Status;
  readonly when: Condition;
  readonly confidence: Confidence;
  /** ASCII prose shown to the admin as the finding's reason. */
  readonly reason: string;
}

export interface FixPointer {
  /** Commands to run, `-WhatIf` first, one per line. */
  readonly steps: readonly string[];
  readonly risks: readonly Risk[];
  readonly undo: string;
}

/**
 * A cause of the 0x904 family. The JSDoc on each exported cause is its documentation: codegen reads it with
 * ts-morph and prints it into the module's help, so the TypeScript source is the one place the docs live.
 */
export interface Cause {
  /** Stable ID from causes-catalog.md (C01..C16); never reused. */
  readonly id: string;
  /** Dotted name, PSRule style: Side.Area.Problem. */
  readonly name: string;
  readonly title: string;
  readonly side: Side;
  /** Source file, relative to the repository root, so docs and headers can point at it. */
  readonly sourceFile: string;
  /** Name of the exported constant, so ts-morph can find its JSDoc. */
  readonly exportName: string;
  /** PowerShell statements that set `$evidence` (an ordered dictionary) on a Windows host. */
  readonly collect: readonly Statement[];
  /** Evidence keys shown in the finding, in order. */
  readonly evidenceKeys: readonly string[];
  readonly rules: readonly VerdictRule[];
  /** Verdict when no rule matches. */
  readonly otherwise: Omit<VerdictRule, "when" | "status"> & { readonly status: "Pass" };
  readonly fix: FixPointer;
  readonly sources: readonly SourceRef[];
}
