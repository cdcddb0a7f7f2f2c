/**
 * Member access and method calls (about_Properties, about_Methods, about_Member-Access_Enumeration), as
 * Windows PowerShell 5.1 resolves them:
 * - PSCustomObject properties match case-insensitively; a missing property is $null (strict mode is off);
 * - a hashtable key wins over a hashtable property ($h.Count is the 'Count' key if there is one);
 * - on an array, a member the array itself lacks is read from every item (member-access enumeration): items
 *   without it are skipped, values that are arrays are flattened, one result is returned as itself;
 * - the intrinsic .Count / .Length of a scalar is 1 and of $null is 0, EXCEPT on a PSCustomObject, where
 *   Windows PowerShell 5.1 has neither and returns $null (fixed in PowerShell 6.1, PowerShell/PowerShell#5745).
 */
import { mathStatic } from "./bytes.js";
import { toRoundTrip, toUniversalTime, totalDays, type TimeZone } from "./datetime.js";
import { PsDateTime, PsHashtable, PsObject, PsRuntimeError, PsTimeSpan, PsTypeLiteral, PsVersion, type PsValue, typeName } from "./values.js";
import { PsBytes, PsErrorRecord, PsExceptionValue, PsMemberView } from "./dotnet-values.js";
import { toPsString } from "./convert.js";
import { liveMember, liveMethod, liveProperty } from "./dotnet-members.js";
import { PsEnum } from "./dotnet-objects.js";

/**
 * Members of the collectors-only values (dotnet-values.ts). Undefined for a member not modelled; getMember
 * then throws, since these are .NET objects whose other members exist but are not modelled.
 */
function dotnetMember(target: PsBytes | PsExceptionValue | PsErrorRecord | PsMemberView | PsTypeLiteral, lower: string): PsValue | undefined {
  if (target instanceof PsBytes) return lower === "length" || lower === "count" ? target.bytes.length : undefined;
  if (target instanceof PsExceptionValue) return lower === "message" ? target.message : undefined;
  if (target instanceof PsErrorRecord) {
    if (lower === "exception") return target.exception;
    if (lower === "categoryinfo") return new PsObject([["Category", target.category]]);
    return undefined;
  }
  if (target instanceof PsMemberView) return target.part === "psobject" && lower === "properties" ? new PsMemberView(target.target, "properties") : undefined;
  // A type from GetType() carries its full name; a literal like [int] does not, so its .Name is not guessed.
  if (lower === "fullname" && target.name.includes(".")) return target.name;
  if (lower === "name" && target.name.includes(".")) return target.name.slice(target.name.lastIndexOf(".") + 1);
  return undefined;
}

const isDotnet = (v: PsValue): v is PsBytes | PsExceptionValue | PsErrorRecord | PsMemberView | PsTypeLiteral =>
  v instanceof PsBytes || v instanceof PsExceptionValue || v instanceof PsErrorRecord || v instanceof PsMemberView || v instanceof PsTypeLiteral;

/** `$obj.PSObject.Properties[$name]`: the property as an object with Name and Value, or $null when absent. */
export function propertyByName(view: PsMemberView, name: string): PsValue {
  const live = liveProperty(view, name); // a .NET object's own properties (dotnet-members.ts)
  if (live !== undefined) return live;
  if (view.part !== "properties") throw new PsRuntimeError("Indexing PSObject itself is outside the interpreted subset");
  const found = (view.target as PsObject).entries().find(([n]) => n.toLowerCase() === name.toLowerCase());
  return found === undefined ? null : new PsObject([["Name", found[0]], ["Value", found[1]]]);
}

/** `undefined` when the object has no such member, so enumeration can skip it. */
function ownMember(target: PsValue, name: string): PsValue | undefined {
  const lower = name.toLowerCase();
  if (target === null) return lower === "count" || lower === "length" ? 0 : undefined;
  const live = liveMember(target, name); // .NET objects of a live probe run (dotnet-members.ts)
  if (live !== undefined) return live;
  if (target instanceof PsObject) {
    if (target.has(name)) return target.get(name);
    // The intrinsic PSObject member (about_Intrinsic_Members), for .PSObject.Properties[$name].
    return lower === "psobject" ? new PsMemberView(target, "psobject") : undefined;
  }
  if (isDotnet(target)) return dotnetMember(target, lower);
  if (target instanceof PsHashtable) {
    if (target.has(name)) return target.get(name);
    if (lower === "count") return target.count;
    if (lower === "keys") return target.entries().map(([k]) => k);
    if (lower === "values") return target.entries().map(([, v]) => v);
    return undefined;
  }
  if (Array.isArray(target)) return lower === "count" || lower === "length" ? target.length : undefined;
  if (typeof target === "string" && lower === "length") return target.length;
  if (target instanceof PsTimeSpan) {
    if (lower === "totaldays") return totalDays(target);
    if (lower === "ticks") return Number(target.ticks);
  }
  if (target instanceof PsVersion) {
    const parts: Record<string, number> = { major: target.major, minor: target.minor, build: target.build, revision: target.revision };
    if (lower in parts) return parts[lower]!;
  }
  if (target instanceof PsDateTime && lower === "kind") return target.kind;
  if (lower === "count" || lower === "length") return 1; // intrinsic members of any other scalar
  return undefined;
}

