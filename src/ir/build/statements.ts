/**
 * Builders for commands, pipelines and statements.
 */
import type { Expression } from "../nodes-expressions.js";
import type {
  AssignableExpression, AssignmentOperator, AssignmentStatement, BlankLine, BreakStatement, CatchClause, CommandArgument,
  CommandCall, ContinueStatement, ExitStatement, ForeachStatement, IfClause, IfStatement, LineComment, NamedArgument,
  Pipeline, PipelineStatement, PositionalArgument, RawScript, ReturnStatement, SplatArgument, Statement, SwitchClause,
  SwitchOption, SwitchStatement, ThrowStatement, TryStatement,
} from "../nodes-statements.js";
import {
  assertCallableName, assertCommentText, assertNonEmpty, assertParameterName, assertUnique, assertVariableName,
} from "../validate.js";
import { typeName } from "./expressions.js";

/** Anything that can stand where a pipeline is expected: a pipeline, a command, or a single expression. */
export type PipelineLike = Pipeline | CommandCall | Expression;

export function toPipeline(value: PipelineLike): Pipeline {
  return value.kind === "Pipeline" ? value : { kind: "Pipeline", elements: [value] };
}

/** `-Name value`; `-Name` alone for a switch; `{ colon: true }` gives `-Name:value` (needed for `-Confirm:$false`). */
export function namedArg(name: string, value?: Expression, options: { colon?: boolean } = {}): NamedArgument {
  assertParameterName(name);
  const colon = options.colon ?? false;
  if (colon && value === undefined) throw new TypeError(`-${name}: the colon form needs a value`);
  return { kind: "NamedArgument", name, value, colon };
}

export function positionalArg(value: Expression): PositionalArgument {
  return { kind: "PositionalArgument", value };
}

export function splat(variableName: string): SplatArgument {
  assertVariableName(variableName);
  return { kind: "SplatArgument", variable: variableName };
}

/**
 * A command call. A plain record of arguments is sugar for named arguments: `true` is a switch, an
 * Expression is the value. Order is kept as given, so output is deterministic.
 */
export function command(
  name: string,
  args: readonly CommandArgument[] | Readonly<Record<string, Expression | true>> = [],
): CommandCall {
  assertCallableName(name);
  const list: CommandArgument[] = Array.isArray(args)
    ? [...(args as readonly CommandArgument[])]
    : Object.entries(args as Record<string, Expression | true>).map(([k, v]) => namedArg(k, v === true ? undefined : v));
  assertUnique(list.flatMap((a) => (a.kind === "NamedArgument" ? [a.name] : [])), `Argument of ${name}`);
  return { kind: "CommandCall", name, args: list };
}

export function pipeline(...elements: readonly (CommandCall | Expression)[]): Pipeline {
  assertNonEmpty(elements, "Pipeline");
  elements.slice(1).forEach((e) => {
    // After the first element only commands can receive pipeline input.
    if (e.kind !== "CommandCall") throw new TypeError(`Pipeline element ${e.kind} must be a command after the first position`);
  });
  return { kind: "Pipeline", elements };
}

export function pipelineStatement(value: PipelineLike): PipelineStatement {
  return { kind: "PipelineStatement", pipeline: toPipeline(value) };
}

export function assign(
  target: AssignableExpression,
  value: PipelineLike,
  options: { operator?: AssignmentOperator; type?: string } = {},
): AssignmentStatement {
  const type = options.type === undefined ? undefined : typeName(options.type);
  if (type !== undefined && target.kind !== "VariableExpression") throw new TypeError("Only a variable can carry a type constraint");
  return { kind: "AssignmentStatement", target, operator: options.operator ?? "=", type, value: toPipeline(value) };
}

export function ifStatement(
  clauses: readonly { condition: PipelineLike; body: readonly Statement[] }[],
  elseBody?: readonly Statement[],
): IfStatement {
  assertNonEmpty(clauses, "If clauses");
  const list: IfClause[] = clauses.map((c) => ({ condition: toPipeline(c.condition), body: c.body }));
  return { kind: "IfStatement", clauses: list, elseBody };
}

