/**
 * Text checks the generated PowerShell must pass, defined once for every test that applies them (the whole
 * module in generated-files.test.ts, single functions in the per-command tests). The IR has no node for any of
 * these, so a hit means text got around the builders.
 */
import { findByteProblem } from "../../codegen/validate/byte-rules.js";
import { parsePowerShell } from "../../codegen/validate/ps-syntax.js";

/** PowerShell 7-only syntax: `??`, `?.`, pipeline chain `&&`/`||`, `-Parallel`, a `clean {}` block. */
export const POWERSHELL_7_ONLY = /\?\?|\?\.|\s&&\s|\s\|\|\s|-Parallel\b|^\s*clean\s*\{/m;

/** A built-in alias in a pipeline (`| % {`, `| where`, `| gci` ...); the builders only emit full names. */
export const ALIAS_IN_PIPELINE = /\|\s*(%|\?|where|select|sort|foreach|gci|ls|dir)\s/i;

/** Tree-sitter syntax problems and byte-rule breaks (ASCII, CRLF, no BOM, no trailing whitespace) of printed text. */
export async function generatedTextProblems(text: string): Promise<string[]> {
  const syntax = (await parsePowerShell(text)).problems.map((p) => `${p.kind}@${p.line}:${p.column} ${p.text}`);
  const bytes = findByteProblem(text);
  return bytes === undefined ? syntax : [...syntax, bytes];
}
