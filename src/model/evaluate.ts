/**
 * TypeScript evaluation of conditions and verdicts. Semantics mirror the PowerShell lowering in
 * codegen/targets/lower-condition.ts; the fixtures under test/fixtures are run through both.
 */
import type { Cause, Confidence, Status } from "./cause.js";
import type { CompareOperator, Condition, Scalar } from "./condition.js";

const DAY_MS = 86_400_000;

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    // PowerShell property access is case-insensitive; so is this.
    const entry = Object.entries(cur as Record<string, unknown>).find(([k]) => k.toLowerCase() === key.toLowerCase());
    cur = entry?.[1];
  }
  return cur;
}

function asList(value: unknown): unknown[] {
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

export function evaluate(cond: Condition, evidence: unknown, now: Date): boolean {
  switch (cond.kind) {
    case "Compare":
      return compare(get(evidence, cond.path), cond.op, cond.value);
    case "DaysUntil": {
      const raw = get(evidence, cond.path);
      const time = typeof raw === "string" ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(time)) return false;
      return compare((time - now.getTime()) / DAY_MS, cond.op, cond.days);
    }
    case "Count": {
      const items = asList(get(evidence, cond.path)).filter((i) => cond.where === undefined || evaluate(cond.where, i, now));
      return compare(items.length, cond.op, cond.value);
    }
    case "Any":
      return asList(get(evidence, cond.path)).some((i) => evaluate(cond.where, i, now));
    case "And":
      return cond.items.every((c) => evaluate(c, evidence, now));
    case "Or":
      return cond.items.some((c) => evaluate(c, evidence, now));
    case "Not":
      return !evaluate(cond.item, evidence, now);
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
