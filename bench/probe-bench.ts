/**
 * `npm run bench:probe`: time per endpoint probe on the lab's xrdp and FreeRDP shadow peers (127.0.0.1 only), side by
 * side with nmap's rdp-enum-encryption and `sslscan --rdp`, measured in the same run. Also shows whether nmap calls
 * CredSSP/NLA supported on xrdp (it counts any RDP_NEG_RSP as success; protocol-probe.md s4, pitfall P7) and what
 * our enumeration says. Timings are printed, never asserted. nmap/sslscan are installed with apt-get when missing.
 * The lab's ports are not 3389, so nmap's portrule (port 3389 or service ms-wbt-server) would skip the script:
 * "+rdp-enum-encryption" forces it, which is the same as `nmap -p 3389 --script rdp-enum-encryption` on a real host.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { liveProbeUnavailableReason, prepareLiveProbe } from "../test/support/live-probe.js";
import { probeEndpoint } from "../src/probe/probe-endpoint.js";
import { startLab, type PeerLab } from "../test/peers/lab.js";
import { percentile } from "./stats.js";
import { whichPath } from "../scripts/lib/which.mjs";

const ROUNDS = { xrdp: 50, shadow: 10 };
const TOOL_TIMEOUT_MS = 180_000;


/** apt-get install for the tools that are missing; prints what it installed. */
function ensureTools(): void {
  const missing = ["nmap", "sslscan"].filter((b) => whichPath(b) === undefined);
  if (missing.length === 0) return console.log("nmap and sslscan already installed");
  console.log(`installing with apt-get: ${missing.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const r = spawnSync("apt-get", ["install", "-y", ...missing], { env, encoding: "utf8", timeout: 600_000 });
  console.log(r.status === 0 ? `installed: ${missing.join(", ")}` : `apt-get failed (${r.status}): ${(r.stderr ?? "").trim().split("\n").pop()}`);
}

async function timeProbe(port: number, rounds: number, enumerate: boolean): Promise<{ p50: number; p95: number; accepted: string }> {
  const samples: number[] = [];
  let accepted = "";
  for (let i = 0; i < rounds; i++) {
    const r = await probeEndpoint("127.0.0.1", port, { timeoutMs: 3000, enumerate });
    samples.push(r.TimingsMs.Total);
    accepted = r.AcceptedProtocols?.join("|") ?? `${r.SelectedProtocol ?? r.NegotiationFailure ?? r.Stage}`;
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), accepted };
}

function timeTool(bin: string, args: string[]): { ms: number; out: string; status: number | null } {
  const start = performance.now();
  const r = spawnSync(bin, args, { encoding: "utf8", timeout: TOOL_TIMEOUT_MS });
  return { ms: Math.round(performance.now() - start), out: `${r.stdout ?? ""}${r.stderr ?? ""}`, status: r.status };
}

/** nmap lines like "CredSSP (NLA): SUCCESS" -> the protocols it calls supported. */
function nmapSupported(out: string): string {
  const hits = [...out.matchAll(/^\|\s+(.+?):\s+SUCCESS\s*$/gm)].map((m) => m[1]!.trim());
  return hits.length ? hits.join("; ") : "(none parsed)";
}

/** The module side needs the project's pwsh; where there is none, say why instead of a number. */
function pwshNote(): string {
  const r = spawnSync("npm", ["run", "-s", "pwsh", "--", "-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"], { encoding: "utf8" });
  if (r.status === 0) return `pwsh ${r.stdout.trim()} present; run Test-RdpEndpoint timings with BENCH_PWSH=1 (not automated yet)`;
  return `not measured: ${(r.stderr ?? "").trim().split("\n").pop()}`;
}

/**
 * The generated probe's own figures, where pwsh cannot run them: InvokeRdpEndpointProbe from the module text,
 * interpreted, with its .NET calls on the real runtime through the bridge (test/support/live-probe.ts). Every
 * .NET call crosses a pipe and every statement is interpreted, so these are NOT pwsh timings; they show the
 * generated code's waits and round trips, one warm-up probe first. The module text is the golden file, which
 * test/golden.test.ts keeps byte-equal to the generator's output.
 */
async function generatedProbeFigures(targets: readonly { name: string; port: number; rounds: number }[]): Promise<void> {
  const why = liveProbeUnavailableReason();
  if (why !== null) return console.log(`generated probe (interpreter + .NET bridge): not measured: ${why}`);
  const root = process.cwd();
  const live = await prepareLiveProbe(readFileSync(join(root, "test", "__golden__", "RdpDoctor", "RdpDoctor.psm1"), "latin1"), root);
  for (const t of targets) {
    const rounds = Math.min(t.rounds, 20);
    const runs = await live.run(Array.from({ length: rounds + 1 }, () => ({ ComputerName: "127.0.0.1", Port: t.port, TimeoutMs: 3000 })), { legacyTls: true });
    const warm = runs.slice(1);
    const failed = warm.filter((r) => "error" in r);
    if (failed.length > 0) { console.log(`generated probe, ${t.name}: ${failed.length} runs failed: ${(failed[0] as { error: string }).error}`); continue; }
    const wall = warm.map((r) => r.wallMs);
    const inside = warm.map((r) => ((r as { result: { TimingsMs: { Total: number } } }).result.TimingsMs.Total));
    console.log(`generated probe (interpreter + .NET bridge, not pwsh), ${t.name}: p50/p95 ${percentile(wall, 0.5).toFixed(1)} / ${percentile(wall, 0.95).toFixed(1)} ms wall; its own TimingsMs.Total p50 ${percentile(inside, 0.5)} ms (${rounds} warm runs)`);
  }
}

/**
 * Hosts per second: 1,000 probes spread round-robin over every xrdp instance and the fake listeners (xrdp's
 * listen backlog is 2, so the load must be spread), with a bounded number in flight, as a fan-out would run them.
 */
async function throughput(lab: PeerLab): Promise<void> {
  const ports = [
    ...Object.values(lab.xrdp).map((p) => p.port),
    ...(["ssh", "http", "tls", "reset", "closed"] as const).map((k) => lab.fakes[k].port),
  ];
  const total = 1000;
  const inFlight = 32;
  let next = 0;
  const verdicts = new Map<string, number>();
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const port = ports[next % ports.length]!;
      next += 1;
      const r = await probeEndpoint("127.0.0.1", port, { timeoutMs: 3000 });
      verdicts.set(r.Verdict, (verdicts.get(r.Verdict) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const summary = [...verdicts].map(([v, n]) => `${v} ${n}`).join(", ");
  console.log(`throughput: ${total} endpoints over ${ports.length} listeners, ${inFlight} in flight: ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)} hosts/s (${summary}); goal <= 10 s`);
}

async function main(): Promise<void> {
  ensureTools();
  const lab: PeerLab = await startLab({ fakes: true, rdg: false });
  try {
    const targets: { name: string; port: number; rounds: number }[] = [
      { name: "xrdp neg-valid", port: lab.xrdp["neg-valid"].port, rounds: ROUNDS.xrdp },
      { name: "xrdp tls10-weak", port: lab.xrdp["tls10-weak"].port, rounds: ROUNDS.xrdp },
    ];
    if (lab.shadow["shadow-nla"]) targets.push({ name: "shadow /sec:nla", port: lab.shadow["shadow-nla"].port, rounds: ROUNDS.shadow });
    else console.log(`shadow peer skipped: ${lab.shadowSkipReason}`);

    const rows: string[][] = [["target", "probe p50/p95 ms", "probe --enumerate ms", "nmap rdp-enum-encryption ms", "sslscan --rdp --show-certificate ms", "ours: accepted", "nmap: SUCCESS"]];
    for (const t of targets) {
      const plain = await timeProbe(t.port, t.rounds, false);
      const en = await timeProbe(t.port, 3, true);
      const nmapBin = whichPath("nmap");
      const sslscanBin = whichPath("sslscan");
      const nmap = nmapBin ? timeTool(nmapBin, ["-Pn", "-n", "-p", String(t.port), "--script", "+rdp-enum-encryption", "127.0.0.1"]) : null;
      const ssl = sslscanBin ? timeTool(sslscanBin, ["--no-colour", "--rdp", "--show-certificate", `127.0.0.1:${t.port}`]) : null;
      rows.push([
        t.name, `${plain.p50} / ${plain.p95}`, String(en.p50), nmap ? String(nmap.ms) : "n/a", ssl ? String(ssl.ms) : "n/a", en.accepted,
        nmap ? nmapSupported(nmap.out) : "n/a",
      ]);
      if (process.env.BENCH_VERBOSE === "1") console.log(nmap?.out, ssl?.out.split("\n").slice(0, 40).join("\n"));
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(" | "));
    console.log("\nprobe: one TCP+X.224+TLS probe (plus enumeration: 7 offers, 150 ms linger each). nmap -Pn -n, one run; sslscan, one run.");
    console.log(`module (Test-RdpEndpoint in pwsh): ${pwshNote()}`);
    await generatedProbeFigures(targets);
    await throughput(lab);
  } finally {
    await lab.stop();
  }
}

await main();
