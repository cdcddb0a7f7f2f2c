/**
 * The interpreter's link to a real .NET runtime: a small C# program (test/support/dotnet-bridge) that executes
 * static calls, constructors and members by reflection and keeps the objects as handles. The interpreter stays
 * synchronous, so requests go over two named pipes read and written with blocking fs calls (dotnet-bridge-pipe.ts); a scriptblock cast
 * to a delegate (the TLS validation callback) is called back on the same pipes while a request is running.
 *
 * Why not pwsh: the registry copy has neither PowerShell nor Microsoft.PowerShell.SDK (README, "Fallback"). The
 * bridge makes the generated probe's .NET calls real (sockets, SslStream, X509Chain) so that its logic can run
 * against the real peers, with only the PowerShell language itself interpreted.
 */
import { BridgePipe } from "./dotnet-bridge-pipe.js";
import { applyWriteBack, decode, encode, type Wire } from "./dotnet-codec.js";
import { PsHandle, writesNothing, type BridgeLink } from "./dotnet-objects.js";
import { PsThrownError } from "./dotnet-values.js";
import { PsRuntimeError, type PsValue } from "./values.js";

interface BridgeError { kind: "invocation" | "binding"; type: string; message: string; exception?: Wire }
interface Response { id: number; ok: boolean; value?: Wire; writeBack?: { index: number; value: Wire }[]; isVoid?: boolean; error?: BridgeError }

export class DotnetBridge implements BridgeLink {
  private nextId = 1;
  private readonly callbacks = new Map<number, (args: PsValue[]) => PsValue>();
  /** An interpreter error inside a callback: rethrown after the .NET call returns, never turned into a TLS error. */
  private callbackFailure: unknown;
  /** Public property names by runtime type: every `$x.Name` asks whether Name is a property first. */
  private readonly propertyNames = new Map<string, string[]>();

  private constructor(private readonly pipe: BridgePipe) {}

  /** `dll`: a bridge built beforehand (a bundled caller cannot find the sources next to itself). */
  static start(options: { dll?: string; env?: NodeJS.ProcessEnv } = {}): DotnetBridge {
    return new DotnetBridge(BridgePipe.open(options));
  }

  close(): void {
    this.pipe.close();
  }

  /** One request; callbacks that arrive meanwhile run here. Errors become PowerShell-shaped exceptions. */
  private request(op: string, fields: Record<string, unknown>, member = op, argCount = 0): Response & { ok: true } {
    const id = this.nextId++;
    this.pipe.writeLine({ id, op, ...fields });
    for (;;) {
      const message = JSON.parse(this.pipe.readLine()) as Response | { callback: number; args: Wire[] };
      if ("callback" in message) {
        this.answerCallback(message.callback, message.args);
        continue;
      }
      if (message.id !== id) throw new Error(`The bridge answered request ${message.id}, expected ${id}`);
      const failure = this.callbackFailure;
      this.callbackFailure = undefined;
      if (failure !== undefined) throw failure;
      if (message.ok) return message as Response & { ok: true };
      throw this.toPowerShellError(op, member, argCount, message.error!);
    }
  }

