/**
 * Statements the snapshot collectors use beyond the verdict functions' subset: try/catch with typed catch
 * clauses (about_Try_Catch_Finally), `$x += value` and `$table['key'] = value` (about_Assignment_Operators),
 * `[void](...)` as a statement, and the Select-Object -First / ForEach-Object { } pipeline stages.
 * Kept apart from interpreter.ts so that file stays about the verdict subset.
 */
import { exceptionTypeName, PsThrownError } from "./dotnet-values.js";
import { evaluate, pipelineValue, typeLiteralName, unsupported, type Runtime } from "./expressions.js";
import { binaryOperator } from "./operators.js";
import type { Scope } from "./scope.js";
import { describe, type SyntaxNode } from "./syntax.js";
import { assignMember } from "./flow-statements.js";
import { enumerate, PsHashtable, PsRuntimeError, PsScriptBlock, type PsValue } from "./values.js";
import { getMember } from "./members.js";

/** The interpreter's side that the pipeline stages below need (interpreter.ts). */
interface BlockRunner extends Runtime {
  runScriptBlock(block: PsScriptBlock, item: PsValue, scope: Scope, out: PsValue[]): void;
}

const child = (node: SyntaxNode, type: string): SyntaxNode | undefined => node.children.find((c) => c.type === type);

/** The full exception type names a catch clause lists; an empty list is a catch-all. */
function catchTypes(clause: SyntaxNode): string[] {
  const list = child(clause, "catch_type_list");
  return (list?.children ?? []).filter((c) => c.type !== ",").map((literal) => {
    if (literal.type !== "type_literal") unsupported(literal);
    const name = typeLiteralName(literal);
    // An exception type the model does not know could match in PowerShell and not here: refuse it.
    return exceptionTypeName(name) ?? unsupported(literal, "names an exception type dotnet-values.ts does not model");
  });
}

/**
 * `try { } catch [T1], [T2] { } catch { }`: the first clause whose type the exception is (or derives from)
 * runs with $_ set to the ErrorRecord. Only PsThrownError (a mocked cmdlet's terminating error, or a .NET
 * member's exception on a live run) is caught; see dotnet-values.ts. `finally` runs however the try and catch
 * blocks end: normally, by an error, or by return/break/continue unwinding through it (about_Try_Catch_Finally).
 */
export function runTry(rt: Runtime, node: SyntaxNode, scope: Scope, out: PsValue[]): void {
  const body = child(node, "statement_block");
  const clauses = child(node, "catch_clauses")?.children ?? [];
  const finallyClause = child(node, "finally_clause");
  const finallyBlock = finallyClause === undefined ? undefined : child(finallyClause, "statement_block");
  if (body === undefined || (finallyClause !== undefined && finallyBlock === undefined)) unsupported(node, "is a try statement without a body");
  // Types are read before running, so an unmodelled type fails even when nothing is thrown.
  const typed = clauses.map((clause) => {
    const block = child(clause, "statement_block");
    if (clause.type !== "catch_clause" || block === undefined) unsupported(clause);
    return { types: catchTypes(clause), block };
  });
  // Output written inside try before the error stays written, as in PowerShell.
  try {
    rt.runStatements(child(body, "statement_list"), scope, out);
  } catch (e) {
    if (!(e instanceof PsThrownError)) throw e;
    const match = typed.find((c) => c.types.length === 0 || c.types.some((t) => e.record.exception.isA(t)));
    if (match === undefined) throw e;
    // The catch block runs in the same scope ($problems += ... must reach the function's variable).
    scope.set("_", e.record);
    rt.runStatements(child(match.block, "statement_list"), scope, out);
  } finally {
    if (finallyBlock !== undefined) rt.runStatements(child(finallyBlock, "statement_list"), scope, out);
  }
}

/**
 * Assignments other than `$name = value`: `$name += value` (the current value + value, by the `+` operator)
 * and `$table[key] = value` on a hashtable. Returns false for a plain `$name = value`, which interpreter.ts
 * handles itself.
 */
