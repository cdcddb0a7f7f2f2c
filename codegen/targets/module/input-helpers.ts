/**
 * Private helpers of Test-RdpError0x904 that turn its inputs into snapshots and codes:
 * - ConvertRdpErrorCode: hex (0x904) or decimal (2308) text to a number, with an error naming the parameter
 *   (the rules of src/decode/parse.ts, from its constants);
 * - ReadRdpSnapshotFile: a snapshot JSON file, refusing schema versions this module does not know;
 * - GetRdpRemoteSnapshot: runs Get-RdpDiagnosticSnapshot on another computer through remoting.
 */
import { ps } from "../../../src/ir/index.js";
import type { FunctionDefinition } from "../../../src/ir/index.js";
import { SNAPSHOT_SCHEMA_VERSION } from "../../../src/snapshot/types.js";
import { DECIMAL_CODE_PATTERN, HEX_CODE_PATTERN, MAX_ERROR_CODE, NOT_A_CODE } from "../../../src/decode/parse.js";

const text = ps.v("text");
const { concat, stopOnError: stop } = ps;

export const convertRdpErrorCode: FunctionDefinition = ps.functionDefinition({
  name: "ConvertRdpErrorCode",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["long"],
  parameters: [
    ps.parameter("Value", { type: "string" }),
    ps.parameter("ParameterName", { type: "string", mandatory: true }),
  ],
  end: [
    ps.ifThen(ps.staticCall("string", "IsNullOrEmpty", ps.v("Value")), [ps.returnStatement(ps.nil())]),
    ps.assign(text, ps.call(ps.v("Value"), "Trim")),
    ps.comment("Codes are unsigned 32-bit values; the dialog shows them in hex, event 1026 in decimal."),
    ps.ifThen(ps.binary(text, "-match", ps.str(HEX_CODE_PATTERN)), [
      ps.returnStatement(ps.staticCall("Convert", "ToInt64", ps.call(text, "Substring", ps.num(2)), ps.num(16))),
    ]),
    ps.ifThen(ps.binary(ps.binary(text, "-match", ps.str(DECIMAL_CODE_PATTERN)), "-and", ps.binary(ps.cast("long", text), "-le", ps.hex(MAX_ERROR_CODE))), [
      ps.returnStatement(ps.cast("long", text)),
    ]),
    ps.throwStatement(concat(
      ps.str("-"), ps.v("ParameterName"), ps.str(": '"), ps.v("Value"),
      ps.str(`'${NOT_A_CODE}`),
    )),
  ],
});

export const readRdpSnapshotFile: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpSnapshotFile",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [ps.parameter("Path", { type: "string", mandatory: true })],
  end: [
    ps.tryStatement(
      [
        ps.assign(ps.v("json"), ps.command("Get-Content", { LiteralPath: ps.v("Path"), Raw: true, Encoding: ps.str("UTF8"), ...stop })),
        ps.assign(ps.v("snapshot"), ps.pipeline(ps.v("json"), ps.command("ConvertFrom-Json", stop))),
      ],
      [{
        body: [ps.throwStatement(concat(ps.str("-SnapshotPath: cannot read '"), ps.v("Path"), ps.str("': "), ps.prop(ps.v("_"), "Exception", "Message")))],
      }],
    ),
    ps.ifThen(ps.binary(ps.prop(ps.v("snapshot"), "SchemaVersion"), "-ne", ps.num(SNAPSHOT_SCHEMA_VERSION)), [
      ps.throwStatement(concat(
        ps.str("-SnapshotPath: '"), ps.v("Path"), ps.str("' has SchemaVersion '"), ps.prop(ps.v("snapshot"), "SchemaVersion"),
        ps.str(`'; this module reads version ${SNAPSHOT_SCHEMA_VERSION}. Collect it again with this module's Get-RdpDiagnosticSnapshot.`),
      )),
    ]),
    ps.returnStatement(ps.v("snapshot")),
  ],
});

/**
 * The collector travels as its own script block and comes back as JSON text: remoting serializes nested custom
 * objects only to a shallow depth, and JSON keeps the snapshot identical to a -SnapshotPath file.
 */
export const getRdpRemoteSnapshot: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpRemoteSnapshot",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ps.parameter("ComputerName", { type: "string", mandatory: true }),
    ps.parameter("EventDays", { type: "int", mandatory: true }),
  ],
  end: [
    ps.assign(ps.v("collector"), ps.prop(ps.paren(ps.command("Get-Command", { Name: ps.str("Get-RdpDiagnosticSnapshot"), Module: ps.str("RdpDoctor") })), "ScriptBlock")),
    ps.assign(ps.v("json"), ps.command("Invoke-Command", {
      ComputerName: ps.v("ComputerName"),
      ScriptBlock: ps.v("collector"),
      ArgumentList: ps.arrayLiteral([ps.v("EventDays"), ps.str("Json")]),
      ...stop,
    })),
    ps.assign(ps.v("snapshot"), ps.pipeline(ps.v("json"), ps.command("ConvertFrom-Json"))),
    ps.comment("The name the admin typed, so the endpoint probe connects where the client would (GetRdpProbeFindings)."),
    ps.pipelineStatement(ps.command("Add-Member", {
      InputObject: ps.v("snapshot"), NotePropertyName: ps.str("RdpDoctorTarget"), NotePropertyValue: ps.v("ComputerName"),
    })),
    ps.pipelineStatement(ps.v("snapshot")),
  ],
});

export const INPUT_HELPERS: readonly FunctionDefinition[] = [convertRdpErrorCode, readRdpSnapshotFile, getRdpRemoteSnapshot];
