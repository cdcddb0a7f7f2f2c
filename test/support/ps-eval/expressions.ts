/**
 * Expression evaluation over the plain syntax tree (syntax.ts). Every node type not handled here throws a
 * PsUnsupportedError naming the node type and line, so a generator change that emits new syntax fails the
 * differential test loudly instead of being evaluated approximately.
 */
import { byteAt, hasByteArithmetic } from "./bytes.js";
import { convertTo, toPsString } from "./convert.js";
import { callMethod, callStatic, getMember, propertyByName } from "./members.js";
import { PsMemberView } from "./dotnet-values.js";
import { binaryOperator, unaryOperator } from "./operators.js";
import type { Scope } from "./scope.js";
import { describe, type SyntaxNode } from "./syntax.js";
import {
  collapse, isTrue, PsHashtable, PsObject, PsRuntimeError, PsScriptBlock, PsTypeLiteral, type PsValue,
} from "./values.js";
import { decodeVerbatimString } from "../ps-literal-eval.js";
import { LIST_OF_OBJECT, liveCast, liveStaticCall, liveStaticMember, type LiveRuntime } from "./dotnet-expressions.js";
import { liveIndex } from "./dotnet-members.js";
import { regexMatch } from "./text-operators.js";
import type { TimeZone } from "./datetime.js";

export class PsUnsupportedError extends Error {
  override readonly name = "PsUnsupportedError";
}

export function unsupported(node: SyntaxNode, why = "is outside the interpreted PowerShell subset"): never {
  throw new PsUnsupportedError(`${describe(node)} ${why}`);
}

/** What expressions need from the statement side (interpreter.ts). */
export interface Runtime {
  readonly zone: TimeZone;
  /** Runs a statement list, appending what it writes to `out`. */
  runStatements(list: SyntaxNode | undefined, scope: Scope, out: PsValue[]): void;
  /** Runs a pipeline with commands (`a | Where-Object {...}`), returning everything it writes. */
  runPipeline(node: SyntaxNode, scope: Scope): PsValue[];
}

const COMMAND_PIPELINES = new Set(["pipeline_chain", "command"]);
export const isCommandPipeline = (node: SyntaxNode): boolean => COMMAND_PIPELINES.has(node.type);

const significant = (node: SyntaxNode): readonly SyntaxNode[] => node.children;

/** Literal values by node: decoding a literal once per module instead of once per call. */
const literals = new WeakMap<SyntaxNode, PsValue>();

function literal(node: SyntaxNode, read: (node: SyntaxNode) => PsValue): PsValue {
  let value = literals.get(node);
  if (value === undefined) {
    value = read(node);
    literals.set(node, value);
  }
  return value;
}

const typeNames = new WeakMap<SyntaxNode, string>();

export function typeLiteralName(node: SyntaxNode): string {
  const known = typeNames.get(node);
  if (known !== undefined) return known;
  // type_literal: "[" type_spec "]"; type_spec > type_name (dotted: nested type_name "." type_identifier), or
  // array_type_name "]" for a one-dimensional array ([byte[]]). Generics and [T[,]] stay outside the subset.
  const spec = node.children[1];
  const first = spec?.children[0];
  if (first?.type === "generic_type_name" && spec !== undefined && LIST_OF_OBJECT.test(spec.text)) {
    typeNames.set(node, spec.text);
    return spec.text;
  }
  const plain = first?.type === "type_name" && spec?.children.length === 1;
  const array = first?.type === "array_type_name" && spec?.children.length === 2;
  if (node.children.length !== 3 || spec?.type !== "type_spec" || !(plain || array) || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(\[\])?$/.test(spec.text)) {
    unsupported(node, "is not a plain [TypeName] or [TypeName[]]");
  }
  typeNames.set(node, spec.text);
  return spec.text;
}

function integerLiteral(node: SyntaxNode): number {
  const digits = node.children[0];
  if (node.children.length !== 1 || digits === undefined) unsupported(node);
  if (digits.type === "decimal_integer_literal") {
    if (!/^\d+$/.test(digits.text)) unsupported(digits, "has a type or multiplier suffix");
    return Number(digits.text);
  }
  if (digits.type === "hexadecimal_integer_literal") {
    const m = /^0x([0-9a-f]+)$/i.exec(digits.text);
    if (!m) unsupported(digits, "has a type or multiplier suffix");
    const hex = m[1]!.replace(/^0+(?=.)/, "");
    if (hex.length > 16) unsupported(digits, "does not fit Int64");
    // Up to eight digits is an Int32 and wraps past 0x7FFFFFFF (0xFFFFFFFF is -1); up to sixteen an Int64.
    if (hex.length <= 8) return Number.parseInt(hex, 16) | 0;
    const value = BigInt.asIntN(64, BigInt(`0x${hex}`));
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) unsupported(digits, "is not exact as a double");
    return Number(value);
  }
  return unsupported(digits);
}

