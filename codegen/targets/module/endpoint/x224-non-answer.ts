/**
 * The X.224 stage's answers that are not RDP, as src/probe/classify-confirm.ts classifies them (protocol-probe.md
 * s3, s4 step 3): P07 names the service that answered (Port.Sniffed, Port.Service, first bytes), and a close, reset
 * or TLS record instead of a confirm runs InvokeRdpDirectTlsCheck on a fresh connection. A completed direct
 * handshake means a TLS-only service (RD Gateway, HTTPS, TLS proxy, s8): P07 with Port.Sniffed TLS. Otherwise a
 * TLS record still gives P07, and a close or reset stays P06 with DirectTls.Error.
 * Uses $exchange, $kind and $address of InvokeRdpProbeStages.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, Statement } from "../../../../src/ir/index.js";
import { SERVICE_DESCRIPTION } from "../../../../src/probe/probe-findings.js";
import { and, set } from "./ir-sugar.js";
import { addFinding, answerHex, exchange, kindIs, v } from "./stage-sugar.js";

const bytes = ps.prop(exchange, "Bytes");

/** Node's bytesPreview: 32 bytes of hex, 48 bytes as text with everything outside 0x20..0x7E shown as a dot. */
const firstBytesText = (): Expression => ps.unary("-join", ps.paren(ps.pipeline(
  bytes,
  ps.command("Select-Object", { First: ps.num(48) }),
  ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.ifThen(
    and(ps.binary(v("_"), "-ge", ps.hex(0x20)), ps.binary(v("_"), "-le", ps.hex(0x7e))),
    [ps.pipelineStatement(ps.cast("string", ps.cast("char", v("_"))))],
    [ps.pipelineStatement(ps.str("."))],
  )]))]),
)));

/**
 * `$services` (the texts of src/probe/probe-findings.ts SERVICE_DESCRIPTION) and the preview of the first bytes
 * that P07 reports, computed once before the X.224 branches.
 */
export const previewStatements = (): Statement[] => [
  set("checkDirect", ps.bool(false)),
  set("services", ps.hashtable(Object.entries(SERVICE_DESCRIPTION).map(([key, text]) => ({ key, value: ps.str(text) })))),
  set("firstHex", answerHex(bytes, 32)),
  set("firstText", firstBytesText()),
];

/** P07 with the evidence keys of classify-confirm.ts wrongProtocol; needs previewStatements. */
export const wrongProtocol = (sniffed: Expression, extra: Record<string, Expression> = {}): Statement => addFinding("P07", {
  "Port.Sniffed": sniffed,
  "Port.Service": ps.indexExpression(v("services"), sniffed),
  "X224.FirstBytesHex": v("firstHex"),
  "X224.FirstBytesText": v("firstText"),
  ...extra,
});

/** classify-confirm.ts classifyNonAnswer, when a branch set $checkDirect: the direct-TLS check, then P07 or P06. */
export const nonAnswer: Statement = ps.ifThen(v("checkDirect"), [
  set("direct", ps.command("InvokeRdpDirectTlsCheck", { Address: v("address"), Port: v("Port"), TargetName: v("ComputerName"), TimeoutMs: v("TimeoutMs") })),
  ps.ifStatement([
    {
      condition: ps.prop(v("direct"), "Ok"),
      body: [wrongProtocol(ps.str("TLS"), { "DirectTls.Version": ps.prop(v("direct"), "TlsVersion"), "DirectTls.Subject": ps.prop(v("direct"), "Subject") })],
    },
    { condition: kindIs("NotTpkt"), body: [wrongProtocol(ps.str("TLS"), { "DirectTls.Error": ps.prop(v("direct"), "Error") })] },
  ], [addFinding("P06", { "X224.End": ps.prop(exchange, "End"), "X224.Error": ps.prop(exchange, "Error"), "DirectTls.Error": ps.prop(v("direct"), "Error") })]),
]);
