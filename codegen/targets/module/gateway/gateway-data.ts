/**
 * Data the module's Test-RdGateway carries, emitted from the same TypeScript tables the Node probe uses, so the
 * request bytes and the finding texts cannot drift (src/probe/gateway/request.ts, src/probe/gateway/findings.ts).
 */
import { ps } from "../../../../src/ir/index.js";
import type { CommandCall, Expression, Statement } from "../../../../src/ir/index.js";
import { GATEWAY_FINDINGS, GATEWAY_FINDING_SOURCES } from "../../../../src/probe/gateway/findings.js";
import { RDG_REQUEST_LINES } from "../../../../src/probe/gateway/request.js";

/** Shorthands used by every gateway target file. */
export const v = ps.v;
export const str = ps.str;
export const { isNull, notNull, not } = ps;
export const ordered = (record: Readonly<Record<string, Expression>>): Expression => ps.hashtable(record, { ordered: true });
/** `"`r`n"` (printed as [char] codes by the escaper). */
export const CRLF = ps.str("\r\n");

/** `NewRdGatewayFinding -Id 'G08' -Evidence ([ordered]@{ ... })`. */
export const finding = (id: string, evidence: Readonly<Record<string, Expression>>): CommandCall =>
  ps.command("NewRdGatewayFinding", { Id: ps.str(id), Evidence: ps.paren(ps.pipeline(ordered(evidence))) });

/** `@{ G01 = [pscustomobject]@{ Name = ...; ... }; ... }`: every G-finding definition. */
export function findingDefinitionsIr(): Expression {
  return ps.hashtable(GATEWAY_FINDINGS.map((d) => ({
    key: d.Id,
    value: ps.psCustomObject({
      Name: ps.str(d.Name), Title: ps.str(d.Title), Status: ps.str(d.Status), Confidence: ps.str(d.Confidence),
      Reason: ps.str(d.Reason), Fix: ps.strings(d.Fix),
    }),
  })));
}

export const findingSourcesIr = (): Expression => ps.strings(GATEWAY_FINDING_SOURCES);

/** The request template lines; joined with CRLF, followed by an empty line, then formatted with -f. */
export const requestLinesIr = (): Expression => ps.strings(RDG_REQUEST_LINES);

/** `$target += value`. */
export const append = (target: Parameters<typeof ps.assign>[0], value: Expression): Statement =>
  ps.assign(target, value, { operator: "+=" });
