/**
 * The run-time values of the PowerShell subset that test/support/ps-eval interprets, as Windows PowerShell 5.1
 * has them. Plain JavaScript values stand for the simple .NET ones:
 * - `null` is `$null` (AutomationNull and $null are not told apart: the generated code never depends on it);
 * - `string`, `boolean`, and `number` for Int32 / Int64 / Double / Decimal (the numeric type is not tracked;
 *   comparisons between numbers are by value in PowerShell too, LanguagePrimitives.NumericCompare);
 * - a JavaScript array is an `object[]`.
 * Classes below stand for PSCustomObject, Hashtable, DateTime, TimeSpan, Version and ScriptBlock.
 */
import type { SyntaxNode } from "./syntax.js";
import { PsBytes, PsErrorRecord, PsExceptionValue, PsMemberView } from "./dotnet-values.js";
import { PsEnum, PsHandle, PsList, PsRef } from "./dotnet-objects.js";

export class PsRuntimeError extends Error {
  override readonly name: string = "PsRuntimeError";
}

/** A `[pscustomobject]`: ordered note properties, names matched case-insensitively (about_Properties). */
export class PsObject {
  readonly typeNames: string[] = [];
  private readonly props = new Map<string, { name: string; value: PsValue }>();

  constructor(entries: Iterable<readonly [string, PsValue]> = []) {
    for (const [name, value] of entries) this.set(name, value);
  }

  set(name: string, value: PsValue): void {
    const key = name.toLowerCase();
    const existing = this.props.get(key);
    if (existing) existing.value = value;
    else this.props.set(key, { name, value });
  }

  has(name: string): boolean {
    return this.props.has(name.toLowerCase());
  }

  get(name: string): PsValue {
    return this.props.get(name.toLowerCase())?.value ?? null;
  }

  entries(): [string, PsValue][] {
    return [...this.props.values()].map((p) => [p.name, p.value]);
  }
}

/** `@{}` (case-insensitive keys, as PowerShell creates them) or `[ordered]@{}`; insertion order is kept for both. */
export class PsHashtable {
  private readonly map = new Map<string, { key: PsValue; value: PsValue }>();

  constructor(readonly ordered: boolean) {}

  private static keyOf(key: PsValue): string {
    if (typeof key === "string") return `s:${key.toLowerCase()}`;
    if (typeof key === "number" || typeof key === "boolean") return `${typeof key}:${String(key)}`;
    if (key === null) throw new PsRuntimeError("A hashtable key cannot be $null");
    throw new PsRuntimeError(`Hashtable keys of type ${typeName(key)} are outside the interpreted subset`);
  }

  set(key: PsValue, value: PsValue): void {
    this.map.set(PsHashtable.keyOf(key), { key, value });
  }

  has(key: PsValue): boolean {
    return this.map.has(PsHashtable.keyOf(key));
  }

  /** `$h[$key]`: the value, or $null for a missing key (and for a $null key, which PowerShell reports as an error). */
  get(key: PsValue): PsValue {
    if (key === null) throw new PsRuntimeError("Index operation failed; the array index evaluated to null.");
    return this.map.get(PsHashtable.keyOf(key))?.value ?? null;
  }

  get count(): number {
    return this.map.size;
  }

  entries(): [PsValue, PsValue][] {
    return [...this.map.values()].map((e) => [e.key, e.value]);
  }
}

export type DateTimeKind = "Unspecified" | "Utc" | "Local";

/** .NET DateTime: 100 ns ticks since 0001-01-01 on the wall clock, plus the Kind. */
export class PsDateTime {
  constructor(readonly ticks: bigint, readonly kind: DateTimeKind) {}
}

/** .NET TimeSpan. */
export class PsTimeSpan {
  constructor(readonly ticks: bigint) {}
}

/** System.Version; build and revision are -1 when not given, so 10.0 sorts before 10.0.0 (Version.CompareTo). */
export class PsVersion {
  constructor(readonly major: number, readonly minor: number, readonly build: number, readonly revision: number) {}