/** Property names of .NET types that the subset does not model; reading them must not quietly give $null. */
function unmodelled(target: PsValue, name: string): boolean {
  return target instanceof PsDateTime || target instanceof PsTimeSpan
    ? !["kind", "totaldays", "ticks", "count", "length"].includes(name.toLowerCase())
    : false;
}

function enumerateMember(items: PsValue[], name: string, out: PsValue[]): void {
  for (const item of items) {
    const value = item === null ? undefined : ownMember(item, name);
    if (value !== undefined) {
      if (Array.isArray(value)) out.push(...value);
      else out.push(value);
    } else if (Array.isArray(item)) {
      enumerateMember(item, name, out);
    }
  }
}

/** `$target.Name`. */
export function getMember(target: PsValue, name: string): PsValue {
  if (unmodelled(target, name)) throw new PsRuntimeError(`Property ${name} of ${typeName(target)} is outside the interpreted subset`);
  const own = ownMember(target, name);
  if (own !== undefined) return own;
  if (isDotnet(target)) throw new PsRuntimeError(`Property ${name} of ${typeName(target)} is outside the interpreted subset`);
  if (!Array.isArray(target)) return null;
  const out: PsValue[] = [];
  enumerateMember(target, name, out);
  if (out.length === 0) return null;
  return out.length === 1 ? out[0]! : out;
}

/** `$target.Name(args)` for the few methods the generated code calls. */
export function callMethod(target: PsValue, name: string, args: PsValue[], zone: TimeZone): PsValue {
  const live = liveMethod(target, name, args); // .NET objects of a live probe run (dotnet-members.ts)
  if (live !== undefined) return live;
  const lower = name.toLowerCase();
  if (target instanceof PsDateTime) {
    if (lower === "touniversaltime" && args.length === 0) return toUniversalTime(target, zone);
    if (lower === "tostring" && args.length === 1 && args[0] === "o") return toRoundTrip(target, zone);
  }
  if (typeof target === "string") {
    if (lower === "trim" && args.length === 0) return target.replace(/^\s+|\s+$/g, "");
    // ToUpperInvariant maps ASCII letters like JavaScript toUpperCase; thumbprints and names here are ASCII.
    if (lower === "toupperinvariant" && args.length === 0) return target.toUpperCase();
    if (lower === "tolower" && args.length === 0) return target.toLowerCase();
    if (lower === "tostring" && args.length === 0) return target;
    if (lower === "substring" && args.length === 1 && typeof args[0] === "number") return target.slice(args[0]);
    if (lower === "substring" && args.length === 2 && typeof args[0] === "number" && typeof args[1] === "number") {
      if (args[0] < 0 || args[1] < 0 || args[0] + args[1] > target.length) throw new PsRuntimeError(`Exception calling "Substring" with "2" argument(s): "Index and length must refer to a location within the string."`);
      return target.slice(args[0], args[0] + args[1]);
    }
    if (lower === "tolowerinvariant" && args.length === 0) return target.toLowerCase();
    // IndexOf(value, StringComparison.Ordinal): the only comparison the generated code passes.
    if (lower === "indexof" && args.length === 2 && typeof args[0] === "string" && args[1] instanceof PsEnum && args[1].name === "Ordinal") return target.indexOf(args[0]);
    // String.StartsWith(string) compares culture-sensitively; the probe's operands ('*.') are ASCII.
    if (lower === "startswith" && args.length === 1 && typeof args[0] === "string") return target.startsWith(args[0]);
  }
  // Hex formats ('X2' per byte in ReadRdpBinary): .NET pads to the digit count and never truncates.
  if (lower === "tostring" && args.length === 1 && typeof target === "number" && typeof args[0] === "string" && /^[Xx]\d{0,2}$/.test(args[0])) {
    if (!Number.isInteger(target) || target < 0 || target > 0x7fffffff) throw new PsRuntimeError(`${target}.ToString('${args[0]}') is outside the interpreted subset`);
    const hex = target.toString(16).padStart(Number(args[0].slice(1) || "1"), "0");
    return args[0][0] === "X" ? hex.toUpperCase() : hex;
  }
  if (lower === "tostring" && args.length === 0 && (typeof target === "number" || typeof target === "boolean" || target instanceof PsVersion)) {
    return toPsString(target);
  }
  if (target === null) throw new PsRuntimeError(`You cannot call a method on a null-valued expression (${name}).`);
  // GetType(): the readers name a wrong registry type by it ('wrong type: ' + $v.GetType().Name).
  if (lower === "gettype" && args.length === 0 && !(target instanceof PsObject) && !(target instanceof PsHashtable)) return new PsTypeLiteral(typeName(target));
  throw new PsRuntimeError(`Method ${typeName(target)}.${name} with ${args.length} argument(s) is outside the interpreted subset`);
}

/** `[type]::Method(args)`. */
export function callStatic(type: string, name: string, args: PsValue[], otherwise?: () => PsValue): PsValue {
  const math = mathStatic(type, name, args); // [Math]::Floor / Round (bytes.ts)
  if (math !== undefined) return math;
  const key = `${type}::${name}`.toLowerCase();
  if ((key === "string::isnullorempty" || key === "system.string::isnullorempty") && args.length === 1) {
    return args[0] === null || args[0] === "";
  }
  // A live probe run hands every other static call to .NET (dotnet-expressions.ts).
  if (otherwise !== undefined) return otherwise();
  throw new PsRuntimeError(`Static method [${type}]::${name} is outside the interpreted subset`);
}
