/**
 * `Test-RdpEndpoint`: probes many endpoints in parallel. Windows PowerShell 5.1 has no ForEach-Object -Parallel
 * (platform-limits.md), so the function runs InvokeRdpEndpointProbe in a RunspacePool of 1..ThrottleLimit
 * runspaces: begin opens the pool, process queues one probe per name, end collects the results in input order and
 * disposes every PowerShell instance and the pool in a finally block. The probe's text is loaded into the pool's
 * InitialSessionState, because a runspace sees none of the module's functions.
 *
 * Every wait is bounded: each network wait inside the probe by -TimeoutMs, and the wait for a probe's result by
 * the sum of its stages' limits (plus a margin), after which the probe is stopped and an error is written.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition } from "../../../../src/ir/index.js";
import type { CommandDefinition } from "../../../../src/commands/command.js";
import { testRdpEndpoint } from "../../../../src/commands/test-rdp-endpoint.js";
import { ENUMERATION_OFFERS } from "../../../../src/probe/enumerate.js";
import type { DocReader } from "../../../docs/jsdoc.js";
import { publicFunctionHead } from "../public-function-head.js";
import type { PublicCommand } from "../public-commands.js";
import { RUNSPACE_FUNCTIONS } from "./probe-function.js";
import { concat, discard, isNull, member, notNull, set } from "./ir-sugar.js";

const v = ps.v;
const job = v("job");
const RUNSPACES = "System.Management.Automation.Runspaces";

/**
 * Network waits of one probe: DNS, connect, up to 8 X.224 reads (bounded together by one -TimeoutMs) and a TLS
 * handshake of a few reads; each enumeration offer adds a connect and an exchange.
 */
const PROBE_WAITS = 6;
const WAITS_PER_OFFER = 2;
const MARGIN_MS = 2000;

function budget(): Expression {
  const waits = ps.binary(ps.num(PROBE_WAITS), "+", ps.binary(ps.cast("int", ps.cast("bool", v("Enumerate"))), "*", ps.num(WAITS_PER_OFFER * ENUMERATION_OFFERS.length)));
  return ps.binary(ps.binary(v("TimeoutMs"), "*", waits), "+", ps.num(MARGIN_MS));
}