  compareTo(other: PsVersion): number {
    const a = [this.major, this.minor, this.build, this.revision];
    const b = [other.major, other.minor, other.build, other.revision];
    for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  }

  toString(): string {
    return [this.major, this.minor, this.build, this.revision].filter((n) => n >= 0).join(".");
  }
}

/** A `{ ... }` literal: the body, evaluated later (Where-Object, Sort-Object's Expression keys). */
export class PsScriptBlock {
  constructor(readonly body: SyntaxNode) {}
}

/** A type literal used as a value (`-is [string]`, `-as [version]`). */
export class PsTypeLiteral {
  constructor(readonly name: string) {}
}

export type PsValue =
  | null | string | number | boolean | PsValue[]
  | PsObject | PsHashtable | PsDateTime | PsTimeSpan | PsVersion | PsScriptBlock | PsTypeLiteral
  // Only in the collectors' registry readers (dotnet-values.ts).
  | PsBytes | PsExceptionValue | PsErrorRecord | PsMemberView
  // Only when a .NET bridge runs the endpoint probe live (dotnet-objects.ts).
  | PsHandle | PsEnum | PsList | PsRef;

export function typeName(value: PsValue): string {
  if (value === null) return "$null";
  if (Array.isArray(value)) return "System.Object[]";
  if (typeof value === "string") return "System.String";
  if (typeof value === "boolean") return "System.Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "System.Int32" : "System.Double";
  if (value instanceof PsObject) return "System.Management.Automation.PSCustomObject";
  if (value instanceof PsHashtable) return value.ordered ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable";
  if (value instanceof PsDateTime) return "System.DateTime";
  if (value instanceof PsTimeSpan) return "System.TimeSpan";
  if (value instanceof PsVersion) return "System.Version";
  if (value instanceof PsScriptBlock) return "System.Management.Automation.ScriptBlock";
  if (value instanceof PsBytes) return "System.Byte[]";
  if (value instanceof PsExceptionValue) return value.typeName;
  if (value instanceof PsErrorRecord) return "System.Management.Automation.ErrorRecord";
  if (value instanceof PsHandle) return value.type;
  if (value instanceof PsEnum) return value.type;
  if (value instanceof PsList) return "System.Collections.Generic.List`1[[System.Object]]";
  if (value instanceof PsRef) return "System.Management.Automation.PSReference";
  if (value instanceof PsMemberView) return value.part === "psobject" ? "System.Management.Automation.PSObject" : "System.Management.Automation.PSMemberInfoCollection";
  return "System.RuntimeType";
}

/**
 * LanguagePrimitives.IsTrue, as used by `if`, `-and`, `-or`, `-not` and Where-Object (about_Booleans):
 * $null, '', 0 and an empty array are false; a one-element array takes its element's truth (an inner array
 * counts by its length); any other object is true.
 */
export function isTrue(value: PsValue): boolean {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.length !== 0;
  if (typeof value === "number") return value !== 0;
  if (Array.isArray(value)) {
    if (value.length === 0) return false;
    if (value.length > 1) return true;
    const only = value[0]!;
    return Array.isArray(only) ? only.length >= 1 : isTrue(only);
  }
  return true;
}

/**
 * How a value is written to the pipeline: arrays are enumerated one level (about_Pipelines); everything
 * else, hashtables included, is one object.
 */
export function enumerate(value: PsValue): PsValue[] {
  // A byte[] is a collection too: it goes down the pipeline byte by byte (as Int32-like numbers here).
  if (value instanceof PsBytes) return Array.from(value.bytes);
  // A List and any .NET IEnumerable (not a string or dictionary) unroll too (LanguagePrimitives.GetEnumerable).
  if (value instanceof PsList) return [...value.items];
  if (value instanceof PsHandle && value.enumerable) return value.bridge.items(value);
  return Array.isArray(value) ? value : [value];
}

/** What a function, `$( )` or `( <pipeline> )` gives for its collected output: nothing is $null, one item is itself. */
export function collapse(output: PsValue[]): PsValue {
  if (output.length === 0) return null;
  if (output.length === 1) return output[0]!;
  return output;
}
