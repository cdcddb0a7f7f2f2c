/**
 * `rdp-doctor analyze SNAPSHOT.json [--json]`: runs the catalog's analyzers over a snapshot in Node, with the
 * same verdicts and ranking as Test-RdpError0x904 -SnapshotPath (test/differential.test.ts holds them equal).
 */
import { parseArgs } from "node:util";
import { CATALOG } from "../src/catalog/index.js";
import { analyzeSnapshot } from "../src/model/analyze.js";
import type { DiagnosisResult, Finding } from "../src/model/finding.js";
import { readSnapshotFile, UsageError } from "./cli-input.js";

export const ANALYZE_USAGE = "rdp-doctor analyze SNAPSHOT.json [--json]";

function describeValue(value: unknown): string {
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}

function formatFinding(f: Finding): string[] {
  const head = `${f.Status.padEnd(13)} ${f.Id}  ${f.Title}`;
  if (f.Status !== "Fail" && f.Status !== "Warn" && f.Status !== "Unknown") return [head];
  return [
    head,
    `              ${f.Reason}`,
    ...(f.PolicyNote ? [`              ${f.PolicyNote}`] : []),
    ...Object.entries(f.Evidence).map(([k, v]) => `              evidence ${k} = ${describeValue(v)}`),
    ...(f.Status === "Unknown" ? [] : f.Fix.map((step) => `              fix: ${step}`)),
  ];
}

export function formatResult(result: DiagnosisResult): string {
  const fails = result.Findings.filter((f) => f.Status === "Fail").length;
  return [
    `${result.ComputerName}: ${fails} failed of ${result.Findings.length} checks (snapshot version ${result.SnapshotVersion}, judged at ${result.CheckedAt})`,
    ...result.Findings.flatMap(formatFinding),
  ].join("\n");
}

/** Returns the exit code: 0 analyzed (whatever the findings), 2 bad usage or unreadable snapshot. */
export function runAnalyze(args: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { json: { type: "boolean" } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new UsageError(`expected one SNAPSHOT.json. Usage: ${ANALYZE_USAGE}`);
    const snapshot = readSnapshotFile(positionals[0]!);
    const result = analyzeSnapshot(snapshot, CATALOG, { now: new Date(snapshot.CollectedAt) });
    out(values.json ? JSON.stringify(result, null, 2) : formatResult(result));
    return 0;
  } catch (e) {
    err(`rdp-doctor analyze: ${(e as Error).message}`);
    return 2;
  }
}
