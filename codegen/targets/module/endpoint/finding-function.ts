/**
 * `NewRdpEndpointFinding`: one RdpDoctor.Finding of the endpoint probe, from the P-table in
 * src/probe/endpoint-findings.ts (emitted here as data, so the module and the Node probe give the same Id, Name,
 * Title, Side, Status, Reason and Fix). Only Evidence is built at run time, by the caller.
 */
import { ps } from "../../../../src/ir/index.js";
import type { FunctionDefinition } from "../../../../src/ir/index.js";
import { ENDPOINT_FINDING_SOURCES, ENDPOINT_FINDINGS } from "../../../../src/probe/endpoint-findings.js";
import { set } from "./ir-sugar.js";

const definition = ps.v("definition");
const field = (name: string) => ps.prop(definition, name);

export const newRdpEndpointFinding: FunctionDefinition = ps.functionDefinition({
  name: "NewRdpEndpointFinding",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.Finding"],
  parameters: [
    ps.parameter("Id", { type: "string", mandatory: true }),
    ps.parameter("Evidence", { type: "object" }),
  ],
  end: [
    set("definitions", ps.hashtable(ENDPOINT_FINDINGS.map((f) => ({
      key: f.Id,
      value: ps.psCustomObject({
        Name: ps.str(f.Name), Title: ps.str(f.Title), Side: ps.str(f.Side), Status: ps.str(f.Status),
        Confidence: ps.str(f.Confidence), Reason: ps.str(f.Reason), Fix: ps.strings(f.Fix),
      }),
    })))),
    set("definition", ps.indexExpression(ps.v("definitions"), ps.v("Id"))),
    ps.pipelineStatement(ps.psCustomObject({
      Id: ps.v("Id"),
      Name: field("Name"),
      Title: field("Title"),
      Side: field("Side"),
      Status: field("Status"),
      Confidence: field("Confidence"),
      Reason: field("Reason"),
      Evidence: ps.v("Evidence"),
      PolicyManaged: ps.bool(false),
      PolicyNote: ps.nil(),
      MatchesErrorCode: ps.nil(),
      Fix: field("Fix"),
      Undo: ps.str(""),
      Risk: ps.arrayLiteral([]),
      Sources: ps.strings(ENDPOINT_FINDING_SOURCES),
    }, "RdpDoctor.Finding")),
  ],
});
