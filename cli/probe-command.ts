/**
 * `rdp-doctor probe HOST[:PORT]... [--port N] [--enumerate] [--timeout MS] [--json]`: the endpoint probe of
 * src/probe/probe-endpoint.ts, one EndpointResult per target (the same shape as Test-RdpEndpoint).
 * Exit codes: 0 every endpoint Healthy or Warning, 3 any endpoint Failed, 2 bad usage.
 * Targets are probed one after another: xrdp-style listeners with a tiny backlog stall under parallel SYNs
 * (protocol-probe.md s7, pitfall P3), and a person reads the output in order.
 */
import net from "node:net";
import { parseArgs } from "node:util";
import type { Finding } from "../src/model/finding.js";
import type { EndpointResult } from "../src/probe/endpoint-result.js";
import { DEFAULT_TIMEOUT_MS, probeEndpoint } from "../src/probe/probe-endpoint.js";
import { probeVerdict } from "../src/probe/probe-finding-table.js";
import { compareWireCertificate } from "../src/probe/wire-certificate.js";
import { isTimeoutMs, readSnapshotFile, UsageError, type SnapshotHead } from "./cli-input.js";

const PROBES_IN_FLIGHT = 16;

export const PROBE_USAGE = "rdp-doctor probe HOST[:PORT]... [--port N] [--enumerate] [--timeout MS] [--snapshot FILE] [--json]";
const DEFAULT_PORT = 3389;

export interface ProbeTarget { host: string; port: number }

function parsePort(text: string, what: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`${what} must be a port number 1-65535, got '${text}'`);
  return Number(text);
}

/** "host", "host:3390", "10.0.0.5:3390", "[fe80::1]:3390", or a bare IPv6 literal (no port then). */
export function parseTarget(text: string, defaultPort: number): ProbeTarget {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] === undefined ? defaultPort : parsePort(bracketed[2], `port in '${text}'`) };
  if (net.isIPv6(text)) return { host: text, port: defaultPort };
  const colon = text.lastIndexOf(":");
  const host = colon < 0 ? text : text.slice(0, colon);
  if (host === "" || /[\s/]/.test(host)) throw new UsageError(`'${text}' is not a host name or address`);
  return { host, port: colon < 0 ? defaultPort : parsePort(text.slice(colon + 1), `port in '${text}'`) };
}

const interesting = (f: Finding) => f.Status === "Fail" || f.Status === "Warn";

/** The evidence a person needs to act on a finding, one short value per key. */
const DETAIL_KEYS = ["Port.Service", "X224.FailureMeaning", "Catalog.Causes", "Tls.Diagnosis", "Tls.Error", "X224.End", "Tcp.Error",
  "Certificate.Validity", "Certificate.DaysLeft", "Certificate.KeySize", "Certificate.SignatureAlgorithm", "X224.DisconnectReason", "X224.Detail"];

/** A few lines per endpoint. */
export function formatEndpoint(r: EndpointResult): string[] {
  const where = `${r.ComputerName}:${r.Port}`;
  const t = r.TimingsMs;
  const parts = [
    r.SelectedProtocol ? `selected ${r.SelectedProtocol}` : null,
    r.NegotiationFailure ? `refused ${r.NegotiationFailure}` : null,
    r.TlsVersion ? `${r.TlsVersion} ${r.CipherSuite ?? ""}`.trim() : null,
    r.AcceptedProtocols ? `accepts ${r.AcceptedProtocols.join(", ") || "none"}` : null,
  ].filter((p) => p !== null);
  const lines = [`${where}: ${r.Verdict} (stage ${r.Stage}${parts.length ? `; ${parts.join("; ")}` : ""}) in ${t.Total} ms`];
  if (r.Certificate) {
    const c = r.Certificate;
    lines.push(`  certificate ${c.Subject}, ${c.KeyAlgorithm} ${c.KeySize ?? "?"} ${c.SignatureAlgorithm}, valid ${c.NotBefore.slice(0, 10)}..${c.NotAfter.slice(0, 10)}, thumbprint ${c.Thumbprint}`);
  }
  for (const f of r.Findings) {
    lines.push(`  ${f.Status.padEnd(4)} ${f.Id}  ${f.Title}`);
    if (!interesting(f)) continue;
    const details = DETAIL_KEYS.filter((k) => f.Evidence[k] !== undefined && f.Evidence[k] !== null).map((k) => `${k}=${String(f.Evidence[k])}`);
    if (details.length) lines.push(`             ${details.join("; ")}`);
    for (const step of f.Fix.slice(0, 2)) lines.push(`             fix: ${step}`);
  }
  return lines;
}

/** Runs the probe command and returns the exit code. */
export async function runProbe(args: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let targets: ProbeTarget[];
  let values: { port?: string; enumerate?: boolean; timeout?: string; json?: boolean; snapshot?: string };
  let snapshot: SnapshotHead | undefined;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  try {
    const parsed = parseArgs({
      args: [...args], allowPositionals: true, strict: true,
      options: {
        port: { type: "string" }, enumerate: { type: "boolean" }, timeout: { type: "string" }, json: { type: "boolean" }, snapshot: { type: "string" },
      },
    });
    values = parsed.values;
    if (parsed.positionals.length === 0) throw new UsageError("expected at least one HOST[:PORT]");
    const defaultPort = values.port === undefined ? DEFAULT_PORT : parsePort(values.port, "--port");
    if (values.timeout !== undefined) {
      if (!isTimeoutMs(values.timeout)) throw new UsageError(`--timeout must be milliseconds 1-600000, got '${values.timeout}'`);
      timeoutMs = Number(values.timeout);
    }
    targets = parsed.positionals.map((p) => parseTarget(p, defaultPort));
    // The server's own snapshot: the certificate on the wire is compared with its binding (P21, C16).
    if (values.snapshot !== undefined) snapshot = readSnapshotFile(values.snapshot);
  } catch (e) {
    err(`rdp-doctor probe: ${(e as Error).message}\nUsage: ${PROBE_USAGE}`);
    return 2;
  }
  const probeOne = async (t: ProbeTarget): Promise<EndpointResult> => {
    const probed = await probeEndpoint(t.host, t.port, { timeoutMs, enumerate: values.enumerate === true });
    const mismatch = snapshot === undefined ? null : compareWireCertificate(probed, snapshot as never);
    const findings = mismatch === null ? probed.Findings : [...probed.Findings, mismatch];
    return { ...probed, Findings: findings, Verdict: probeVerdict(findings) };
  };
  // Up to PROBES_IN_FLIGHT at a time (as Test-RdpEndpoint's -ThrottleLimit default); output keeps target order.
  const results: EndpointResult[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const i = next;
      next += 1;
      results[i] = await probeOne(targets[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBES_IN_FLIGHT, targets.length) }, worker));
  if (!values.json) for (const r of results) out(formatEndpoint(r).join("\n"));
  // Always an array, also for one target, so scripts need not special-case it.
  if (values.json) out(JSON.stringify(results, null, 2));
  return results.some((r) => r.Verdict === "Failed") ? 3 : 0;
}
