/**
 * The generated PowerShell probe, run live: InvokeRdpEndpointProbe (what each runspace of Test-RdpEndpoint runs)
 * is interpreted statement by statement from the module text, and every .NET call it makes (TcpClient, SslStream,
 * X509Chain, Dns ...) runs on the real .NET runtime through the bridge (test/support/dotnet-bridge), against the
 * real peer lab. Its answers must be the Node probe's answers for the same peer: same stage, protocol, failure,
 * findings, verdict, certificate and enumeration. Where they may differ by platform, the test says why.
 *
 * Test-RdGateway's begin and process blocks run the same way against every RD Gateway mock, the closed port and
 * an SSH server (no TLS), and must give the Node gateway probe's answer (src/probe/gateway/probe-gateway.ts).
 *
 * This stands in for Pester's Integration suite (pester/Commands/TestRdpEndpoint.Tests.ps1) while no pwsh exists
 * here (README, "Fallback"); the runspace pool of Test-RdpEndpoint itself is the one part it does not run.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EndpointResult } from "../src/probe/endpoint-result.js";
import { probeEndpoint } from "../src/probe/probe-endpoint.js";
import type { GatewayResult } from "../src/probe/gateway-result.js";
import { probeGateway } from "../src/probe/gateway/probe-gateway.js";
import { RDG_MODES } from "./peers/rdg-mock.js";
import { labUnavailableReason, startLab, type PeerLab } from "./peers/lab.js";
import { liveProbeUnavailableReason, prepareLiveProbe } from "./support/live-probe.js";
import { generatedModuleText } from "./support/ps-eval/differential.js";
import type { LiveProbeOutput, LiveProbeRequest } from "./support/ps-eval/live-probe-runner.js";

const SKIP = labUnavailableReason() ?? liveProbeUnavailableReason();
if (SKIP !== null && process.env.CI === "true") throw new Error(`probe-live cannot run under CI: ${SKIP}`);

interface Case { name: string; host?: string; port: (lab: PeerLab) => number | undefined; timeoutMs?: number; enumerate?: boolean }

const CASES: Case[] = [
  ...(["neg-valid", "neg-expired", "rdp-only", "neg-nocert", "tls-valid", "tls-nocert", "tls-cachain", "neg-badkey", "tls10-weak"] as const)
    .map((s): Case => ({ name: `xrdp ${s}`, port: (lab) => lab.xrdp[s].port })),
  ...(["shadow-nla", "shadow-default", "shadow-rdp", "shadow-tls"] as const).map((s): Case => ({ name: s, port: (lab) => lab.shadow[s]?.port })),
  { name: "closed port", port: (lab) => lab.fakes.closed.port },
  { name: "full backlog", port: (lab) => lab.fakes["full-backlog"].port, timeoutMs: 300 },
  { name: "silent peer", port: (lab) => lab.fakes.silent.port, timeoutMs: 300 },
  { name: "reset peer", port: (lab) => lab.fakes.reset.port },
  { name: "SSH server", port: (lab) => lab.fakes.ssh.port },
  { name: "HTTP server", port: (lab) => lab.fakes.http.port },
  { name: "TLS server", port: (lab) => lab.fakes.tls.port },
  { name: "RD Gateway", port: (lab) => lab.rdg.healthy.port },
  { name: "host name through DNS", host: "localhost", port: (lab) => lab.xrdp["neg-valid"].port },
  ...(["neg-valid", "tls-valid", "neg-badkey"] as const).map((s): Case => ({ name: `enumerate xrdp ${s}`, port: (lab) => lab.xrdp[s].port, enumerate: true })),
  { name: "enumerate shadow-nla", port: (lab) => lab.shadow["shadow-nla"]?.port, enumerate: true },
];

const GATEWAY_CASES: Case[] = [
  ...RDG_MODES.map((m): Case => ({ name: `gateway ${m}`, port: (lab) => lab.rdg[m].port, timeoutMs: 1000 })),
  { name: "gateway on a closed port", port: (lab) => lab.fakes.closed.port, timeoutMs: 1000 },
  { name: "gateway on an SSH server", port: (lab) => lab.fakes.ssh.port, timeoutMs: 1000 },
];

/**
 * Evidence worded by the platform, not by the probe: error messages (.NET vs Node), Tcp.Error (a SocketError
 * name such as ConnectionRefused vs an errno code such as ECONNREFUSED) and Tls.AuthorizationError (SslPolicyErrors
 * vs an OpenSSL verify code). Both sides must have it or both lack it; the words may differ.
 */
