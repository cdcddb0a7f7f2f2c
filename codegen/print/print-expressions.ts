/**
 * Printers for expression nodes. Parentheses are decided here, conservatively: a compound operand is always
 * wrapped, so precedence never depends on a reader knowing PowerShell's operator table.
 */
import type {
  ArrayLiteral, BinaryExpression, BooleanLiteral, CastExpression, Expression, HashtableEntry, HashtableLiteral,
  IndexExpression, InvokeMember, MemberAccess, NumberLiteral, ParenExpression, PsCustomObject, ScriptBlockExpression,
  StringLiteral, SubExpression, TypeLiteral, TypeName, UnaryExpression, VariableExpression,
} from "../../src/ir/index.js";
import { block, concat, type Doc, indent, isSingleLine, join, lines, prefix, suffix, text } from "./doc.js";
import { quoteKey, quoteString } from "./escape.js";
import { printExpression, printNode, printStatements } from "./printer.js";

/** Inline arrays and script blocks longer than this go multi-line, for readability in diffs. */
const MAX_INLINE = 100;

export const printStringLiteral = (n: StringLiteral): Doc => text(quoteString(n.value));

/**
 * Hex literals of up to 8 digits are Int32 in PowerShell, so 0x80070005 would read back as a negative number.
 * Above Int32.MaxValue the value is printed in decimal, which PowerShell widens to Int64 by itself. (The `L`
 * suffix would work too, but the tree-sitter grammar behind the syntax gate rejects it after an operator.)
 */
const INT32_MAX = 0x7fffffff;

export function printNumberLiteral(n: NumberLiteral): Doc {
  if (!n.hex || n.value > INT32_MAX) return text(String(n.value));
  return text(`0x${n.value.toString(16).toUpperCase()}`);
}

export const printBooleanLiteral = (n: BooleanLiteral): Doc => text(n.value ? "$true" : "$false");
export const printNullLiteral = (): Doc => text("$null");

export function printVariable(n: VariableExpression): Doc {
  return text(n.scope === undefined ? `$${n.name}` : `$${n.scope}:${n.name}`);
}

export const printTypeName = (n: TypeName): Doc => text(`[${n.name}]`);
export const printTypeLiteral = (n: TypeLiteral): Doc => printNode(n.type);

/** Kinds that can be the target of `.Member`, `[i]` or `.Method()` without parentheses. */
const POSTFIX_SAFE = new Set<Expression["kind"]>([
  "VariableExpression", "MemberAccess", "InvokeMember", "IndexExpression", "ParenExpression", "SubExpression",
  "TypeLiteral", "ArrayLiteral", "HashtableLiteral",
]);

function printPostfixTarget(target: Expression): Doc {
  const doc = printExpression(target);
  const plainString = target.kind === "StringLiteral" && doc[0]!.text.startsWith("'");
  return POSTFIX_SAFE.has(target.kind) || plainString ? doc : wrap(doc);
}

function wrap(doc: Doc): Doc {
  return suffix(prefix("(", doc), ")");
}

export function printMemberAccess(n: MemberAccess): Doc {
  return suffix(printPostfixTarget(n.target), `${n.isStatic ? "::" : "."}${n.member}`);
}

export function printInvokeMember(n: InvokeMember): Doc {
  const head = suffix(printPostfixTarget(n.target), `${n.isStatic ? "::" : "."}${n.member}(`);
  // Only binary operands need parentheses here: `M('{0}' -f $a, 1)` would hand -f the array ($a, 1).
  const args = n.args.map((a) => (a.kind === "BinaryExpression" ? printOperand(a) : printExpression(a)));
  return suffix(concat(head, "", join(args, ", ")), ")");
}

export function printIndex(n: IndexExpression): Doc {
  return suffix(concat(suffix(printPostfixTarget(n.target), "["), "", printExpression(n.index)), "]");
}

/** `Key = value` lines, one per entry, in the order given (the builders keep it deterministic). */
export function printEntries(entries: readonly HashtableEntry[]): Doc {
  return entries.flatMap((entry) => prefix(`${quoteKey(entry.key)} = `, printExpression(entry.value)));
}

