/**
 * Expression nodes of the PowerShell IR.
 *
 * Only Windows PowerShell 5.1 syntax has a node here: there is deliberately no node for `??`, `?.`,
 * the ternary operator, `&&`/`||` or `-Parallel` (platform-limits.md §4), so 7-only code cannot be built.
 * Nodes are plain readonly data; build them with the validating builders in `build/`.
 */
import type { Pipeline, Statement } from "./nodes-statements.js";

/** A .NET or PowerShell type name as written inside `[...]`, e.g. `string[]` or `System.Net.Sockets.TcpClient`. */
export interface TypeName {
  readonly kind: "TypeName";
  readonly name: string;
}

/** A string constant; the printer quotes it through `codegen/print/escape.ts` only. */
export interface StringLiteral {
  readonly kind: "StringLiteral";
  readonly value: string;
}

export interface NumberLiteral {
  readonly kind: "NumberLiteral";
  readonly value: number;
  /** Print as 0x... (for codes such as 0x904, where the hex form is how admins know them). */
  readonly hex: boolean;
}

/** `$true` / `$false`. */
export interface BooleanLiteral {
  readonly kind: "BooleanLiteral";
  readonly value: boolean;
}

/** `$null`. */
export interface NullLiteral {
  readonly kind: "NullLiteral";
}

export type VariableScope = "script" | "global" | "local" | "env" | "using";

export interface VariableExpression {
  readonly kind: "VariableExpression";
  readonly name: string;
  readonly scope: VariableScope | undefined;
}

/** `$x.Name` or `[Type]::Name`. */
export interface MemberAccess {
  readonly kind: "MemberAccess";
  readonly target: Expression;
  readonly member: string;
  readonly isStatic: boolean;
}

/** `$x.Method(a, b)` or `[Type]::Method(a, b)`. */
export interface InvokeMember {
  readonly kind: "InvokeMember";
  readonly target: Expression;
  readonly member: string;
  readonly isStatic: boolean;
  readonly args: readonly Expression[];
}

/** `$x[0]` or `$h['key']`. */
export interface IndexExpression {
  readonly kind: "IndexExpression";
  readonly target: Expression;
  readonly index: Expression;
}

export interface HashtableEntry {
  readonly key: string;
  readonly value: Expression;
}

/** `@{ ... }`, or `[ordered]@{ ... }` when `ordered`. Entries keep their given order. */
export interface HashtableLiteral {
  readonly kind: "HashtableLiteral";
  readonly entries: readonly HashtableEntry[];
  readonly ordered: boolean;
}

/** `@(a, b, c)`; always printed in array-subexpression form so one element stays an array. */
export interface ArrayLiteral {
  readonly kind: "ArrayLiteral";
  readonly items: readonly Expression[];
}

/** `[pscustomobject]@{ ... }` with an optional PSTypeName first, so format data can target it. */
export interface PsCustomObject {
  readonly kind: "PsCustomObject";
  readonly typeName: string | undefined;
  readonly entries: readonly HashtableEntry[];
}

export type ComparisonOperator =
  | "-eq" | "-ne" | "-gt" | "-ge" | "-lt" | "-le"
  | "-ceq" | "-cne"
  | "-like" | "-notlike" | "-match" | "-notmatch" | "-cmatch"
  | "-contains" | "-notcontains" | "-in" | "-notin"
  | "-is" | "-isnot" | "-as";
export type LogicalOperator = "-and" | "-or" | "-xor";
export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%";
export type StringOperator = "-f" | "-join" | "-split" | "-replace";
export type BinaryOperator = ComparisonOperator | LogicalOperator | ArithmeticOperator | StringOperator;

export interface BinaryExpression {
  readonly kind: "BinaryExpression";
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export type UnaryOperator = "-not" | "-" | "-join";

export interface UnaryExpression {
  readonly kind: "UnaryExpression";
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}

/** `[type]operand`. */
export interface CastExpression {
  readonly kind: "CastExpression";
  readonly type: TypeName;
  readonly operand: Expression;
}

/** `[type]` on its own, as the target of static member access. */
export interface TypeLiteral {
  readonly kind: "TypeLiteral";
  readonly type: TypeName;
}

/** `(pipeline)`: a pipeline used as a value. */
export interface ParenExpression {
  readonly kind: "ParenExpression";
  readonly pipeline: Pipeline;
}

/** `$( statements )`. */
export interface SubExpression {
  readonly kind: "SubExpression";
  readonly statements: readonly Statement[];
}

/** `{ param(...) statements }`. */
export interface ScriptBlockExpression {
  readonly kind: "ScriptBlockExpression";
  readonly params: readonly string[];
  readonly statements: readonly Statement[];
}

export type Expression =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | VariableExpression
  | MemberAccess
  | InvokeMember
  | IndexExpression
  | HashtableLiteral
  | ArrayLiteral
  | PsCustomObject
  | BinaryExpression
  | UnaryExpression
  | CastExpression
  | TypeLiteral
  | ParenExpression
  | SubExpression
  | ScriptBlockExpression;
