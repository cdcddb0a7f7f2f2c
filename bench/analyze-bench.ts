/**
 * `npm run bench:analyze`: analysis time per snapshot, in Node (rdp-doctor analyze) and in the module
 * (Test-RdpError0x904 -SnapshotPath through the project's pwsh), side by side on the same fixture files.
 * Goal from the diagnosis issue: 200 ms or less per snapshot on each side. Timings are printed, never asserted.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { CATALOG } from "../src/catalog/index.js";
import { analyzeSnapshot } from "../src/model/analyze.js";
import { percentile } from "./stats.js";

const ROOT = resolve(import.meta.dirname, "..");
const FIXTURES = join(ROOT, "test", "fixtures", "snapshots");
const ROUNDS = 50;

function fixtureFiles(): string[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json") && f !== "index.json")
    .sort()
    .map((f) => join(FIXTURES, f));
}

/** Node: read + parse + analyze, as `rdp-doctor analyze` does per file. */
function benchNode(files: readonly string[]): number[] {
  const perSnapshot: number[] = [];
  for (const file of files) {
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      const started = performance.now();
      const snapshot = JSON.parse(readFileSync(file, "utf8"));
      analyzeSnapshot(snapshot, CATALOG, { now: new Date(snapshot.CollectedAt) });
      samples.push(performance.now() - started);
    }
    perSnapshot.push(percentile(samples, 0.5));
  }
  return perSnapshot.sort((a, b) => a - b);
}

/** The module: one pwsh process imports RdpDoctor once, then times Test-RdpError0x904 -SnapshotPath per file. */
function benchModule(files: readonly string[]): number[] | string {
  const manifest = join(ROOT, "dist-ps", "RdpDoctor", "RdpDoctor.psd1");
  const list = files.map((f) => `'${f.replace(/'/g, "''")}'`).join(",");
  const script = [
    `Import-Module -Name '${manifest.replace(/'/g, "''")}' -Force`,
    `foreach ($file in @(${list})) {`,
    "    $null = Test-RdpError0x904 -SnapshotPath $file",
    "    $samples = foreach ($i in 1..5) { (Measure-Command -Expression { $null = Test-RdpError0x904 -SnapshotPath $file }).TotalMilliseconds }",
    "    ($samples | Sort-Object)[2]",
    "}",
  ].join("\n");
  const run = spawnSync("npm", ["run", "-s", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", script], { cwd: ROOT, encoding: "utf8" });
  if (run.status === 127) return `not measured: ${run.stderr.trim().split("\n").pop()}`;
  if (run.status !== 0) return `failed (exit ${run.status}): ${run.stderr.trim().split("\n").slice(-3).join(" ")}`;
  return run.stdout.trim().split(/\r?\n/).map(Number).sort((a, b) => a - b);
}

function summary(values: number[] | string): string {
  if (typeof values === "string") return values;
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  return `median ${fmt(percentile(values, 0.5))} ms   p95 ${fmt(percentile(values, 0.95))} ms   max ${fmt(values[values.length - 1]!)} ms`;
}

const files = fixtureFiles();
console.log(`Analysis time per snapshot: ${files.length} fixture snapshots, ${CATALOG.length} causes (goal: <= 200 ms each side)`);
console.log(`  node   (analyzeSnapshot, ${ROUNDS} rounds each)  ${summary(benchNode(files))}`);
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(`  module (Test-RdpError0x904 -SnapshotPath, 5 rounds each)  ${summary(benchModule(files))}`);
console.log(`  node heap after run: ${heapMb.toFixed(1)} MB`);
