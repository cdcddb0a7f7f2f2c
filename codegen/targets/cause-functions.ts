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
const within = (e: Expression, codes: readonly number[]): Expression => ps.binary(e, "-in", ps.arrayLiteral(codes.map((c) => ps.hex(c))));

/** `$matchesCode`: null without codes; else every given code is one the cause lists (analyze.ts matchesErrorCode). */
function codeMatch(cause: Cause): Statement[] {
  const code = ps.v("ErrorCode");
  const extended = ps.v("ExtendedErrorCode");
  return [
    ps.assign(ps.v("matchesCode"), ps.nil()),
    ps.ifThen(ps.unary("-not", ps.binary(isNull(code), "-and", isNull(extended))), [
      ps.assign(ps.v("matchesCode"), ps.binary(
        ps.binary(isNull(code), "-or", within(code, cause.codes.disconnect)),
        "-and",
        ps.binary(isNull(extended), "-or", within(extended, cause.codes.extended)),
      )),
    ]),
  ];
}

/** `$managed` and `$policyNote` (analyze.ts policyNote), only for causes whose fix touches policy settings. */
function policy(cause: Cause): Statement[] {
  if (cause.policySettings.length === 0) {
    return [ps.assign(ps.v("managed"), ps.arrayLiteral([])), ps.assign(ps.v("policyNote"), ps.nil())];
  }
  const checks = cause.policySettings.map((path) => ps.ifThen(
    ps.binary(ps.prop(snapshot, ...path.split("."), "Source"), "-eq", ps.str("Policy")),
    [ps.pipelineStatement(ps.str(path))],
  ));
  return [
    ps.assign(ps.v("managed"), ps.arrayLiteral([ps.subExpression(checks)])),
    ps.assign(ps.v("policyNote"), ps.nil()),
    ps.ifThen(ps.binary(ps.prop(ps.v("managed"), "Count"), "-gt", ps.num(0)), [
      ps.assign(ps.v("policyNote"), ps.chain("+", [
        ps.str("Set by Group Policy: "),
        ps.paren(ps.pipeline(ps.binary(ps.v("managed"), "-join", ps.str(", ")))),
        ps.str(`. ${POLICY_NOTE_SUFFIX}`),
      ])),
    ]),
  ];
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
      ...codeMatch(cause),
      ...policy(cause),
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
        PolicyNote: ps.v("policyNote"),
        MatchesErrorCode: ps.v("matchesCode"),
        Fix: ps.strings(cause.fix.steps),
        Undo: ps.str(cause.fix.undo),
        Risk: ps.strings(cause.fix.risks),
        Sources: ps.strings(cause.sources.map((s) => s.url)),
      }, "RdpDoctor.Finding")),
    ],
  });
}
