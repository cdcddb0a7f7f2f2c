/**
 * The deterministic writer of dist-ps: builds every target, prints it, checks the bytes and the syntax, writes
 * the files, then signs and verifies them. Nothing is written if any file fails a check.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PsFile } from "../src/ir/index.js";
import { CATALOG } from "../src/catalog/index.js";
import { DocReader } from "./docs/jsdoc.js";
import { printFile } from "./print/printer.js";
import { assertParses } from "./validate/ps-syntax.js";
import { findByteProblem } from "./validate/byte-rules.js";
import { buildManifest, buildModuleFile, MODULE_NAME } from "./targets/module/module-files.js";
import { signTree, type SigningOptions } from "./sign/index.js";
import { buildSnapshotSchemaFile } from "./schema/snapshot-schema.js";

export interface GeneratedFile {
  /** Path relative to the output folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** Every target's files, in sorted order. Pure apart from reading the TypeScript sources for their JSDoc. */
export function generate(rootDir: string, version: string): GeneratedFile[] {
  const docs = new DocReader(rootDir);
  const input = { version, causes: CATALOG, docs };
  const files: [string, PsFile][] = [
    [`${MODULE_NAME}/${MODULE_NAME}.psd1`, buildManifest(input)],
    [`${MODULE_NAME}/${MODULE_NAME}.psm1`, buildModuleFile(input)],
  ];
  return [...files.map(([path, file]) => ({ path, content: printFile(file) })), buildSnapshotSchemaFile(rootDir)]
    .sort((a, b) => a.path.localeCompare(b.path));
}

export async function checkFiles(files: readonly GeneratedFile[]): Promise<void> {
  for (const f of files) {
    const problem = findByteProblem(f.content);
    if (problem) throw new Error(`${f.path}: ${problem}`);
    // JSON data files (the snapshot schema) obey the byte rules but are not PowerShell.
    if (!f.path.endsWith(".json")) await assertParses(f.content, f.path);
  }
}

export interface EmitResult {
  readonly files: readonly string[];
  readonly signed: readonly string[];
}

/** Writes the generated tree under `outDir` (replacing what a previous build left) and signs it. */
export async function emit(rootDir: string, outDir: string, version: string, signing: SigningOptions | undefined): Promise<EmitResult> {
  const files = generate(rootDir, version);
  await checkFiles(files);
  // Each target owns its top-level folder; removing it first means a file dropped from a target disappears.
  const owned = [...new Set(files.map((f) => f.path.split("/")[0]!))];
  for (const folder of owned) await rm(join(outDir, folder), { recursive: true, force: true });
  for (const f of files) {
    const target = join(outDir, f.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content, { encoding: "ascii" });
  }
  const signed = signing === undefined ? [] : (await signTree(outDir, signing)).verified;
  return { files: files.map((f) => f.path), signed };
}
