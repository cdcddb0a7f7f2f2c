/**
 * `Test-RdGateway`: the module's twin of `rdp-doctor gateway` (src/probe/gateway). Its private helpers are defined in
 * its begin block, so the function is self-contained; the result object has the properties of GatewayResult in
 * GATEWAY_RESULT_PROPERTIES order (protocol-probe.md section 8; MS-TSGU HTTP transport).
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import type { CommandDefinition } from "../../../../src/commands/command.js";
import { testRdGateway } from "../../../../src/commands/test-rd-gateway.js";
import { GATEWAY_RESULT_PROPERTIES, GATEWAY_TIMING_PROPERTIES, type GatewayResult } from "../../../../src/probe/gateway-result.js";
import type { DocReader } from "../../../docs/jsdoc.js";
import { publicFunctionHead } from "../public-function-head.js";
import type { PublicCommand } from "../public-commands.js";
import { ordered, requestLinesIr, str, v } from "./gateway-data.js";
import { describeCertificateFunction, exchangeFunction, formatErrorFunction } from "./io-helpers.js";
import { convertHeadFunction, newFindingFunction, testAnswerFunction, testCertificateFunction, testIncompleteFunction } from "./judge-helpers.js";
import { probeFunction } from "./probe-helper.js";

/** Every private helper, in definition order (each is defined before anything calls it). */
export const GATEWAY_HELPERS: readonly FunctionDefinition[] = [
  newFindingFunction, formatErrorFunction, convertHeadFunction, testAnswerFunction, testIncompleteFunction,
  describeCertificateFunction, testCertificateFunction, exchangeFunction, probeFunction,
];

const state = ps.v("state");
const fromState = (member: string): Expression => ps.prop(state, member);
const withStatus = (status: string): Expression => ps.binary(
  ps.prop(ps.arrayLiteral([ps.paren(ps.pipeline(
    fromState("Findings"),
    ps.command("Where-Object", { FilterScript: ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.prop(ps.v("_"), "Status"), "-eq", str(status)))]) }),
  ))]), "Count"),
  "-gt", ps.num(0),
);

/** The result object; a Record over GatewayResult keys so a new property cannot be forgotten here. */
function resultObject(command: CommandDefinition): Statement {
  const values: Record<keyof GatewayResult, Expression> = {
    ComputerName: v("ComputerName"),
    Port: v("Port"),
    Reachable: fromState("Reachable"),
    Stage: fromState("Stage"),
    TlsVersion: fromState("TlsVersion"),
    Certificate: fromState("Certificate"),
    HttpStatus: fromState("HttpStatus"),
    AuthSchemes: ps.arrayLiteral([fromState("AuthSchemes")]),
    Findings: ps.arrayLiteral([fromState("Findings")]),
    Verdict: v("verdict"),
    TimingsMs: ps.cast("pscustomobject", fromState("Timings")),
  };
  return ps.pipelineStatement(ps.psCustomObject(GATEWAY_RESULT_PROPERTIES.map((key) => ({ key, value: values[key] })), command.outputType));
}

export function buildTestRdGatewayFunction(command: CommandDefinition, docs: DocReader): FunctionDefinition {
  return ps.functionDefinition({
    ...publicFunctionHead(command, docs),
    begin: [
      ...GATEWAY_HELPERS,
      ps.comment("The request template from src/probe/gateway/request.ts: {0} host, {1} and {2} GUIDs, {{ }} literal braces."),
      ps.assign(v("requestLines"), requestLinesIr()),
    ],
    process: [
      ps.assign(v("total"), ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
      ps.assign(state, ps.hashtable({
        Stage: str("Dns"), Reachable: ps.bool(false), TlsVersion: ps.nil(), Certificate: ps.nil(), HttpStatus: ps.nil(),
        AuthSchemes: ps.arrayLiteral([]), Findings: ps.arrayLiteral([]),
        Timings: ordered(Object.fromEntries(GATEWAY_TIMING_PROPERTIES.map((k) => [k, k === "Total" ? ps.num(0) : ps.nil()]))),
      })),
      ps.comment("Out-Null: only the result object below may reach the pipeline."),
      ps.pipelineStatement(ps.pipeline(
        ps.command("InvokeRdGatewayProbe", {
          State: state, ComputerName: v("ComputerName"), Port: v("Port"), TimeoutMs: v("TimeoutMs"), RequestLines: v("requestLines"),
        }),
        ps.command("Out-Null"),
      )),
      ps.assign(ps.memberAccess(fromState("Timings"), "Total"), ps.prop(v("total"), "ElapsedMilliseconds")),
      ps.comment("The worst finding decides, as probeVerdict() in src/probe/probe-finding-table.ts."),
      ps.assign(v("verdict"), str("Healthy")),
      ps.ifThen(withStatus("Warn"), [ps.assign(v("verdict"), str("Warning"))]),
      ps.ifThen(withStatus("Fail"), [ps.assign(v("verdict"), str("Failed"))]),
      resultObject(command),
    ],
  });
}

export const testRdGatewayCommand: PublicCommand = {
  definition: testRdGateway,
  build: (_causes, docs) => buildTestRdGatewayFunction(testRdGateway, docs),
};
