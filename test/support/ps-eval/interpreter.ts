/**
 * Statements, pipelines and function calls of the interpreted subset: `if` / `elseif` / `else` (about_If),
 * assignments, `return` (about_Return), expression statements that write to the output, pipelines into
 * Where-Object and Sort-Object, and calls of functions defined in the same module with named arguments
 * bound to a `[CmdletBinding()] param()` block (about_Functions_Advanced_Parameters).
 */
import { convertTo } from "./convert.js";
import type { TimeZone } from "./datetime.js";
import { evaluate, isCommandPipeline, pipelineValue, typeLiteralName, unsupported, type Runtime } from "./expressions.js";
import { psCompare } from "./operators.js";
import { ReturnSignal, Scope } from "./scope.js";
import type { SyntaxNode } from "./syntax.js";
import { enumerate, isTrue, PsHashtable, PsRuntimeError, PsScriptBlock, type PsValue } from "./values.js";
import { getMember } from "./members.js";
import { voidCastOperand, runAssignment, runCollectorCmdlet, runTry } from "./collector-statements.js";
import { loopSignal, runForeach, runNewObject } from "./flow-statements.js";
import type { LiveRuntime } from "./dotnet-expressions.js";

/** A mocked cmdlet: named arguments by lower-case name, positional ones, and pipeline input (undefined when first). */
export type MockCommand = (call: { named: Record<string, PsValue>; positional: PsValue[]; input: PsValue[] | undefined }) => PsValue[];

interface Parameter {
  readonly name: string;
  readonly type: string | undefined;
  readonly mandatory: boolean;
  /** Attributes the interpreter cannot apply ([ValidateRange()], [Alias()] ...); binding such a parameter throws. */
  readonly unsupported: readonly SyntaxNode[];
  /** The expression after `=`, evaluated when the parameter is not bound (about_Functions_Advanced_Parameters). */
  readonly defaultValue: SyntaxNode | undefined;
}

export interface FunctionDefinition {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  /** The statement list of the body, or the named blocks (begin/process/end) when there are any. */
  readonly body: SyntaxNode;
}

const child = (node: SyntaxNode, type: string): SyntaxNode | undefined => node.children.find((c) => c.type === type);

function parameterOf(node: SyntaxNode): Parameter {
  const variable = child(node, "variable");
  if (variable === undefined) unsupported(node, "has no parameter variable");
  let type: string | undefined;
  let mandatory = false;
  const others: SyntaxNode[] = [];
  for (const attribute of child(node, "attribute_list")?.children ?? []) {
    const literal = child(attribute, "type_literal");
    const typeNode = literal?.children[1]?.children[0]?.type;
    const plainType = typeNode === "type_name" || typeNode === "array_type_name"; // [byte[]] parameters (bytes.ts)
    if (literal !== undefined && plainType) type = typeLiteralName(literal);
    else if (/^\[Parameter\(\s*(Mandatory\s*)?\)\]$/i.test(attribute.text)) mandatory = /Mandatory/i.test(attribute.text);
    else others.push(attribute);
  }
  const defaultValue = child(node, "script_parameter_default")?.children.find((c) => c.type !== "=");
  return { name: variable.text.slice(1), type, mandatory, unsupported: others, defaultValue };
}

/** Reads `function Name { [CmdletBinding()] param(...) ... }`. */
export function readFunction(node: SyntaxNode): FunctionDefinition {
  const name = child(node, "function_name")?.text;
  const block = child(node, "script_block");
  if (name === undefined || block === undefined) unsupported(node, "is not a function with a body");
  const paramBlock = child(block, "param_block");
  const list = paramBlock === undefined ? undefined : child(paramBlock, "parameter_list");
  const parameters = (list?.children ?? []).filter((c) => c.type === "script_parameter").map(parameterOf);
  const body = child(block, "script_block_body");
  if (body === undefined) unsupported(block, "has no body");
  return { name, parameters, body };
}

export class Interpreter implements LiveRuntime {
  /** The .NET bridge of a live probe run (dotnet-bridge.ts); undefined everywhere else. */
  dotnet?: LiveRuntime["dotnet"];

  /** Function definitions by lower-case name; a function's param block is read on its first call only. */
  private readonly definitions = new Map<string, SyntaxNode>();
  private readonly functions = new Map<string, FunctionDefinition>();

  /** `commands`: mocked cmdlets by lower-case name (collectors.ts); module functions take precedence, as in PowerShell. */
  constructor(readonly zone: TimeZone, private readonly commands: ReadonlyMap<string, MockCommand> = new Map()) {}