  private answerCallback(callback: number, args: Wire[]): void {
    const run = this.callbacks.get(callback);
    try {
      if (run === undefined) throw new PsRuntimeError(`The bridge called unknown callback ${callback}`);
      this.pipe.writeLine({ callbackResult: encode(run(args.map((a) => decode(a, this)))) });
    } catch (e) {
      this.callbackFailure ??= e;
      this.pipe.writeLine({ callbackError: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * PowerShell wraps what a .NET member throws: MethodInvocationException 'Exception calling "Read" with "3"
   * argument(s): "..."' (and Get/SetValueInvocationException for properties), with the real exception as
   * InnerException. A binding failure is the interpreter's limit, so it is an error no generated catch sees.
   */
  private toPowerShellError(op: string, member: string, argCount: number, error: BridgeError): Error {
    if (error.kind === "binding") return new PsRuntimeError(`.NET bridge: ${error.message}`);
    const inner = error.exception === undefined ? null : decode(error.exception, this);
    if (op === "set") return new PsThrownError("System.Management.Automation.SetValueInvocationException", `Exception setting "${member}": "${error.message}"`, "NotSpecified", inner);
    if (op === "get" || (op === "static" && argCount < 0)) {
      return new PsThrownError("System.Management.Automation.GetValueInvocationException", `Exception getting "${member}": "${error.message}"`, "NotSpecified", inner);
    }
    const name = op === "new" ? ".ctor" : member;
    return new PsThrownError("System.Management.Automation.MethodInvocationException", `Exception calling "${name}" with "${argCount}" argument(s): "${error.message}"`, "NotSpecified", inner);
  }

  private value(response: Response): PsValue {
    return decode(response.value ?? null, this);
  }

  /** A method or constructor's result: byte[] and [ref] arguments written back; a void method writes nothing. */
  private invoked(response: Response, args: readonly PsValue[]): PsValue {
    applyWriteBack(args, response.writeBack ?? [], this);
    return response.isVoid === true ? writesNothing() : this.value(response);
  }

  /** `[Type]::Member` (args undefined) or `[Type]::Method(args)`. */
  staticMember(type: string, name: string, args: PsValue[] | undefined): PsValue {
    return this.invoked(this.request("static", { type, name, args: args?.map(encode) ?? null }, name, args?.length ?? -1), args ?? []);
  }

  construct(type: string, args: PsValue[]): PsValue {
    return this.invoked(this.request("new", { type, args: args.map(encode) }, type, args.length), args);
  }

  /** `[Type]$value` for a .NET type the interpreter does not model ([SslProtocols]'Tls, Tls11'). */
  convert(value: PsValue, type: string): PsValue {
    return this.value(this.request("convert", { value: encode(value), type }));
  }

  /** `[DelegateType]{ param(...) ... }`: each invocation from .NET runs `run` with the delegate's arguments. */
  delegate(type: string, run: (args: PsValue[]) => PsValue): PsValue {
    const callback = this.callbacks.size + 1;
    this.callbacks.set(callback, run);
    return this.value(this.request("delegate", { type, callback }));
  }


  get(target: PsHandle, name: string): PsValue {
    return this.value(this.request("get", { target: encode(target), name }, name));
  }

  set(target: PsHandle, name: string, value: PsValue): void {
    this.request("set", { target: encode(target), name, value: encode(value) }, name);
  }

  call(target: PsHandle, name: string, args: PsValue[]): PsValue {
    return this.invoked(this.request("call", { target: encode(target), name, args: args.map(encode) }, name, args.length), args);
  }

  index(target: PsHandle, index: PsValue): PsValue {
    return this.value(this.request("index", { target: encode(target), index: encode(index) }));
  }

  items(target: PsHandle): PsValue[] {
    const list = this.value(this.request("items", { target: encode(target) }));
    if (!Array.isArray(list)) throw new PsRuntimeError("The bridge enumerated a handle into something other than a list");
    return list;
  }

  str(target: PsHandle): string {
    return this.value(this.request("str", { target: encode(target) })) as string;
  }

  equals(left: PsHandle, right: PsValue): boolean {
    return this.value(this.request("equals", { left: encode(left), right: encode(right) })) === true;
  }

  compare(left: PsHandle, right: PsValue): number {
    return this.value(this.request("compare", { left: encode(left), right: encode(right) })) as number;
  }

  binary(operator: "+" | "-", left: PsValue, right: PsValue): PsValue {
    return this.value(this.request("binary", { operator, left: encode(left), right: encode(right) }));
  }

  is(target: PsHandle, type: string): boolean {
    return this.value(this.request("is", { target: encode(target), type })) === true;
  }

  properties(target: PsHandle): string[] {
    let names = this.propertyNames.get(target.type);
    if (names === undefined) {
      names = (this.value(this.request("properties", { target: encode(target) })) as PsValue[]).map(String);
      this.propertyNames.set(target.type, names);
    }
    return names;
  }
}
