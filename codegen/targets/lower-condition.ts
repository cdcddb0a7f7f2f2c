/**
 * Lowers a catalog Condition to a PowerShell IR expression with the same meaning as src/model/evaluate.ts.
 *
 * Two PowerShell traps are handled here rather than in each rule:
 * - `$null -lt 5` is true in PowerShell, so every ordering comparison is guarded by a not-null test.
 * - `$null | Where-Object { ... }` runs the block once with `$_ = $null`, and `@($null).Count` is 1, so list
 *   filters drop null items first; a missing list then counts as empty, as in TypeScript.
 */
import { ps } from "../../src/ir/index.js";
import type { BinaryOperator, Expression } from "../../src/ir/index.js";
import type { CompareOperator, Condition, Scalar } from "../../src/model/condition.js";

const OPERATORS: Record<CompareOperator, BinaryOperator> = {
  eq: "-eq", ne: "-ne", lt: "-lt", le: "-le", gt: "-gt", ge: "-ge",
};

function pathOf(base: Expression, path: string): Expression {
  return ps.prop(base, ...path.split("."));
}

function scalar(value: Scalar): Expression {
  if (value === null) return ps.nil();
  if (typeof value === "string") return ps.str(value);
  if (typeof value === "boolean") return ps.bool(value);
  return ps.num(value);
}

function compare(actual: Expression, op: CompareOperator, value: Scalar): Expression {
  // $null goes on the left: with a list on the left, -eq filters instead of comparing (PSScriptAnalyzer rule
  // PSPossibleIncorrectComparisonWithNull).
  if (value === null) return ps.binary(ps.nil(), OPERATORS[op], actual);
  const comparison = ps.binary(actual, OPERATORS[op], scalar(value));
  if (op === "eq" || op === "ne") return comparison;
  return ps.binary(ps.notNull(actual), "-and", comparison);
}

/** `@($list | Where-Object { ($null -ne $_) -and (where) })`: the non-null items of a list that match. */
export function filtered(base: Expression, path: string, where: Condition | undefined, root: Expression = base): Expression {
  const item = ps.v("_");
  const notNull = ps.notNull(item);
  const test = where === undefined ? notNull : ps.binary(notNull, "-and", lowerCondition(where, item, root));
  return ps.arrayLiteral([ps.paren(ps.pipeline(
    pathOf(base, path),
    ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(test)]))]),
  ))]);
}

/**
 * `base` is the object paths are relative to: `$Snapshot` at the top, `$_` inside list filters. `root` is the
 * whole snapshot, which CompareToRoot reads from inside a filter (the script block sees the caller's variables).
 */
export function lowerCondition(cond: Condition, base: Expression, root: Expression = base): Expression {
  switch (cond.kind) {
    case "Compare":
      return compare(pathOf(base, cond.path), cond.op, cond.value);
    case "DaysUntil": {
      const value = pathOf(base, cond.path);
      // DateTime subtraction ignores DateTimeKind, so both sides go to UTC first: `[datetime]'...Z'` is Local
      // while a caller's -Now may be Utc, and the difference would otherwise be off by the UTC offset.
      const utc = (e: Expression) => ps.call(e, "ToUniversalTime");
      const difference = ps.binary(utc(ps.paren(ps.pipeline(ps.cast("datetime", value)))), "-", utc(ps.v("Now")));
      const days = ps.prop(ps.paren(ps.pipeline(difference)), "TotalDays");
      return ps.binary(ps.notNull(value), "-and", ps.binary(days, OPERATORS[cond.op], ps.num(cond.days)));
    }
    case "Count":
      return ps.binary(ps.prop(filtered(base, cond.path, cond.where, root), "Count"), OPERATORS[cond.op], ps.num(cond.value));
    case "Any":
      return ps.binary(ps.prop(filtered(base, cond.path, cond.where, root), "Count"), "-gt", ps.num(0));
    case "All": {
      // No item fails: `@($list | Where-Object { ($null -ne $_) -and -not (where) }).Count -eq 0`.
      const failing = filtered(base, cond.path, { kind: "Not", item: cond.where }, root);
      return ps.binary(ps.prop(failing, "Count"), "-eq", ps.num(0));
    }
    case "CompareToRoot": {
      // Like Compare, with the right-hand value read from the snapshot; a missing root value never matches.
      const other = pathOf(root, cond.rootPath);
      const actual = pathOf(base, cond.path);
      const comparison = ps.binary(actual, OPERATORS[cond.op], other);
      const guarded = cond.op === "eq" || cond.op === "ne" ? comparison : ps.binary(ps.notNull(actual), "-and", comparison);
      return ps.binary(ps.notNull(other), "-and", guarded);
    }
    case "Contains":
      // @() makes a missing list or a single value a list, as asList does in TypeScript.
      return ps.binary(ps.arrayLiteral([pathOf(base, cond.path)]), "-contains", scalar(cond.value));
    case "In":
      return ps.binary(pathOf(base, cond.path), "-in", ps.arrayLiteral(cond.values.map(scalar)));
    case "Matches": {
      // -match on a non-string would match its ToString(); TypeScript matches strings only.
      const value = pathOf(base, cond.path);
      return ps.binary(ps.binary(value, "-is", ps.typeLiteral("string")), "-and", ps.binary(value, "-match", ps.str(cond.pattern)));
    }
    case "Version": {
      // `-as [version]` gives $null for anything [version] cannot parse, as parseVersion does in TypeScript.
      const version = ps.paren(ps.pipeline(ps.binary(pathOf(base, cond.path), "-as", ps.typeLiteral("version"))));
      const comparison = ps.binary(version, OPERATORS[cond.op], ps.cast("version", ps.str(cond.version)));
      return ps.binary(ps.notNull(version), "-and", comparison);
    }
    case "And":
      return ps.chain("-and", cond.items.map((c) => lowerCondition(c, base, root)));
    case "Or":
      return ps.chain("-or", cond.items.map((c) => lowerCondition(c, base, root)));
    case "Not":
      return ps.unary("-not", lowerCondition(cond.item, base, root));
  }
}
