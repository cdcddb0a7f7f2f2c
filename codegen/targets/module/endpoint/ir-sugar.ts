/**
 * Small IR shorthands shared by the endpoint probe's generated functions. They only combine `ps.*` builders.
 * The IR has no -band/-shl (src/ir/nodes-expressions.ts), so byte fields are read with integer arithmetic:
 * `[Math]::Floor(x / 2^n)` for a right shift and `x % 2^n` for a mask, exact for the 0..2^32 values used here.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, MemberAccess, Statement } from "../../../../src/ir/index.js";

/** The general shorthands (src/ir/build/sugar.ts) under the short names the endpoint files use. */
export const { and, concat, eq, isNull, notNull, or } = ps;
/** `[Math]::Floor(x / n)`: the integer quotient (a right shift when n is a power of two). */
export const floorDiv = (x: Expression, n: number): Expression => ps.staticCall("Math", "Floor", ps.binary(x, "/", ps.num(n)));
/** `x % n`: the low bits when n is a power of two. */
export const mod = (x: Expression, n: number): Expression => ps.binary(x, "%", ps.num(n));
/** `[void](expr)`: calls whose return value would otherwise be written to the output. */
export const discard = (e: Expression): Statement => ps.pipelineStatement(ps.cast("void", e));
export const set = (name: string, value: Parameters<typeof ps.assign>[1]): Statement => ps.assign(ps.v(name), value);
/** `[Math]::Round(<stopwatch>.Elapsed.TotalMilliseconds)` for the TimingsMs fields. */
export const elapsedMs = (watch: Expression): Expression => ps.staticCall("Math", "Round", ps.prop(watch, "Elapsed", "TotalMilliseconds"));
/** `$x.A.B` as an assignable MemberAccess (ps.prop is typed as a plain Expression). */
export function member(target: Expression, ...members: readonly string[]): MemberAccess {
  const [first, ...rest] = members;
  if (first === undefined) throw new TypeError("member() needs at least one member name");
  return rest.reduce<MemberAccess>((acc, m) => ps.memberAccess(acc, m), ps.memberAccess(target, first));
}
