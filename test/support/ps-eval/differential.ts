/**
 * Both sides of the differential test on one fixture: the TypeScript analysis (src/model/analyze.ts) and the
 * printed PowerShell module run by this interpreter, reduced to plain JSON and compared field by field.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeSnapshot } from "../../../src/model/analyze.js";
import type { Cause } from "../../../src/model/cause.js";
import type { DiagnosisResult } from "../../../src/model/finding.js";
import { toJsDate, type TimeZone } from "./datetime.js";
import { toDateTime } from "./convert.js";
import { convertFromJson, toPlain } from "./json-input.js";
import type { LoadedModule } from "./module.js";

export const ROOT = join(import.meta.dirname, "..", "..", "..");

/**
 * The module text exactly as `rdp-doctor build` writes it (before signing). RDP_DIFF_MODULE=<path> reads a
 * built file instead (dist-ps/RdpDoctor/RdpDoctor.psm1 works: the signature block is only comments).
 */
export async function generatedModuleText(): Promise<string> {
  const override = process.env.RDP_DIFF_MODULE;
  if (override) return readFileSync(override, "latin1");
  const { generate } = await import("../../../codegen/emit.js");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const file = generate(ROOT, version).find((f) => f.path === "RdpDoctor/RdpDoctor.psm1");
  if (file === undefined) throw new Error("generate() returned no RdpDoctor/RdpDoctor.psm1");
  return file.content;
}

export interface FixtureInput {
  /** The snapshot file's text. */
  readonly json: string;
  readonly errorCode: number | null;
  readonly extendedErrorCode: number | null;
}

/** The fields compared for each finding, in the order differences are reported. */
export const FINDING_FIELDS = [
  "Id", "Name", "Title", "Side", "Status", "Confidence", "Reason", "MatchesErrorCode", "PolicyManaged", "PolicyNote",
  "Evidence", "Fix", "Undo", "Risk", "Sources",
] as const;

const RESULT_FIELDS = ["ComputerName", "SnapshotVersion", "CheckedAt", "ErrorCode", "ExtendedErrorCode"] as const;

/** Both sides' diagnosis as plain JSON data. */
export interface BothSides {
  readonly typescript: Record<string, unknown>;
  readonly powershell: Record<string, unknown>;
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

export function runBothSides(module: LoadedModule, causes: readonly Cause[], input: FixtureInput): BothSides {
  const zone: TimeZone = module.zone;
  const psSnapshot = convertFromJson(input.json);
  const psResult = toPlain(module.diagnose(psSnapshot, input.errorCode, input.extendedErrorCode), zone) as Record<string, unknown>;
  const snapshot = JSON.parse(input.json) as { CollectedAt: string; ComputerName?: unknown; SchemaVersion?: unknown };
  // -Now is `[datetime]$snapshot.CollectedAt`, as Test-RdpError0x904 computes it; the same instant for TypeScript.
  const now = toJsDate(toDateTime(snapshot.CollectedAt, zone), zone);
  const tsResult: DiagnosisResult = analyzeSnapshot(snapshot, causes, {
    now, errorCode: input.errorCode, extendedErrorCode: input.extendedErrorCode,
  });
  return { typescript: plain(tsResult) as Record<string, unknown>, powershell: psResult };
}

const show = (v: unknown): string => JSON.stringify(v);

/** Every difference as "<where>: TypeScript <a>, PowerShell <b>"; empty when the two sides agree. */
export function differences(both: BothSides): string[] {
  const out: string[] = [];
  const { typescript: ts, powershell: ps } = both;
  for (const field of RESULT_FIELDS) {
    if (show(ts[field]) !== show(ps[field])) out.push(`${field}: TypeScript ${show(ts[field])}, PowerShell ${show(ps[field])}`);
  }
  const tsFindings = (ts.Findings ?? []) as Record<string, unknown>[];
  const psFindings = ([] as unknown[]).concat(ps.Findings ?? []) as Record<string, unknown>[];
  const order = (list: Record<string, unknown>[]) => list.map((f) => String(f.Id));
  if (show(order(tsFindings)) !== show(order(psFindings))) {
    out.push(`ranked order: TypeScript ${order(tsFindings).join(",")}, PowerShell ${order(psFindings).join(",")}`);
  }
  for (const tsFinding of tsFindings) {
    const psFinding = psFindings.find((f) => f.Id === tsFinding.Id);
    if (psFinding === undefined) {
      out.push(`${String(tsFinding.Id)}: no PowerShell finding`);
      continue;
    }
    for (const field of FINDING_FIELDS) {
      const a = show(tsFinding[field] ?? null);
      const b = show(psFinding[field] ?? null);
      if (a !== b) out.push(`${String(tsFinding.Id)}.${field}: TypeScript ${a}, PowerShell ${b}`);
    }
  }
  return out;
}
