/**
 * `Resolve-RdpErrorCode`: the PowerShell twin of src/decode/decode.ts. The decoding tables and the catalog's
 * plausible codes are emitted as data from the same TypeScript tables, so Node and the module cannot drift;
 * the logic mirrors decode() step by step and returns an object with the same property names.
 */
import { ps } from "../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../src/ir/index.js";
import type { Cause } from "../../../src/model/cause.js";
import type { CommandDefinition } from "../../../src/commands/command.js";
import { resolveRdpErrorCode } from "../../../src/commands/resolve-rdp-error-code.js";
import { CREDSSP_OUTCOME_NOTE, ERRINFO_MIRROR_NOTE, NOT_WIN32_NOTE } from "../../../src/decode/decode.js";
import {
  DISCONNECT_TABLE, ERRINFO_TABLE, EXTENDED_PROTOCOL_RANGE, EXTENDED_TABLE, type CodeEntry,
} from "../../../src/decode/tables/index.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { publicFunctionHead } from "./public-function-head.js";
import type { PublicCommand } from "./public-commands.js";

const value = ps.v("value");
const extended = ps.v("extended");
const current = (member: string): Expression => ps.prop(ps.v("_"), member);
const { isNull, notNull } = ps;
/** `'0x' + $x.ToString('X')`: the dialog's spelling, as formatHex in src/decode/parse.ts. */
const hexOf = (e: Expression): Expression => ps.binary(ps.str("0x"), "+", ps.call(e, "ToString", ps.str("X")));
const filter = (condition: Expression): Expression => ps.scriptBlock([ps.pipelineStatement(condition)]);

/** One table as `@([pscustomobject]@{ Code = 0x904; Name = ...; Meaning = ...; Source = 'R1' }, ...)`, sorted by code. */
export function tableToIr(table: readonly CodeEntry[]): Expression {
  return ps.arrayLiteral(table.map((e) => ps.psCustomObject({
    Code: ps.hex(e.code), Name: ps.str(e.name), Meaning: ps.str(e.meaning), Source: ps.str(e.source),
  })));
}

/** The catalog's plausible codes per cause; the module's twin of isPlausibleCause's input. */
export function causeCodesToIr(causes: readonly Cause[]): Expression {
  return ps.arrayLiteral(causes.map((c) => ps.psCustomObject({
    Id: ps.str(c.id), Name: ps.str(c.name), Title: ps.str(c.title), Side: ps.str(c.side),
    Disconnect: ps.arrayLiteral(c.codes.disconnect.map(ps.hex)),
    Extended: ps.arrayLiteral(c.codes.extended.map(ps.hex)),
  })));
}

/** `FindRdpCodeEntry -Table -Value`: the entry with that code, or nothing (decode.ts findEntry). */
const findEntryFunction: FunctionDefinition = ps.functionDefinition({
  name: "FindRdpCodeEntry",
  parameters: [ps.parameter("Table", { type: "object[]" }), ps.parameter("Value", { type: "long" })],
  end: [ps.pipelineStatement(ps.pipeline(
    ps.v("Table"),
    ps.command("Where-Object", { FilterScript: filter(ps.binary(current("Code"), "-eq", ps.v("Value"))) }),
    ps.command("Select-Object", { First: ps.num(1) }),
  ))],
});

