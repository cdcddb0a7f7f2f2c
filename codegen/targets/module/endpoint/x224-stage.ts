/**
 * The X.224 stage of InvokeRdpProbeStages: sends mstsc's Connection Request and turns the answer into State and
 * P-findings exactly as src/probe/probe-endpoint.ts and classify-confirm.ts do (one branch per
 * ConvertFromRdpConnectionConfirm kind; a close, reset or TLS record runs the direct-TLS check, x224-non-answer.ts).
 * Sets $useTls when the server selected a protocol that continues with TLS on the same connection.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Statement } from "../../../../src/ir/index.js";
import { MSTSC_REQUESTED_PROTOCOLS, PROTOCOL_FLAGS } from "../../../../src/probe/endpoint-result.js";
import { NEG_FAILURE_CAUSES } from "../../../../src/probe/probe-findings.js";
import { and, eq, isNull, set } from "./ir-sugar.js";
import { failureMeaningsTable } from "./protocol-tables.js";
import { addFinding, confirm, exchange, hex, kindIs, setState, setTiming, v } from "./stage-sugar.js";
import { nonAnswer, previewStatements, wrongProtocol } from "./x224-non-answer.js";

/** The server must select one protocol the client offered (MS-RDPBCGR 2.2.1.2.1): 0 or a single bit of the offer. */
const OFFERED_SINGLE = [0, ...Object.values(PROTOCOL_FLAGS).filter((f) => f !== 0 && (MSTSC_REQUESTED_PROTOCOLS & f) === f)];

const responseBranch: Statement[] = [
  ps.ifThen(ps.chain("-or", [isNull(ps.prop(confirm, "SelectedProtocol")), ps.binary(ps.prop(confirm, "SelectedProtocolValue"), "-notin", ps.arrayLiteral(OFFERED_SINGLE.map(ps.num)))]), [
    addFinding("P10", {
      "X224.Detail": ps.binary(ps.str("selectedProtocol 0x{0:x} was not offered"), "-f", ps.prop(confirm, "SelectedProtocolValue")),
      "X224.AnswerHex": hex(),
    }),
    ps.returnStatement(),
  ]),
  setState("SelectedProtocol", ps.prop(confirm, "SelectedProtocol")),
  ps.ifThen(eq(ps.prop(confirm, "SelectedProtocol"), ps.str("RDP")), [
    addFinding("P11", { "X224.SelectedProtocol": ps.str("RDP"), "X224.LegacyConfirm": ps.bool(false) }),
    setState("Stage", ps.str("Done")),
    ps.returnStatement(),
  ]),
  ps.ifThen(eq(ps.prop(confirm, "SelectedProtocol"), ps.str("SSL")), [
    addFinding("P12", { "X224.SelectedProtocol": ps.str("SSL"), "X224.Offered": ps.str("SSL|HYBRID|HYBRID_EX") }),
  ]),
  set("useTls", ps.bool(true)),
];

export const x224Stage: Statement[] = [
  setState("Stage", ps.str("X224")),
  set("request", ps.cast("byte[]", ps.paren(ps.command("NewRdpConnectionRequest", { RequestedProtocols: ps.hex(MSTSC_REQUESTED_PROTOCOLS) })))),
  set("exchange", ps.command("InvokeRdpX224Exchange", { Client: ps.prop(v("tcp"), "Client"), Request: v("request"), TimeoutMs: v("TimeoutMs") })),
  setTiming("X224", ps.prop(exchange, "Ms")),
  set("confirm", ps.prop(exchange, "Confirm")),
  set("kind", ps.prop(confirm, "Kind")),
  setState("Kind", v("kind")),
  set("useTls", ps.bool(false)),
  ...previewStatements(),
  ps.ifStatement([
    {
      condition: kindIs("Truncated"),
      body: [ps.ifStatement([
        {
          condition: and(eq(ps.prop(exchange, "End"), ps.str("Timeout")), eq(ps.prop(ps.prop(exchange, "Bytes"), "Length"), ps.num(0))),
          body: [addFinding("P05", { "X224.TimeoutMs": v("TimeoutMs") })],
        },
        {
          condition: eq(ps.prop(exchange, "End"), ps.str("Timeout")),
          body: [addFinding("P10", {
            "X224.Detail": ps.binary(ps.str("only {0} of {1} bytes arrived"), "-f", ps.arrayLiteral([ps.prop(exchange, "Bytes", "Length"), ps.prop(confirm, "Need")])),
            "X224.AnswerHex": hex(),
          })],
        },
      ], [set("checkDirect", ps.bool(true))])],
    },
    {
      condition: kindIs("NotTpkt"),
      body: [ps.ifThen(eq(ps.prop(confirm, "Sniffed"), ps.str("TLS")), [set("checkDirect", ps.bool(true))], [wrongProtocol(ps.prop(confirm, "Sniffed"))])],
    },
    {
      condition: kindIs("NegotiationFailure"),
      body: [
        setState("NegotiationFailure", ps.prop(confirm, "NegotiationFailure")),
        set("meanings", failureMeaningsTable()),
        set("causes", ps.hashtable(Object.entries(NEG_FAILURE_CAUSES).map(([key, ids]) => ({ key, value: ps.strings(ids) })))),
        addFinding("P08", {
          "X224.NegotiationFailure": ps.prop(confirm, "NegotiationFailure"),
          "X224.FailureCode": ps.prop(confirm, "FailureCode"),
          "X224.FailureMeaning": ps.indexExpression(v("meanings"), ps.cast("string", ps.prop(confirm, "FailureCode"))),
          "Catalog.Causes": ps.arrayLiteral([ps.indexExpression(v("causes"), ps.prop(confirm, "NegotiationFailure"))]),
        }),
      ],
    },
    {
      condition: kindIs("McsDisconnect"),
      body: [addFinding("P09", { "X224.DisconnectReason": ps.prop(confirm, "DisconnectReason"), "X224.AnswerHex": hex() })],
    },
    {
      condition: kindIs("Unexpected"),
      body: [addFinding("P10", { "X224.Detail": ps.str("a TPKT that is neither a Connection Confirm nor a disconnect"), "X224.AnswerHex": hex() })],
    },
    {
      condition: kindIs("LegacyConfirm"),
      body: [
        setState("SelectedProtocol", ps.str("RDP")),
        addFinding("P11", { "X224.SelectedProtocol": ps.str("RDP"), "X224.LegacyConfirm": ps.bool(true) }),
        setState("Stage", ps.str("Done")),
      ],
    },
  ], responseBranch),
  nonAnswer,
];