  define(node: SyntaxNode): void {
    const name = child(node, "function_name")?.text ?? unsupported(node, "has no name");
    this.definitions.set(name.toLowerCase(), node);
  }

  functionNames(): string[] {
    return [...this.definitions.values()].map((n) => child(n, "function_name")!.text);
  }

  lookup(name: string): FunctionDefinition | undefined {
    const key = name.toLowerCase();
    let fn = this.functions.get(key);
    const node = this.definitions.get(key);
    if (fn === undefined && node !== undefined) {
      fn = readFunction(node);
      this.functions.set(key, fn);
    }
    return fn;
  }

  /**
   * An unbound parameter: its `= default` expression (evaluated in the function's scope, as PowerShell does), else
   * its type's default. Used by call() and by callers that run parts of a function body themselves (module.ts).
   */
  bindDefault(p: Parameter, scope: Scope): void {
    const value = p.defaultValue !== undefined ? evaluate(this, p.defaultValue, scope) : p.type === undefined ? null : defaultOf(p.type);
    scope.set(p.name, p.type === undefined || p.defaultValue === undefined ? value : convertTo(value, p.type, this.zone));
  }

  /** Calls a module function with named arguments, returning its collected output (about_Functions). */
  call(name: string, args: Readonly<Record<string, PsValue>>, caller: Scope): PsValue[] {
    const fn = this.lookup(name);
    if (fn === undefined) throw new PsRuntimeError(`The term '${name}' is not a function the interpreter knows`);
    const scope = caller.child();
    const given = new Map(Object.entries(args).map(([k, v]) => [k.toLowerCase(), v] as const));
    for (const p of fn.parameters) {
      const key = p.name.toLowerCase();
      if (p.unsupported.length > 0) unsupported(p.unsupported[0]!, `on -${p.name} of ${fn.name} is a parameter attribute the interpreter does not apply`);
      if (!given.has(key)) {
        if (p.mandatory) throw new PsRuntimeError(`${fn.name}: mandatory parameter -${p.name} has no value`);
        this.bindDefault(p, scope);
        continue;
      }
      const value = given.get(key)!;
      given.delete(key);
      // Binding converts to the declared type; [string] turns $null into '' (about_Parameter_Binding).
      scope.set(p.name, p.type === undefined ? value : convertTo(value, p.type, this.zone));
    }
    if (given.size > 0) throw new PsRuntimeError(`${fn.name}: no parameter named -${[...given.keys()][0]}`);
    const out: PsValue[] = [];
    try {
      this.runBody(fn.body, scope, out);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw e;
      out.push(...e.value);
    }
    return out;
  }

  /** A body is either statements or named blocks; begin, process and end run once each, in that order. */
  runBody(body: SyntaxNode, scope: Scope, out: PsValue[]): void {
    for (const part of body.children) {
      if (part.type === "statement_list") this.runStatements(part, scope, out);
      else if (part.type === "named_block_list") {
        for (const block of part.children) {
          const statements = child(block, "statement_block");
          if (block.type !== "named_block" || statements === undefined) unsupported(block);
          this.runStatements(child(statements, "statement_list"), scope, out);
        }
      } else if (part.type !== "comment") unsupported(part);
    }
  }

  runStatements(list: SyntaxNode | undefined, scope: Scope, out: PsValue[]): void {
    if (list === undefined) return;
    for (const statement of list.children) this.runStatement(statement, scope, out);
  }

  private runStatement(node: SyntaxNode, scope: Scope, out: PsValue[]): void {
    switch (node.type) {
      case "comment":
      case "empty_statement":
        return;
      case "if_statement":
        return this.runIf(node, scope, out);
      case "try_statement":
        return runTry(this, node, scope, out);
      case "foreach_statement":
        return runForeach(this, node, scope, out);
      case "function_statement":
        // A function defined inside a function's begin block (Test-RdGateway's helpers): defined when reached.
        return this.define(node);
      case "assignment_expression": {
        if (runAssignment(this, node, scope)) return;
        const [target, op, value] = node.children;
        const variable = target?.children.length === 1 ? target.children[0] : undefined;
        if (node.children.length !== 3 || op?.text !== "=" || variable?.type !== "variable" || value === undefined) {
          unsupported(node, "is not a plain `$name = value` assignment");
        }
        scope.set(variable.text.slice(1), pipelineValue(this, value, scope));
        return;
      }
      case "flow_control_statement": {
        const signal = loopSignal(node);
        if (signal !== undefined) throw signal;
        const [keyword, value] = node.children;
        if (keyword?.type !== "return" || node.children.length > 2) unsupported(node);
        throw new ReturnSignal(value === undefined ? [] : enumerate(pipelineValue(this, value, scope)));
      }
      default: {
        const discarded = voidCastOperand(node);
        if (discarded !== undefined) evaluate(this, discarded, scope); // `[void](...)` writes nothing
        else if (isCommandPipeline(node)) out.push(...this.runPipeline(node, scope));
        // An expression statement writes its value; an array is written item by item.
        else out.push(...enumerate(evaluate(this, node, scope)));
      }
    }
  }

