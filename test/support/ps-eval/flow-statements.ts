/**
 * Loops for the endpoint probe's functions: `foreach ($x in <expr>) { }` with `break` and `continue`
 * (about_Foreach, about_Break, about_Continue), `$obj.Property = value` / `+= value` on a .NET object, a
 * PSCustomObject or a hashtable (about_Assignment_Operators), and New-Object. Kept apart from interpreter.ts, which holds the verdict subset.
 */
import { evaluate, pipelineValue, unsupported, type Runtime } from "./expressions.js";
import { PsHandle } from "./dotnet-objects.js";
import type { Scope } from "./scope.js";
import type { SyntaxNode } from "./syntax.js";
import { enumerate, PsHashtable, PsObject, PsRuntimeError, type PsValue } from "./values.js";
import { getMember } from "./members.js";
import { binaryOperator } from "./operators.js";
import { liveStaticCall, type LiveRuntime } from "./dotnet-expressions.js";

/** `break` and `continue` unwind to the innermost loop; no labels (the generator never writes one). */
export class LoopSignal {
  constructor(readonly keyword: "break" | "continue") {}
}

const child = (node: SyntaxNode, type: string): SyntaxNode | undefined => node.children.find((c) => c.type === type);

/**
 * The collection is evaluated once; $null gives no iteration (PowerShell 3+), a scalar gives one, and a
 * collection (an array, a List, a .NET IEnumerable) gives one per item. The loop variable lives in the
 * enclosing scope and keeps its last value, as in PowerShell.
 */
export function runForeach(rt: Runtime, node: SyntaxNode, scope: Scope, out: PsValue[]): void {
  const [keyword, open, variable, inKeyword, collection] = node.children;
  const body = child(node, "statement_block");
  if (keyword?.type !== "foreach" || open?.type !== "(" || variable?.type !== "variable" || inKeyword?.type !== "in" || collection === undefined || body === undefined) {
    unsupported(node, "is a foreach form outside the interpreted subset");
  }
  const value = pipelineValue(rt, collection, scope);
  const items = value === null ? [] : enumerate(value);
  const name = variable.text.slice(1);
  for (const item of items) {
    scope.set(name, item);
    try {
      rt.runStatements(child(body, "statement_list"), scope, out);
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.keyword === "break") return;
    }
  }
}

/** `break` / `continue` as statements. */
export function loopSignal(node: SyntaxNode): LoopSignal | undefined {
  const keyword = node.children[0]?.type;
  if (node.children.length !== 1) return undefined;
  return keyword === "break" || keyword === "continue" ? new LoopSignal(keyword) : undefined;
}

/** `$target.Name = value`: a .NET property set on .NET (with its conversions), or a PSCustomObject property. */
export function assignMember(rt: Runtime, place: SyntaxNode, valueNode: SyntaxNode, scope: Scope, add = false): void {
  const [targetNode, dot, nameNode] = place.children;
  const name = nameNode?.children[0];
  if (place.children.length !== 3 || targetNode === undefined || dot?.type !== "." || nameNode?.type !== "member_name" || name?.type !== "simple_name") {
    unsupported(place, "is a member assignment form outside the interpreted subset");
  }
  const target = evaluate(rt, targetNode, scope);
  const given = pipelineValue(rt, valueNode, scope);
  // `$State.Findings += $finding`: the current value + the new one, by the `+` operator (about_Assignment_Operators).
  const value = add ? binaryOperator("+", getMember(target, name.text), given, rt.zone) : given;
  if (target instanceof PsHandle) return target.bridge.set(target, name.text, value);
  // `$State.Stage = 'Tcp'` on a hashtable sets the key (about_Hash_Tables).
  if (target instanceof PsHashtable) return target.set(name.text, value);
  if (target instanceof PsObject && target.has(name.text)) return target.set(name.text, value);
  throw new PsRuntimeError(`Setting ${name.text} on this value is outside the interpreted subset`);
}

/** `New-Object -TypeName T [-ArgumentList a]`: a constructor on .NET; `byte[]` with a size is a zeroed array. */
export function runNewObject(rt: LiveRuntime, args: { named: Record<string, PsValue>; positional: PsValue[] }, node: SyntaxNode): PsValue[] {
  const type = args.named["typename"];
  if (typeof type !== "string" || args.positional.length > 0 || Object.keys(args.named).some((k) => k !== "typename" && k !== "argumentlist")) {
    unsupported(node, "is New-Object without -TypeName and -ArgumentList alone");
  }
  const list = args.named["argumentlist"];
  // -ArgumentList binds an object[]: an array gives the arguments, anything else is the one argument.
  const values = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return [liveStaticCall(rt, type, "new", values)];
}
