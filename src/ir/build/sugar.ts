/**
 * Short names for the builders used on almost every line of a target. They only delegate, so every check
 * of the full builders still applies.
 */
import type { Expression } from "../nodes-expressions.js";
import {
  arrayLiteral, binary, booleanLiteral, chain, invokeMember, memberAccess, nullLiteral, numberLiteral, stringLiteral, typeLiteral,
  unary, variable,
} from "./expressions.js";

export const str = (value: string) => stringLiteral(value);
export const num = (value: number) => numberLiteral(value);
export const hex = (value: number) => numberLiteral(value, { hex: true });
export const v = (name: string) => variable(name);
export const bool = (value: boolean) => booleanLiteral(value);
export const nil = () => nullLiteral();

/** `@('a', 'b')` from plain strings. */
export const strings = (values: readonly string[]) => arrayLiteral(values.map(stringLiteral));

/** `$x.A.B.C` from `prop(v('x'), 'A', 'B', 'C')`. */
export function prop(target: Expression, ...members: readonly string[]): Expression {
  return members.reduce<Expression>((acc, m) => memberAccess(acc, m), target);
}

/** `[Type]::Member`. */
export function staticProp(type: string, member: string): Expression {
  return memberAccess(typeLiteral(type), member);
}

/** `[Type]::Method(args)`. */
export function staticCall(type: string, method: string, ...args: readonly Expression[]): Expression {
  return invokeMember(typeLiteral(type), method, args);
}

/** `$x.Method(args)`. */
export function call(target: Expression, method: string, ...args: readonly Expression[]): Expression {
  return invokeMember(target, method, args);
}

/** `$null -eq x` (null on the left, so a list on the right is not filtered instead of compared). */
export const isNull = (operand: Expression): Expression => binary(nullLiteral(), "-eq", operand);
/** `$null -ne x`. */
export const notNull = (operand: Expression): Expression => binary(nullLiteral(), "-ne", operand);
/** `-not x`. */
export const not = (operand: Expression): Expression => unary("-not", operand);
/** `a -eq b`. */
export const eq = (left: Expression, right: Expression): Expression => binary(left, "-eq", right);
/** `a -and b -and ...`, left-associative as ps.chain builds it. */
export const and = (...operands: Expression[]): Expression => chain("-and", operands);
/** `a -or b -or ...`. */
export const or = (...operands: Expression[]): Expression => chain("-or", operands);
/** `a + b + ...`: string concatenation when the first part is a string. */
export const concat = (...parts: Expression[]): Expression => chain("+", parts);

/** `-ErrorAction Stop`, spread into a command's named arguments: `ps.command("Get-Item", { LiteralPath: p, ...ps.stopOnError })`. */
export const stopOnError = { ErrorAction: stringLiteral("Stop") } as const;