export function runAssignment(rt: Runtime, node: SyntaxNode, scope: Scope): boolean {
  const [target, op, valueNode] = node.children;
  const place = target?.children.length === 1 ? target.children[0] : undefined;
  if (node.children.length !== 3 || place === undefined || valueNode === undefined) unsupported(node);
  if (op?.text === "=" && place.type === "variable") return false;
  if (op?.text === "+=" && place.type === "variable") {
    const name = place.text.slice(1);
    const current = scope.lookup(name);
    if (current === undefined) throw new PsRuntimeError(`${describe(node)}: variable $${name} is not set`);
    scope.set(name, binaryOperator("+", current, pipelineValue(rt, valueNode, scope), rt.zone));
    return true;
  }
  if ((op?.text === "=" || op?.text === "+=") && place.type === "member_access") {
    assignMember(rt, place, valueNode, scope, op.text === "+=");
    return true;
  }
  if (op?.text === "=" && place.type === "element_access" && place.children.length === 4) {
    const table = evaluate(rt, place.children[0]!, scope);
    if (!(table instanceof PsHashtable)) unsupported(node, "assigns to an element of something other than a hashtable");
    table.set(evaluate(rt, place.children[2]!, scope), pipelineValue(rt, valueNode, scope));
    return true;
  }
  return unsupported(node, "is an assignment form outside the interpreted subset");
}

/**
 * The operand of a `[void](...)` statement, which PowerShell evaluates and writes nothing for; undefined for
 * any other statement. The cast may sit in a one-child expression_with_unary_operator.
 */
export function voidCastOperand(node: SyntaxNode): SyntaxNode | undefined {
  const cast = node.type === "expression_with_unary_operator" && node.children.length === 1 ? node.children[0]! : node;
  const typeNode = cast.children[0];
  const isVoid = cast.type === "cast_expression" && cast.children.length === 2 && typeNode?.type === "type_literal" && typeLiteralName(typeNode).toLowerCase() === "void";
  return isVoid ? cast.children[1] : undefined;
}

/**
 * Select-Object -First N / -Skip N (the first N items / all but them), ForEach-Object { } (run the block per item
 * with $_, writing what it writes) and ForEach-Object -MemberName Name, each only in the one form the collectors print.
 */
export function runCollectorCmdlet(
  rt: BlockRunner, name: string, args: { named: Record<string, PsValue>; positional: PsValue[] }, input: PsValue[] | undefined, node: SyntaxNode, scope: Scope,
): PsValue[] {
  const items = input ?? [];
  if (name.toLowerCase() === "select-object") {
    const first = args.named["first"];
    const skip = args.named["skip"];
    const count = first ?? skip;
    if (args.positional.length > 0 || Object.keys(args.named).length !== 1 || typeof count !== "number") unsupported(node, "is Select-Object without -First N or -Skip N alone");
    return first !== undefined ? items.slice(0, count) : items.slice(count);
  }
  const member = args.named["membername"];
  if (member !== undefined) {
    // ForEach-Object -MemberName Name: each item's property (Test-RdGateway lists addresses this way).
    if (typeof member !== "string" || Object.keys(args.named).length !== 1 || args.positional.length > 0) unsupported(node, "is ForEach-Object -MemberName with other arguments");
    return items.flatMap((item) => enumerate(getMember(item, member)));
  }
  const block = args.positional[0];
  if (args.positional.length !== 1 || Object.keys(args.named).length > 0 || !(block instanceof PsScriptBlock)) {
    unsupported(node, "is ForEach-Object without one process script block");
  }
  if (input === undefined) unsupported(node, "is ForEach-Object without pipeline input");
  // Statement output is already enumerated as it is written (interpreter.ts), so `out` is the stage's output.
  const out: PsValue[] = [];
  for (const item of items) rt.runScriptBlock(block, item, scope, out);
  return out;
}
