/**
 * Conversions between interpreted values, after LanguagePrimitives.ConvertTo in Windows PowerShell 5.1
 * (about_Type_Conversion). Used by casts (`[datetime]$x`), `-as`, parameter binding and by comparisons, which
 * convert the right operand to the left operand's type (about_Comparison_Operators).
 * A conversion PowerShell would refuse throws PsCastError; one outside the subset throws PsRuntimeError.
 */
import { convertBytesType, isBytesType } from "./bytes.js";
import { parseDateTime, type TimeZone } from "./datetime.js";
import { exceptionTypeName, PsBytes, PsErrorRecord, PsExceptionValue } from "./dotnet-values.js";
import { liveBinding, liveIsType, liveString } from "./dotnet-members.js";
import {
  enumerate, isTrue, PsDateTime, PsHashtable, PsObject, PsRuntimeError, PsTimeSpan, PsTypeLiteral, PsVersion, type PsValue, typeName,
} from "./values.js";

export class PsCastError extends PsRuntimeError {
  override readonly name = "PsCastError";
}

/** Canonical lower-case names of the types the subset uses; aliases map here (about_Type_Accelerators). */
const TYPE_ALIASES: Record<string, string> = {
  string: "string", "system.string": "string",
  datetime: "datetime", "system.datetime": "datetime",
  version: "version", "system.version": "version",
  bool: "bool", boolean: "bool", "system.boolean": "bool",
  int: "int", int32: "int", "system.int32": "int",
  long: "long", int64: "long", "system.int64": "long",
  double: "double", "system.double": "double",
  object: "object", "system.object": "object",
  hashtable: "hashtable", "system.collections.hashtable": "hashtable",
  pscustomobject: "pscustomobject", "system.management.automation.pscustomobject": "pscustomobject",
  array: "array", "object[]": "array", "system.array": "array",
  "byte[]": "byte[]", "system.byte[]": "byte[]",
  "string[]": "string[]", "system.string[]": "string[]",
  errorrecord: "errorrecord", "system.management.automation.errorrecord": "errorrecord",
};

/** Whether convertTo models the type itself (TYPE_ALIASES, or byte/byte[]/switch in bytes.ts). */
export function isModelledType(name: string): boolean {
  return name.toLowerCase() in TYPE_ALIASES || isBytesType(name);
}

export function canonicalType(name: string): string {
  const known = TYPE_ALIASES[name.toLowerCase()];
  if (known === undefined) throw new PsRuntimeError(`Type [${name}] is outside the interpreted subset`);
  return known;
}

/** Invariant-culture text of a number, as .NET prints Int32/Int64/Double ("R" round-trip for doubles). */
function numberText(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  if (Math.abs(n) >= 1e15 && !Number.isInteger(n)) throw new PsRuntimeError(`Printing ${n} as .NET would is outside the interpreted subset`);
  // JavaScript prints 1e21 and above in exponent form, as .NET does, but with a different layout.
  if (Math.abs(n) >= 1e21) throw new PsRuntimeError(`Printing ${n} as .NET would is outside the interpreted subset`);
  return String(n);
}

/** `[string]$x`: $null is '', arrays join with a space ($OFS), booleans are True/False. */
export function toPsString(value: PsValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return numberText(value);
  if (Array.isArray(value)) return value.map(toPsString).join(" ");
  if (value instanceof PsVersion) return value.toString();
  if (value instanceof PsHashtable) return typeName(value);
  const live = liveString(value); // an enum's name, a .NET object's ToString() (dotnet-members.ts)
  if (live !== undefined) return live;
  throw new PsRuntimeError(`Converting ${typeName(value)} to [string] is outside the interpreted subset`);
}

/** A string as PowerShell reads it into a number: trimmed, '' is 0, decimal, exponent or 0x hex. */
export function parseNumber(text: string): number {
  const t = text.trim();
  if (t === "") return 0;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]{1,16}$/i.test(t)) return Number.parseInt(t.slice(2), 16);
  throw new PsCastError(`Cannot convert value "${text}" to a number: Input string was not in a correct format.`);
}

