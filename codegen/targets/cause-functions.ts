/**
 * Lowers one catalog Cause into two private module functions:
 * - `GetRdpCause<Id>Evidence`: runs the cause's collector on the local host and returns the evidence;
 * - `ResolveRdpCause<Id>`: a pure verdict over evidence (an if/elseif chain, first rule wins, as in
 *   src/model/evaluate.ts) that returns one `RdpDoctor.Finding`.
 * Private helpers have no hyphen, so they can never be exported by accident (ModuleBuilder convention).
 */
import { ps } from "../../src/ir/index.js";
import type { FunctionDefinition, Statement } from "../../src/ir/index.js";
import type { Cause, VerdictRule } from "../../src/model/cause.js";
import { lowerCondition } from "./lower-condition.js";

export const evidenceFunctionName = (cause: Cause): string => `GetRdpCause${cause.id}Evidence`;
export const resolveFunctionName = (cause: Cause): string => `ResolveRdpCause${cause.id}`;

export function buildEvidenceFunction(cause: Cause): FunctionDefinition {
  return ps.functionDefinition({
    name: evidenceFunctionName(cause),
    cmdletBinding: ps.cmdletBinding(),
    outputTypes: ["System.Collections.Specialized.OrderedDictionary"],
    parameters: [ps.parameter("EventDays", { type: "int", mandatory: true, validations: [{ kind: "ValidateRange", min: 1, max: 365 }] })],
    end: [
      ps.comment(`Evidence for ${cause.id}: ${cause.title}.`, `Defined in ${cause.sourceFile}.`),
      ...cause.collect,
      ps.returnStatement(ps.v("evidence")),
    ],
  });
}

function verdict(rule: Pick<VerdictRule, "status" | "confidence" | "reason">): Statement {
  return ps.assign(ps.v("verdict"), ps.hashtable({
    Status: ps.str(rule.status),
    Confidence: ps.str(rule.confidence),
    Reason: ps.str(rule.reason),
  }));
}


export function buildResolveFunction(cause: Cause): FunctionDefinition {
  const evidence = ps.v("Evidence");
  const chain = ps.ifStatement(
    cause.rules.map((rule) => ({ condition: lowerCondition(rule.when, evidence), body: [verdict(rule)] })),
    [verdict(cause.otherwise)],
  );
  // Only the evidence keys that decide this cause are shown, in catalog order, so findings stay readable.
  const shown = ps.psCustomObject(cause.evidenceKeys.map((key) => ({ key, value: ps.prop(evidence, key) })));
  return ps.functionDefinition({
    name: resolveFunctionName(cause),
    cmdletBinding: ps.cmdletBinding(),
    outputTypes: ["RdpDoctor.Finding"],
    parameters: [
      ps.parameter("Evidence", { type: "object", mandatory: true }),
      ps.parameter("Now", { type: "datetime", mandatory: true }),
    ],
    end: [
      ps.comment(`Verdict for ${cause.id}; rules from ${cause.sourceFile}, first match wins.`),
      chain,
      ps.pipelineStatement(ps.psCustomObject({
        Id: ps.str(cause.id),
        Name: ps.str(cause.name),
        Title: ps.str(cause.title),
        Side: ps.str(cause.side),
        Status: ps.prop(ps.v("verdict"), "Status"),
        Confidence: ps.prop(ps.v("verdict"), "Confidence"),
        Reason: ps.prop(ps.v("verdict"), "Reason"),
        Evidence: shown,
        Fix: ps.strings(cause.fix.steps),
        Undo: ps.str(cause.fix.undo),
        Risk: ps.strings(cause.fix.risks),
        Sources: ps.strings(cause.sources.map((s) => s.url)),
      }, "RdpDoctor.Finding")),
    ],
  });
}
