/**
 * Short names for the builders used on almost every line of a target. They only delegate, so every check
 * of the full builders still applies.
 */
import type { Expression } from "../nodes-expressions.js";
import {
  arrayLiteral, booleanLiteral, invokeMember, memberAccess, nullLiteral, numberLiteral, stringLiteral, typeLiteral, variable,
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
