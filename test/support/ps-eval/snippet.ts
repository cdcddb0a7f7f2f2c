/**
 * Runs a short script through the interpreter and returns its output as plain data (one item as itself,
 * several as an array, none as null), for the interpreter's own semantic tests.
 */
import { Interpreter } from "./interpreter.js";
import { toPlain } from "./json-input.js";
import { Scope } from "./scope.js";
import { parseSyntax } from "./syntax.js";
import { collapse, type PsValue } from "./values.js";

export async function evaluateSnippet(script: string, offsetMinutes = 0, variables: Record<string, PsValue> = {}): Promise<unknown> {
  const zone = { offsetMinutes };
  const root = await parseSyntax(script);
  const interpreter = new Interpreter(zone);
  const scope = new Scope(undefined);
  for (const [name, value] of Object.entries(variables)) scope.set(name, value);
  const out: PsValue[] = [];
  interpreter.runBody(root, scope, out);
  return toPlain(collapse(out), zone);
}