  private runIf(node: SyntaxNode, scope: Scope, out: PsValue[]): void {
    const clauses: [SyntaxNode, SyntaxNode][] = [];
    const condition = node.children[2];
    const block = child(node, "statement_block");
    if (node.children[1]?.type !== "(" || condition === undefined || block === undefined) unsupported(node);
    clauses.push([condition, block]);
    for (const clause of child(node, "elseif_clauses")?.children ?? []) {
      const test = clause.children[2];
      const body = child(clause, "statement_block");
      if (clause.type !== "elseif_clause" || test === undefined || body === undefined) unsupported(clause);
      clauses.push([test, body]);
    }
    for (const [test, body] of clauses) {
      // The condition is a pipeline; its value's truth decides (about_If, about_Booleans).
      if (isTrue(pipelineValue(this, test, scope))) return this.runStatements(child(body, "statement_list"), scope, out);
    }
    const otherwise = child(node, "else_clause");
    const body = otherwise === undefined ? undefined : child(otherwise, "statement_block");
    if (body !== undefined) this.runStatements(child(body, "statement_list"), scope, out);
  }

  runPipeline(node: SyntaxNode, scope: Scope): PsValue[] {
    const stages = node.type === "command" ? [node] : node.children.filter((c) => c.type !== "|");
    let items: PsValue[] | undefined;
    for (const stage of stages) {
      if (stage.type !== "command") {
        if (items !== undefined) unsupported(stage, "is an expression after the first pipeline stage");
        // The first stage writes its value; an array goes item by item, $null as one $null (about_Pipelines).
        items = enumerate(evaluate(this, stage, scope));
        continue;
      }
      items = this.runCommand(stage, items, scope);
    }
    return items ?? [];
  }

  private runCommand(node: SyntaxNode, input: PsValue[] | undefined, scope: Scope): PsValue[] {
    const name = child(node, "command_name")?.text ?? unsupported(node);
    const args = commandArguments(this, node, scope);
    switch (name.toLowerCase()) {
      case "where-object": {
        const filter = args.positional.length === 1 && Object.keys(args.named).length === 0 ? args.positional[0] : args.named["filterscript"];
        if (!(filter instanceof PsScriptBlock)) unsupported(node, "is Where-Object without one filter script block");
        return (input ?? []).filter((item) => this.runBlock(filter, item, scope));
      }
      case "sort-object": {
        const property = args.named["property"];
        if (args.positional.length > 0 || Object.keys(args.named).length !== 1 || property === undefined) unsupported(node, "is Sort-Object without -Property alone");
        return this.sortObjects(input ?? [], enumerate(property), scope, node);
      }
      case "select-object":
      case "foreach-object":
        return runCollectorCmdlet(this, name, args, input, node, scope);
      case "new-object":
        if (input !== undefined) unsupported(node, "is New-Object with pipeline input");
        return runNewObject(this, args, node);
      case "out-null":
        if (args.positional.length > 0 || Object.keys(args.named).length > 0) unsupported(node, "is Out-Null with arguments");
        return [];
      default:
        if (this.lookup(name) === undefined && this.commands.has(name.toLowerCase())) {
          return this.commands.get(name.toLowerCase())!({ ...args, input });
        }
        if (input !== undefined) unsupported(node, "is a function call with pipeline input");
        if (args.positional.length > 0) unsupported(node, "passes positional arguments to a function");
        return this.call(name, args.named, scope);
    }
  }

  /** Runs a script block with `$_` set, in a child scope, and returns the truth of what it wrote. */
  private runBlock(block: PsScriptBlock, item: PsValue, scope: Scope): boolean {
    return isTrue(this.blockValue(block, item, scope));
  }

  private blockValue(block: PsScriptBlock, item: PsValue, scope: Scope): PsValue {
    const out: PsValue[] = [];
    this.runScriptBlock(block, item, scope, out);
    return out.length === 1 ? out[0]! : out.length === 0 ? null : out;
  }