/** `GetRdpCodeNeighbours -Table -Value`: nearest documented codes below and above (decode.ts neighboursOf). */
const neighboursFunction: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpCodeNeighbours",
  parameters: [ps.parameter("Table", { type: "object[]" }), ps.parameter("Value", { type: "long" })],
  end: [
    ps.comment("The tables are emitted sorted by code, so the last lower and the first higher entry are the nearest."),
    ps.assign(ps.v("below"), ps.pipeline(
      ps.v("Table"),
      ps.command("Where-Object", { FilterScript: filter(ps.binary(current("Code"), "-lt", ps.v("Value"))) }),
      ps.command("Select-Object", { Last: ps.num(1) }),
    )),
    ps.assign(ps.v("above"), ps.pipeline(
      ps.v("Table"),
      ps.command("Where-Object", { FilterScript: filter(ps.binary(current("Code"), "-gt", ps.v("Value"))) }),
      ps.command("Select-Object", { First: ps.num(1) }),
    )),
    ps.foreachStatement("near", ps.arrayLiteral([ps.v("below"), ps.v("above")]), [
      ps.ifThen(notNull(ps.v("near")), [ps.pipelineStatement(ps.psCustomObject({
        Code: ps.prop(ps.v("near"), "Code"),
        Hex: hexOf(ps.prop(ps.v("near"), "Code")),
        Name: ps.prop(ps.v("near"), "Name"),
      }))]),
    ]),
  ],
});

const find = (table: string, code: Expression): Expression =>
  ps.paren(ps.command("FindRdpCodeEntry", { Table: ps.v(table), Value: code }));
const neighbours = (table: string, code: Expression): Expression =>
  ps.arrayLiteral([ps.paren(ps.command("GetRdpCodeNeighbours", { Table: ps.v(table), Value: code }))]);

/** Sets the $ext* variables from the extended code; all stay $null or empty without one. */
function extendedStatements(): Statement[] {
  const entry = ps.v("extEntry");
  const range = EXTENDED_PROTOCOL_RANGE;
  return [
    ps.assign(ps.v("extName"), ps.nil()),
    ps.assign(ps.v("extMeaning"), ps.nil()),
    ps.assign(ps.v("extKnown"), ps.nil()),
    ps.assign(ps.v("extSource"), ps.nil()),
    ps.assign(ps.v("extNeighbours"), ps.arrayLiteral([])),
    ps.assign(ps.v("errorInfo"), ps.nil()),
    ps.ifThen(notNull(extended), [
      ps.assign(entry, find("extendedTable", extended)),
      ps.assign(ps.v("extKnown"), ps.bool(true)),
      ps.ifStatement([
        {
          condition: notNull(entry),
          body: [
            ps.assign(ps.v("extName"), ps.prop(entry, "Name")),
            ps.assign(ps.v("extMeaning"), ps.prop(entry, "Meaning")),
            ps.assign(ps.v("extSource"), ps.prop(entry, "Source")),
          ],
        },
        {
          condition: ps.binary(ps.binary(extended, "-gt", ps.num(range.first)), "-and", ps.binary(extended, "-lt", ps.num(range.last))),
          body: [
            ps.comment("Inside the protocol range: no symbol of its own (see EXTENDED_PROTOCOL_RANGE)."),
            ps.assign(ps.v("extName"), ps.str(range.name)),
            ps.assign(ps.v("extMeaning"), ps.str(range.meaning)),
            ps.assign(ps.v("extSource"), ps.str("R2")),
          ],
        },
      ], [
        ps.assign(ps.v("extKnown"), ps.bool(false)),
        ps.assign(ps.v("extNeighbours"), neighbours("extendedTable", extended)),
      ]),
      ps.assign(ps.v("errorInfo"), find("errorInfoTable", extended)),
    ]),
  ];
}

function resultObject(command: CommandDefinition): Statement {
  const entry = ps.v("entry");
  const errorInfo = ps.v("errorInfo");
  const field = (e: Expression, member: string): Expression =>
    ps.subExpression([ps.ifThen(notNull(e), [ps.pipelineStatement(ps.prop(e, member))], [ps.pipelineStatement(ps.nil())])]);
  return ps.pipelineStatement(ps.psCustomObject({
    Code: value,
    Hex: hexOf(value),
    Name: field(entry, "Name"),
    Meaning: field(entry, "Meaning"),
    Known: notNull(entry),
    Source: field(entry, "Source"),
    Neighbours: ps.v("neighbours"),
    CredSspOutcome: ps.v("credSsp"),
    ExtendedCode: extended,
    ExtendedHex: ps.subExpression([ps.ifThen(notNull(extended), [ps.pipelineStatement(hexOf(extended))], [ps.pipelineStatement(ps.nil())])]),
    ExtendedName: ps.v("extName"),
    ExtendedMeaning: ps.v("extMeaning"),
    ExtendedKnown: ps.v("extKnown"),
    ExtendedSource: ps.v("extSource"),
    ExtendedNeighbours: ps.v("extNeighbours"),
    ErrorInfo: field(errorInfo, "Name"),
    ErrorInfoMeaning: field(errorInfo, "Meaning"),
    PlausibleCauses: ps.v("causes"),
    Notes: ps.v("notes"),
  }, command.outputType));
}

