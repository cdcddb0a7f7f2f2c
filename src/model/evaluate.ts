/**
 * TypeScript evaluation of conditions and verdicts. Semantics mirror the PowerShell lowering in
 * codegen/targets/lower-condition.ts; the fixtures under test/fixtures are run through both.
 */
import type { Cause, Confidence, Status } from "./cause.js";
import type { CompareOperator, Condition, Scalar } from "./condition.js";

const DAY_MS = 86_400_000;

/** The value at a dotted path, matched case-insensitively like PowerShell property access; undefined if absent. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    // PowerShell property access is case-insensitive; so is this.
    const entry = Object.entries(cur as Record<string, unknown>).find(([k]) => k.toLowerCase() === key.toLowerCase());
    cur = entry?.[1];
  }
  return cur;
}

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function compare(actual: unknown, op: CompareOperator, expected: Scalar): boolean {
  const a = actual === undefined ? null : actual;
  if (op === "eq" || op === "ne") {
    const same = typeof a === "string" && typeof expected === "string" ? a.toLowerCase() === expected.toLowerCase() : a === expected;
    return op === "eq" ? same : !same;
  }
  if (a === null || expected === null || typeof a !== "number" || typeof expected !== "number") return false;
  switch (op) {
    case "lt": return a < expected;
    case "le": return a <= expected;
    case "gt": return a > expected;
    case "ge": return a >= expected;
  }
}

/** `[version]` semantics: 2 to 4 numeric components; a missing component sorts before 0, as in .NET. */
function parseVersion(value: unknown): number[] | undefined {
  if (typeof value !== "string" || !/^\d+(\.\d+){1,3}$/.test(value)) return undefined;
  return value.split(".").map(Number);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 4; i += 1) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * `root` is the whole snapshot; `evidence` is the current scope (the snapshot, or a list item inside Any, All and
 * Count). Only CompareToRoot reads `root`.
 */
export function evaluate(cond: Condition, evidence: unknown, now: Date, root: unknown = evidence): boolean {
  switch (cond.kind) {
    case "Compare":
      return compare(getPath(evidence, cond.path), cond.op, cond.value);
    case "DaysUntil": {
      const raw = getPath(evidence, cond.path);
      const time = typeof raw === "string" ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(time)) return false;
      return compare((time - now.getTime()) / DAY_MS, cond.op, cond.days);
    }
    case "Count": {
      const items = asList(getPath(evidence, cond.path)).filter((i) => i !== null && (cond.where === undefined || evaluate(cond.where, i, now, root)));
      return compare(items.length, cond.op, cond.value);
    }
    case "Any":
      return asList(getPath(evidence, cond.path)).some((i) => i !== null && evaluate(cond.where, i, now, root));
    case "All":
      return asList(getPath(evidence, cond.path)).every((i) => i === null || evaluate(cond.where, i, now, root));
    case "CompareToRoot": {
      const other = getPath(root, cond.rootPath);
      return other !== undefined && other !== null && (typeof other === "number" || typeof other === "string") &&
        compare(getPath(evidence, cond.path), cond.op, other);
    }
    case "Contains":
      return asList(getPath(evidence, cond.path)).some((item) => compare(item, "eq", cond.value));
    case "In": {
      const actual = getPath(evidence, cond.path);
      return cond.values.some((v) => compare(actual, "eq", v));
    }
    case "Matches": {
      const actual = getPath(evidence, cond.path);
      return typeof actual === "string" && new RegExp(cond.pattern, "i").test(actual);
    }
    case "Version": {
      const actual = parseVersion(getPath(evidence, cond.path));
      const expected = parseVersion(cond.version);
      if (actual === undefined || expected === undefined) return false;
      return compare(compareVersions(actual, expected), cond.op, 0);
    }
    case "And":
      return cond.items.every((c) => evaluate(c, evidence, now, root));
    case "Or":
      return cond.items.some((c) => evaluate(c, evidence, now, root));
    case "Not":
      return !evaluate(cond.item, evidence, now, root);
  }
}

export interface Verdict {
  readonly status: Status;
  readonly confidence: Confidence;
  readonly reason: string;
}

/** First matching rule wins, as in the generated if/elseif chain. */
export function decide(cause: Cause, evidence: unknown, now: Date): Verdict {
  const rule = cause.rules.find((r) => evaluate(r.when, evidence, now));
  const chosen = rule ?? cause.otherwise;
  return { status: chosen.status, confidence: chosen.confidence, reason: chosen.reason };
}
