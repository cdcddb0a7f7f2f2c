/**
 * Builders for expression nodes. Each validates its input; nothing else constructs these nodes.
 */
import type {
  ArrayLiteral, BinaryExpression, BinaryOperator, BooleanLiteral, CastExpression, Expression, HashtableEntry,
  HashtableLiteral, IndexExpression, InvokeMember, MemberAccess, NullLiteral, NumberLiteral, ParenExpression,
  PsCustomObject, ScriptBlockExpression, StringLiteral, SubExpression, TypeLiteral, TypeName, UnaryExpression,
  UnaryOperator, VariableExpression, VariableScope,
} from "../nodes-expressions.js";
import type { CommandCall, Pipeline, Statement } from "../nodes-statements.js";
import {
  assertAscii, assertFiniteNumber, assertMemberName, assertTypeName, assertUnique, assertVariableName,
} from "../validate.js";

export function typeName(name: string): TypeName {
  assertTypeName(name);
  return { kind: "TypeName", name };
}

export function stringLiteral(value: string): StringLiteral {
  // Any UTF-16 string is accepted: the escaper prints non-ASCII code units (lone surrogates included) as [char] codes.
  return { kind: "StringLiteral", value };
}

export function numberLiteral(value: number, options: { hex?: boolean } = {}): NumberLiteral {
  const hex = options.hex ?? false;
  assertFiniteNumber(value, hex);
  return { kind: "NumberLiteral", value, hex };
}

export function booleanLiteral(value: boolean): BooleanLiteral {
  return { kind: "BooleanLiteral", value };
}

export function nullLiteral(): NullLiteral {
  return { kind: "NullLiteral" };
}

export function variable(name: string, scope?: VariableScope): VariableExpression {
  assertVariableName(name);
  return { kind: "VariableExpression", name, scope };
}

export function memberAccess(target: Expression, member: string): MemberAccess {
  assertMemberName(member);
  return { kind: "MemberAccess", target, member, isStatic: target.kind === "TypeLiteral" };
}

export function invokeMember(target: Expression, member: string, args: readonly Expression[] = []): InvokeMember {
  assertMemberName(member);
  return { kind: "InvokeMember", target, member, isStatic: target.kind === "TypeLiteral", args };
}

export function indexExpression(target: Expression, index: Expression): IndexExpression {
  return { kind: "IndexExpression", target, index };
}

function entriesOf(record: Readonly<Record<string, Expression>> | readonly HashtableEntry[]): HashtableEntry[] {
  const entries = Array.isArray(record)
    ? [...(record as readonly HashtableEntry[])]
    : Object.entries(record as Record<string, Expression>).map(([key, value]) => ({ key, value }));
  for (const e of entries) assertAscii(e.key, "Hashtable key");
  assertUnique(entries.map((e) => e.key), "Hashtable key");
  return entries;
}

export function hashtable(
  record: Readonly<Record<string, Expression>> | readonly HashtableEntry[],
  options: { ordered?: boolean } = {},
): HashtableLiteral {
  return { kind: "HashtableLiteral", entries: entriesOf(record), ordered: options.ordered ?? false };
}

export function arrayLiteral(items: readonly Expression[]): ArrayLiteral {
  return { kind: "ArrayLiteral", items };
}

export function psCustomObject(
  record: Readonly<Record<string, Expression>> | readonly HashtableEntry[],
  typeName?: string,
): PsCustomObject {
  if (typeName !== undefined) assertTypeName(typeName);
  const entries = entriesOf(record);
  if (entries.some((e) => e.key.toLowerCase() === "pstypename")) {
    throw new TypeError("Pass the PSTypeName as the typeName argument, not as an entry");
  }
  return { kind: "PsCustomObject", typeName, entries };
}

export function binary(left: Expression, operator: BinaryOperator, right: Expression): BinaryExpression {
  return { kind: "BinaryExpression", operator, left, right };
}

/** Left-folds `a op b op c`; handy for `-and` chains. */
export function chain(operator: BinaryOperator, operands: readonly Expression[]): Expression {
  const [first, ...rest] = operands;
  if (first === undefined) throw new TypeError(`chain(${operator}) needs at least one operand`);
  return rest.reduce<Expression>((acc, next) => binary(acc, operator, next), first);
}

export function unary(operator: UnaryOperator, operand: Expression): UnaryExpression {
  return { kind: "UnaryExpression", operator, operand };
}

export function cast(type: string, operand: Expression): CastExpression {
  return { kind: "CastExpression", type: typeName(type), operand };
}

export function typeLiteral(type: string): TypeLiteral {
  return { kind: "TypeLiteral", type: typeName(type) };
}

/** `(pipeline)`; accepts a bare command for the common `(Get-Item $p)` case. */
export function paren(pipeline: Pipeline | CommandCall): ParenExpression {
  const p: Pipeline = pipeline.kind === "Pipeline" ? pipeline : { kind: "Pipeline", elements: [pipeline] };
  return { kind: "ParenExpression", pipeline: p };
}

export function subExpression(statements: readonly Statement[]): SubExpression {
  return { kind: "SubExpression", statements };
}

export function scriptBlock(statements: readonly Statement[], params: readonly string[] = []): ScriptBlockExpression {
  for (const p of params) assertVariableName(p);
  assertUnique(params, "Script block parameter");
  return { kind: "ScriptBlockExpression", params, statements };
}
