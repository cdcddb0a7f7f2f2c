/**
 * The text operators the endpoint probe uses (about_Operators, about_Split, about_Comparison_Operators):
 * `-f` (String.Format with composite format items), `-split` and `-replace` (regular expressions, ignoring case).
 * JavaScript's RegExp stands in for .NET's: the probe's patterns (', ', '^DNS Name=') read the same in both.
 */
import { toPsString } from "./convert.js";
import { enumerate, PsHashtable, PsRuntimeError, type PsValue } from "./values.js";

/** One argument under a format string: only the specifiers the generated code writes ({0:x}, {0:X2}, {0:D}). */
function formatItem(value: PsValue, spec: string | undefined): string {
  if (spec === undefined || spec === "") return toPsString(value);
  const m = /^([xXdD])(\d{0,2})$/.exec(spec);
  if (m === null || typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new PsRuntimeError(`The format item {:${spec}} for ${toPsString(value)} is outside the interpreted subset`);
  }
  const width = Number(m[2] || "0");
  const text = m[1]!.toLowerCase() === "d" ? String(value) : value.toString(16);
  const padded = text.padStart(width, "0");
  return m[1] === "X" ? padded.toUpperCase() : padded;
}

/** `'text {0} {1:x}' -f $a, $b`: String.Format(InvariantCulture-like); `{{` and `}}` are literal braces. */
export function formatOperator(format: PsValue, args: PsValue): string {
  const values = Array.isArray(args) ? args : [args];
  return toPsString(format).replace(/\{\{|\}\}|\{(\d+)(,-?\d+)?(?::([^}]*))?\}/g, (whole, index: string | undefined, alignment: string | undefined, spec: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    if (alignment !== undefined) throw new PsRuntimeError(`The alignment in ${whole} is outside the interpreted subset`);
    const i = Number(index);
    if (i >= values.length) throw new PsRuntimeError("Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list.");
    return formatItem(values[i]!, spec);
  });
}

const pattern = (value: PsValue): RegExp => new RegExp(toPsString(value), "gi");

/** `$text -split ', '`: each input string split at every match; a collection splits item by item. */
export function splitOperator(left: PsValue, right: PsValue): string[] {
  if (Array.isArray(right)) throw new PsRuntimeError("-split with a count or options is outside the interpreted subset");
  return enumerate(left).flatMap((item) => toPsString(item).split(pattern(right)));
}

/** `$text -replace @(pattern, replacement)` or `-replace pattern` (replacement ''); $1 groups as in .NET. */
export function replaceOperator(left: PsValue, right: PsValue): PsValue {
  const [find, replacement] = Array.isArray(right) ? right : [right, ""];
  if (Array.isArray(right) && right.length !== 2) throw new PsRuntimeError("-replace takes a pattern and one replacement");
  const apply = (item: PsValue): string => toPsString(item).replace(pattern(find ?? null), toPsString(replacement ?? null));
  return Array.isArray(left) ? left.map(apply) : apply(left);
}

/**
 * `$text -match 'p'` / `-cmatch` (case-sensitive) on one string: whether it matched and, when it did, what
 * PowerShell puts in $Matches (group 0 is the whole match; a group that did not take part is left out).
 * JavaScript's RegExp stands in for .NET's; the catalog only admits patterns both engines read the same way
 * (src/model/condition.ts checkPattern).
 */
export function regexMatch(left: PsValue, right: PsValue, caseSensitive: boolean): { matched: boolean; groups: PsHashtable | null } {
  const m = new RegExp(toPsString(right), caseSensitive ? "" : "i").exec(toPsString(left));
  if (m === null) return { matched: false, groups: null };
  const groups = new PsHashtable(false);
  m.forEach((text, i) => { if (text !== undefined) groups.set(i, text); });
  for (const [name, text] of Object.entries(m.groups ?? {})) if (text !== undefined) groups.set(name, text);
  return { matched: true, groups };
}
