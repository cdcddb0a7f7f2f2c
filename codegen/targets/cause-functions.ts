/**
 * Lowers one catalog Cause into `ResolveRdpCause<Id>`, a private module function: a pure verdict over a
 * snapshot (an if/elseif chain, first rule wins, as in src/model/evaluate.ts) that returns one
 * `RdpDoctor.Finding` with the same properties as src/model/analyze.ts builds in Node.
 * Private helpers have no hyphen, so they can never be exported by accident (ModuleBuilder convention).
 */
import { ps } from "../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../src/ir/index.js";
import type { Cause, EvidenceItem, VerdictRule } from "../../src/model/cause.js";
import { evidenceLabel } from "../../src/model/cause.js";
import { POLICY_NOTE_SUFFIX } from "../../src/model/finding.js";
import { filtered, lowerCondition } from "./lower-condition.js";

export const resolveFunctionName = (cause: Cause): string => `ResolveRdpCause${cause.id}`;

const snapshot = ps.v("Snapshot");

function verdict(rule: Pick<VerdictRule, "status" | "confidence" | "reason">): Statement {
  return ps.assign(ps.v("verdict"), ps.hashtable({
    Status: ps.str(rule.status),
    Confidence: ps.str(rule.confidence),
    Reason: ps.str(rule.reason),
  }));
}

function evidenceValue(item: EvidenceItem): Expression {
  if (typeof item === "string") return ps.prop(snapshot, ...item.split("."));
  return filtered(snapshot, item.path, item.where);
}

const { isNull } = ps;
const hexList = (codes: readonly number[]): Expression => ps.arrayLiteral(codes.map((c) => ps.hex(c)));

/**
 * `TestRdpErrorCodeMatch`: the code match of analyze.ts matchesErrorCode, once for every cause: $null when no code
 * was given, else whether every given code is one the cause lists.
 */
export const testRdpErrorCodeMatch: FunctionDefinition = ps.functionDefinition({
  name: "TestRdpErrorCodeMatch",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["bool"],
  parameters: [
    ps.parameter("ErrorCode", { type: "object" }),
    ps.parameter("ExtendedErrorCode", { type: "object" }),
    ps.parameter("Disconnect", { type: "object" }),
    ps.parameter("Extended", { type: "object" }),
  ],
  end: [
    ps.ifThen(ps.and(isNull(ps.v("ErrorCode")), isNull(ps.v("ExtendedErrorCode"))), [ps.returnStatement(ps.nil())]),
    ps.returnStatement(ps.and(
      ps.or(isNull(ps.v("ErrorCode")), ps.binary(ps.v("ErrorCode"), "-in", ps.v("Disconnect"))),
      ps.or(isNull(ps.v("ExtendedErrorCode")), ps.binary(ps.v("ExtendedErrorCode"), "-in", ps.v("Extended"))),
    )),
  ],
});

/** `GetRdpPolicyNote`: analyze.ts policyNote, once for every cause: $null unless a setting comes from Group Policy. */
export const getRdpPolicyNote: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpPolicyNote",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["string"],
  parameters: [ps.parameter("Managed", { type: "object" })],
  end: [
    ps.ifThen(ps.binary(ps.prop(ps.arrayLiteral([ps.v("Managed")]), "Count"), "-eq", ps.num(0)), [ps.returnStatement(ps.nil())]),
    ps.returnStatement(ps.concat(
      ps.str("Set by Group Policy: "),
      ps.paren(ps.pipeline(ps.binary(ps.v("Managed"), "-join", ps.str(", ")))),
      ps.str(`. ${POLICY_NOTE_SUFFIX}`),
    )),
  ],
});

/** The helpers every ResolveRdpCause<Id> calls. */
export const CAUSE_FUNCTION_HELPERS: readonly FunctionDefinition[] = [testRdpErrorCodeMatch, getRdpPolicyNote];

/** `$managed`: the policy settings of the cause that come from Group Policy (empty for causes without any). */
function managedSettings(cause: Cause): Statement {
  const checks = cause.policySettings.map((path) => ps.ifThen(
    ps.binary(ps.prop(snapshot, ...path.split("."), "Source"), "-eq", ps.str("Policy")),
    [ps.pipelineStatement(ps.str(path))],
  ));
  return ps.assign(ps.v("managed"), ps.arrayLiteral(checks.length === 0 ? [] : [ps.subExpression(checks)]));
}

export function buildResolveFunction(cause: Cause): FunctionDefinition {
  const chain = ps.ifStatement(
    cause.rules.map((rule) => ({ condition: lowerCondition(rule.when, snapshot), body: [verdict(rule)] })),
    [verdict(cause.otherwise)],
  );
  const shown = ps.psCustomObject(cause.evidence.map((item) => ({ key: evidenceLabel(item), value: evidenceValue(item) })));
  return ps.functionDefinition({
    name: resolveFunctionName(cause),
    cmdletBinding: ps.cmdletBinding(),
    outputTypes: ["RdpDoctor.Finding"],
    parameters: [
      ps.parameter("Snapshot", { type: "object", mandatory: true }),
      ps.parameter("Now", { type: "datetime", mandatory: true }),
      ps.parameter("ErrorCode", { type: "object" }),
      ps.parameter("ExtendedErrorCode", { type: "object" }),
    ],
    end: [
      ps.comment(`Verdict for ${cause.id}; rules from ${cause.sourceFile}, first match wins.`),
      chain,
      managedSettings(cause),
      ps.pipelineStatement(ps.psCustomObject({
        Id: ps.str(cause.id),
        Name: ps.str(cause.name),
        Title: ps.str(cause.title),
        Side: ps.str(cause.side),
        Status: ps.prop(ps.v("verdict"), "Status"),
        Confidence: ps.prop(ps.v("verdict"), "Confidence"),
        Reason: ps.prop(ps.v("verdict"), "Reason"),
        Evidence: shown,
        PolicyManaged: ps.binary(ps.prop(ps.v("managed"), "Count"), "-gt", ps.num(0)),
        PolicyNote: ps.paren(ps.command("GetRdpPolicyNote", { Managed: ps.v("managed") })),
        MatchesErrorCode: ps.paren(ps.command("TestRdpErrorCodeMatch", {
          ErrorCode: ps.v("ErrorCode"), ExtendedErrorCode: ps.v("ExtendedErrorCode"),
          Disconnect: hexList(cause.codes.disconnect), Extended: hexList(cause.codes.extended),
        })),
        Fix: ps.strings(cause.fix.steps),
        Undo: ps.str(cause.fix.undo),
        Risk: ps.strings(cause.fix.risks),
        Sources: ps.strings(cause.sources.map((s) => s.url)),
      }, "RdpDoctor.Finding")),
    ],
  });
}
