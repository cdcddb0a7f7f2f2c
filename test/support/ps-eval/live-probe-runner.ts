/**
 * Runs the generated InvokeRdpEndpointProbe (the function each runspace of Test-RdpEndpoint runs) in the
 * interpreter, with every .NET call executed by the bridge, and prints one JSON line per probe.
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
import { collapse } from "./values.js";

export interface LiveProbeRequest { ComputerName: string; Port: number; TimeoutMs: number; Enumerate?: boolean }
export interface LiveProbeInput { modulePath: string; bridgeDll: string; probes: LiveProbeRequest[]; env?: Record<string, string> }
export type LiveProbeOutput = { request: LiveProbeRequest; wallMs: number } & ({ result: unknown } | { error: string });

const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LiveProbeInput;
const module = await loadModule(readFileSync(input.modulePath, "utf8"), UTC_ZONE);
const interpreter = module.interpreter;
enableByteArithmetic(interpreter);
const bridge = DotnetBridge.start({ dll: input.bridgeDll, env: input.env });
interpreter.dotnet = bridge;
try {
  for (const request of input.probes) {
    const started = performance.now();
    let line: LiveProbeOutput;
    try {
      const args = { ComputerName: request.ComputerName, Port: request.Port, TimeoutMs: request.TimeoutMs, Enumerate: request.Enumerate === true };
      const value = collapse(interpreter.call("InvokeRdpEndpointProbe", args, new Scope(undefined)));
      line = { request, wallMs: performance.now() - started, result: toPlain(value, UTC_ZONE) };
    } catch (e) {
      line = { request, wallMs: performance.now() - started, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
} finally {
  bridge.close();
}
