/**
 * Values on the wire to the .NET bridge (test/support/dotnet-bridge/README.md): interpreted values become
 * tagged JSON and back. byte[] crosses by value (base64), enums by value, any other object stays in the bridge
 * as a numbered handle. A value that has no .NET counterpart here (a PSCustomObject, a hashtable) is refused,
 * because the generated probe never hands one to a .NET member.
 */
import { PsBytes } from "./dotnet-values.js";
import { PsEnum, PsHandle, PsRef, type BridgeLink } from "./dotnet-objects.js";
import { PsRuntimeError, PsTypeLiteral, typeName, type PsValue } from "./values.js";

export type Wire =
  | null
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "num"; v: number; k?: string }
  | { t: "bytes"; v: string }
  | { t: "arr"; v: Wire[] }
  | { t: "enum"; type: string; name: string; value: number }
  | { t: "type"; v: string }
  | { t: "h"; id: number; type: string; enumerable: boolean }
  | { t: "ref"; v: Wire };

export function encode(value: PsValue): Wire {
  if (value === null) return null;
  if (typeof value === "string") return { t: "str", v: value };
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (typeof value === "number") return { t: "num", v: value };
  if (value instanceof PsBytes) return { t: "bytes", v: Buffer.from(value.bytes).toString("base64") };
  if (Array.isArray(value)) return { t: "arr", v: value.map(encode) };
  if (value instanceof PsEnum) return { t: "enum", type: value.type, name: value.name, value: value.value };
  if (value instanceof PsTypeLiteral) return { t: "type", v: value.name };
  if (value instanceof PsHandle) return { t: "h", id: value.id, type: value.type, enumerable: value.enumerable };
  if (value instanceof PsRef) return { t: "ref", v: encode(value.value) };
  throw new PsRuntimeError(`A ${typeName(value)} cannot be passed to a .NET member in the interpreted subset`);
}

export function decode(wire: Wire, bridge: BridgeLink): PsValue {
  if (wire === null) return null;
  switch (wire.t) {
    case "str":
    case "bool":
      return wire.v;
    case "num":
      return wire.v;
    case "bytes":
      return new PsBytes(new Uint8Array(Buffer.from(wire.v, "base64")));
    case "arr":
      return wire.v.map((item) => decode(item, bridge));
    case "enum":
      return new PsEnum(wire.type, wire.name, wire.value);
    case "type":
      return new PsTypeLiteral(wire.v);
    case "h":
      return new PsHandle(bridge, wire.id, wire.type, wire.enumerable);
    case "ref":
      throw new PsRuntimeError("The bridge sent a [ref] value, which only goes the other way");
  }
}

/**
 * After a call, the bridge reports each byte[] argument's content (Stream.Read fills the caller's buffer) and
 * each [ref] argument's out value; both are written back where PowerShell would see them.
 */
export function applyWriteBack(args: readonly PsValue[], writeBack: readonly { index: number; value: Wire }[], bridge: BridgeLink): void {
  for (const { index, value } of writeBack) {
    const arg = args[index];
    const decoded = decode(value, bridge);
    if (arg instanceof PsBytes && decoded instanceof PsBytes && decoded.bytes.length === arg.bytes.length) arg.bytes.set(decoded.bytes);
    else if (arg instanceof PsRef) arg.assign(decoded);
    else throw new PsRuntimeError(`The bridge wrote back argument ${index}, which is neither a byte[] nor a [ref]`);
  }
}
