/**
 * What Test-RdpEndpoint hands to its runspace pool, checked statically, since no runspace pool runs here (README,
 * "Fallback"; test/probe-live.test.ts runs what each runspace runs, not the pool). The runspaces start with none
 * of the module's functions, so every function the probe calls must be in the handed list, the command it adds
 * must be one of them, and every -Parameter it adds must exist on that command (or be a common parameter).
 */
import { describe, expect, it } from "vitest";
import { generatedModuleText } from "./support/ps-eval/differential.js";
import { RUNSPACE_FUNCTIONS } from "../codegen/targets/module/endpoint/probe-function.js";

const COMMON_PARAMETERS = new Set(["ErrorAction", "WarningAction", "Verbose", "Debug"]);

/** The text of `function Name { ... }` at the top level of the module (closing brace at column 1). */
function functionText(module: string, name: string): string {
  const start = module.indexOf(`\r\nfunction ${name} {\r\n`);
  if (start < 0) throw new Error(`the module defines no ${name}`);
  return module.slice(start, module.indexOf("\r\n}\r\n", start) + 3);
}

const parameterNames = (fn: string): string[] => {
  const block = /\r\n {4}param\(\r\n([\s\S]*?)\r\n {4}\)\r\n/.exec(fn)?.[1] ?? "";
  return [...block.matchAll(/^ {8}\$(\w+)/gm)].map((m) => m[1]!);
};

describe("Test-RdpEndpoint's hand-off to its runspace pool", async () => {
  const module = await generatedModuleText();
  const command = functionText(module, "Test-RdpEndpoint");
  const handed = /foreach \(\$functionName in @\(\r\n([\s\S]*?)\r\n {8}\)\) \{/.exec(command)?.[1]?.match(/'([^']+)'/g)?.map((s) => s.slice(1, -1)) ?? [];

  it("hands over exactly RUNSPACE_FUNCTIONS, each defined in the module", () => {
    expect(handed).toEqual(RUNSPACE_FUNCTIONS.map((f) => f.name));
    for (const name of handed) expect(() => functionText(module, name), name).not.toThrow();
  });

  it("every module function the handed functions call is handed too", () => {
    const defined = new Set([...module.matchAll(/\r\nfunction ([\w-]+) \{/g)].map((m) => m[1]!));
    let edges = 0;
    for (const name of handed) {
      const called = new Set([...functionText(module, name).matchAll(/\b[A-Z][A-Za-z]*Rdp[A-Za-z0-9]*\b/g)].map((m) => m[0]));
      for (const callee of [...called].filter((c) => defined.has(c) && c !== name)) {
        edges++;
        expect(handed, `${name} calls ${callee}`).toContain(callee);
      }
    }
    // The scan must see the call graph (InvokeRdpProbeStages alone calls eight of them), or it proves nothing.
    expect(edges).toBeGreaterThan(20);
  });

  it("the command it adds is handed, and every parameter it adds exists on that command", () => {
    const added = /AddCommand\('(\w+)'\)((?:\.AddParameter\('\w+', [^)]+\))+)/.exec(command);
    expect(added).not.toBeNull();
    const [, target, chain] = added!;
    expect(handed).toContain(target);
    const accepted = new Set([...parameterNames(functionText(module, target!)), ...COMMON_PARAMETERS]);
    const passed = [...chain!.matchAll(/AddParameter\('(\w+)'/g)].map((m) => m[1]!);
    expect(passed).toEqual(["ComputerName", "Port", "TimeoutMs", "Enumerate", "ErrorAction"]);
    for (const p of passed) expect(accepted, p).toContain(p);
  });
});
