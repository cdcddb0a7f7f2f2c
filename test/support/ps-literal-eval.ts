/**
 * A tiny evaluator for the PowerShell string expressions that codegen/print/escape.ts may print, working on the
 * tree-sitter-powershell syntax tree (never on the printed text). It exists because no real pwsh can run here;
 * pester/General/Escape.Tests.ps1 repeats the check with the real engine wherever one exists.
 *
 * It implements the PowerShell language specification for exactly these constructs, and throws on anything else,
 * so a printer change that emits another construct fails loudly instead of being evaluated approximately:
 * - verbatim (single-quoted) string literals. PowerShell's tokenizer treats five characters as single quotes
 *   (' U+2018 U+2019 U+201A U+201B; engine/parser/CharTraits.cs IsSingleQuote). Inside the string, a quote
 *   character followed by another one yields the second; a quote character followed by anything else ends the
 *   string (Tokenizer.ScanStringLiteral). tree-sitter only knows the ASCII quote, so the decoder re-applies the
 *   real rule to the token text and rejects a token that PowerShell would have ended early;
 * - hexadecimal integer literals (`0x00E9`), read as Int32 like PowerShell does for up to eight hex digits;
 * - `[char]` casts of an integer in 0..0xFFFF, and `[string]` casts of a char or a string;
 * - binary `+` whose left operand is a string (string concatenation; the right operand is a string or a char).
 *   A char or number on the left would not concatenate in PowerShell (`[char] + 'x'` converts 'x' to a char),
 *   so it is rejected;
 * - parentheses, and the single-child wrapper nodes tree-sitter puts around every expression.
 */
import type { Node, TreeCursor } from "web-tree-sitter";

/** The characters PowerShell's tokenizer accepts as single quotes (independent of escape.ts on purpose). */
export const PS_SINGLE_QUOTES: ReadonlySet<string> = new Set(["'", "\u2018", "\u2019", "\u201A", "\u201B"]);

export type PsValue =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "char"; readonly value: string }
  | { readonly type: "int"; readonly value: number };

export class PsEvalError extends Error {
  override readonly name = "PsEvalError";
}

/**
 * Node types that only wrap one child in this grammar (each precedence level of the expression grammar has its
 * own node). They are passed through only when they have exactly one child: an `additive_expression` with an
 * operator, or an `array_literal_expression` with commas, is something else.
 */
const WRAPPERS: ReadonlySet<string> = new Set([
  "pipeline",
  "pipeline_chain",
  "logical_expression",
  "bitwise_expression",
  "comparison_expression",
  "additive_expression",
  "multiplicative_expression",
  "format_expression",
  "range_expression",
  "array_literal_expression",
  "unary_expression",
  "expression_with_unary_operator",
]);

/** The type of the node under the cursor (a call, so TypeScript does not narrow it across cursor moves). */
const typeAt = (cursor: TreeCursor): string => cursor.nodeType;

