/**
 * Input checks shared by the builders. Builders are the only constructors of IR nodes, so every rule here
 * holds for every node that reaches the printer.
 */
import { APPROVED_VERBS_51 } from "./verbs.js";

export class IrValidationError extends Error {
  override readonly name = "IrValidationError";
}

/** JSON.stringify prints NaN and Infinity as null, which would hide the very value being rejected. */
function show(value: unknown): string {
  return typeof value === "number" && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
}

function fail(what: string, value: unknown, rule: string): never {
  throw new IrValidationError(`${what} ${show(value)} is not valid: ${rule}`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
// Private helpers: two or more PascalCase words. Built-in aliases are single words or lowercase (where, sort,
// gci), so a helper can never be shadowed by one.
const PRIVATE_HELPER = /^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$/;
// Keywords that fit the helper pattern: at the start of a statement they parse as the keyword, not a call
// (about_Language_Keywords).
const KEYWORDS = new Set(["foreach", "elseif", "dynamicparam", "inlinescript"]);

function isPrivateHelper(name: string): boolean {
  return PRIVATE_HELPER.test(name) && !KEYWORDS.has(name.toLowerCase());
}
// Generic arguments and array ranks are allowed; anything else (spaces, quotes, brackets mid-name) is not a type.
const TYPE_NAME = /^[A-Za-z_][\w.]*(\[[A-Za-z_][\w.]*(\[\])?(, ?[A-Za-z_][\w.]*(\[\])?)*\])?(\[\])?$/;

/** Names that have a literal node instead; `$true` as a variable would bypass the literal nodes. */
const RESERVED_VARIABLES = new Set(["true", "false", "null"]);

export function assertVariableName(name: string): void {
  if (!IDENTIFIER.test(name)) fail("Variable name", name, "use letters, digits and _ (not starting with a digit)");
  if (RESERVED_VARIABLES.has(name.toLowerCase())) fail("Variable name", name, "use the BooleanLiteral/NullLiteral builders");
}

export function assertMemberName(name: string): void {
  if (!IDENTIFIER.test(name)) fail("Member name", name, "use letters, digits and _ (not starting with a digit)");
}

export function assertParameterName(name: string): void {
  if (!PASCAL.test(name)) fail("Parameter name", name, "parameters are PascalCase letters and digits");
}

export function assertTypeName(name: string): void {
  if (!TYPE_NAME.test(name)) fail("Type name", name, "expected a .NET type name such as 'string[]' or 'System.IO.File'");
}

/** `Verb-Noun` with a verb from the Windows PowerShell 5.1 approved list. */
export function assertApprovedCommandName(name: string, what: string): void {
  const dash = name.indexOf("-");
  const verb = name.slice(0, dash);
  const noun = name.slice(dash + 1);
  if (dash <= 0 || !PASCAL.test(noun)) fail(what, name, "expected Verb-Noun with a PascalCase noun");
  if (!APPROVED_VERBS_51.has(verb)) fail(what, name, `'${verb}' is not an approved verb in Windows PowerShell 5.1 (Get-Verb)`);
}

/** Public functions are approved `Verb-Noun`; private helpers have no hyphen (ModuleBuilder convention). */
export function assertFunctionName(name: string): void {
  if (name.includes("-")) assertApprovedCommandName(name, "Function name");
  else if (!isPrivateHelper(name)) fail("Function name", name, "private helpers are two or more PascalCase words without a hyphen, and not a keyword");
}

/**
 * Commands are called by full name, which rules out aliases (`gci`, `%`, `?`, `where`) by construction; native
 * programs must say `.exe` so PowerShell never resolves them to an alias or function first. Calls are not held
 * to the approved-verb list: PowerShell's own `Where-Object` and `ForEach-Object` are not on it.
 */
export function assertCallableName(name: string): void {
  if (/^[A-Za-z0-9_.]+\.exe$/i.test(name)) return;
  if (/^[A-Z][A-Za-z]*-[A-Z][A-Za-z0-9]*$/.test(name)) return;
  if (isPrivateHelper(name)) return;
  fail("Command name", name, "call commands by their full Verb-Noun name (no aliases) or as name.exe");
}

/** Comments and help must stay ASCII on one line: the output is ASCII-only, and comments cannot hold escapes. */
export function assertCommentText(text: string, what: string): void {
  if (/[^\x20-\x7E]/.test(text)) fail(what, text, "comments must be printable ASCII on a single line");
  // The writer refuses trailing whitespace; failing here names the builder call instead of a printed line.
  if (/\s$/.test(text)) fail(what, text, "must not end in whitespace");
}

export function assertAscii(text: string, what: string): void {
  if (/[^\x20-\x7E]/.test(text)) fail(what, text, "must be printable ASCII (it is printed where no [char] escape can go)");
}

export function assertFiniteNumber(value: number, hex: boolean): void {
  if (!Number.isFinite(value)) fail("Number", value, "must be finite");
  if (hex && (!Number.isInteger(value) || value < 0)) fail("Hex number", value, "must be a non-negative integer");
}

export function assertNonEmpty<T>(items: readonly T[], what: string): void {
  if (items.length === 0) fail(what, items, "must not be empty");
}

export function assertUnique(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    // PowerShell names are case-insensitive, so -Path and -path collide.
    const key = n.toLowerCase();
    if (seen.has(key)) fail(what, n, "is declared twice (PowerShell names are case-insensitive)");
    seen.add(key);
  }
}
