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
import { and, concat, eq, isNull, notNull, set } from "./ir-sugar.js";
import { connectionParameters, openTcp, usingTcp } from "./transport-functions.js";

const v = ps.v;
const offer = v("offer");
const confirm = ps.prop(v("exchange"), "Confirm");
const kindOf = (parse: Expression, kind: string): Expression => eq(ps.prop(parse, "Kind"), ps.str(kind));
const kindIs = (kind: string): Expression => kindOf(confirm, kind);

/** `GetRdpConfirmDescription -Confirm $parse`: one parse in words, as src/probe/enumerate.ts describeParse. */
export const getRdpConfirmDescription: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpConfirmDescription",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["string"],
  parameters: [ps.parameter("Confirm", { type: "object", mandatory: true })],
  end: [
    ps.ifStatement([
      { condition: kindOf(v("Confirm"), "NegotiationResponse"), body: [ps.returnStatement(concat(ps.str("selected "), ps.prop(v("Confirm"), "SelectedProtocol")))] },
      { condition: kindOf(v("Confirm"), "NegotiationFailure"), body: [ps.returnStatement(concat(ps.str("failure "), ps.prop(v("Confirm"), "NegotiationFailure")))] },
      { condition: kindOf(v("Confirm"), "LegacyConfirm"), body: [ps.returnStatement(ps.str("confirm without negotiation data"))] },
      { condition: kindOf(v("Confirm"), "McsDisconnect"), body: [ps.returnStatement(concat(ps.str("MCS disconnect ("), ps.prop(v("Confirm"), "DisconnectReason"), ps.str(")")))] },
      { condition: kindOf(v("Confirm"), "NotTpkt"), body: [ps.returnStatement(concat(ps.str("not RDP ("), ps.prop(v("Confirm"), "Sniffed"), ps.str(")")))] },
      { condition: kindOf(v("Confirm"), "Truncated"), body: [ps.returnStatement(ps.str("incomplete answer"))] },
    ]),
    ps.returnStatement(ps.str("invalid answer")),
  ],
});

const describeParse = (parse: Expression, target: string): Statement => set(target, ps.command("GetRdpConfirmDescription", { Confirm: parse }));

/**
 * The one-line answer of an offer, as describeExchange: what followed the confirm ("then MCS disconnect (...)"),
 * else ", then closed" unless the answer itself ended the talk, and for no answer how the wait ended.
 */
const describe: Statement[] = [
  describeParse(confirm, "answer"),
  ps.ifThen(and(kindIs("Truncated"), eq(ps.prop(ps.prop(v("exchange"), "Bytes"), "Length"), ps.num(0))), [set("answer", ps.str("no answer"))]),
  ps.ifThen(notNull(ps.prop(v("exchange"), "AfterConfirm")), [
    describeParse(ps.prop(v("exchange"), "AfterConfirm"), "tail"),
    set("answer", concat(v("answer"), ps.str(", then "), v("tail"))),
  ], [
    ps.ifThen(and(eq(ps.prop(v("exchange"), "After"), ps.str("Closed")), ps.binary(ps.prop(confirm, "Kind"), "-notin", ps.arrayLiteral([ps.str("Truncated"), ps.str("McsDisconnect")]))), [
      set("answer", concat(v("answer"), ps.str(", then closed"))),
    ]),
  ]),
  ps.ifThen(and(kindIs("Truncated"), ps.binary(ps.prop(v("exchange"), "End"), "-ne", ps.str("Answer"))), [
    set("answer", concat(v("answer"), ps.str(" ("), ps.call(ps.prop(v("exchange"), "End"), "ToLower"), ps.str(")"))),
  ]),
];

export const getRdpAcceptedProtocols: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpAcceptedProtocols",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ...connectionParameters(),
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
