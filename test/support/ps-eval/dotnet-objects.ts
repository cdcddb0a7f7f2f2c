/**
 * Values that stand for live .NET objects when the interpreter runs the endpoint probe against real peers
 * (probe-live.test.ts): a handle to an object held by the .NET bridge process (dotnet-bridge.ts), an enum value,
 * a `List[object]`, and a `[ref]$variable` argument. The interpreter never fakes these objects' behaviour: every
 * member of a handle is read, set or called on the real .NET runtime through the bridge.
 */
import type { PsValue } from "./values.js";

/** What a handle needs from the bridge; dotnet-bridge.ts implements it. */
export interface BridgeLink {
  get(target: PsHandle, name: string): PsValue;
  set(target: PsHandle, name: string, value: PsValue): void;
  /** The method's value, or writesNothing() for a void method. */
  call(target: PsHandle, name: string, args: PsValue[]): PsValue;
  index(target: PsHandle, index: PsValue): PsValue;
  items(target: PsHandle): PsValue[];
  str(target: PsHandle): string;
  equals(left: PsHandle, right: PsValue): boolean;
  compare(left: PsHandle, right: PsValue): number;
  binary(operator: "+" | "-", left: PsValue, right: PsValue): PsValue;
  is(target: PsHandle, type: string): boolean;
  properties(target: PsHandle): string[];
}

/** A .NET object that lives in the bridge process; `enumerable` as PowerShell decides what a pipeline unrolls. */
export class PsHandle {
  constructor(readonly bridge: BridgeLink, readonly id: number, readonly type: string, readonly enumerable: boolean) {}
}

/** A .NET enum value, kept by value: `[string]` gives its name, `-eq 'Name'` compares names (about_Enum). */
export class PsEnum {
  constructor(readonly type: string, readonly name: string, readonly value: number) {}
}

/** `[System.Collections.Generic.List[object]]::new()`: a growable list the script fills with its own objects. */
export class PsList {
  readonly items: PsValue[] = [];
}

/** `[ref]$name` as a method argument: the bridge writes an out parameter's value back through `assign`. */
export class PsRef {
  constructor(readonly value: PsValue, readonly assign: (value: PsValue) => void) {}
}

/**
 * What a void .NET method (or List.Add) gives: PowerShell writes nothing for it, and an empty array is what writes
 * nothing here. The generated code never assigns a void call's result, so its $null-ness in value position is moot.
 */
export const writesNothing = (): PsValue => [];
