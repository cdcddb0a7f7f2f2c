/**
 * The snapshot collector's helpers from the printed RdpDoctor.psm1, runnable with mocked cmdlets.
 *
 * The shared readers (FormatRdpError, ReadRdpValue, ReadRdpDword, ReadRdpPolicyDword ...) and the section
 * functions GetRdpSnapshot<Key> are nested in `function Get-RdpDiagnosticSnapshot { ... }`, so they exist only
 * while it runs; here they are taken from its body in the syntax tree and defined at the top, with cmdlets
 * (Get-ItemProperty, Get-CimInstance, Write-Verbose ...) answered by a JavaScript table the test provides.
 * Only function definitions are taken: the rest of the body (the snapshot assembly) is not run.
 */
import type { TimeZone } from "./datetime.js";
import { unsupported } from "./expressions.js";
import { Interpreter, readFunction, type MockCommand } from "./interpreter.js";
import { Scope } from "./scope.js";
import { parseSyntax, type SyntaxNode } from "./syntax.js";
import { collapse, PsRuntimeError, type PsValue } from "./values.js";

export const SNAPSHOT_COMMAND = "Get-RdpDiagnosticSnapshot";

const parsed = new Map<string, Promise<SyntaxNode[]>>();

/** The function_statement nodes directly in Get-RdpDiagnosticSnapshot's body (nested deeper ones stay nested). */
async function nestedFunctions(source: string): Promise<SyntaxNode[]> {
  const root = await parseSyntax(source);
  const top = root.children.find((c) => c.type === "statement_list")?.children ?? [];
  const outer = top.find((n) => n.type === "function_statement" && n.children.find((c) => c.type === "function_name")?.text === SNAPSHOT_COMMAND);
  if (outer === undefined) throw new PsRuntimeError(`The module defines no ${SNAPSHOT_COMMAND}`);
  const body = readFunction(outer).body;
  const list = body.children.find((c) => c.type === "statement_list");
  if (list === undefined) unsupported(body, `is not a plain statement list (${SNAPSHOT_COMMAND} has named blocks)`);
  return list.children.filter((c) => c.type === "function_statement");
}

export class LoadedCollectors {
  readonly interpreter: Interpreter;

  constructor(functions: readonly SyntaxNode[], commands: Readonly<Record<string, MockCommand>>, zone: TimeZone) {
    this.interpreter = new Interpreter(zone, new Map(Object.entries(commands).map(([k, v]) => [k.toLowerCase(), v] as const)));
    for (const fn of functions) this.interpreter.define(fn);
  }

  functionNames(): string[] {
    return this.interpreter.functionNames();
  }

  /** Calls a nested function with named arguments; its output as PowerShell would assign it. */
  call(name: string, args: Readonly<Record<string, PsValue>> = {}): PsValue {
    return collapse(this.interpreter.call(name, args, new Scope(undefined)));
  }
}

/** Parses the module text (once per text) and defines the collector's nested functions over `commands`. */
export async function loadCollectors(source: string, commands: Readonly<Record<string, MockCommand>>, zone: TimeZone = { offsetMinutes: 0 }): Promise<LoadedCollectors> {
  let functions = parsed.get(source);
  if (functions === undefined) {
    functions = nestedFunctions(source);
    parsed.set(source, functions);
  }
  return new LoadedCollectors(await functions, commands, zone);
}
