/**
 * `GetRdpAcceptedProtocols`: -Enumerate. Each offer of src/probe/enumerate.ts ENUMERATION_OFFERS on its own
 * connection, no TLS, one after the other (xrdp's listen backlog is 2, protocol-probe.md pitfall P3). An offer
 * counts only when the server selects exactly that protocol and does not disconnect within the linger time
 * (s4 and pitfall P7: nmap-style enumeration counts any RDP_NEG_RSP and reports CredSSP on xrdp, which answers
 * CredSSP with SSL). Answers gives one line per offer under the Node probe's evidence keys ("Enumeration.<label>").
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { PROTOCOL_FLAGS } from "../../../../src/probe/endpoint-result.js";
import { ENUMERATION_LINGER_MS, ENUMERATION_OFFERS } from "../../../../src/probe/enumerate.js";
import { and, concat, eq, isNull, set } from "./ir-sugar.js";
import { openTcp, usingTcp } from "./transport-functions.js";

const v = ps.v;
const offer = v("offer");
const confirm = ps.prop(v("exchange"), "Confirm");
const kindIs = (kind: string): Expression => eq(ps.prop(confirm, "Kind"), ps.str(kind));

/** The one-line answer of an offer, as src/probe/enumerate.ts describeExchange words it. */
const describe: Statement[] = [
  ps.ifStatement([
    { condition: kindIs("NegotiationResponse"), body: [set("answer", concat(ps.str("selected "), ps.prop(confirm, "SelectedProtocol")))] },
    { condition: kindIs("NegotiationFailure"), body: [set("answer", concat(ps.str("failure "), ps.prop(confirm, "NegotiationFailure")))] },
    { condition: kindIs("LegacyConfirm"), body: [set("answer", ps.str("confirm without negotiation data"))] },
    { condition: kindIs("McsDisconnect"), body: [set("answer", concat(ps.str("MCS disconnect ("), ps.prop(confirm, "DisconnectReason"), ps.str(")")))] },
    { condition: kindIs("NotTpkt"), body: [set("answer", concat(ps.str("not RDP ("), ps.prop(confirm, "Sniffed"), ps.str(")")))] },
    { condition: kindIs("Truncated"), body: [set("answer", ps.str("no answer"))] },
  ], [set("answer", ps.str("invalid answer"))]),
  ps.ifThen(eq(ps.prop(v("exchange"), "After"), ps.str("Data")), [set("answer", concat(v("answer"), ps.str(", then more data")))]),
  ps.ifThen(eq(ps.prop(v("exchange"), "After"), ps.str("Closed")), [set("answer", concat(v("answer"), ps.str(", then closed")))]),
];

export const getRdpAcceptedProtocols: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpAcceptedProtocols",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ps.parameter("Address", { type: "System.Net.IPAddress", mandatory: true }),
    ps.parameter("Port", { type: "int", mandatory: true }),
    ps.parameter("TimeoutMs", { type: "int", mandatory: true }),
  ],
  end: [
    set("offers", ps.arrayLiteral(ENUMERATION_OFFERS.map((o) => ps.psCustomObject({
      Label: ps.str(o.label),
      Requested: o.requested === null ? ps.nil() : ps.hex(o.requested),
      Protocol: ps.str(o.protocol),
      Expected: ps.hex(PROTOCOL_FLAGS[o.protocol]),
    })))),
    set("accepted", ps.arrayLiteral([])),
    set("answers", ps.hashtable([], { ordered: true })),
    set("linger", ps.staticCall("Math", "Min", ps.num(ENUMERATION_LINGER_MS), v("TimeoutMs"))),
    ps.foreachStatement("offer", v("offers"), [
      set("key", concat(ps.str("Enumeration."), ps.prop(offer, "Label"))),
      openTcp(),
      ps.ifThen(isNull(ps.prop(v("tcp"), "Client")), [
        ps.assign(ps.indexExpression(v("answers"), v("key")), concat(ps.str("no connection: "), ps.prop(v("tcp"), "ErrorCode"))),
        ps.continueStatement(),
      ]),
      ps.ifThen(
        isNull(ps.prop(offer, "Requested")),
        [set("request", ps.cast("byte[]", ps.paren(ps.command("NewRdpConnectionRequest", { Legacy: true }))))],
        [set("request", ps.cast("byte[]", ps.paren(ps.command("NewRdpConnectionRequest", { RequestedProtocols: ps.prop(offer, "Requested") }))))],
      ),
      usingTcp([
        set("exchange", ps.command("InvokeRdpX224Exchange", { Client: ps.prop(v("tcp"), "Client"), Request: v("request"), TimeoutMs: v("TimeoutMs"), LingerMs: v("linger") })),
      ]),
      ...describe,
      ps.assign(ps.indexExpression(v("answers"), v("key")), v("answer")),
      set("quiet", isNull(ps.prop(v("exchange"), "After"))),
      ps.ifThen(
        and(
          v("quiet"),
          ps.paren(ps.pipeline(ps.chain("-or", [
            and(isNull(ps.prop(offer, "Requested")), kindIs("LegacyConfirm")),
            and(kindIs("NegotiationResponse"), eq(ps.prop(confirm, "SelectedProtocolValue"), ps.prop(offer, "Expected"))),
          ]))),
          ps.binary(ps.prop(offer, "Protocol"), "-notin", v("accepted")),
        ),
        [set("accepted", ps.binary(v("accepted"), "+", ps.prop(offer, "Protocol")))],
      ),
    ]),
    ps.comment("In PROTOCOL_FLAGS order, each once (legacy and 0x00 both test RDP), as src/probe/enumerate.ts."),
    set("ordered", ps.arrayLiteral(Object.keys(PROTOCOL_FLAGS).map((name) => ps.str(name)))),
    set("accepted", ps.arrayLiteral([ps.paren(ps.pipeline(v("ordered"), ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([
      ps.pipelineStatement(ps.binary(v("_"), "-in", v("accepted"))),
    ]))])))])),
    ps.returnStatement(ps.psCustomObject({ Accepted: ps.cast("string[]", v("accepted")), Answers: v("answers") })),
  ],
});
