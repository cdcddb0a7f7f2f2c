/**
 * PowerShell's binary and unary operators over interpreted values (about_Comparison_Operators,
 * about_Arithmetic_Operators, about_Join, about_Logical_Operators), following LanguagePrimitives.Equals and
 * LanguagePrimitives.Compare of Windows PowerShell 5.1:
 * - the right operand is converted to the LEFT operand's type ('10' -eq 10 compares strings, 10 -eq '10' numbers);
 * - strings compare case-insensitively ('Missing' -eq 'missing');
 * - with a collection on the left, comparison operators filter it and return the matching items;
 * - $null orders before 0 and every positive number, after negative ones, and before any other object
 *   ($null -lt 5 is true).
 */
import { multiplicativeOperator } from "./bytes.js";
import { asType, isType, PsCastError, toDateTime, toNumber, toPsString, toVersion } from "./convert.js";
import { subtract, type TimeZone } from "./datetime.js";
import { liveArithmetic, liveCompare, liveEquals } from "./dotnet-members.js";
import { formatOperator, regexMatch, replaceOperator, splitOperator } from "./text-operators.js";
import {
  enumerate, isTrue, PsDateTime, PsRuntimeError, PsTimeSpan, PsTypeLiteral, PsVersion, type PsValue, typeName,
} from "./values.js";

/** Culture-invariant, case-insensitive string equality (ASCII data; full Unicode casing is not modelled). */
const sameText = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** Invariant-culture ordering, ignoring case; ICU's root collation stands in for .NET's. */
function compareText(a: string, b: string): number {
  return Math.sign(a.localeCompare(b, "en-US", { sensitivity: "accent" }));
}

/** LanguagePrimitives.Equals(first, second, ignoreCase: true). */
export function psEquals(first: PsValue, second: PsValue, zone: TimeZone): boolean {
  const live = liveEquals(first, second); // an enum or .NET object on the left (dotnet-members.ts)
  if (live !== undefined) return live;
  if (first === null) return second === null;
  if (second === null) return false;
  if (typeof first === "string") return sameText(first, toPsString(second));
  if (first === second) return true;
  if (typeof first === "number" && typeof second === "number") return first === second;
  try {
    if (typeof first === "number") return first === toNumber(second, Number.isInteger(first));
    if (typeof first === "boolean") return first === isTrue(second);
    if (first instanceof PsDateTime) return first.ticks === toDateTime(second, zone).ticks;
    if (first instanceof PsVersion) return first.compareTo(toVersion(second)) === 0;
    if (first instanceof PsTimeSpan) return second instanceof PsTimeSpan && first.ticks === second.ticks;
  } catch (e) {
    if (e instanceof PsCastError) return false; // a failed conversion means "not equal"
    throw e;
  }
  // Objects, hashtables and arrays are equal only to themselves (reference equality).
  return false;
}

/** Ordering of $null against a value (LanguagePrimitives.Compare, 5.1): negative numbers sort before $null. */
function compareNullTo(value: PsValue): number {
  if (typeof value === "number") return value >= 0 ? -1 : 1;
  return -1;
}

/** LanguagePrimitives.Compare(first, second, ignoreCase: true); throws where PowerShell throws. */
export function psCompare(first: PsValue, second: PsValue, zone: TimeZone): number {
  if (first === null) return second === null ? 0 : compareNullTo(second);
  if (second === null) return -compareNullTo(first);
  const live = liveCompare(first, second); // IComparable on .NET (dotnet-members.ts)
  if (live !== undefined) return live;
  const fail = (why: string): never => {
    throw new PsRuntimeError(`Could not compare "${toPsString(first as never)}" to "${String(second)}". ${why}`);
  };
  if (typeof first === "string") return compareText(first, toPsString(second));
  try {
    if (typeof first === "number") {
      const other = typeof second === "number" ? second : toNumber(second, Number.isInteger(first));
      return first === other ? 0 : first < other ? -1 : 1;
    }
    if (typeof first === "boolean") {
      const other = isTrue(second);
      return first === other ? 0 : first ? 1 : -1;
    }
    if (first instanceof PsDateTime) {
      const other = toDateTime(second, zone);
      return first.ticks === other.ticks ? 0 : first.ticks < other.ticks ? -1 : 1;
    }
    if (first instanceof PsVersion) return first.compareTo(toVersion(second));
    if (first instanceof PsTimeSpan && second instanceof PsTimeSpan) {
      return first.ticks === second.ticks ? 0 : first.ticks < second.ticks ? -1 : 1;
    }
  } catch (e) {
    if (e instanceof PsCastError) fail(e.message);
    throw e;
  }
  return fail(`${typeName(first)} is not IComparable in the interpreted subset.`);
}