/** Rounds half to even, as .NET does when a fractional value becomes an integer. */
function roundHalfEven(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A value converted to a number; `integral` when the target is an integer type ([int], [long]). */
export function toNumber(value: PsValue, integral: boolean): number {
  let n: number;
  if (value === null) n = 0;
  else if (typeof value === "number") n = value;
  else if (typeof value === "boolean") n = value ? 1 : 0;
  else if (typeof value === "string") n = parseNumber(value);
  else throw new PsCastError(`Cannot convert the "${typeName(value)}" value to a number.`);
  return integral ? roundHalfEven(n) : n;
}

/**
 * `[version]'10.0.17763'` / `-as [version]`: Version.Parse on .NET Framework, 2 to 4 components, each read by
 * Int32.Parse with NumberStyles.Integer (so surrounding spaces and a leading '+' pass) and not negative.
 * Only strings convert; an Int32 has no Version constructor or Parse overload.
 */
export function toVersion(value: PsValue): PsVersion {
  if (value instanceof PsVersion) return value;
  if (typeof value !== "string") throw new PsCastError(`Cannot convert the "${typeName(value)}" value to type "System.Version".`);
  const parts = value.split(".");
  if (parts.length < 2 || parts.length > 4) throw new PsCastError(`Cannot convert value "${value}" to type "System.Version".`);
  const nums = parts.map((p) => {
    const t = p.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new PsCastError(`Cannot convert value "${value}" to type "System.Version".`);
    const n = Number(t);
    if (n < 0 || n > 0x7fffffff) throw new PsCastError(`Cannot convert value "${value}" to type "System.Version".`);
    return n === 0 ? 0 : n; // -0 from "-0" is 0
  });
  return new PsVersion(nums[0]!, nums[1]!, nums[2] ?? -1, nums[3] ?? -1);
}

export function toDateTime(value: PsValue, zone: TimeZone): PsDateTime {
  if (value instanceof PsDateTime) return value;
  // [datetime]$null is DateTime.MinValue; the generated code guards with `$null -ne` first.
  if (value === null) return new PsDateTime(0n, "Unspecified");
  if (typeof value === "string") return parseDateTime(value, zone);
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return new PsDateTime(BigInt(value), "Unspecified");
  throw new PsCastError(`Cannot convert the "${typeName(value)}" value to type "System.DateTime".`);
}

/** `[type]$value` for the types in TYPE_ALIASES. */
export function convertTo(value: PsValue, type: string, zone: TimeZone): PsValue {
  const bytes = convertBytesType(value, type); // byte[] / byte / switch (bytes.ts)
  if (bytes !== undefined) return bytes;
  if (!(type.toLowerCase() in TYPE_ALIASES)) {
    const live = liveBinding(value, type); // a .NET type on a live probe run (dotnet-members.ts)
    if (live !== undefined) return live;
  }
  switch (canonicalType(type)) {
    case "object": return value;
    case "string": return value === null ? "" : toPsString(value);
    case "bool": return isTrue(value);
    case "int": return toNumber(value, true);
    case "long": return toNumber(value, true);
    case "double": return toNumber(value, false);
    case "datetime": return toDateTime(value, zone);
    case "version": return toVersion(value);
    case "array": return value === null ? [] : Array.isArray(value) ? value : [value];
    // [string[]]$names: each item as [string]; $null stays $null.
    case "string[]": return value === null ? null : enumerate(value).map((v) => (v === null ? "" : toPsString(v)));
    case "hashtable":
      if (value instanceof PsHashtable) return value;
      throw new PsCastError(`Cannot convert the "${typeName(value)}" value to type "System.Collections.Hashtable".`);
    case "pscustomobject":
      // [pscustomobject] on anything but a hashtable literal wraps the object unchanged (a PSObject).
      if (value instanceof PsHashtable) return new PsObject(value.entries().map(([k, v]) => [toPsString(k), v] as const));
      return value;
    case "errorrecord":
      // Only binding FormatRdpError's -ErrorRecord: an ErrorRecord passes, nothing converts to one.
      if (value instanceof PsErrorRecord) return value;
      throw new PsCastError(`Cannot convert the "${typeName(value)}" value to type "System.Management.Automation.ErrorRecord".`);
    default:
      throw new PsRuntimeError(`Casting to [${type}] is outside the interpreted subset`);
  }
}

/** `$value -as [type]`: the conversion, or $null when PowerShell would refuse it. */
export function asType(value: PsValue, type: PsTypeLiteral, zone: TimeZone): PsValue {
  try {
    return convertTo(value, type.name, zone);
  } catch (e) {
    if (e instanceof PsCastError) return null;
    throw e;
  }
}

/** `$value -is [type]`. */
export function isType(value: PsValue, type: PsTypeLiteral): boolean {
  const live = liveIsType(value, type.name); // checked on .NET (dotnet-members.ts)
  if (live !== undefined) return live;
  const exception = exceptionTypeName(type.name);
  if (exception !== undefined) return value instanceof PsExceptionValue && value.isA(exception);
  switch (canonicalType(type.name)) {
    case "int":
      // Numeric width is not tracked (values.ts), so this answers by value: an integer in Int32 range. Only the
      // collectors' registry mocks reach it, and they hand out REG_DWORD values only as Int32.
      return typeof value === "number" && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
    case "byte[]": return value instanceof PsBytes;
    case "errorrecord": return value instanceof PsErrorRecord;
    case "object": return value !== null;
    case "string": return typeof value === "string";
    case "bool": return typeof value === "boolean";
    case "datetime": return value instanceof PsDateTime;
    case "version": return value instanceof PsVersion;
    case "array": return Array.isArray(value);
    case "hashtable": return value instanceof PsHashtable && !value.ordered;
    case "pscustomobject": return value instanceof PsObject;
    default:
      // Int32 vs Int64 vs Double is not tracked (see values.ts), so numeric -is tests cannot be answered.
      throw new PsRuntimeError(`-is [${type.name}] is outside the interpreted subset`);
  }
}

export const isTimeSpan = (v: PsValue): v is PsTimeSpan => v instanceof PsTimeSpan;
