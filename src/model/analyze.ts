/**
 * Node-side analysis: every cause's verdict over one snapshot, ranked. The PowerShell twin is generated from the
 * same catalog (codegen/targets/cause-functions.ts); test/differential.test.ts holds the two to the same answers.
 */
import type { Cause } from "./cause.js";
import { STATUS_RANK } from "./cause.js";
import { asList, decide, evaluate, getPath } from "./evaluate.js";
import type { DiagnosisResult, Finding } from "./finding.js";
import { CONFIDENCE_RANK, POLICY_NOTE_SUFFIX, codeMatchRank } from "./finding.js";

export interface AnalyzeOptions {
  readonly now: Date;
  readonly errorCode?: number | null;
  readonly extendedErrorCode?: number | null;
}

/** Plausible when every code given is one the cause lists; null when no code was given. */
export function matchesErrorCode(cause: Cause, errorCode: number | null, extended: number | null): boolean | null {
  if (errorCode === null && extended === null) return null;
  const disconnectOk = errorCode === null || cause.codes.disconnect.includes(errorCode);
  const extendedOk = extended === null || cause.codes.extended.includes(extended);
  return disconnectOk && extendedOk;
}

export function policyManagedSettings(cause: Cause, snapshot: unknown): string[] {
  return cause.policySettings.filter((path) => getPath(snapshot, `${path}.Source`) === "Policy");
}

export function policyNote(managed: readonly string[]): string | null {
  return managed.length === 0 ? null : `Set by Group Policy: ${managed.join(", ")}. ${POLICY_NOTE_SUFFIX}`;
}

export function findingFor(cause: Cause, snapshot: unknown, options: AnalyzeOptions): Finding {
  const verdict = decide(cause, snapshot, options.now);
  const managed = policyManagedSettings(cause, snapshot);
  const evidence: Record<string, unknown> = {};
  for (const item of cause.evidence) {
    if (typeof item === "string") evidence[item] = getPath(snapshot, item) ?? null;
    else evidence[item.label] = asList(getPath(snapshot, item.path)).filter((i) => i !== null && evaluate(item.where, i, options.now, snapshot));
  }
  return {
    Id: cause.id,
    Name: cause.name,
    Title: cause.title,
    Side: cause.side,
    Status: verdict.status,
    Confidence: verdict.confidence,
    Reason: verdict.reason,
    Evidence: evidence,
    PolicyManaged: managed.length > 0,
    PolicyNote: policyNote(managed),
    MatchesErrorCode: matchesErrorCode(cause, options.errorCode ?? null, options.extendedErrorCode ?? null),
    Fix: cause.fix.steps,
    Undo: cause.fix.undo,
    Risk: cause.fix.risks,
    Sources: cause.sources.map((s) => s.url),
  };
}

export function rankFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding): number[] => [
    STATUS_RANK.indexOf(f.Status), codeMatchRank(f.MatchesErrorCode), CONFIDENCE_RANK.indexOf(f.Confidence),
  ];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0;
  });
}

export function analyzeSnapshot(snapshot: { ComputerName?: unknown; SchemaVersion?: unknown }, causes: readonly Cause[], options: AnalyzeOptions): DiagnosisResult {
  return {
    ComputerName: String(snapshot.ComputerName ?? ""),
    SnapshotVersion: Number(snapshot.SchemaVersion),
    // .NET's round-trip format ("o"), as the module prints it: seven fractional digits.
    CheckedAt: options.now.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z"),
    ErrorCode: options.errorCode ?? null,
    ExtendedErrorCode: options.extendedErrorCode ?? null,
    Findings: rankFindings(causes.map((c) => findingFor(c, snapshot, options))),
  };
}