export function buildTestRdpEndpointFunction(command: CommandDefinition, docs: DocReader): FunctionDefinition {
  const shell = ps.prop(job, "Shell");
  return ps.functionDefinition({
    ...publicFunctionHead(command, docs),
    begin: [
      set("sessionState", ps.staticCall(`${RUNSPACES}.InitialSessionState`, "CreateDefault")),
      ps.comment("The pool's runspaces have none of the module's functions: the probe and its helpers go by definition."),
      ps.foreachStatement("functionName", ps.strings(RUNSPACE_FUNCTIONS.map((f) => f.name)), [
        set("definition", ps.prop(ps.paren(ps.command("Get-Command", { Name: v("functionName"), CommandType: ps.str("Function") })), "Definition")),
        ps.pipelineStatement(ps.call(ps.prop(v("sessionState"), "Commands"), "Add",
          ps.staticCall(`${RUNSPACES}.SessionStateFunctionEntry`, "new", v("functionName"), v("definition")))),
      ]),
      set("pool", ps.staticCall("runspacefactory", "CreateRunspacePool", ps.num(1), v("ThrottleLimit"), v("sessionState"), v("Host"))),
      ps.pipelineStatement(ps.call(v("pool"), "Open")),
      set("jobs", ps.staticCall("System.Collections.Generic.List[object]", "new")),
      ps.comment("Read before any probe runs, so a bad -SnapshotPath stops the command with nothing sent."),
      set("wireSnapshot", ps.nil()),
      set("localListener", ps.nil()),
      ps.ifThen(ps.call(v("PSBoundParameters"), "ContainsKey", ps.str("SnapshotPath")), [
        set("wireSnapshot", ps.command("ReadRdpSnapshotFile", { Path: v("SnapshotPath") })),
      ]),
    ],
    process: [
      ps.foreachStatement("name", v("ComputerName"), [
        set("shell", ps.staticCall("powershell", "Create")),
        ps.assign(member(v("shell"), "RunspacePool"), v("pool")),
        discard(ps.call(ps.call(ps.call(ps.call(ps.call(
          ps.call(v("shell"), "AddCommand", ps.str("InvokeRdpEndpointProbe")),
          "AddParameter", ps.str("ComputerName"), v("name")),
          "AddParameter", ps.str("Port"), v("Port")),
          "AddParameter", ps.str("TimeoutMs"), v("TimeoutMs")),
          "AddParameter", ps.str("Enumerate"), ps.cast("bool", v("Enumerate"))),
          "AddParameter", ps.str("ErrorAction"), ps.str("Continue"))),
        ps.pipelineStatement(ps.call(v("jobs"), "Add", ps.psCustomObject({
          ComputerName: v("name"), Shell: v("shell"), Handle: ps.call(v("shell"), "BeginInvoke"), TimedOut: ps.bool(false),
        }))),
      ]),
    ],
    end: [
      set("abandoned", ps.bool(false)),
      ps.tryStatement([
        set("budgetMs", budget()),
        ps.foreachStatement("job", v("jobs"), [
          ps.ifThen(
            ps.call(ps.prop(job, "Handle", "AsyncWaitHandle"), "WaitOne", v("budgetMs")),
            [
              ps.foreachStatement("result", ps.call(shell, "EndInvoke", ps.prop(job, "Handle")), [
                ps.comment("Without -SnapshotPath, a probe of this computer compares with its own binding, read once."),
                set("reference", v("wireSnapshot")),
                ps.ifThen(ps.binary(isNull(v("reference")), "-and", ps.paren(ps.command("TestRdpLocalTarget", { Name: ps.prop(v("result"), "ComputerName") }))), [
                  ps.ifThen(isNull(v("localListener")), [set("localListener", ps.command("GetRdpLocalListenerCertificate"))]),
                  set("reference", v("localListener")),
                ]),
                ps.ifThen(notNull(v("reference")), [
                  set("mismatch", ps.command("CompareRdpWireCertificate", { Endpoint: v("result"), Snapshot: v("reference") })),
                  ps.ifThen(notNull(v("mismatch")), [
                    ps.assign(member(v("result"), "Findings"), ps.binary(ps.arrayLiteral([ps.prop(v("result"), "Findings")]), "+", ps.arrayLiteral([v("mismatch")]))),
                    ps.comment("P21 is a Fail, so the endpoint is Failed (probeVerdict in src/probe/probe-finding-table.ts)."),
                    ps.assign(member(v("result"), "Verdict"), ps.str("Failed")),
                  ]),
                ]),
                ps.pipelineStatement(v("result")),
              ]),
              ps.foreachStatement("record", ps.prop(shell, "Streams", "Error"), [
                ps.pipelineStatement(ps.command("Write-Warning", { Message: concat(ps.prop(job, "ComputerName"), ps.str(": "), ps.call(v("record"), "ToString")) })),
              ]),
            ],
            [
              ps.comment("BeginStop: a synchronous Stop could itself hang on a probe stuck in a socket call."),
              discard(ps.call(shell, "BeginStop", ps.nil(), ps.nil())),
              ps.assign(member(job, "TimedOut"), ps.bool(true)),
              set("abandoned", ps.bool(true)),
              ps.pipelineStatement(ps.command("Write-Error", {
                Message: ps.binary(ps.str("The probe of {0} did not finish within {1} ms."), "-f", ps.arrayLiteral([ps.prop(job, "ComputerName"), v("budgetMs")])),
                TargetObject: ps.prop(job, "ComputerName"),
                Category: ps.str("OperationTimeout"),
              })),
            ],
          ),
        ]),
      ], [], [
        ps.comment("Dispose and Close wait for running pipelines, so a probe that overran is left to BeginStop/BeginClose."),
        ps.foreachStatement("job", v("jobs"), [
          ps.ifThen(ps.unary("-not", ps.prop(job, "TimedOut")), [ps.pipelineStatement(ps.call(shell, "Dispose"))]),
        ]),
        ps.ifThen(
          v("abandoned"),
          [discard(ps.call(v("pool"), "BeginClose", ps.nil(), ps.nil()))],
          [ps.pipelineStatement(ps.call(v("pool"), "Close")), ps.pipelineStatement(ps.call(v("pool"), "Dispose"))],
        ),
      ]),
    ],
  });
}

export const testRdpEndpointCommand: PublicCommand = {
  definition: testRdpEndpoint,
  build: (_causes, docs) => buildTestRdpEndpointFunction(testRdpEndpoint, docs),
};
