/**
 * The expression forms that reach .NET types the interpreter does not model: `[Type]::Member`,
 * `[Type]::Method(...)`, `[Type]::new(...)` and casts (`[ref]$x`, `[char]65`, `[SslProtocols]'Tls, Tls11'`,
 * `[RemoteCertificateValidationCallback]{ param(...) ... }`). Without a bridge (every test but the live probe)
 * they stay outside the subset and fail as before.
 */
import { isModelledType } from "./convert.js";
import { PsBytes } from "./dotnet-values.js";
import { PsList, PsRef } from "./dotnet-objects.js";
import { unsupported, type Runtime } from "./expressions.js";
import type { Scope } from "./scope.js";
import type { SyntaxNode } from "./syntax.js";
import type { DotnetBridge } from "./dotnet-bridge.js";
import { PsRuntimeError, PsScriptBlock, type PsValue } from "./values.js";

/** What a live run adds to the interpreter: the bridge (dotnet-bridge.ts) and a way to run delegates' blocks. */
export interface LiveRuntime extends Runtime {
  readonly dotnet?: Pick<DotnetBridge, "staticMember" | "construct" | "convert" | "delegate">;
  /** Runs a script block with its param() block bound to `args`, returning its collapsed output. */
  invokeBlock?(block: PsScriptBlock, args: PsValue[], scope: Scope): PsValue;
}

/** The one generic type the probe names: its findings list. */
export const LIST_OF_OBJECT = /^System\.Collections\.Generic\.List\[object\]$/i;

function bridgeOf(rt: LiveRuntime, what: string): NonNullable<LiveRuntime["dotnet"]> {
  if (rt.dotnet === undefined) throw new PsRuntimeError(`${what} needs a live .NET runtime (dotnet-bridge.ts); this interpreter has none`);
  return rt.dotnet;
}

/** `[Type]::new(...)`, or `[Type]::Method(...)` that members.ts callStatic does not model. */
export function liveStaticCall(rt: LiveRuntime, type: string, name: string, args: PsValue[]): PsValue {
  if (name.toLowerCase() === "new") {
    if (/^(system\.)?byte\[\]$/i.test(type) && args.length === 1 && typeof args[0] === "number") return new PsBytes(new Uint8Array(args[0]));
    if (LIST_OF_OBJECT.test(type) && args.length === 0) return new PsList();
    return bridgeOf(rt, `[${type}]::new`).construct(type, args);
  }
  return bridgeOf(rt, `[${type}]::${name}()`).staticMember(type, name, args);
}

/** `[Type]::Member`: a static property, field or enum member. */
export function liveStaticMember(rt: LiveRuntime, type: string, name: string): PsValue {
  return bridgeOf(rt, `[${type}]::${name}`).staticMember(type, name, undefined);
}

/** A cast the interpreter's own conversions do not cover; undefined to let convert.ts handle it. */
export function liveCast(rt: LiveRuntime, type: string, operand: SyntaxNode, scope: Scope, evaluate: (node: SyntaxNode) => PsValue): PsValue | undefined {
  const lower = type.toLowerCase();
  if (lower === "ref") {
    if (operand.type !== "variable") unsupported(operand, "is a [ref] of something other than a variable");
    const name = operand.text.slice(1);
    return new PsRef(evaluate(operand), (value) => scope.set(name, value));
  }
  if (lower === "char") {
    const code = evaluate(operand);
    if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > 0xffff) throw new PsRuntimeError(`[char] of ${String(code)} is outside the interpreted subset`);
    return String.fromCharCode(code);
  }
  if (isModelledType(type) || rt.dotnet === undefined) return undefined;
  const value = evaluate(operand);
  if (value instanceof PsScriptBlock) {
    const invoke = rt.invokeBlock?.bind(rt) ?? ((): never => { throw new PsRuntimeError("This runtime cannot run delegate script blocks"); });
    return rt.dotnet.delegate(type, (args) => invoke(value, args, scope));
  }
  return rt.dotnet.convert(value, type);
}