function describeAt(cursor: TreeCursor): string {
  const node = cursor.currentNode;
  return `${node.type} ${JSON.stringify(node.text.slice(0, 60))} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
}

function unknown(cursor: TreeCursor, why = "is not something escape.ts prints"): never {
  throw new PsEvalError(`${describeAt(cursor)} ${why}`);
}

/** The value of a verbatim string token such as `'it''s'`, by PowerShell's rules (see the file comment). */
export function decodeVerbatimString(token: string): string {
  // Indexed by UTF-16 code unit, as PowerShell reads source text.
  const last = token.length - 1;
  if (token.length < 2 || !PS_SINGLE_QUOTES.has(token[0]!) || !PS_SINGLE_QUOTES.has(token[last]!)) {
    throw new PsEvalError(`${JSON.stringify(token)} is not a single-quoted string`);
  }
  let value = "";
  for (let i = 1; i < last; i++) {
    const c = token[i]!;
    if (!PS_SINGLE_QUOTES.has(c)) {
      value += c;
      continue;
    }
    if (i + 1 >= last || !PS_SINGLE_QUOTES.has(token[i + 1]!)) {
      const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      throw new PsEvalError(`${JSON.stringify(token)}: PowerShell ends this string at offset ${i} (U+${code}), before its last quote`);
    }
    value += token[i + 1]!; // a pair of quote characters yields the second one
    i++;
  }
  return value;
}

/** A hexadecimal integer literal as PowerShell 5.1 reads it: up to 8 digits is an Int32 (the sign bit wraps). */
export function hexLiteralValue(text: string): number {
  const m = /^0x([0-9a-f]+)$/i.exec(text);
  if (!m) throw new PsEvalError(`${JSON.stringify(text)} is not a hexadecimal literal without a suffix`);
  if (m[1]!.replace(/^0+/, "").length > 8) throw new PsEvalError(`${text} is an Int64 literal; escape.ts prints UTF-16 code units`);
  return Number.parseInt(m[1]!, 16) | 0;
}

/**
 * Moves to the only child of the current node, or throws. The caller must `gotoParent()` afterwards. Every
 * node type the evaluator knows has a fixed shape, so "exactly one child" is checked, never assumed.
 */
function enterOnlyChild(cursor: TreeCursor): void {
  if (!cursor.gotoFirstChild()) unknown(cursor, "has no children");
  if (cursor.gotoNextSibling()) {
    cursor.gotoParent();
    unknown(cursor, "has more than one child");
  }
  // gotoNextSibling() failed, so the cursor is still on the first (and only) child.
}

/** `[char]` or `[string]`, from a `type_literal` node. */
function castTypeAt(cursor: TreeCursor): "char" | "string" {
  if (typeAt(cursor) !== "type_literal") unknown(cursor);
  // type_literal: "[" type_spec "]"
  cursor.gotoFirstChild();
  const open = typeAt(cursor);
  cursor.gotoNextSibling();
  if (open !== "[" || typeAt(cursor) !== "type_spec") unknown(cursor, "is not a plain [type]");
  enterOnlyChild(cursor);
  if (typeAt(cursor) !== "type_name") unknown(cursor, "is not a plain type name (array or generic?)");
  enterOnlyChild(cursor);
  if (typeAt(cursor) !== "type_identifier") unknown(cursor, "is not a type identifier");
  // PowerShell type names are case-insensitive.
  const name = cursor.nodeText.toLowerCase();
  if (name !== "char" && name !== "string") unknown(cursor, "is a cast to a type escape.ts does not use");
  cursor.gotoParent();
  cursor.gotoParent();
  if (!cursor.gotoNextSibling() || typeAt(cursor) !== "]" || cursor.gotoNextSibling()) unknown(cursor, "is not a plain [type]");
  cursor.gotoParent();
  return name;
}

function cast(type: "char" | "string", operand: PsValue, cursor: TreeCursor): PsValue {
  if (type === "char") {
    if (operand.type !== "int" || operand.value < 0 || operand.value > 0xffff) {
      unknown(cursor, `casts ${operand.type} ${JSON.stringify(operand.value)} to [char]; only a UTF-16 code unit number is expected`);
    }
    return { type: "char", value: String.fromCharCode(operand.value) };
  }
  if (operand.type === "int") unknown(cursor, "casts a number to [string]");
  return { type: "string", value: operand.value };
}

/**
 * Evaluates the node under the cursor and leaves the cursor where it was. Uses a TreeCursor rather than
 * `Node.children`: a 10,000-literal script has about three million nodes, and creating a Node object for each
 * costs seconds.
 */
function evaluateAt(cursor: TreeCursor): PsValue {
  if (cursor.nodeIsMissing) unknown(cursor, "is a MISSING node (a syntax error)");
  const type = typeAt(cursor);
  if (WRAPPERS.has(type)) {
    if (!cursor.gotoFirstChild()) unknown(cursor, "has no children");
    const left = evaluateAt(cursor);
    if (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      return left;
    }
    // The only wrapper with more than one child we accept: additive_expression, `left + right`.
    if (type !== "additive_expression") {
      cursor.gotoParent();
      unknown(cursor, "has more than one child");
    }
    if (typeAt(cursor) !== "+") unknown(cursor, "is an operator other than +");
    if (!cursor.gotoNextSibling()) unknown(cursor, "has no right operand");
    const right = evaluateAt(cursor);
    const extra = cursor.gotoNextSibling();
    cursor.gotoParent();
    if (extra) unknown(cursor, "has more than three children");
    if (left.type !== "string") unknown(cursor, `adds to a ${left.type}; PowerShell only concatenates when the left operand is a string`);
    if (right.type === "int") unknown(cursor, "concatenates a number");
    return { type: "string", value: left.value + right.value };
  }
  switch (type) {
    case "parenthesized_expression": {
      // "(" pipeline ")"
      cursor.gotoFirstChild();
      if (typeAt(cursor) !== "(" || !cursor.gotoNextSibling()) unknown(cursor, "is not a parenthesized expression");
      const value = evaluateAt(cursor);
      const closed = cursor.gotoNextSibling() && typeAt(cursor) === ")" && !cursor.gotoNextSibling();
      cursor.gotoParent();
      if (!closed) unknown(cursor, "is not closed by )");
      return value;
    }
    case "cast_expression": {
      // type_literal unary_expression
      cursor.gotoFirstChild();
      const castType = castTypeAt(cursor);
      if (!cursor.gotoNextSibling()) unknown(cursor, "has no operand");
      const operand = evaluateAt(cursor);
      const extra = cursor.gotoNextSibling();
      cursor.gotoParent();
      if (extra) unknown(cursor, "has more than two children");
      return cast(castType, operand, cursor);
    }
    case "string_literal": {
      enterOnlyChild(cursor);
      if (typeAt(cursor) !== "verbatim_string_characters") unknown(cursor, "is not a single-quoted string");
      const value = decodeVerbatimString(cursor.nodeText);
      cursor.gotoParent();
      return { type: "string", value };
    }
    case "integer_literal": {
      enterOnlyChild(cursor);
      if (typeAt(cursor) !== "hexadecimal_integer_literal") unknown(cursor, "is not a hexadecimal literal");
      const value = hexLiteralValue(cursor.nodeText);
      cursor.gotoParent();
      return { type: "int", value };
    }
    default:
      return unknown(cursor);
  }
}

/** Evaluates one expression node (any of the wrappers above, down to literals). */
export function evaluate(node: Node): PsValue {
  const cursor = node.walk();
  try {
    return evaluateAt(cursor);
  } finally {
    cursor.delete();
  }
}

/**
 * Evaluates a script made only of `$name = <expression>` lines and returns each variable's value, in order.
 * Anything else at statement level (a comment, a command, another operator, a syntax error) throws.
 */
export function evaluateAssignments(root: Node): Map<string, PsValue> {
  const values = new Map<string, PsValue>();
  const cursor = root.walk();
  try {
    if (typeAt(cursor) !== "program") unknown(cursor, "is not a program");
    if (!cursor.gotoFirstChild()) return values;
    if (typeAt(cursor) !== "statement_list" || cursor.gotoNextSibling()) unknown(cursor, "is not the only statement list");
    if (!cursor.gotoFirstChild()) return values;
    do {
      // pipeline > assignment_expression > left_assignment_expression "=" pipeline
      if (typeAt(cursor) !== "pipeline") unknown(cursor, "is not an assignment statement");
      enterOnlyChild(cursor);
      if (typeAt(cursor) !== "assignment_expression") unknown(cursor, "is not an assignment");
      cursor.gotoFirstChild();
      const name = variableNameAt(cursor);
      if (!cursor.gotoNextSibling() || typeAt(cursor) !== "assignement_operator" || cursor.nodeText !== "=") {
        unknown(cursor, "is not a plain = assignment");
      }
      if (!cursor.gotoNextSibling()) unknown(cursor, "has no value");
      if (values.has(name)) unknown(cursor, `assigns ${name} twice`);
      values.set(name, evaluateAt(cursor));
      if (cursor.gotoNextSibling()) unknown(cursor, "has more than a target, = and a value");
      cursor.gotoParent(); // assignment_expression
      cursor.gotoParent(); // pipeline
    } while (cursor.gotoNextSibling());
    return values;
  } finally {
    cursor.delete();
  }
}

/** `$name` from an assignment target, through its single-child wrappers; leaves the cursor where it was. */
function variableNameAt(cursor: TreeCursor): string {
  let depth = 0;
  while (typeAt(cursor) !== "variable") {
    if (typeAt(cursor) !== "left_assignment_expression" && !WRAPPERS.has(typeAt(cursor))) unknown(cursor, "is not a plain variable target");
    enterOnlyChild(cursor);
    depth++;
  }
  const name = cursor.nodeText;
  for (let i = 0; i < depth; i++) cursor.gotoParent();
  return name;
}