const PLATFORM_TEXT = new Set(["Tcp.Message", "Tcp.Error", "Tls.Error", "DirectTls.Error", "X224.Error", "Dns.Error", "Tls.AuthorizationError", "Error", "ChainStatus"]);
/**
 * The TLS version depends on what the client offers: the generated probe offers TLS 1.3 only on Windows build
 * 20348+ (tls-function.ts), and .NET here reports the kernel's version, so it negotiates TLS 1.2 where Node gets 1.3.
 */
const expectedPsTlsVersion = (node: unknown): unknown => (node === "TLS 1.3" ? "TLS 1.2" : node);
/** Node's TLS version as the generated probe must report it here; a cipher suite only where Node has one. */
const TLS_EXPECTATION: Readonly<Record<string, (node: unknown) => unknown>> = {
  "Tls.Version": expectedPsTlsVersion,
  "DirectTls.Version": expectedPsTlsVersion,
  "Tls.CipherSuite": (node) => (node === null ? null : "<cipher suite>"),
};
/** Node's evidence as the generated probe must give it (`ps`: the PowerShell side, to blur its cipher suite alike). */
const comparable = (evidence: unknown, side: "ps" | "node"): Record<string, unknown> => Object.fromEntries(Object.entries((evidence ?? {}) as Record<string, unknown>)
  .map(([k, value]) => {
    if (PLATFORM_TEXT.has(k)) return [k, value === null ? null : "<platform text>"];
    if (k === "Tls.CipherSuite") return [k, TLS_EXPECTATION[k]!(value)];
    return [k, side === "node" && k in TLS_EXPECTATION ? TLS_EXPECTATION[k]!(value) : value];
  }));

