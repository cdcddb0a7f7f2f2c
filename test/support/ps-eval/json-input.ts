/**
 * A snapshot as `Get-Content -Raw | ConvertFrom-Json` gives it in Windows PowerShell 5.1 (what
 * ReadRdpSnapshotFile does), and interpreted values back to plain JSON for comparison.
 *
 * Windows PowerShell 5.1 (JavaScriptSerializer underneath):
 * - objects become PSCustomObject with the properties in file order; arrays become object[] (one element stays
 *   an array of one, an empty array stays empty);
 * - integers become Int32 when they fit, else Int64; fractional numbers become Decimal;
 * - ISO-8601 date strings STAY STRINGS.
 * PowerShell 7 differs (Newtonsoft): it turns ISO date strings into DateTime and fractions into Double. The
 * generated code casts with [datetime] before any date arithmetic, so both editions read dates the same way.
 * Numeric types are not tracked by the interpreter (values.ts), and integers beyond 2^53 lose precision here.
 */
import { toRoundTrip, type TimeZone } from "./datetime.js";
import { PsDateTime, PsHashtable, PsObject, PsTimeSpan, PsVersion, PsRuntimeError, type PsValue, typeName } from "./values.js";

export function fromJson(value: unknown): PsValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === "object") return new PsObject(Object.entries(value).map(([k, v]) => [k, fromJson(v)] as const));
  throw new TypeError(`JSON value of type ${typeof value}`);
}

export function convertFromJson(text: string): PsValue {
  return fromJson(JSON.parse(text));
}

/**
 * An interpreted value as plain JSON data, to compare with the TypeScript side: objects and hashtables become
 * plain objects (keys in order), DateTime its round-trip text, Version its dotted text.
 */
export function toPlain(value: PsValue, zone: TimeZone): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  if (Array.isArray(value)) return value.map((v) => toPlain(v, zone));
  if (value instanceof PsObject) return Object.fromEntries(value.entries().map(([k, v]) => [k, toPlain(v, zone)]));
  if (value instanceof PsHashtable) return Object.fromEntries(value.entries().map(([k, v]) => [String(k), toPlain(v, zone)]));
  if (value instanceof PsDateTime) return toRoundTrip(value, zone);
  if (value instanceof PsVersion) return value.toString();
  if (value instanceof PsTimeSpan) return Number(value.ticks);
  throw new PsRuntimeError(`A ${typeName(value)} has no JSON form in the interpreter`);
}
