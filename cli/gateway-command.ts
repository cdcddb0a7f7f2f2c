/**
 * `rdp-doctor gateway HOST[:PORT] [--json] [--timeout MS] [--ca-file FILE]`: probes an RD Gateway the way mstsc
 * first reaches it (src/probe/gateway/probe-gateway.ts) and prints the result Test-RdGateway returns.
 * Exit codes: 0 healthy or warnings only, 3 failed, 2 bad usage.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { GatewayResult } from "../src/probe/gateway-result.js";
import { GATEWAY_DEFAULT_PORT, GATEWAY_DEFAULT_TIMEOUT_MS } from "../src/probe/gateway-result.js";
import { probeGateway } from "../src/probe/gateway/probe-gateway.js";
import { isTimeoutMs, UsageError } from "./cli-input.js";

export const GATEWAY_USAGE = "rdp-doctor gateway HOST[:PORT] [--json] [--timeout MS] [--ca-file FILE]";

/** Splits HOST, HOST:PORT, [v6] and [v6]:PORT; a bare IPv6 address (two or more colons) has no port. */
export function parseGatewayTarget(target: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  const plain = /^([^:\[\]]+)(?::(\d+))?$/.exec(target);
  const [host, portText] = bracketed ? [bracketed[1]!, bracketed[2]] : plain ? [plain[1]!, plain[2]]
    : (target.split(":").length > 2 ? [target, undefined] : ["", undefined]);
  if (host === "") throw new UsageError(`'${target}' is not HOST[:PORT]. Usage: ${GATEWAY_USAGE}`);
  const port = portText === undefined ? GATEWAY_DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`port ${portText} is not 1..65535`);
  return { host, port };
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return GATEWAY_DEFAULT_TIMEOUT_MS;
  if (!isTimeoutMs(text)) throw new UsageError(`--timeout ${text} is not 1..600000 milliseconds`);
  return Number(text);
}

export function formatGatewayResult(r: GatewayResult): string {
  const c = r.Certificate;
  const lines = [
    `${r.ComputerName}:${r.Port}: ${r.Verdict} (stage ${r.Stage}, ${r.TimingsMs.Total} ms)`,
    `  TLS          ${r.TlsVersion ?? "-"}`,
    ...(c ? [
      `  certificate  ${c.Subject} (issuer ${c.Issuer})`,
      `               ${c.Thumbprint}, valid ${c.NotBefore} .. ${c.NotAfter} (${c.DaysLeft} days left)`,
      `               chain trusted: ${c.ChainTrusted}, name matches: ${c.NameMatches}`,
    ] : []),
    `  HTTP         ${r.HttpStatus ?? "-"}${r.AuthSchemes.length > 0 ? `, offering ${r.AuthSchemes.join(", ")}` : ""}`,
  ];
  for (const f of r.Findings) {
    lines.push(`${f.Status.padEnd(5)} ${f.Id}  ${f.Title}`, `      ${f.Reason}`);
    for (const [k, v] of Object.entries(f.Evidence)) lines.push(`      evidence ${k} = ${JSON.stringify(v)}`);
    for (const step of f.Fix) lines.push(`      fix: ${step}`);
  }
  return lines.join("\n");
}

export async function runGatewayCommand(args: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let target: { host: string; port: number };
  let timeoutMs: number;
  let json = false;
  let extraCa: string[] = [];
  try {
    const { values, positionals } = parseArgs({
      args: [...args], allowPositionals: true, strict: true,
      options: { json: { type: "boolean" }, timeout: { type: "string" }, "ca-file": { type: "string" } },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one HOST[:PORT]. Usage: ${GATEWAY_USAGE}`);
    target = parseGatewayTarget(positionals[0]!);
    timeoutMs = parseTimeout(values.timeout);
    json = values.json ?? false;
    const caFile = values["ca-file"];
    if (caFile !== undefined) {
      try {
        extraCa = [readFileSync(caFile, "utf8")];
      } catch (e) {
        throw new UsageError(`--ca-file: cannot read '${caFile}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
  } catch (e) {
    err(`rdp-doctor gateway: ${(e as Error).message}`);
    return 2;
  }
  const result = await probeGateway(target.host, { port: target.port, timeoutMs, extraCa });
  out(json ? JSON.stringify(result, null, 2) : formatGatewayResult(result));
  return result.Verdict === "Failed" ? 3 : 0;
}