describe.skipIf(SKIP !== null)(`generated probe, live on .NET, against the peer lab${SKIP ? ` (SKIPPED: ${SKIP})` : ""}`, () => {
  let lab: PeerLab;
  const ps = new Map<string, LiveProbeOutput>();
  const node = new Map<string, EndpointResult>();
  const nodeGateway = new Map<string, GatewayResult>();
  let strictTls10: LiveProbeOutput | undefined;

  beforeAll(async () => {
    const [started, live] = await Promise.all([startLab(), generatedModuleText().then((text) => prepareLiveProbe(text))]);
    lab = started;
    const runnable = CASES.filter((c) => c.port(lab) !== undefined);
    const gateways = GATEWAY_CASES.map((c): LiveProbeRequest => ({ Command: "Gateway", ComputerName: "127.0.0.1", Port: c.port(lab)!, TimeoutMs: c.timeoutMs! }));
    const requests = [
      ...runnable.map((c): LiveProbeRequest => ({ ComputerName: c.host ?? "127.0.0.1", Port: c.port(lab)!, TimeoutMs: c.timeoutMs ?? 2000, Enumerate: c.enumerate === true })),
      ...gateways,
    ];
    runnable.push(...GATEWAY_CASES);
    // As a Windows client with TLS 1.0 still enabled (live-probe.ts), so the TLS-1.0-only peer completes as for Node.
    (await live.run(requests, { legacyTls: true })).forEach((out, i) => ps.set(runnable[i]!.name, out));
    [strictTls10] = await live.run([{ ComputerName: "127.0.0.1", Port: lab.xrdp["tls10-weak"].port, TimeoutMs: 2000 }]);
    for (const [i, c] of runnable.entries()) {
      const r = requests[i]!;
      if (r.Command === "Gateway") {
        nodeGateway.set(c.name, await probeGateway(r.ComputerName, { port: r.Port, timeoutMs: r.TimeoutMs }));
        continue;
      }
      node.set(c.name, await probeEndpoint(r.ComputerName, r.Port, { timeoutMs: r.TimeoutMs, enumerate: c.enumerate === true }));
    }
    // Times are printed, not asserted (benchmarks own speed): the bounded waits show here.
    for (const name of ["silent peer", "full backlog"]) console.log(`live generated probe, ${name}, timeoutMs 300: ${Math.round(ps.get(name)?.wallMs ?? NaN)} ms`);
    if (process.env.LIVE_PROBE_DUMP) writeFileSync(process.env.LIVE_PROBE_DUMP, JSON.stringify({ ps: Object.fromEntries(ps), node: Object.fromEntries(node) }, null, 1));
  }, 240_000);
  afterAll(async () => { await lab?.stop(); });

  const psResult = <T = EndpointResult>(name: string): T => {
    const out = ps.get(name);
    if (out === undefined) throw new Error(`no live run for ${name}`);
    if ("error" in out) throw new Error(`${name}: the generated probe failed: ${out.error}`);
    return out.result as T;
  };

  it.for(CASES.map((c) => c.name))("%s: same answer as the Node probe", (name, ctx) => {
    if (!ps.has(name)) return ctx.skip(lab.shadowSkipReason ?? "peer not started");
    const a = psResult(name);
    const b = node.get(name)!;
    const head = (r: EndpointResult) => ({ Reachable: r.Reachable, Stage: r.Stage, SelectedProtocol: r.SelectedProtocol, NegotiationFailure: r.NegotiationFailure, Verdict: r.Verdict, AcceptedProtocols: r.AcceptedProtocols });
    expect(head(a)).toEqual(head(b));
    expect(a.TlsVersion).toBe(expectedPsTlsVersion(b.TlsVersion));
    expect(a.CipherSuite === null).toBe(b.CipherSuite === null);
    expect(a.Findings.map((f) => f.Id)).toEqual(b.Findings.map((f) => f.Id));
    for (const [i, f] of a.Findings.entries()) {
      const other = b.Findings[i]!;
      expect(Object.keys(f.Evidence ?? {}).sort(), `${f.Id} evidence keys`).toEqual(Object.keys(other.Evidence ?? {}).sort());
      expect(comparable(f.Evidence, "ps"), `${f.Id} evidence`).toEqual(comparable(other.Evidence, "node"));
      expect({ ...f, Evidence: null }).toEqual({ ...other, Evidence: null });
    }
    expect(a.Certificate).toEqual(b.Certificate);
  });

  it("a client that refuses TLS 1.0 (OpenSSL's default here, Schannel with TLS 1.0 disabled) gets P13 with a version or cipher mismatch, not a broken key", () => {
    if (strictTls10 === undefined || "error" in strictTls10) throw new Error(`no strict run: ${strictTls10 && "error" in strictTls10 ? strictTls10.error : "missing"}`);
    const r = strictTls10.result as EndpointResult;
    expect({ Stage: r.Stage, SelectedProtocol: r.SelectedProtocol, Verdict: r.Verdict }).toEqual({ Stage: "Tls", SelectedProtocol: "SSL", Verdict: "Failed" });
    expect(r.Findings.map((f) => f.Id)).toEqual(["P13", "P12"]);
    expect(r.Findings[0]!.Evidence).toMatchObject({ "Tls.Diagnosis": "VersionOrCipherMismatch", "Diagnosis.Behaviour": "ServerWaits" });
  });

  it.for(GATEWAY_CASES.map((c) => c.name))("%s: same answer as the Node gateway probe", (name) => {
    const a = psResult<GatewayResult>(name);
    const b = nodeGateway.get(name)!;
    const head = (r: GatewayResult) => ({ Reachable: r.Reachable, Stage: r.Stage, TlsVersion: r.TlsVersion, HttpStatus: r.HttpStatus, AuthSchemes: r.AuthSchemes, Verdict: r.Verdict });
    expect(head(a)).toEqual(head(b));
    expect(a.Findings.map((f) => f.Id)).toEqual(b.Findings.map((f) => f.Id));
    a.Findings.forEach((f, i) => {
      expect(comparable(f.Evidence, "ps"), `${f.Id} evidence`).toEqual(comparable(b.Findings[i]!.Evidence, "node"));
      expect({ ...f, Evidence: null }).toEqual({ ...b.Findings[i]!, Evidence: null });
    });
    expect(a.Certificate).toEqual(b.Certificate);
  });
});
