/**
 * The printed RdpDoctor.psm1, loaded into the interpreter: its functions are read once from the syntax tree
 * and can then be called (ResolveRdpCause<Id>), or Test-RdpError0x904's per-snapshot body can be run (the
 * calls of every cause, the Sort-Object ranking and the result object).
 *
 * Test-RdpError0x904 is run in part, and the parts left out are checked by name, so a change there cannot go
 * unnoticed: its begin block's ConvertRdpErrorCode calls are replaced by the already converted codes ($code,
 * $extended), and of its process block only the `foreach ($snapshot in $snapshots)` body runs, with the snapshot
 * given ($snapshots comes from files, the local collector or remoting, none of which exist here).
 */
import type { TimeZone } from "./datetime.js";
import { isCommandPipeline, unsupported } from "./expressions.js";
import { Interpreter, type FunctionDefinition } from "./interpreter.js";
import { Scope } from "./scope.js";
import { parseSyntax, type SyntaxNode } from "./syntax.js";
import { collapse, PsObject, PsRuntimeError, type PsValue } from "./values.js";

export const TEST_COMMAND = "Test-RdpError0x904";

const parsed = new Map<string, Promise<SyntaxNode[]>>();

/** The module's top-level function_statement nodes; nested ones (the collector's helpers) are loaded by collectors.ts. */
async function readFunctions(source: string): Promise<SyntaxNode[]> {
  const root = await parseSyntax(source);
  const functions: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === "function_statement") functions.push(node);
    else for (const c of node.children) visit(c);
  };
  visit(root);
  return functions;
}

const child = (node: SyntaxNode, type: string): SyntaxNode | undefined => node.children.find((c) => c.type === type);

/** The statements of `begin { }` / `process { }` in a function body. */
function namedBlock(fn: FunctionDefinition, name: string): SyntaxNode[] {
  const blocks = child(fn.body, "named_block_list")?.children ?? [];
  const block = blocks.find((b) => child(b, "block_name")?.text.toLowerCase() === name);
  const list = block === undefined ? undefined : child(child(block, "statement_block") ?? block, "statement_list");
  if (list === undefined) throw new PsRuntimeError(`${fn.name} has no ${name} block`);
  return list.children.filter((c) => c.type !== "comment");
}

/** `$name = <command>` -> name, for the statements that are replaced by given values. */
function assignedVariable(node: SyntaxNode): string | undefined {
  if (node.type !== "assignment_expression") return undefined;
  const target = node.children[0]?.children[0];
  return target?.type === "variable" ? target.text.slice(1).toLowerCase() : undefined;
}

export class LoadedModule {
  readonly interpreter: Interpreter;

  constructor(functions: readonly SyntaxNode[], readonly zone: TimeZone) {
    this.interpreter = new Interpreter(zone);
    for (const fn of functions) this.interpreter.define(fn);
  }

  functionNames(): string[] {
    return this.interpreter.functionNames();
  }

  /** Calls a function with named arguments and returns its output as PowerShell would assign it. */
  call(name: string, args: Readonly<Record<string, PsValue>>): PsValue {
    return collapse(this.interpreter.call(name, args, new Scope(undefined)));
  }

  /** Test-RdpError0x904's result for one snapshot, with codes already converted (see the file comment). */
  diagnose(snapshot: PsValue, code: number | null, extended: number | null): PsObject {
    const fn = this.interpreter.lookup(TEST_COMMAND);
    if (fn === undefined) throw new PsRuntimeError(`The module defines no ${TEST_COMMAND}`);
    const scope = new Scope(undefined);
    // Every parameter unbound, as a call with only -SnapshotPath would leave them: defaults as declared. So no
    // gateway is probed, and snapshots from files carry no RdpDoctorTarget, so GetRdpProbeFindings returns at once.
    for (const p of fn.parameters) this.interpreter.bindDefault(p, scope);
    const given: Record<string, PsValue> = { code, extended };
    for (const [name, value] of Object.entries(given)) scope.set(name, value);
    const out: PsValue[] = [];
    for (const statement of namedBlock(fn, "begin")) {
      const target = assignedVariable(statement);
      const value = statement.children[2];
      if (target !== undefined && value !== undefined && isCommandPipeline(value)) {
        if (!(target in given)) unsupported(statement, `assigns $${target} from a command; only $code and $extended are replaced`);
        continue;
      }
      this.interpreter.runStatements({ ...statement, type: "statement_list", children: [statement] }, scope, out);
    }
    const process = namedBlock(fn, "process");
    const loop = process.find((s) => s.type === "foreach_statement");
    const skipped = process.filter((s) => s !== loop).map(assignedVariable);
    if (loop === undefined || skipped.some((name) => name !== "snapshots")) {
      throw new PsRuntimeError(`${TEST_COMMAND}'s process block is no longer \`$snapshots = ...; foreach ($snapshot in $snapshots) {...}\``);
    }
    if (child(loop, "variable")?.text.toLowerCase() !== "$snapshot") unsupported(loop, "does not loop over $snapshot");
    scope.set("snapshot", snapshot);
    this.interpreter.runStatements(child(child(loop, "statement_block")!, "statement_list"), scope, out);
    if (out.length !== 1 || !(out[0] instanceof PsObject)) throw new PsRuntimeError(`${TEST_COMMAND} wrote ${out.length} objects for one snapshot`);
    return out[0];
  }
}

/** Parses the module text (once per text) and returns it ready to run in `zone`. */
export async function loadModule(source: string, zone: TimeZone): Promise<LoadedModule> {
  let functions = parsed.get(source);
  if (functions === undefined) {
    functions = readFunctions(source);
    parsed.set(source, functions);
  }
  return new LoadedModule(await functions, zone);
}
