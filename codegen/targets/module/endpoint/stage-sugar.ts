/**
 * Shorthands for the stage functions of the endpoint probe: they read and fill the -State dictionary that
 * InvokeRdpEndpointProbe turns into the EndpointResult, and add P-findings (src/probe/endpoint-findings.ts).
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, Statement } from "../../../../src/ir/index.js";
import { discard, eq } from "./ir-sugar.js";

export const v = ps.v;
export const state = v("State");
export const confirm = v("confirm");
export const exchange = v("exchange");

export const setState = (key: string, value: Expression): Statement => ps.assign(ps.indexExpression(state, ps.str(key)), value);
export const setTiming = (key: string, value: Expression): Statement => ps.assign(ps.indexExpression(ps.prop(state, "Timings"), ps.str(key)), value);
/**
 * `([ordered]@{ ... })`: in argument mode a leading `[` is not a cast (about_Parsing), and the printer only wraps
 * plain hashtables as safe, so the ordered one is parenthesized here.
 */
export const evidence = (entries: Record<string, Expression>): Expression =>
  ps.paren(ps.pipeline(ps.hashtable(Object.entries(entries).map(([key, value]) => ({ key, value })), { ordered: true })));
/** `[void]$State.Findings.Add((NewRdpEndpointFinding -Id <id> -Evidence ...))`. */
export function addFinding(id: Expression | string, entries: Record<string, Expression>): Statement {
  const made = ps.paren(ps.command("NewRdpEndpointFinding", { Id: typeof id === "string" ? ps.str(id) : id, Evidence: evidence(entries) }));
  return discard(ps.call(ps.prop(state, "Findings"), "Add", made));
}
export const kindIs = (kind: string): Expression => eq(v("kind"), ps.str(kind));
/** Lower-case hex of the first `count` bytes, for evidence (X224.AnswerHex: 64, X224.FirstBytesHex: 32, as the Node probe). */
export const answerHex = (bytes: Expression, count = 64): Expression =>
  ps.unary("-join", ps.paren(ps.pipeline(
    bytes,
    ps.command("Select-Object", { First: ps.num(count) }),
    ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.call(v("_"), "ToString", ps.str("x2")))]))]),
  )));

export const hex = (): Expression => answerHex(ps.prop(exchange, "Bytes"));

