/**
 * The byte-level subset the endpoint probe's pure helpers use (codegen/targets/module/endpoint): `[byte[]]`
 * casts and parameters, `$bytes[$i]`, `[switch]` parameters, the multiplicative operators `*`, `/`, `%`
 * (about_Arithmetic_Operators) and [Math]::Floor / [Math]::Round. The generated code reads bit fields with
 * integer arithmetic because the IR has no -band/-shl, so these are all the interpreter needs for it.
 * Each function returns undefined for what it does not handle, so the existing code paths stay as they were.
 */
import { PsBytes } from "./dotnet-values.js";
import { PsRuntimeError, typeName, type PsValue } from "./values.js";

function toByte(value: PsValue): number {
  // [byte] conversion of a number rounds half to even and refuses values outside 0..255, as .NET does.
  if (typeof value !== "number" || !Number.isFinite(value)) throw new PsRuntimeError(`Cannot convert ${typeName(value)} to System.Byte in the interpreted subset`);
  const floor = Math.floor(value);
  const diff = value - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  if (rounded < 0 || rounded > 255) throw new PsRuntimeError(`Cannot convert value "${value}" to type "System.Byte": Value was either too large or too small for an unsigned byte.`);
  return rounded;
}

const BYTES_TYPES = new Set(["byte[]", "system.byte[]", "byte", "system.byte", "switch"]);

/** Whether convertBytesType handles the type. */
export const isBytesType = (type: string): boolean => BYTES_TYPES.has(type.toLowerCase());

/** `[byte[]]$x`, `[byte]$x` and `[switch]` binding; undefined for every other type. */
export function convertBytesType(value: PsValue, type: string): PsValue | undefined {
  switch (type.toLowerCase()) {
    case "byte[]":
    case "system.byte[]":
      if (value === null || value instanceof PsBytes) return value;
      return new PsBytes(Uint8Array.from((Array.isArray(value) ? value : [value]).map(toByte)));
    case "byte":
    case "system.byte":
      return toByte(value);
    case "switch":
      return value === true;
    default:
      return undefined;
  }
}

/** `$bytes[$i]`: the byte as a number; $null past either end, as PowerShell gives for arrays. */
export function byteAt(container: PsValue, index: PsValue): PsValue | undefined {
  if (!(container instanceof PsBytes) || typeof index !== "number" || !Number.isInteger(index)) return undefined;
  const i = index < 0 ? container.bytes.length + index : index;
  return i >= 0 && i < container.bytes.length ? container.bytes[i]! : null;
}

function number(value: PsValue, op: string): number {
  if (value === null) return 0;
  if (typeof value === "number") return value;
  throw new PsRuntimeError(`Operator ${op} on ${typeName(value)} is outside the interpreted subset`);
}

/** `*`, `/` and `%` on numbers ($null counts as 0); undefined for any other operator. */
export function multiplicativeOperator(op: string, left: PsValue, right: PsValue): PsValue | undefined {
  if (op !== "*" && op !== "/" && op !== "%") return undefined;
  const a = number(left, op);
  const b = number(right, op);
  if (b === 0) throw new PsRuntimeError("Attempted to divide by zero.");
  if (op === "*") return a * b;
  // Integer division gives an integer when exact and a Double otherwise; numbers here are not typed, so both are `number`.
  if (op === "/") return a / b;
  // .NET % keeps the sign of the dividend, as JavaScript's does.
  return a % b;
}

/** [Math]::Floor(x) and [Math]::Round(x) (round half to even, MidpointRounding.ToEven). */
export function mathStatic(type: string, name: string, args: readonly PsValue[]): PsValue | undefined {
  const t = type.toLowerCase();
  if ((t !== "math" && t !== "system.math") || args.length !== 1 || typeof args[0] !== "number") return undefined;
  const x = args[0];
  if (name.toLowerCase() === "floor") return Math.floor(x);
  if (name.toLowerCase() === "round") {
    const floor = Math.floor(x);
    const diff = x - floor;
    return diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  }
  return undefined;
}

/**
 * The multiplicative operators are opt-in per interpreter: the verdict and collector functions must stay free of
 * arithmetic (test/differential.test.ts asserts that `*` is rejected there), so only the runtimes that
 * bytes-functions.ts creates for the endpoint probe's helpers accept them.
 */
const BYTE_RUNTIMES = new WeakSet<object>();

export function enableByteArithmetic(runtime: object): void {
  BYTE_RUNTIMES.add(runtime);
}

export function hasByteArithmetic(runtime: object): boolean {
  return BYTE_RUNTIMES.has(runtime);
}
