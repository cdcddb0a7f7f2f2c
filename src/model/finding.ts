/**
 * The result shapes shared by the module (`Test-RdpError0x904`) and the Node CLI (`rdp-doctor analyze --json`).
 * Property names are part of the public contract; the README documents them.
 */
import type { Confidence, Side, Status } from "./cause.js";

export interface Finding {
  readonly Id: string;
  readonly Name: string;
  readonly Title: string;
  readonly Side: Side;
  readonly Status: Status;
  readonly Confidence: Confidence;
  /** Why this status, in one or two sentences. */
  readonly Reason: string;
  /** Snapshot path -> the value read there, in catalog order. */
  readonly Evidence: Readonly<Record<string, unknown>>;
  /** Whether a setting the fix would change is set by Group Policy. */
  readonly PolicyManaged: boolean;
  /** What that means for the fix; null when no setting is policy-managed. */
  readonly PolicyNote: string | null;
  /** Whether the given error codes make this cause plausible; null when no codes were given. */
  readonly MatchesErrorCode: boolean | null;
  /** Commands to run, `-WhatIf` first. */
  readonly Fix: readonly string[];
  readonly Undo: string;
  readonly Risk: readonly string[];
  readonly Sources: readonly string[];
}

export interface DiagnosisResult {
  readonly ComputerName: string;
  readonly SnapshotVersion: number;
  readonly CheckedAt: string;
  readonly ErrorCode: number | null;
  readonly ExtendedErrorCode: number | null;
  /** Ranked: status (Fail, Warn, Unknown, Pass, NotApplicable), then code match, then confidence, then Id. */
  readonly Findings: readonly Finding[];
}

/** Ranking keys, worst or most relevant first; the module's Sort-Object uses the same tables. */
export const CONFIDENCE_RANK: readonly Confidence[] = ["High", "Medium", "Low"];

/** MatchesErrorCode true sorts first, then null (no codes given), then false. */
export function codeMatchRank(matches: boolean | null): number {
  return matches === true ? 0 : matches === null ? 1 : 2;
}

export const POLICY_NOTE_SUFFIX =
  "A local change would be reverted at the next Group Policy refresh; change the policy instead (gpresult /h shows which GPO sets it).";