/** Shorthand for the common single-clause `if`. */
export function ifThen(condition: PipelineLike, body: readonly Statement[], elseBody?: readonly Statement[]): IfStatement {
  return ifStatement([{ condition, body }], elseBody);
}

export function foreachStatement(variableName: string, iterable: PipelineLike, body: readonly Statement[]): ForeachStatement {
  assertVariableName(variableName);
  return { kind: "ForeachStatement", variable: variableName, iterable: toPipeline(iterable), body };
}

export function switchStatement(
  subject: PipelineLike,
  clauses: readonly SwitchClause[],
  options: { defaultBody?: readonly Statement[]; switchOptions?: readonly SwitchOption[] } = {},
): SwitchStatement {
  assertNonEmpty(clauses, "Switch clauses");
  for (const c of clauses) {
    const k = c.pattern.kind;
    if (k !== "StringLiteral" && k !== "NumberLiteral") throw new TypeError(`Switch pattern must be a constant, got ${k}`);
  }
  return {
    kind: "SwitchStatement",
    subject: toPipeline(subject),
    options: [...(options.switchOptions ?? [])].sort(),
    clauses,
    defaultBody: options.defaultBody,
  };
}

export function tryStatement(
  body: readonly Statement[],
  catches: readonly { types?: readonly string[]; body: readonly Statement[] }[],
  finallyBody?: readonly Statement[],
): TryStatement {
  if (catches.length === 0 && finallyBody === undefined) throw new TypeError("try needs a catch or a finally");
  const list: CatchClause[] = catches.map((c) => ({ types: (c.types ?? []).map(typeName), body: c.body }));
  list.slice(0, -1).forEach((c) => {
    // A catch-all before a typed catch would make the typed one unreachable, which PowerShell rejects.
    if (c.types.length === 0) throw new TypeError("A catch-all clause must be the last catch");
  });
  return { kind: "TryStatement", body, catches: list, finallyBody };
}

export function returnStatement(value?: PipelineLike): ReturnStatement {
  return { kind: "ReturnStatement", value: value === undefined ? undefined : toPipeline(value) };
}

export function throwStatement(value?: PipelineLike): ThrowStatement {
  return { kind: "ThrowStatement", value: value === undefined ? undefined : toPipeline(value) };
}

export function exitStatement(code?: Expression): ExitStatement {
  return { kind: "ExitStatement", code };
}

export function breakStatement(): BreakStatement {
  return { kind: "BreakStatement" };
}

export function continueStatement(): ContinueStatement {
  return { kind: "ContinueStatement" };
}

export function comment(...lines: readonly string[]): LineComment {
  assertNonEmpty(lines, "Comment");
  for (const l of lines) assertCommentText(l, "Comment line");
  return { kind: "LineComment", lines };
}

export function blankLine(): BlankLine {
  return { kind: "BlankLine" };
}

/**
 * Raw PowerShell lines. Use only for what the IR cannot express; `reason` says why, and is printed as a comment
 * above the lines. Here-strings are refused because the writer indents every line, which breaks their terminator.
 */
export function rawScript(lines: readonly string[], reason: string): RawScript {
  assertNonEmpty(lines, "Raw script");
  assertCommentText(reason, "Raw script reason");
  for (const l of lines) {
    if (/[^\x20-\x7E]/.test(l)) throw new TypeError(`Raw script line ${JSON.stringify(l)} must be printable ASCII`);
    if (/@['"]\s*$|^\s*['"]@/.test(l)) throw new TypeError(`Raw script line ${JSON.stringify(l)} must not open or close a here-string`);
    if (/`\s*$/.test(l)) throw new TypeError(`Raw script line ${JSON.stringify(l)} must not end in a backtick continuation; use splatting`);
  }
  return { kind: "RawScript", lines, reason };
}
