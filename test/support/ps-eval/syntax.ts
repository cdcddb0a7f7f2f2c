/**
 * The printed module's syntax tree, copied once out of tree-sitter-powershell into plain objects. Walking
 * web-tree-sitter Nodes allocates a wrapper per visit; a plain copy makes the ~1,300 function calls of the
 * differential test cheap, and lets the interpreter cache function bodies.
 *
 * The grammar has one node per precedence level (logical_expression > ... > unary_expression); a level with
 * a single child is only a wrapper and is dropped here, so the interpreter sees the operator nodes only.
 * Comments are dropped too.
 */
import type { Node } from "web-tree-sitter";
import { parsePowerShell } from "../../../codegen/validate/ps-syntax.js";

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly children: readonly SyntaxNode[];
  /** 1-based, for error messages. */
  readonly line: number;
  readonly column: number;
}

const WRAPPERS: ReadonlySet<string> = new Set([
  "pipeline", "pipeline_chain", "logical_expression", "bitwise_expression", "comparison_expression",
  "additive_expression", "multiplicative_expression", "format_expression", "range_expression",
  "array_literal_expression", "unary_expression",
  // The argument-list twins of the levels above (method call arguments).
  "argument_expression", "logical_argument_expression", "bitwise_argument_expression",
  "comparison_argument_expression", "additive_argument_expression", "multiplicative_argument_expression",
  "format_argument_expression", "range_argument_expression",
]);

export class PsSyntaxError extends Error {
  override readonly name = "PsSyntaxError";
}

/** "node_type 'text' at line:column", for every error the interpreter raises about a node. */
export function describe(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, " ").slice(0, 70);
  return `${node.type} ${JSON.stringify(text)} at line ${node.line}:${node.column}`;
}

function copy(node: Node): SyntaxNode {
  if (node.isError || node.isMissing) {
    throw new PsSyntaxError(`tree-sitter reports ${node.isMissing ? "a MISSING" : "an ERROR"} node at line ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.text.slice(0, 70)}`);
  }
  const children: SyntaxNode[] = [];
  // Comments carry no meaning; dropping them here keeps every other rule free of "skip comments".
  for (const child of node.children) if (child && child.type !== "comment") children.push(copy(child));
  if (WRAPPERS.has(node.type) && children.length === 1) return children[0]!;
  return {
    type: node.type,
    text: node.text,
    children,
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
  };
}

/** Parses PowerShell source into the plain tree; any syntax error throws. */
export async function parseSyntax(source: string): Promise<SyntaxNode> {
  const { root } = await parsePowerShell(source);
  return copy(root);
}
