/**
 * Loads generated functions (IR FunctionDefinitions, printed as the module prints them) into the interpreter,
 * for the differential tests of the endpoint probe's byte helpers (test/endpoint-function.test.ts). Nested
 * function definitions are defined too, so a helper nested in InvokeRdpEndpointProbe can be called directly.
 */
import type { FunctionDefinition } from "../../../src/ir/index.js";
import { printNode } from "../../../codegen/print/printer.js";
import { renderDoc } from "../../../codegen/print/ps-writer.js";
import { enableByteArithmetic } from "./bytes.js";
import { Interpreter } from "./interpreter.js";
import { Scope } from "./scope.js";
import { parseSyntax, type SyntaxNode } from "./syntax.js";
import { collapse, type PsValue } from "./values.js";

export interface LoadedFunctions {
  readonly names: readonly string[];
  call(name: string, args: Readonly<Record<string, PsValue>>): PsValue;
}

export async function loadFunctions(functions: readonly FunctionDefinition[]): Promise<LoadedFunctions> {
  const interpreter = new Interpreter({ offsetMinutes: 0 });
  enableByteArithmetic(interpreter);
  const names: string[] = [];
  for (const fn of functions) {
    const root = await parseSyntax(renderDoc(printNode(fn)));
    const visit = (node: SyntaxNode): void => {
      if (node.type === "function_statement") {
        interpreter.define(node);
        names.push(node.children.find((c) => c.type === "function_name")!.text);
      }
      node.children.forEach(visit);
    };
    visit(root);
  }
  return {
    names,
    call: (name, args) => collapse(interpreter.call(name, args, new Scope(undefined))),
  };
}
