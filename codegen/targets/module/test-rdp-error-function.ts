/**
 * `Test-RdpError0x904`: runs every cause's collector and verdict, then ranks the findings worst first.
 */
import { ps } from "../../../src/ir/index.js";
import type { FunctionDefinition, Statement } from "../../../src/ir/index.js";
import type { Cause } from "../../../src/model/cause.js";
import { STATUS_RANK } from "../../../src/model/cause.js";
import type { CommandDefinition } from "../../../src/commands/command.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { helpFromDoc } from "../../docs/jsdoc.js";
import { evidenceFunctionName, resolveFunctionName } from "../cause-functions.js";

function findingFor(cause: Cause): Statement {
  return ps.pipelineStatement(ps.command(resolveFunctionName(cause), {
    Evidence: ps.paren(ps.command(evidenceFunctionName(cause), { EventDays: ps.v("EventDays") })),
    Now: ps.v("now"),
  }));
}

/** One line per cause in .DESCRIPTION, from each cause's own JSDoc summary. */
function catalogSummary(causes: readonly Cause[], docs: DocReader): string[] {
  return ["", "Causes checked:", ...causes.map((c) => `${c.id} (${c.side}): ${docs.read(c.sourceFile, c.exportName).summary}`)];
}

export function buildTestRdpErrorFunction(command: CommandDefinition, causes: readonly Cause[], docs: DocReader): FunctionDefinition {
  const doc = docs.read(command.sourceFile, command.exportName);
  const rank = ps.hashtable(STATUS_RANK.map((status, i) => ({ key: status, value: ps.num(i) })));
  const sortKey = ps.hashtable({ Expression: ps.scriptBlock([ps.pipelineStatement(ps.indexExpression(ps.v("statusRank"), ps.prop(ps.v("_"), "Status")))]) });
  return ps.functionDefinition({
    name: command.name,
    help: helpFromDoc(doc, command.parameters.map((p) => p.name), catalogSummary(causes, docs)),
    cmdletBinding: ps.cmdletBinding(),
    outputTypes: [command.outputType],
    parameters: command.parameters,
    end: [
      ps.assign(ps.v("now"), ps.command("Get-Date")),
      ps.comment("Worst first; ties keep catalog order through the stable sort on Id."),
      ps.assign(ps.v("statusRank"), rank),
      ps.assign(ps.v("findings"), ps.arrayLiteral([ps.subExpression(causes.map(findingFor))])),
      ps.assign(ps.v("ranked"), ps.arrayLiteral([ps.paren(ps.pipeline(
        ps.v("findings"),
        ps.command("Sort-Object", { Property: ps.arrayLiteral([sortKey, ps.str("Id")]) }),
      ))])),
      ps.pipelineStatement(ps.psCustomObject({
        ComputerName: ps.variable("COMPUTERNAME", "env"),
        CheckedAt: ps.call(ps.call(ps.v("now"), "ToUniversalTime"), "ToString", ps.str("o")),
        Findings: ps.v("ranked"),
      }, command.outputType)),
    ],
  });
}