function stringLiteral(node: SyntaxNode): string {
  const token = node.children[0];
  if (node.children.length !== 1 || token === undefined) unsupported(node);
  if (token.type === "verbatim_string_characters") return decodeVerbatimString(token.text);
  // A double-quoted string is accepted only when nothing in it expands or escapes.
  if (token.type === "expandable_string_literal" && /^"[^"$`\u201C-\u201E]*"$/.test(token.text)) return token.text.slice(1, -1);
  return unsupported(token, "is a string form the interpreter does not expand");
}

const variableNames = new WeakMap<SyntaxNode, string>();

function variable(node: SyntaxNode, scope: Scope): PsValue {
  let name = variableNames.get(node);
  if (name === undefined) {
    name = node.text.slice(1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) unsupported(node, "is a scoped, braced or special variable");
    name = name.toLowerCase();
    variableNames.set(node, name);
  }
  if (name === "null") return null;
  if (name === "true") return true;
  if (name === "false") return false;
  const value = scope.lookup(name);
  // An unset variable is $null in PowerShell; in generated code it is a bug, so say so.
  if (value === undefined) throw new PsRuntimeError(`${describe(node)}: variable $${name} is not set`);
  return value;
}

function memberName(node: SyntaxNode | undefined, parent: SyntaxNode): string {
  if (node?.type !== "member_name" || node.children.length !== 1 || node.children[0]!.type !== "simple_name") {
    unsupported(parent, "has a computed or quoted member name");
  }
  return node.children[0]!.text;
}

function argumentValues(rt: Runtime, node: SyntaxNode | undefined, scope: Scope, parent: SyntaxNode): PsValue[] {
  if (node?.type !== "argument_list") unsupported(parent, "has no argument list");
  const list = node.children.find((c) => c.type === "argument_expression_list");
  if (list === undefined) return [];
  return list.children.filter((c) => c.type !== ",").map((arg) => evaluate(rt, arg, scope));
}

/** `@{ ... }` or, for `[pscustomobject]@{ ... }`, the entries in source order. */
function hashEntries(rt: Runtime, node: SyntaxNode, scope: Scope): [PsValue, PsValue][] {
  const body = node.children.find((c) => c.type === "hash_literal_body");
  if (body === undefined) return [];
  return significant(body).map((entry) => {
    if (entry.type !== "hash_entry" || entry.children.length !== 3 || entry.children[1]!.type !== "=") unsupported(entry);
    const keyNode = entry.children[0]!;
    const inner = keyNode.children.length === 1 ? keyNode.children[0]! : keyNode;
    const key = inner.type === "simple_name" ? inner.text : evaluate(rt, inner, scope);
    return [key, pipelineValue(rt, entry.children[2]!, scope)];
  });
}

function castExpression(rt: Runtime, node: SyntaxNode, scope: Scope): PsValue {
  const [typeNode, operand] = node.children;
  if (node.children.length !== 2 || typeNode?.type !== "type_literal" || operand === undefined) unsupported(node);
  const type = typeLiteralName(typeNode).toLowerCase();
  if (type === "pscustomobject" && operand.type === "hash_literal_expression") {
    // The literal form keeps the source order, and a PSTypeName key names the type instead of adding a property.
    const obj = new PsObject();
    for (const [key, value] of hashEntries(rt, operand, scope)) {
      const name = toPsString(key);
      if (name.toLowerCase() === "pstypename") obj.typeNames.unshift(toPsString(value));
      else obj.set(name, value);
    }
    return obj;
  }
  if (type === "ordered") {
    if (operand.type !== "hash_literal_expression") unsupported(node, "casts something other than a hashtable literal to [ordered]");
    const table = new PsHashtable(true);
    for (const [k, v] of hashEntries(rt, operand, scope)) table.set(k, v);
    return table;
  }
  const live = liveCast(rt as LiveRuntime, typeLiteralName(typeNode), operand, scope, (n) => evaluate(rt, n, scope));
  if (live !== undefined) return live;
  return convertTo(evaluate(rt, operand, scope), type, rt.zone);
}

/** Left-associative operator chains: [operand, op, operand, op, operand ...]. */
function binaryChain(rt: Runtime, node: SyntaxNode, scope: Scope): PsValue {
  const parts = significant(node);
  if (parts.length < 3 || parts.length % 2 === 0) unsupported(node);
  let value = evaluate(rt, parts[0]!, scope);
  for (let i = 1; i < parts.length; i += 2) {
    const op = parts[i]!.text.toLowerCase();
    const rightNode = parts[i + 1]!;
    if (node.type === "logical_expression") {
      // -and / -or short-circuit and always give a bool (about_Logical_Operators).
      if (op === "-and") value = isTrue(value) ? isTrue(evaluate(rt, rightNode, scope)) : false;
      else if (op === "-or") value = isTrue(value) ? true : isTrue(evaluate(rt, rightNode, scope));
      else unsupported(parts[i]!);
      continue;
    }
    if (node.type === "comparison_expression" && parts[i]!.type !== "comparison_operator") unsupported(parts[i]!);
    if ((op === "-match" || op === "-cmatch") && !Array.isArray(value)) {
      // On one string the match also sets $Matches, which the next statement may read (about_Regular_Expressions).
      const { matched, groups } = regexMatch(value, evaluate(rt, rightNode, scope), op === "-cmatch");
      if (groups !== null) scope.set("Matches", groups);
      value = matched;
      continue;
    }
    if (node.type === "additive_expression" && op !== "+" && op !== "-") unsupported(parts[i]!);
    value = binaryOperator(op, value, evaluate(rt, rightNode, scope), rt.zone);
  }
  return value;
}

/** The value of a pipeline in value position (assignment right side, hash entry): commands collapse their output. */
export function pipelineValue(rt: Runtime, node: SyntaxNode, scope: Scope): PsValue {
  if (isCommandPipeline(node)) return collapse(rt.runPipeline(node, scope));
  if (node.type === "assignment_expression") unsupported(node, "is an assignment used as a value");
  return evaluate(rt, node, scope);
}

export function evaluate(rt: Runtime, node: SyntaxNode, scope: Scope): PsValue {
  switch (node.type) {
    case "variable": return variable(node, scope);
    case "integer_literal": return literal(node, integerLiteral);
    case "real_literal":
      if (!/^\d+\.\d+$/.test(node.text)) unsupported(node, "has an exponent or suffix");
      return Number(node.text);
    case "string_literal": return literal(node, stringLiteral);
    case "type_literal": return new PsTypeLiteral(typeLiteralName(node));
    case "script_block_expression": {
      const block = node.children.find((c) => c.type === "script_block");
      if (block === undefined) unsupported(node, "is an empty script block");
      return new PsScriptBlock(block);
    }
    case "parenthesized_expression": {
      const inner = node.children[1];
      if (node.children.length !== 3 || inner === undefined) unsupported(node);
      return pipelineValue(rt, inner, scope);
    }
    case "sub_expression":
    case "array_expression": {
      const out: PsValue[] = [];
      rt.runStatements(node.children.find((c) => c.type === "statement_list"), scope, out);
      return node.type === "array_expression" ? out : collapse(out);
    }
    case "hash_literal_expression": {
      const table = new PsHashtable(false);
      for (const [k, v] of hashEntries(rt, node, scope)) table.set(k, v);
      return table;
    }
    case "array_literal_expression":
      // `a, b, c`: the items as they are (no unrolling).
      return significant(node).filter((c) => c.type !== ",").map((c) => evaluate(rt, c, scope));
    case "cast_expression": return castExpression(rt, node, scope);
    case "expression_with_unary_operator": {
      if (node.children.length === 1) return evaluate(rt, node.children[0]!, scope);
      const [op, operand] = node.children;
      if (node.children.length !== 2 || op === undefined || operand === undefined) unsupported(node);
      return unaryOperator(op.text, evaluate(rt, operand, scope));
    }
    case "logical_expression":
    case "comparison_expression":
    case "additive_expression":
    case "format_expression":
      return binaryChain(rt, node, scope);
    case "multiplicative_expression": // * / %, only where bytes.ts enabled them
      return hasByteArithmetic(rt) ? binaryChain(rt, node, scope) : unsupported(node);
    case "member_access": {
      const [target, dot, name] = node.children;
      if (node.children.length === 3 && dot?.type === "::" && target?.type === "type_literal") {
        return liveStaticMember(rt as LiveRuntime, typeLiteralName(target), memberName(name, node));
      }
      if (node.children.length !== 3 || target === undefined || dot?.type !== ".") unsupported(node, "is static or computed member access");
      return getMember(evaluate(rt, target, scope), memberName(name, node));
    }
    case "invokation_expression": {
      const [target, dot, name, args] = node.children;
      if (node.children.length !== 4 || target === undefined) unsupported(node);
      const values = argumentValues(rt, args, scope, node);
      if (dot?.type === "::") {
        if (target.type !== "type_literal") unsupported(node);
        const type = typeLiteralName(target);
        const member = memberName(name, node);
        return callStatic(type, member, values, () => liveStaticCall(rt as LiveRuntime, type, member, values));
      }
      return callMethod(evaluate(rt, target, scope), memberName(name, node), values, rt.zone);
    }
    case "element_access": {
      const [target, , index] = node.children;
      if (node.children.length !== 4 || target === undefined || index === undefined) unsupported(node);
      const container = evaluate(rt, target, scope);
      const key = evaluate(rt, index, scope);
      if (container instanceof PsHashtable) return container.get(key);
      const byte = byteAt(container, key); // $bytes[$i] (bytes.ts)
      if (byte !== undefined) return byte;
      const live = liveIndex(container, key); // a List or a .NET indexer (dotnet-members.ts)
      if (live !== undefined) return live;
      if (container instanceof PsMemberView && typeof key === "string") return propertyByName(container, key);
      if (Array.isArray(container) && typeof key === "number" && Number.isInteger(key)) {
        return container[key < 0 ? container.length + key : key] ?? null;
      }
      if (container === null) throw new PsRuntimeError(`${describe(node)}: Cannot index into a null array.`);
      return unsupported(node, "indexes something other than a hashtable or an array by number");
    }
    default:
      if (isCommandPipeline(node)) return collapse(rt.runPipeline(node, scope));
      return unsupported(node);
  }
}
