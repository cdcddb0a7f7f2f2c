/**
 * The .NET values the snapshot collectors' registry readers meet, beyond values.ts: byte[] (REG_BINARY),
 * exceptions and the ErrorRecord a catch block sees as $_, and the PSObject.Properties view of an object.
 * They exist so the collectors can run against mocked cmdlets (collectors.ts); the verdict functions of the
 * differential test never produce them.
 *
 * Exceptions are modelled by full .NET type name with a hand-kept base-type chain, because `catch [T]` and
 * `-is [T]` match a type AND its subclasses: ItemNotFoundException is caught by `catch [RuntimeException]` too.
 */

import type { PsObject, PsValue } from "./values.js";
import type { PsHandle } from "./dotnet-objects.js";

/** `byte[]`, as a REG_BINARY value reads back. */
export class PsBytes {
  constructor(readonly bytes: Uint8Array) {}
}

/**
 * Base types of the exceptions the collectors classify, child -> parent, as in .NET Framework 4.x and
 * System.Management.Automation 5.1. A type missing here cannot be thrown or caught (it throws instead), so a
 * new catch clause in generated code cannot match by accident.
 */
const BASE_TYPE: Readonly<Record<string, string | null>> = {
  "System.Exception": null,
  "System.SystemException": "System.Exception",
  "System.UnauthorizedAccessException": "System.SystemException",
  "System.Security.SecurityException": "System.SystemException",
  "System.IO.IOException": "System.SystemException",
  "System.Management.Automation.RuntimeException": "System.SystemException",
  "System.Management.Automation.SessionStateException": "System.Management.Automation.RuntimeException",
  "System.Management.Automation.ItemNotFoundException": "System.Management.Automation.SessionStateException",
  // CimException derives from Exception directly (Microsoft.Management.Infrastructure.dll).
  "Microsoft.Management.Infrastructure.CimException": "System.Exception",
  // What PowerShell wraps a .NET member's exception in (the real one is InnerException): dotnet-bridge.ts.
  "System.Management.Automation.MethodException": "System.Management.Automation.RuntimeException",
  "System.Management.Automation.MethodInvocationException": "System.Management.Automation.MethodException",
  "System.Management.Automation.SetValueException": "System.Management.Automation.RuntimeException",
  "System.Management.Automation.SetValueInvocationException": "System.Management.Automation.SetValueException",
  "System.Management.Automation.GetValueException": "System.Management.Automation.RuntimeException",
  "System.Management.Automation.GetValueInvocationException": "System.Management.Automation.GetValueException",
};

const KNOWN = new Map(Object.keys(BASE_TYPE).map((name) => [name.toLowerCase(), name] as const));

/**
 * The full name of an exception type as a script may write it: PowerShell also resolves a type name with
 * "System." prepended ([Exception] is System.Exception). Undefined when the type is not in BASE_TYPE.
 */
export function exceptionTypeName(written: string): string | undefined {
  const lower = written.toLowerCase();
  return KNOWN.get(lower) ?? KNOWN.get(`system.${lower}`);
}

/** A .NET exception object (what $_.Exception is); `inner` is InnerException (a bridge handle, or $null). */
export class PsExceptionValue {
  constructor(readonly typeName: string, readonly message: string, readonly inner: PsValue = null) {
    if (!(typeName in BASE_TYPE)) throw new Error(`Exception type ${typeName} is not modelled in dotnet-values.ts`);
  }

  /** `$e -is [T]` / `catch [T]`: T is the exception's type or one of its base types. */
  isA(fullName: string): boolean {
    for (let t: string | null | undefined = this.typeName; t; t = BASE_TYPE[t]) if (t === fullName) return true;
    return false;
  }
}

/** The ErrorRecord in $_ inside a catch block: its Exception and CategoryInfo.Category. */
export class PsErrorRecord {
  constructor(readonly exception: PsExceptionValue, readonly category: string) {}
}

/**
 * What a mocked cmdlet throws to stand for a terminating error (a cmdlet called with -ErrorAction Stop). Only
 * this is caught by try/catch in the interpreter: an interpreter error (unsupported syntax, an unset variable)
 * must fail the test, not be swallowed by a generated catch-all.
 */
export class PsThrownError extends Error {
  override readonly name = "PsThrownError";
  readonly record: PsErrorRecord;

  constructor(exceptionType: string, message: string, category = "NotSpecified", inner: PsValue = null) {
    super(`${exceptionType}: ${message}`);
    this.record = new PsErrorRecord(new PsExceptionValue(exceptionType, message, inner), category);
  }
}

/** `$obj.PSObject` and `$obj.PSObject.Properties` of a PSCustomObject (the object is the `target`). */
export class PsMemberView {
  constructor(readonly target: PsObject | PsHandle, readonly part: "psobject" | "properties") {}
}
