/**
 * Statement, pipeline and command nodes of the PowerShell IR.
 */
import type { Expression, TypeName, VariableExpression, MemberAccess, IndexExpression } from "./nodes-expressions.js";
import type { FunctionDefinition } from "./nodes-functions.js";

/** `-Name value`, `-Switch`, or `-Switch:$false` (`colon` form, needed to pass a value to a switch). */
export interface NamedArgument {
  readonly kind: "NamedArgument";
  readonly name: string;
  readonly value: Expression | undefined;
  readonly colon: boolean;
}

export interface PositionalArgument {
  readonly kind: "PositionalArgument";
  readonly value: Expression;
}

/** `@params`: splatting, which is how long calls stay on one line without backtick continuations. */
export interface SplatArgument {
  readonly kind: "SplatArgument";
  readonly variable: string;
}

export type CommandArgument = NamedArgument | PositionalArgument | SplatArgument;

/** A command by its full name (never an alias): `Get-ChildItem -Path $p`. */
export interface CommandCall {
  readonly kind: "CommandCall";
  readonly name: string;
  readonly args: readonly CommandArgument[];
}

/** `a | b | c`; the first element may be an expression (`$items | Where-Object ...`). */
export interface Pipeline {
  readonly kind: "Pipeline";
  readonly elements: readonly (CommandCall | Expression)[];
}

export interface PipelineStatement {
  readonly kind: "PipelineStatement";
  readonly pipeline: Pipeline;
}

export type AssignmentOperator = "=" | "+=" | "-=";
export type AssignableExpression = VariableExpression | MemberAccess | IndexExpression;

/** `$x = value`; a typed form `[int]$x = value` when `type` is set. */
export interface AssignmentStatement {
  readonly kind: "AssignmentStatement";
  readonly target: AssignableExpression;
  readonly operator: AssignmentOperator;
  readonly type: TypeName | undefined;
  readonly value: Pipeline;
}

export interface IfClause {
  readonly condition: Pipeline;
  readonly body: readonly Statement[];
}

export interface IfStatement {
  readonly kind: "IfStatement";
  /** The `if` clause first, then each `elseif`. */
  readonly clauses: readonly IfClause[];
  readonly elseBody: readonly Statement[] | undefined;
}

export interface ForeachStatement {
  readonly kind: "ForeachStatement";
  readonly variable: string;
  readonly iterable: Pipeline;
  readonly body: readonly Statement[];
}

export type SwitchOption = "Exact" | "Wildcard" | "Regex" | "CaseSensitive";

export interface SwitchClause {
  /** A constant pattern; scriptblock conditions are left out on purpose so clauses stay data. */
  readonly pattern: Expression;
  readonly body: readonly Statement[];
}

export interface SwitchStatement {
  readonly kind: "SwitchStatement";
  readonly subject: Pipeline;
  readonly options: readonly SwitchOption[];
  readonly clauses: readonly SwitchClause[];
  readonly defaultBody: readonly Statement[] | undefined;
}

export interface CatchClause {
  /** Empty for a catch-all. */
  readonly types: readonly TypeName[];
  readonly body: readonly Statement[];
}

export interface TryStatement {
  readonly kind: "TryStatement";
  readonly body: readonly Statement[];
  readonly catches: readonly CatchClause[];
  readonly finallyBody: readonly Statement[] | undefined;
}

export interface ReturnStatement {
  readonly kind: "ReturnStatement";
  readonly value: Pipeline | undefined;
}

export interface ThrowStatement {
  readonly kind: "ThrowStatement";
  readonly value: Pipeline | undefined;
}

/** `exit n`; unattended channels must end every path in one (platform-limits.md RC5, IN1). */
export interface ExitStatement {
  readonly kind: "ExitStatement";
  readonly code: Expression | undefined;
}

export interface BreakStatement {
  readonly kind: "BreakStatement";
}

export interface ContinueStatement {
  readonly kind: "ContinueStatement";
}

/** One or more `#` line comments. Text is ASCII and single-line per entry. */
export interface LineComment {
  readonly kind: "LineComment";
  readonly lines: readonly string[];
}

/** An empty line, for readability between logical groups. */
export interface BlankLine {
  readonly kind: "BlankLine";
}

/**
 * Hand-written PowerShell, for the rare construct the IR does not model. It is the only door for raw text:
 * the builder demands a reason, and the tests parse every generated file, so raw text cannot hide a syntax error.
 */
export interface RawScript {
  readonly kind: "RawScript";
  readonly lines: readonly string[];
  readonly reason: string;
}

export type Statement =
  | PipelineStatement
  | AssignmentStatement
  | IfStatement
  | ForeachStatement
  | SwitchStatement
  | TryStatement
  | ReturnStatement
  | ThrowStatement
  | ExitStatement
  | BreakStatement
  | ContinueStatement
  | LineComment
  | BlankLine
  | RawScript
  | FunctionDefinition;
