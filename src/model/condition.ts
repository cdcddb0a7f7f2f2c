/**
 * A small typed condition language for verdict rules. The same condition is evaluated in TypeScript
 * (`evaluate.ts`, used by the Node CLI and the vitest fixtures) and lowered to PowerShell
 * (`codegen/targets/lower-condition.ts`), so both sides decide from one definition.
 *
 * Paths are dotted property names into the evidence object (`Certificate.HashType`). A missing property or a
 * `$null` value never satisfies an ordering comparison; PowerShell would otherwise order `$null` before every
 * number, and the two sides would disagree.
 */
export type Scalar = string | number | boolean | null;
export type OrderingOperator = "lt" | "le" | "gt" | "ge";
export type CompareOperator = "eq" | "ne" | OrderingOperator;

export type Condition =
  /** `path op value`; string equality is case-insensitive, as in PowerShell's `-eq`. */
  | { readonly kind: "Compare"; readonly path: string; readonly op: CompareOperator; readonly value: Scalar }
  /** Days from `now` until the ISO-8601 date at `path` (negative when past), compared with `days`. */
  | { readonly kind: "DaysUntil"; readonly path: string; readonly op: OrderingOperator; readonly days: number }
  /** Number of list items (optionally only those matching `where`) compared with `value`. */
  | { readonly kind: "Count"; readonly path: string; readonly where: Condition | undefined; readonly op: CompareOperator; readonly value: number }
  /** Whether any item of the list at `path` matches `where` (item paths are relative to the item). */
  | { readonly kind: "Any"; readonly path: string; readonly where: Condition }
  /** Whether every item of the list at `path` matches `where`; true for an empty or missing list. */
  | { readonly kind: "All"; readonly path: string; readonly where: Condition }
  /**
   * `path` (in the current scope: the snapshot, or the list item inside Any/All/Count) compared with the value at
   * `rootPath` in the whole snapshot, e.g. "the certificate whose Thumbprint equals Listener.WmiCertificateHash".
   * False when the root value is missing or not a string or number.
   */
  | { readonly kind: "CompareToRoot"; readonly path: string; readonly op: CompareOperator; readonly rootPath: string }
  /** Whether the list at `path` holds `value` (strings case-insensitively, as PowerShell's `-contains`). */
  | { readonly kind: "Contains"; readonly path: string; readonly value: Scalar }
  /** Whether the value is one of `values` (strings case-insensitively, as PowerShell's `-in`). */
  | { readonly kind: "In"; readonly path: string; readonly values: readonly Scalar[] }
  /** Whether the string value matches `pattern`, case-insensitively (PowerShell `-match`); false for non-strings. */
  | { readonly kind: "Matches"; readonly path: string; readonly pattern: string }
  /** Compares a dotted version string (`10.0.17763`) with `version`, component by component. */
  | { readonly kind: "Version"; readonly path: string; readonly op: CompareOperator; readonly version: string }
  | { readonly kind: "And"; readonly items: readonly Condition[] }
  | { readonly kind: "Or"; readonly items: readonly Condition[] }
  | { readonly kind: "Not"; readonly item: Condition };

const PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

function checkPath(path: string): string {
  if (!PATH.test(path)) throw new TypeError(`Condition path ${JSON.stringify(path)} must be dotted PascalCase names`);
  return path;
}

/**
 * Patterns must mean the same to JavaScript's RegExp and .NET's Regex. This subset does: literals, classes,
 * groups, alternation, anchors and quantifiers, with no lookaround, named or numbered back-references, inline
 * options or Unicode classes, whose syntax or meaning differs between the two engines.
 */
function checkPattern(pattern: string): string {
  // Every escape must be one of these; `\1`, `\k<n>`, `\p{L}`, `\A`, `\Z`, `\x41` and friends are refused.
  const badEscape = /\\[^dDwWsSbB.\\^$|?*+()[\]{}\/ -]/.test(pattern);
  // `(?` opens lookaround, named groups and inline options; `[[:` is a POSIX class in neither engine.
  if (badEscape || pattern.includes("(?") || pattern.includes("[[:")) {
    throw new TypeError(`Pattern ${JSON.stringify(pattern)} uses syntax that JavaScript and .NET read differently`);
  }
  new RegExp(pattern, "i");
  return pattern;
}

function checkVersion(version: string): string {
  if (!/^\d+(\.\d+){1,3}$/.test(version)) throw new TypeError(`Version ${JSON.stringify(version)} must be 2 to 4 dotted numbers`);
  return version;
}

/** Builders: the only way conditions are made, so every path is checked once. */
export const when = {
  eq: (path: string, value: Scalar): Condition => ({ kind: "Compare", path: checkPath(path), op: "eq", value }),
  ne: (path: string, value: Scalar): Condition => ({ kind: "Compare", path: checkPath(path), op: "ne", value }),
  compare: (path: string, op: CompareOperator, value: Scalar): Condition => ({ kind: "Compare", path: checkPath(path), op, value }),
  isNull: (path: string): Condition => ({ kind: "Compare", path: checkPath(path), op: "eq", value: null }),
  isNotNull: (path: string): Condition => ({ kind: "Compare", path: checkPath(path), op: "ne", value: null }),
  daysUntil: (path: string, op: OrderingOperator, days: number): Condition => ({ kind: "DaysUntil", path: checkPath(path), op, days }),
  count: (path: string, op: CompareOperator, value: number, where?: Condition): Condition => ({ kind: "Count", path: checkPath(path), where, op, value }),
  any: (path: string, where: Condition): Condition => ({ kind: "Any", path: checkPath(path), where }),
  none: (path: string, where: Condition): Condition => ({ kind: "Not", item: { kind: "Any", path: checkPath(path), where } }),
  all: (path: string, where: Condition): Condition => ({ kind: "All", path: checkPath(path), where }),
  compareToRoot: (path: string, op: CompareOperator, rootPath: string): Condition =>
    ({ kind: "CompareToRoot", path: checkPath(path), op, rootPath: checkPath(rootPath) }),
  contains: (path: string, value: Scalar): Condition => ({ kind: "Contains", path: checkPath(path), value }),
  in: (path: string, values: readonly Scalar[]): Condition => ({ kind: "In", path: checkPath(path), values: [...values] }),
  matches: (path: string, pattern: string): Condition => ({ kind: "Matches", path: checkPath(path), pattern: checkPattern(pattern) }),
  version: (path: string, op: CompareOperator, version: string): Condition => ({ kind: "Version", path: checkPath(path), op, version: checkVersion(version) }),
  /** The ISO-8601 date at `path` lies within the last `days` days (or in the future). */
  withinDays: (path: string, days: number): Condition => ({ kind: "DaysUntil", path: checkPath(path), op: "ge", days: -days }),
  and: (...items: Condition[]): Condition => ({ kind: "And", items }),
  or: (...items: Condition[]): Condition => ({ kind: "Or", items }),
  not: (item: Condition): Condition => ({ kind: "Not", item }),
};