function printHashBody(head: string, entries: readonly HashtableEntry[]): Doc {
  if (entries.length === 0) return text(`${head}@{}`);
  return lines(text(`${head}@{`), indent(printEntries(entries)), text("}"));
}

export function printHashtable(n: HashtableLiteral): Doc {
  return printHashBody(n.ordered ? "[ordered]" : "", n.entries);
}

export function printPsCustomObject(n: PsCustomObject): Doc {
  const entries: HashtableEntry[] = n.typeName === undefined
    ? [...n.entries]
    : [{ key: "PSTypeName", value: { kind: "StringLiteral", value: n.typeName } }, ...n.entries];
  return printHashBody("[pscustomobject]", entries);
}

export function printArray(n: ArrayLiteral): Doc {
  if (n.items.length === 0) return text("@()");
  const only = n.items.length === 1 ? n.items[0]! : undefined;
  if (only?.kind === "ParenExpression" || only?.kind === "SubExpression") {
    // `@((Get-X))` and `@($(...))` mean `@(Get-X)`: the array subexpression already evaluates statements.
    const body = only.kind === "ParenExpression" ? printNode(only.pipeline) : printStatements(only.statements);
    return fitsInline(body) ? text(`@(${body[0]!.text})`) : lines(text("@("), indent(body), text(")"));
  }
  const items = n.items.map(printOperand);
  const inline = join(items, ", ");
  if (isSingleLine(inline) && inline[0]!.text.length <= MAX_INLINE) return suffix(prefix("@(", inline), ")");
  // One element per line, joined by trailing commas into one statement. Without the commas each line would be
  // its own statement, whose output @( ) enumerates, so an item that is itself an array would be flattened.
  const withCommas = items.map((item, i) => (i < items.length - 1 ? suffix(item, ",") : item));
  return lines(text("@("), indent(withCommas.flat()), text(")"));
}

/** Same-operator chains (`a -and b -and c`, `'x' + $y + 'z'`) read fine without parentheses on the left. */
const LEFT_ASSOCIATIVE = new Set(["-and", "-or", "+", "*"]);

export function printBinary(n: BinaryExpression): Doc {
  const leftBare = n.left.kind === "BinaryExpression" && n.left.operator === n.operator && LEFT_ASSOCIATIVE.has(n.operator);
  const left = leftBare ? printExpression(n.left) : printOperand(n.left);
  return concat(left, ` ${n.operator} `, printOperand(n.right));
}

export function printUnary(n: UnaryExpression): Doc {
  if (n.operator !== "-") return prefix(`${n.operator} `, printOperand(n.operand));
  // `--1` would tokenize as the decrement operator, so an operand that prints with a leading minus is wrapped.
  const operand = printOperand(n.operand);
  return prefix("-", operand[0]!.text.startsWith("-") ? wrap(operand) : operand);
}

export function printCast(n: CastExpression): Doc {
  return concat(printNode(n.type), "", printOperand(n.operand));
}

/** An operand of an operator, cast or method call: compound expressions get parentheses. */
export function printOperand(n: Expression): Doc {
  const doc = printExpression(n);
  return n.kind === "BinaryExpression" || n.kind === "UnaryExpression" ? wrap(doc) : doc;
}

export function printParen(n: ParenExpression): Doc {
  return wrap(printNode(n.pipeline));
}

/**
 * Whether a statement body can share one line with its delimiters. A line comment cannot: it would run on to the
 * end of the line and swallow the closing `)` or `}`.
 */
function fitsInline(body: Doc): boolean {
  return isSingleLine(body) && !body[0]!.text.startsWith("#");
}

export function printSubExpression(n: SubExpression): Doc {
  const body = printStatements(n.statements);
  if (fitsInline(body)) return text(`$(${body[0]!.text})`);
  return lines(text("$("), indent(body), text(")"));
}

export function printScriptBlock(n: ScriptBlockExpression): Doc {
  const param = n.params.length === 0 ? [] : text(`param(${n.params.map((p) => `$${p}`).join(", ")})`);
  const body = lines(param, printStatements(n.statements));
  if (body.length === 0) return text("{}");
  if (fitsInline(body) && body[0]!.text.length <= MAX_INLINE) return text(`{ ${body[0]!.text} }`);
  return block("", body);
}
