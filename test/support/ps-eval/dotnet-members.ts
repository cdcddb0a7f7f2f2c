/**
 * Members, operators and conversions of the live .NET values (dotnet-objects.ts), as PowerShell applies them.
 * Each function returns undefined when its operand is not such a value, so the existing code paths of
 * members.ts, operators.ts and convert.ts stay exactly as they were for everything else.
 */
import { PsEnum, PsHandle, PsList, PsRef, writesNothing } from "./dotnet-objects.js";
import { PsExceptionValue, PsMemberView } from "./dotnet-values.js";
import { PsHashtable, PsObject, PsRuntimeError, type PsValue } from "./values.js";

/**
 * Members PowerShell itself adds to .NET types (its built-in type data, types.ps1xml; compiled into
 * PowerShell/PowerShell src/System.Management.Automation/engine/TypeTable_Types_Ps1Xml.cs), by "Type::member".
 */
const TYPE_DATA: Readonly<Record<string, (target: PsHandle) => PsValue>> = {
  // ScriptProperty IPAddressToString { $this.ToString() }: Test-RdGateway lists the addresses it tried with it.
  "System.Net.IPAddress::ipaddresstostring": (target) => target.bridge.call(target, "ToString", []),
};

/** `$x.Name` on a live value; undefined when `target` is not one. */
export function liveMember(target: PsValue, name: string): PsValue | undefined {
  const lower = name.toLowerCase();
  if (target instanceof PsExceptionValue && lower === "innerexception") return target.inner;
  if (target instanceof PsList) return lower === "count" ? target.items.length : unknownMember(target, name);
  if (target instanceof PsEnum) return lower === "value__" ? target.value : unknownMember(target, name);
  if (!(target instanceof PsHandle)) return undefined;
  // The intrinsic PSObject member (about_Intrinsic_Members), for .PSObject.Properties[$name].
  if (lower === "psobject") return new PsMemberView(target, "psobject");
  const own = target.bridge.properties(target).some((p) => p.toLowerCase() === lower);
  if (own) return target.bridge.get(target, name);
  const extended = TYPE_DATA[`${target.type}::${lower}`];
  if (extended !== undefined) return extended(target);
  // Intrinsic .Count/.Length: a collection's item count, 1 for any other object (PowerShell 3+).
  if (lower === "count" || lower === "length") return target.enumerable ? target.bridge.items(target).length : 1;
  // Strict mode is off in the module, but a missing member of a real object is a generator bug here.
  return unknownMember(target, name);
}

function unknownMember(target: PsHandle | PsList | PsEnum, name: string): never {
  const type = target instanceof PsList ? "List[object]" : target.type;
  throw new PsRuntimeError(`${type} has no property ${name}`);
}

/** `$x.Method(args)` on a live value; undefined when `target` is not one. */
export function liveMethod(target: PsValue, name: string, args: PsValue[]): PsValue | undefined {
  if (target instanceof PsList) {
    if (name.toLowerCase() === "add" && args.length === 1) {
      target.items.push(args[0]!);
      return writesNothing();
    }
    throw new PsRuntimeError(`List[object].${name} is outside the interpreted subset`);
  }
  if (target instanceof PsEnum && name.toLowerCase() === "tostring" && args.length === 0) return target.name;
  // Enum.HasFlag: every bit of the flag is set (a zero flag is always contained).
  if (target instanceof PsEnum && name.toLowerCase() === "hasflag" && args.length === 1 && args[0] instanceof PsEnum) {
    return (BigInt(target.value) & BigInt(args[0].value)) === BigInt(args[0].value);
  }
  // Exception.GetBaseException(): the innermost exception; the wrapper's inner one is a .NET object.
  if (target instanceof PsExceptionValue && name.toLowerCase() === "getbaseexception" && args.length === 0) {
    return target.inner instanceof PsHandle ? target.inner.bridge.call(target.inner, "GetBaseException", []) : (target.inner ?? target);
  }
  if (!(target instanceof PsHandle)) return undefined;
  return target.bridge.call(target, name, args);
}

/** `$x[index]` on a live value. */
export function liveIndex(container: PsValue, index: PsValue): PsValue | undefined {
  if (container instanceof PsList && typeof index === "number") return container.items[index < 0 ? container.items.length + index : index] ?? null;
  if (container instanceof PsHandle) return container.bridge.index(container, index);
  return undefined;
}

/** `$obj.PSObject.Properties[$name]` of a .NET object: Name and Value, or $null when it has no such property. */
export function liveProperty(view: PsMemberView, name: string): PsValue | undefined {
  const target = view.target;
  if (!(target instanceof PsHandle)) return undefined;
  const found = target.bridge.properties(target).find((p) => p.toLowerCase() === name.toLowerCase());
  return found === undefined ? null : new PsObject([["Name", found], ["Value", target.bridge.get(target, found)]]);
}

/** `[string]$x`: an enum's name, an object's ToString() in the invariant culture. */
export function liveString(value: PsValue): string | undefined {
  if (value instanceof PsEnum) return value.name;
  if (value instanceof PsHandle) return value.bridge.str(value);
  return undefined;
}

/** `-eq` with a live value on the left; the right converts to the left's type, as LanguagePrimitives.Equals does. */
export function liveEquals(first: PsValue, second: PsValue): boolean | undefined {
  if (first instanceof PsEnum) {
    if (second instanceof PsEnum) return first.type === second.type && first.value === second.value;
    if (typeof second === "number") return first.value === second;
    if (typeof second === "string") return first.name.toLowerCase() === second.toLowerCase();
    return false;
  }
  if (first instanceof PsHandle) return second === null ? false : first.bridge.equals(first, second);
  return undefined;
}

export function liveCompare(first: PsValue, second: PsValue): number | undefined {
  return first instanceof PsHandle && second !== null ? first.bridge.compare(first, second) : undefined;
}

/** `+` / `-` where either side is a .NET object (DateTime - DateTime): the type's own operator, on .NET. */
export function liveArithmetic(op: string, left: PsValue, right: PsValue): PsValue | undefined {
  if (op !== "+" && op !== "-") return undefined;
  const handle = left instanceof PsHandle ? left : right instanceof PsHandle ? right : undefined;
  return handle?.bridge.binary(op, left, right);
}

/** `-is [Type]` for a .NET object or enum. */
export function liveIsType(value: PsValue, type: string): boolean | undefined {
  if (value instanceof PsHandle) return value.bridge.is(value, type);
  if (value instanceof PsEnum) return value.type.toLowerCase() === type.toLowerCase() || `system.${type}`.toLowerCase() === value.type.toLowerCase();
  return undefined;
}

/**
 * Parameter binding to a .NET type the interpreter does not model ([System.Net.IPAddress] $Address): a handle of
 * that type passes unchanged (checked on .NET), as do the interpreter's own dictionary and exception values.
 */
export function liveBinding(value: PsValue, type: string): PsValue | undefined {
  const lower = type.toLowerCase();
  if (value === null && lower.includes(".")) return null;
  if (value instanceof PsHandle) {
    if (!value.bridge.is(value, type)) throw new PsRuntimeError(`Cannot convert the "${value.type}" value to type "${type}"`);
    return value;
  }
  if (value instanceof PsHashtable && lower === "system.collections.idictionary") return value;
  if (value instanceof PsExceptionValue && lower === "system.exception") return value;
  if (value instanceof PsRef) throw new PsRuntimeError("[ref] is only supported as a .NET method argument");
  return undefined;
}
