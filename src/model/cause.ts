/**
 * Domain types of the catalog: causes, the evidence they read, their verdict rules and fix pointers.
 * No PowerShell syntax here; targets lower these into IR.
 */
import type { Condition } from "./condition.js";

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

/** Error codes that make a cause plausible; causes-catalog.md section 1 and each cause's Symptom line. */
export interface PlausibleCodes {
  /** mstsc disconnect reasons (the dialog's "Error code"), e.g. 0x904. */
  readonly disconnect: readonly number[];
  /** ExtendedDisconnectReasonCode values (the "Extended error code"), e.g. 0x7. */
  readonly extended: readonly number[];
  /** RDP_NEG_FAILURE failureCode values seen on the wire (MS-RDPBCGR 2.2.1.2.2). */
  readonly negotiationFailure: readonly number[];
}

/**
 * One evidence entry: a snapshot path whose value is shown as is, or the items of a list that match `where`
 * (for example the event groups a rule looks at), shown under `label`.
 */
export type EvidenceItem = string | { readonly label: string; readonly path: string; readonly where: Condition };

export const evidenceLabel = (item: EvidenceItem): string => (typeof item === "string" ? item : item.label);

/**
 * A cause of the 0x904 family. The JSDoc on each exported cause is its documentation: codegen reads it with
 * ts-morph and prints it into the module's help, so the TypeScript source is the one place the docs live.
 * Its rules read one RdpDiagnosticSnapshot (src/snapshot/types.ts) through dotted paths.
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
  /** What the finding shows as evidence, in order: the exact values that decide it. */
  readonly evidence: readonly EvidenceItem[];
  /**
   * Snapshot paths of PolicyDword settings that the fix would change. When any of them comes from Group Policy,
   * the finding says so: a local fix would be reverted at the next policy refresh.
   */
  readonly policySettings: readonly string[];
  readonly codes: PlausibleCodes;
  readonly rules: readonly VerdictRule[];
  /** Verdict when no rule matches. */
  readonly otherwise: Omit<VerdictRule, "when" | "status"> & { readonly status: "Pass" };
  readonly fix: FixPointer;
  readonly sources: readonly SourceRef[];
}
