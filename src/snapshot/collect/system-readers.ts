/**
 * Shared readers added for the system sections (registered in SHARED_READERS, so every section may call them):
 * - ReadRdpBinary: a REG_BINARY value as Present, Length, upper-case Hex and Error;
 * - TestRdpRegistryKey: whether a key exists (null with Error when that cannot be told);
 * - ReadRdpSessionTable: the lines of qwinsta.exe, or an Error when it cannot run;
 * - ReadRdpService: a ServiceState (src/snapshot/types.ts) for one service name.
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition } from "../../ir/index.js";

const { stopOnError: stop } = ps;
const mandatory = (name: string) => ps.parameter(name, { type: "string", mandatory: true });
const read = ps.v("read");
const reason = (): Expression => ps.paren(ps.command("FormatRdpError", { ErrorRecord: ps.v("_") }));
const isObjectNotFound = (): Expression =>
  ps.binary(ps.prop(ps.v("_"), "CategoryInfo", "Category"), "-eq", ps.str("ObjectNotFound"));

export const readRdpBinary: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpBinary",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [mandatory("Path"), mandatory("Name")],
  end: [
    ps.assign(read, ps.command("ReadRdpValue", { Path: ps.v("Path"), Name: ps.v("Name") })),
    ps.assign(ps.v("length"), ps.nil()),
    ps.assign(ps.v("hex"), ps.nil()),
    ps.assign(ps.v("problem"), ps.prop(read, "Error")),
    ps.ifThen(ps.prop(read, "Present"), [
      ps.ifThen(
        ps.binary(ps.prop(read, "Value"), "-is", ps.typeLiteral("byte[]")),
        [
          ps.assign(ps.v("length"), ps.prop(read, "Value", "Length")),
          ps.comment("Per-byte ToString keeps this working in ConstrainedLanguage, where BitConverter is not allowed."),
          ps.assign(ps.v("hex"), ps.binary(
            ps.paren(ps.pipeline(
              ps.prop(read, "Value"),
              ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.call(ps.v("_"), "ToString", ps.str("X2")))]))]),
            )),
            "-join",
            ps.str(""),
          )),
        ],
        [ps.assign(ps.v("problem"), ps.binary(ps.str("wrong type: "), "+", ps.prop(ps.call(ps.prop(read, "Value"), "GetType"), "Name")))],
      ),
    ]),
    ps.pipelineStatement(ps.psCustomObject({
      Present: ps.prop(read, "Present"),
      Length: ps.v("length"),
      Hex: ps.v("hex"),
      Error: ps.v("problem"),
    })),
  ],
});

export const testRdpRegistryKey: FunctionDefinition = ps.functionDefinition({
  name: "TestRdpRegistryKey",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [mandatory("Path")],
  end: [
    ps.assign(ps.v("present"), ps.nil()),
    ps.assign(ps.v("problem"), ps.nil()),
    ps.tryStatement(
      [
        ps.pipelineStatement(ps.cast("void", ps.paren(ps.command("Get-ItemProperty", { LiteralPath: ps.v("Path"), ...stop })))),
        ps.assign(ps.v("present"), ps.bool(true)),
      ],
      [
        { types: ["System.Management.Automation.ItemNotFoundException"], body: [ps.assign(ps.v("present"), ps.bool(false))] },
        { body: [ps.assign(ps.v("problem"), reason())] },
      ],
    ),
    ps.pipelineStatement(ps.psCustomObject({ Present: ps.v("present"), Error: ps.v("problem") })),
  ],
});

/**
 * qwinsta.exe prints one line per session and listener. Its column headers and state words are localized, so
 * callers match only the session name and the numeric ID; the listener state words Listen and Down are the
 * English ones (a localized system gives State null, not a wrong value).
 */
export const readRdpSessionTable: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpSessionTable",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  end: [
    ps.assign(ps.v("lines"), ps.arrayLiteral([])),
    ps.assign(ps.v("problem"), ps.nil()),
    ps.tryStatement(
      [ps.assign(ps.v("lines"), ps.arrayLiteral([ps.paren(ps.pipeline(
        ps.command("qwinsta.exe"),
        ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.cast("string", ps.v("_")))]))]),
      ))]))],
      [{ body: [ps.assign(ps.v("problem"), ps.binary(ps.str("qwinsta.exe: "), "+", reason()))] }],
    ),
    ps.comment("A 32-bit host on 64-bit Windows finds no qwinsta.exe; an empty table is no evidence either way."),
    ps.ifThen(ps.binary(ps.binary(ps.nil(), "-eq", ps.v("problem")), "-and", ps.binary(ps.prop(ps.v("lines"), "Count"), "-eq", ps.num(0))), [
      ps.assign(ps.v("problem"), ps.str("qwinsta.exe returned no output")),
    ]),
    ps.pipelineStatement(ps.psCustomObject({ Lines: ps.v("lines"), Error: ps.v("problem") })),
  ],
});

/** Statuses of ServiceState; the transitional ContinuePending and PausePending become Unknown. */
const KNOWN_STATUSES = ["Running", "Stopped", "StartPending", "StopPending", "Paused"];

export const readRdpService: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpService",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [mandatory("Name")],
  end: [
    ps.assign(ps.v("status"), ps.str("Unknown")),
    ps.assign(ps.v("startType"), ps.nil()),
    ps.assign(ps.v("problem"), ps.nil()),
    ps.tryStatement(
      [
        ps.assign(ps.v("service"), ps.command("Get-Service", { Name: ps.v("Name"), ...stop })),
        ps.assign(ps.v("status"), ps.cast("string", ps.prop(ps.v("service"), "Status"))),
        ps.assign(ps.v("startType"), ps.cast("string", ps.prop(ps.v("service"), "StartType"))),
        ps.ifThen(ps.binary(ps.v("status"), "-notin", ps.strings(KNOWN_STATUSES)), [
          ps.assign(ps.v("problem"), ps.binary(ps.str("status "), "+", ps.v("status"))),
          ps.assign(ps.v("status"), ps.str("Unknown")),
        ]),
      ],
      [{
        body: [ps.ifThen(
          isObjectNotFound(),
          [ps.comment("Get-Service reports a service that is not installed as ObjectNotFound."), ps.assign(ps.v("status"), ps.str("Missing"))],
          [ps.assign(ps.v("problem"), reason())],
        )],
      }],
    ),
    ps.pipelineStatement(ps.psCustomObject({
      Name: ps.v("Name"),
      Status: ps.v("status"),
      StartType: ps.v("startType"),
      Error: ps.v("problem"),
    })),
  ],
});

export const SYSTEM_READERS: readonly FunctionDefinition[] = [readRdpBinary, testRdpRegistryKey, readRdpSessionTable, readRdpService];
