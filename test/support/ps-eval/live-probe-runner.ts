/**
 * Runs the generated InvokeRdpEndpointProbe (the function each runspace of Test-RdpEndpoint runs), or
 * Test-RdGateway's begin and process blocks, in the interpreter, with every .NET call executed by the bridge, and
 * prints one JSON line per probe.
 *
 * It is its own process because the interpreter blocks while it waits on the bridge, and the lab's fake peers
 * (test/peers/fake-peers.ts) answer from the test process's event loop: in one process they could never answer.
 * Input: argv[2] names a JSON file { modulePath, bridgeDll, probes: [{ ComputerName, Port, TimeoutMs, Enumerate }] }.
 */
import { readFileSync } from "node:fs";
import { enableByteArithmetic } from "./bytes.js";
import { UTC_ZONE } from "./datetime.js";
import { DotnetBridge } from "./dotnet-bridge.js";
import { toPlain } from "./json-input.js";
import { loadModule } from "./module.js";
import { Scope } from "./scope.js";
import { collapse, PsHashtable, PsRuntimeError, type PsValue } from "./values.js";

export interface LiveProbeRequest { Command?: "Endpoint" | "Gateway"; ComputerName: string; Port: number; TimeoutMs: number; Enumerate?: boolean }
export interface LiveProbeInput { modulePath: string; bridgeDll: string; probes: LiveProbeRequest[]; env?: Record<string, string> }
export type LiveProbeOutput = { request: LiveProbeRequest; wallMs: number } & ({ result: unknown } | { error: string });

const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LiveProbeInput;
const module = await loadModule(readFileSync(input.modulePath, "utf8"), UTC_ZONE);
const interpreter = module.interpreter;
enableByteArithmetic(interpreter);
const bridge = DotnetBridge.start({ dll: input.bridgeDll, env: input.env });
interpreter.dotnet = bridge;

/**
 * Test-RdGateway's begin block (its helpers and request lines) and process block, with the parameters set as
 * binding would set valid values (its [ValidateRange()] attributes are PowerShell's to apply, not the
 * interpreter's). The bridge is .NET 10, so $PSVersionTable says PowerShell 7 ('Core'), as pwsh would.
 */
function runGateway(request: LiveProbeRequest): PsValue {
  const fn = interpreter.lookup("Test-RdGateway") ?? (() => { throw new PsRuntimeError("the module has no Test-RdGateway"); })();
  const scope = new Scope(undefined);
  scope.set("ComputerName", request.ComputerName);
  scope.set("Port", request.Port);
  scope.set("TimeoutMs", request.TimeoutMs);
  const versionTable = new PsHashtable(false);
  versionTable.set("PSEdition", "Core");
  scope.set("PSVersionTable", versionTable);
  const out: PsValue[] = [];
  interpreter.runBody(fn.body, scope, out);
  return collapse(out);
}
try {
  for (const request of input.probes) {
    const started = performance.now();
    let line: LiveProbeOutput;
    try {
      const args = { ComputerName: request.ComputerName, Port: request.Port, TimeoutMs: request.TimeoutMs, Enumerate: request.Enumerate === true };
      const value = request.Command === "Gateway" ? runGateway(request) : collapse(interpreter.call("InvokeRdpEndpointProbe", args, new Scope(undefined)));
      line = { request, wallMs: performance.now() - started, result: toPlain(value, UTC_ZONE) };
    } catch (e) {
      line = { request, wallMs: performance.now() - started, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
} finally {
  bridge.close();
}