/** decode.ts isPlausibleCause: the cause lists the code, and the extended code when one is given. */
const plausibleCauses: Statement = ps.assign(ps.v("causes"), ps.arrayLiteral([ps.paren(ps.pipeline(
  ps.v("causeTable"),
  ps.command("Where-Object", {
    FilterScript: filter(ps.binary(
      ps.binary(current("Disconnect"), "-contains", value),
      "-and",
      ps.binary(isNull(extended), "-or", ps.binary(current("Extended"), "-contains", extended)),
    )),
  }),
  ps.command("Select-Object", { Property: ps.strings(["Id", "Name", "Title", "Side"]) }),
))]));

const notes: Statement = ps.assign(ps.v("notes"), ps.arrayLiteral([ps.subExpression([
  ps.ifThen(ps.v("credSsp"), [ps.pipelineStatement(ps.str(CREDSSP_OUTCOME_NOTE))]),
  ps.ifThen(ps.binary(notNull(ps.v("errorInfo")), "-and", ps.binary(extended, "-ne", ps.num(0))), [
    ps.pipelineStatement(ps.str(ERRINFO_MIRROR_NOTE)),
  ]),
  ps.ifThen(notNull(extended), [ps.pipelineStatement(ps.str(NOT_WIN32_NOTE))]),
])]));

export function buildResolveErrorCodeFunction(command: CommandDefinition, causes: readonly Cause[], docs: DocReader): FunctionDefinition {
  return ps.functionDefinition({
    ...publicFunctionHead(command, docs),
    begin: [
      findEntryFunction,
      neighboursFunction,
      ps.comment("Tables from src/decode/tables (sources cited there); codes from the catalog's causes."),
      ps.assign(ps.v("disconnectTable"), tableToIr(DISCONNECT_TABLE)),
      ps.assign(ps.v("extendedTable"), tableToIr(EXTENDED_TABLE)),
      ps.assign(ps.v("errorInfoTable"), tableToIr(ERRINFO_TABLE)),
      ps.assign(ps.v("causeTable"), causeCodesToIr(causes)),
      ps.comment("A bad extended code stops the command before any code is decoded."),
      ps.assign(extended, ps.command("ConvertRdpErrorCode", { Value: ps.v("ExtendedCode"), ParameterName: ps.str("ExtendedCode") })),
      ...extendedStatements(),
    ],
    process: [
      ps.assign(value, ps.command("ConvertRdpErrorCode", { Value: ps.v("Code"), ParameterName: ps.str("Code") })),
      ps.assign(ps.v("entry"), find("disconnectTable", value)),
      ps.assign(ps.v("neighbours"), ps.arrayLiteral([])),
      ps.ifThen(isNull(ps.v("entry")), [ps.assign(ps.v("neighbours"), neighbours("disconnectTable", value))]),
      ps.comment("SSL_ERR_* codes end in 0x07 (CREDSSP_OUTCOME_NOTE in src/decode/decode.ts)."),
      ps.assign(ps.v("credSsp"), ps.binary(ps.binary(value, "%", ps.num(256)), "-eq", ps.num(7))),
      plausibleCauses,
      notes,
      resultObject(command),
    ],
  });
}

export const resolveRdpErrorCodeCommand: PublicCommand = {
  definition: resolveRdpErrorCode,
  build: (causes, docs) => buildResolveErrorCodeFunction(resolveRdpErrorCode, causes, docs),
};
