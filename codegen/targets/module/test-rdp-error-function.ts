/**
 * `Test-RdpError0x904`: gets one snapshot per host (live, from files, or through remoting), runs every cause's
 * verdict over it, and ranks the findings as src/model/analyze.ts does in Node.
 */
import { ps } from "../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../src/ir/index.js";
import type { Cause } from "../../../src/model/cause.js";
import { STATUS_RANK } from "../../../src/model/cause.js";
import { CONFIDENCE_RANK } from "../../../src/model/finding.js";
import type { CommandDefinition } from "../../../src/commands/command.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { publicFunctionHead } from "./public-function-head.js";
import { resolveFunctionName } from "../cause-functions.js";

const snapshotVar = ps.v("snapshot");

function findingFor(cause: Cause): Statement {
  return ps.pipelineStatement(ps.command(resolveFunctionName(cause), {
    Snapshot: snapshotVar,
    Now: ps.v("now"),
    ErrorCode: ps.v("code"),
    ExtendedErrorCode: ps.v("extended"),
  }));
}

/** One line per cause in .DESCRIPTION, from each cause's own JSDoc summary. */
function catalogSummary(causes: readonly Cause[], docs: DocReader): string[] {
  return ["", "Causes checked:", ...causes.map((c) => `${c.id} (${c.side}): ${docs.read(c.sourceFile, c.exportName).summary}`)];
}

const rankTable = (names: readonly string[]): Expression => ps.hashtable(names.map((key, i) => ({ key, value: ps.num(i) })));
const sortBy = (body: Expression): Expression => ps.hashtable({ Expression: ps.scriptBlock([ps.pipelineStatement(body)]) });
const current = (member: string): Expression => ps.prop(ps.v("_"), member);

/** The snapshots to analyze in this call, by parameter set. */
function snapshotsStatement(): Statement {
  const parameterSet = ps.prop(ps.v("PSCmdlet"), "ParameterSetName");
  return ps.assign(ps.v("snapshots"), ps.arrayLiteral([ps.subExpression([ps.ifStatement(
    [
      {
        condition: ps.eq(parameterSet, ps.str("Snapshot")),
        body: [ps.foreachStatement("file", ps.v("SnapshotPath"), [ps.pipelineStatement(ps.command("ReadRdpSnapshotFile", { Path: ps.v("file") }))])],
      },
      {
        condition: ps.eq(parameterSet, ps.str("Remote")),
        body: [ps.foreachStatement("name", ps.v("ComputerName"), [ps.pipelineStatement(ps.command("GetRdpRemoteSnapshot", { ComputerName: ps.v("name"), EventDays: ps.v("EventDays") }))])],
      },
    ],
    [ps.pipelineStatement(ps.command("Get-RdpDiagnosticSnapshot", { EventDays: ps.v("EventDays") }))],
  )])]));
}

export function buildTestRdpErrorFunction(command: CommandDefinition, causes: readonly Cause[], docs: DocReader): FunctionDefinition {
  const ranked = ps.arrayLiteral([ps.paren(ps.pipeline(
    ps.v("findings"),
    ps.command("Sort-Object", {
      Property: ps.arrayLiteral([
        sortBy(ps.indexExpression(ps.v("statusRank"), current("Status"))),
        // [string]$null is '', so one table covers true, no codes given, and false (analyze.ts codeMatchRank).
        sortBy(ps.indexExpression(ps.v("codeRank"), ps.cast("string", current("MatchesErrorCode")))),
        sortBy(ps.indexExpression(ps.v("confidenceRank"), current("Confidence"))),
        ps.str("Id"),
      ]),
    }),
  ))]);
  return ps.functionDefinition({
    ...publicFunctionHead(command, docs, catalogSummary(causes, docs)),
    begin: [
      ps.comment("Bad codes stop the command before anything is read."),
      ps.assign(ps.v("code"), ps.command("ConvertRdpErrorCode", { Value: ps.v("ErrorCode"), ParameterName: ps.str("ErrorCode") })),
      ps.assign(ps.v("extended"), ps.command("ConvertRdpErrorCode", { Value: ps.v("ExtendedErrorCode"), ParameterName: ps.str("ExtendedErrorCode") })),
      ps.assign(ps.v("statusRank"), rankTable(STATUS_RANK)),
      ps.assign(ps.v("confidenceRank"), rankTable(CONFIDENCE_RANK)),
      ps.assign(ps.v("codeRank"), ps.hashtable({ True: ps.num(0), "": ps.num(1), False: ps.num(2) })),
      ps.comment("The gateway is probed once; its findings join every host's ranking."),
      ps.assign(ps.v("gatewayFindings"), ps.arrayLiteral([ps.paren(ps.command("GetRdpGatewayFindings", { GatewayName: ps.v("GatewayName"), TimeoutMs: ps.v("ProbeTimeoutMs") }))])),
    ],
    process: [
      snapshotsStatement(),
      ps.foreachStatement("snapshot", ps.v("snapshots"), [
        ps.comment("Judged as of collection time, so an old snapshot reads the same on any day."),
        ps.assign(ps.v("now"), ps.cast("datetime", ps.prop(snapshotVar, "CollectedAt"))),
        ps.assign(ps.v("findings"), ps.arrayLiteral([ps.subExpression([
          ...causes.map(findingFor),
          ps.comment("What the wire shows (remote hosts only) and the gateway's findings rank with the causes."),
          ps.pipelineStatement(ps.command("GetRdpProbeFindings", { Snapshot: snapshotVar, TimeoutMs: ps.v("ProbeTimeoutMs") })),
          ps.pipelineStatement(ps.v("gatewayFindings")),
        ])])),
        ps.assign(ps.v("ranked"), ranked),
        ps.pipelineStatement(ps.psCustomObject({
          ComputerName: ps.prop(snapshotVar, "ComputerName"),
          SnapshotVersion: ps.prop(snapshotVar, "SchemaVersion"),
          CheckedAt: ps.call(ps.call(ps.v("now"), "ToUniversalTime"), "ToString", ps.str("o")),
          ErrorCode: ps.v("code"),
          ExtendedErrorCode: ps.v("extended"),
          Findings: ps.v("ranked"),
        }, command.outputType)),
      ]),
    ],
  });
}
