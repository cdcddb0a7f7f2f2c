/**
 * Starts the live probe runner (ps-eval/live-probe-runner.ts) as a child process and collects its results:
 * the generated module text and the built .NET bridge go in, one JSON line per probe comes out. The test
 * process stays free to serve the lab's in-process fake peers meanwhile.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { whichPath } from "../../scripts/lib/which.mjs";
import { join } from "node:path";
import { build } from "esbuild";
import { buildBridge } from "./ps-eval/dotnet-bridge-pipe.js";
import type { LiveProbeInput, LiveProbeOutput, LiveProbeRequest } from "./ps-eval/live-probe-runner.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Why the live probe cannot run here, or null: it needs the .NET SDK to build the bridge. */
export function liveProbeUnavailableReason(): string | null {
  return whichPath("dotnet") === undefined ? "dotnet is not on PATH" : null;
}

export interface LiveProbeSession {
  /** `legacyTls`: let the bridge's OpenSSL negotiate TLS 1.0/1.1 and SHA-1, as a Windows client with them enabled does. */
  run(probes: LiveProbeRequest[], options?: { legacyTls?: boolean }): Promise<LiveProbeOutput[]>;
}

/**
 * .NET on Linux does TLS through OpenSSL 3, whose default security level refuses TLS 1.0/1.1 and SHA-1 signatures;
 * Schannel on Windows still negotiates them where they are enabled. This configuration lowers the level for the
 * bridge process only, so the lab's TLS-1.0-only xrdp shows what a Windows admin machine would see.
 */
const LEGACY_TLS_CONF = [
  "openssl_conf = default_conf", "[default_conf]", "ssl_conf = ssl_sect", "[ssl_sect]", "system_default = system_default_sect",
  "[system_default_sect]", "MinProtocol = TLSv1", "CipherString = DEFAULT@SECLEVEL=0", "",
].join("\n");

/**
 * Builds the bridge and bundles the runner once; each run() is one child process over the given probes.
 * `moduleText`: the RdpDoctor.psm1 to run (tests pass the generator's output). `root`: the project folder, for a
 * caller bundled elsewhere (bench/probe-bench.ts).
 */
export async function prepareLiveProbe(moduleText: string, root = ROOT): Promise<LiveProbeSession> {
  const WORK_DIR = join(root, ".tools", "live-probe");
  mkdirSync(WORK_DIR, { recursive: true });
  const bridgeDll = buildBridge(root);
  const runner = join(WORK_DIR, "runner.mjs");
  await build({
    entryPoints: [join(root, "test", "support", "ps-eval", "live-probe-runner.ts")],
    outfile: runner, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning",
  });
  const modulePath = join(WORK_DIR, "RdpDoctor.psm1");
  writeFileSync(modulePath, moduleText);
  let runs = 0;
  return {
    run: (probes, options = {}) => new Promise((resolve, reject) => {
      const inputPath = join(WORK_DIR, `input-${process.pid}-${runs++}.json`);
      const confPath = join(WORK_DIR, "openssl-legacy-tls.cnf");
      writeFileSync(confPath, LEGACY_TLS_CONF);
      const input: LiveProbeInput = { modulePath, bridgeDll, probes, env: options.legacyTls === true ? { OPENSSL_CONF: confPath } : {} };
      writeFileSync(inputPath, JSON.stringify(input));
      const child = spawn(process.execPath, [runner, inputPath], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0) return reject(new Error(`live probe runner exited ${code}:\n${stderr}`));
        resolve(stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as LiveProbeOutput));
      });
    }),
  };
}
