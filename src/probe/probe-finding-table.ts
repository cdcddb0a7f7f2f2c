/**
 * What the endpoint probe's P-findings (endpoint-findings.ts) and the gateway probe's G-findings
 * (gateway/findings.ts) have in common: a table row with the fixed parts of a Finding, the constant parts every
 * probe finding has (no policy, no error-code match, nothing to undo), the worst-finding verdict, and the
 * certificate expiry threshold both probes warn at.
 */
import type { Finding } from "../model/finding.js";

/** One row of a probe's finding table; only Evidence is added at run time. */
export type ProbeFindingDefinition = Pick<Finding, "Id" | "Name" | "Title" | "Side" | "Status" | "Confidence" | "Reason" | "Fix">;

/** The full Finding for a table row, with the run-time evidence and the table's sources. */
export function probeFinding(row: ProbeFindingDefinition, evidence: Record<string, unknown>, sources: readonly string[]): Finding {
  return {
    Id: row.Id, Name: row.Name, Title: row.Title, Side: row.Side, Status: row.Status, Confidence: row.Confidence, Reason: row.Reason,
    Evidence: evidence, PolicyManaged: false, PolicyNote: null, MatchesErrorCode: null, Fix: row.Fix, Undo: "", Risk: [], Sources: sources,
  };
}

export type ProbeVerdict = "Healthy" | "Warning" | "Failed";

/** The worst finding decides: any Fail gives "Failed", any Warn "Warning", else "Healthy". */
export function probeVerdict(findings: readonly Finding[]): ProbeVerdict {
  if (findings.some((f) => f.Status === "Fail")) return "Failed";
  if (findings.some((f) => f.Status === "Warn")) return "Warning";
  return "Healthy";
}

/** A certificate with fewer days left than this gets P16 (endpoint) or G05 (gateway): renewal needs a change window. */
export const CERT_EXPIRY_WARNING_DAYS = 30;
