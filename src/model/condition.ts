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
  | { readonly kind: "And"; readonly items: readonly Condition[] }
  | { readonly kind: "Or"; readonly items: readonly Condition[] }
  | { readonly kind: "Not"; readonly item: Condition };

const PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

function checkPath(path: string): string {
  if (!PATH.test(path)) throw new TypeError(`Condition path ${JSON.stringify(path)} must be dotted PascalCase names`);
  return path;
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
  and: (...items: Condition[]): Condition => ({ kind: "And", items }),
  or: (...items: Condition[]): Condition => ({ kind: "Or", items }),
  not: (item: Condition): Condition => ({ kind: "Not", item }),
};