/** `-like` wildcard (about_Wildcards): * ? and [set], case-insensitive, whole string; ` escapes. */
function wildcardRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "`" && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) throw new PsRuntimeError(`The wildcard pattern ${JSON.stringify(pattern)} is not valid`);
      source += `[${pattern.slice(i + 1, end).replace(/\\/g, "\\\\")}]`;
      i = end;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "i");
}


type Scalar2 = (left: PsValue, right: PsValue) => boolean;

function comparisonTest(op: string, zone: TimeZone): Scalar2 | undefined {
  switch (op) {
    case "-eq": return (l, r) => psEquals(l, r, zone);
    case "-ne": return (l, r) => !psEquals(l, r, zone);
    case "-lt": return (l, r) => psCompare(l, r, zone) < 0;
    case "-le": return (l, r) => psCompare(l, r, zone) <= 0;
    case "-gt": return (l, r) => psCompare(l, r, zone) > 0;
    case "-ge": return (l, r) => psCompare(l, r, zone) >= 0;
    case "-like": return (l, r) => wildcardRegExp(toPsString(r)).test(toPsString(l));
    case "-notlike": return (l, r) => !wildcardRegExp(toPsString(r)).test(toPsString(l));
    // .NET regex, IgnoreCase; text-operators.ts regexMatch (which also gives $Matches) says which patterns read alike.
    case "-match": return (l, r) => regexMatch(l, r, false).matched;
    case "-notmatch": return (l, r) => !regexMatch(l, r, false).matched;
    default: return undefined;
  }
}

/** `-contains` / `-in`: each collection item is the LEFT side of Equals, so the item's type drives conversion. */
function contains(collection: PsValue, item: PsValue, zone: TimeZone): boolean {
  return enumerate(collection).some((element) => psEquals(element, item, zone));
}

function add(left: PsValue, right: PsValue): PsValue {
  if (left === null) return right;
  if (typeof left === "string") return left + toPsString(right);
  if (typeof left === "number") return left + toNumber(right, false);
  if (Array.isArray(left)) return [...left, ...enumerate(right)];
  throw new PsRuntimeError(`Adding to ${typeName(left)} is outside the interpreted subset`);
}

function minus(left: PsValue, right: PsValue): PsValue {
  if (left instanceof PsDateTime && right instanceof PsDateTime) return subtract(left, right);
  if (left instanceof PsDateTime && right instanceof PsTimeSpan) return new PsDateTime(left.ticks - right.ticks, left.kind);
  if (left === null || typeof left === "number") return toNumber(left, false) - toNumber(right, false);
  throw new PsRuntimeError(`Subtracting from ${typeName(left)} is outside the interpreted subset`);
}

/** Every binary operator except -and / -or, which short-circuit and live in the interpreter. */
export function binaryOperator(op: string, left: PsValue, right: PsValue, zone: TimeZone): PsValue {
  const name = op.toLowerCase();
  const test = comparisonTest(name, zone);
  if (test !== undefined) {
    // about_Comparison_Operators: "When the input of an operator is a collection, the operator returns the
    // members of the collection that match".
    if (Array.isArray(left)) return left.filter((item) => test(item, right));
    return test(left, right);
  }
  switch (name) {
    case "-in": return contains(right, left, zone);
    case "-notin": return !contains(right, left, zone);
    case "-contains": return contains(left, right, zone);
    case "-notcontains": return !contains(left, right, zone);
    case "-join": return enumerate(left).map(toPsString).join(toPsString(right));
    case "-as":
      if (!(right instanceof PsTypeLiteral)) throw new PsRuntimeError("-as needs a type literal in the interpreted subset");
      return asType(left, right, zone);
    case "-is":
      if (!(right instanceof PsTypeLiteral)) throw new PsRuntimeError("-is needs a type literal in the interpreted subset");
      return isType(left, right);
    case "+": return liveArithmetic("+", left, right) ?? add(left, right);
    case "-": return liveArithmetic("-", left, right) ?? minus(left, right);
    case "-f": return formatOperator(left, right);
    case "-split": return splitOperator(left, right);
    case "-replace": return replaceOperator(left, right);
    case "*":
    case "/":
    case "%": return multiplicativeOperator(name, left, right)!; // bytes.ts
    default:
      throw new PsRuntimeError(`Operator ${op} is outside the interpreted subset`);
  }
}

export function unaryOperator(op: string, operand: PsValue): PsValue {
  switch (op.toLowerCase()) {
    case "-not":
    case "!":
      return !isTrue(operand);
    case "-":
      return -toNumber(operand, false);
    case "-join":
      return enumerate(operand).map(toPsString).join("");
    default:
      throw new PsRuntimeError(`Unary operator ${op} is outside the interpreted subset`);
  }
}