  /**
   * A script block called as a .NET delegate: its param() names bind the delegate's arguments by position, in a
   * child scope of where the block was written; `return` ends it; its output collapses to one value.
   */
  invokeBlock(block: PsScriptBlock, args: PsValue[], scope: Scope): PsValue {
    const inner = scope.child();
    const list = child(child(block.body, "param_block") ?? block.body, "parameter_list");
    const names = (list?.children ?? []).filter((c) => c.type === "script_parameter").map((p) => child(p, "variable")!.text.slice(1));
    names.forEach((name, i) => inner.set(name, args[i] ?? null));
    const out: PsValue[] = [];
    try {
      this.runBody(child(block.body, "script_block_body") ?? unsupported(block.body), inner, out);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw e;
      out.push(...e.value);
    }
    return out.length === 1 ? out[0]! : out.length === 0 ? null : out;
  }

  /** Runs a script block in a child scope with `$_` set to `item`, appending what it writes to `out`. */
  runScriptBlock(block: PsScriptBlock, item: PsValue, scope: Scope, out: PsValue[]): void {
    const inner = scope.child();
    inner.set("_", item);
    this.runBody(child(block.body, "script_block_body") ?? unsupported(block.body), inner, out);
  }

  /**
   * Sort-Object -Property: each key is a property name or @{ Expression = { ... } }; items compare key by key
   * with LanguagePrimitives.Compare (case-insensitive), ascending. The generated keys end in the unique Id, so
   * the order is total and Sort-Object's stability does not matter.
   */
  private sortObjects(items: PsValue[], keys: PsValue[], scope: Scope, node: SyntaxNode): PsValue[] {
    const readers = keys.map((key): ((item: PsValue) => PsValue) => {
      if (typeof key === "string") return (item) => getMember(item, key);
      if (key instanceof PsHashtable && key.count === 1 && key.get("Expression") instanceof PsScriptBlock) {
        const block = key.get("Expression") as PsScriptBlock;
        return (item) => this.blockValue(block, item, scope);
      }
      return unsupported(node, "has a sort key other than a name or @{ Expression = {...} }");
    });
    const keyed = items.map((item) => ({ item, values: readers.map((read) => read(item)) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < readers.length; i++) {
        const c = psCompare(a.values[i]!, b.values[i]!, this.zone);
        if (c !== 0) return c;
      }
      return 0;
    });
    return keyed.map((k) => k.item);
  }
}

function defaultOf(type: string): PsValue {
  // An unbound typed parameter gets its type's default: '' for [string], $null for [object].
  return type.toLowerCase() === "string" ? "" : null;
}

/**
 * In argument mode the grammar splits `-Bytes $received.ToArray()` into a member access and an argument list
 * that touches it; PowerShell reads the pair as one method call (a space between them would make two arguments).
 */
function methodCallArgument(member: SyntaxNode, next: SyntaxNode | undefined): SyntaxNode | undefined {
  if (member.type !== "member_access" || next?.type !== "argument_list") return undefined;
  const touching = next.line === member.line && next.column === member.column + member.text.length;
  if (!touching) return undefined;
  return { type: "invokation_expression", text: member.text + next.text, children: [...member.children, next], line: member.line, column: member.column };
}

/** `-Name value` pairs and positional values of a command; a switch (`-Name` alone) is $true. */
function commandArguments(rt: Interpreter, node: SyntaxNode, scope: Scope): { named: Record<string, PsValue>; positional: PsValue[] } {
  const elements = (child(node, "command_elements")?.children ?? []).filter((c) => c.type !== "command_argument_sep");
  const named: Record<string, PsValue> = {};
  const positional: PsValue[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    if (element.type === "command_parameter") {
      if (!/^-[A-Za-z]+$/.test(element.text)) unsupported(element, "is a parameter with a colon value");
      const next = elements[i + 1];
      const name = element.text.slice(1).toLowerCase();
      if (next === undefined || next.type === "command_parameter") named[name] = true;
      else {
        const call = methodCallArgument(next, elements[i + 2]);
        named[name] = evaluate(rt, call ?? next, scope);
        i += call === undefined ? 1 : 2;
      }
    } else if (element.type === "generic_token" || element.type === "command_name_expr") {
      unsupported(element, "is a bare word argument");
    } else {
      const call = methodCallArgument(element, elements[i + 1]);
      positional.push(evaluate(rt, call ?? element, scope));
      if (call !== undefined) i++;
    }
  }
  return { named, positional };
}
