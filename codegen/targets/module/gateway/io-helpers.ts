/**
 * The module's I/O helpers for Test-RdGateway: error text, the RDG_OUT_DATA exchange over the SslStream and the
 * certificate description. Twins of exchange() and describeCertificate() in src/probe/gateway (protocol-probe.md
 * section 8; MS-TSGU HTTP transport).
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition } from "../../../../src/ir/index.js";
import { MAX_HEAD_BYTES } from "../../../../src/probe/gateway/judge.js";
import { certificateIdentity } from "../probe-certificate-fields.js";
import { CRLF, str, v } from "./gateway-data.js";

/** A 4 KB read buffer; MAX_HEAD_BYTES / 4 KB + 1 reads bound the loop even when every read returns one byte less. */
const READ_BUFFER_BYTES = 4096;
const MAX_READS = 256;

/** String.IndexOf(string) compares culture-sensitively (and under ICU may skip CR/LF); the protocol needs bytes. */
export const ORDINAL = ps.staticProp("System.StringComparison", "Ordinal");

const baseException = (): Expression => ps.call(ps.prop(v("ErrorRecord"), "Exception"), "GetBaseException");

/**
 * `FormatRdGatewayError -ErrorRecord`: the SocketErrorCode name for socket errors (TimedOut, ConnectionRefused,
 * ConnectionReset), else the innermost message. Method calls wrap .NET exceptions in MethodInvocationException, so
 * the innermost exception is the one that names the cause.
 */
export const formatErrorFunction: FunctionDefinition = ps.functionDefinition({
  name: "FormatRdGatewayError",
  parameters: [ps.parameter("ErrorRecord", { type: "System.Management.Automation.ErrorRecord" })],
  end: [
    ps.assign(v("base"), baseException()),
    ps.ifThen(ps.binary(v("base"), "-is", ps.typeLiteral("System.Net.Sockets.SocketException")), [
      ps.returnStatement(ps.cast("string", ps.prop(v("base"), "SocketErrorCode"))),
    ]),
    ps.pipelineStatement(ps.prop(v("base"), "Message")),
  ],
});

const answer = (head: Expression, failure: Expression): Expression => ps.psCustomObject({
  Head: head, Failure: failure, Received: v("received"), ErrorText: v("errorText"),
});

/**
 * `InvokeRdGatewayExchange -Stream -Bytes -TimeoutMs`: writes the request and reads until the head is complete
 * (an empty line), the peer closes, TimeoutMs passes, or MAX_HEAD_BYTES arrive. Latin-1 keeps every byte as one
 * char, as the Node probe does. Returns Head, or Failure (Reset, Closed, Timeout, TooLarge) with what was received.
 */
export const exchangeFunction: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdGatewayExchange",
  parameters: [
    ps.parameter("Stream", { type: "System.IO.Stream" }), ps.parameter("Bytes", { type: "byte[]" }), ps.parameter("TimeoutMs", { type: "int" }),
  ],
  end: [
    ps.assign(v("latin1"), ps.staticCall("System.Text.Encoding", "GetEncoding", ps.num(28591))),
    ps.assign(v("buffer"), ps.command("New-Object", { TypeName: str("byte[]"), ArgumentList: ps.num(READ_BUFFER_BYTES) })),
    ps.assign(v("received"), str("")),
    ps.assign(v("errorText"), ps.nil()),
    ps.assign(v("failure"), str("TooLarge")),
    ps.assign(v("watch"), ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    ps.tryStatement([
      ps.pipelineStatement(ps.call(v("Stream"), "Write", v("Bytes"), ps.num(0), ps.prop(v("Bytes"), "Length"))),
      ps.pipelineStatement(ps.call(v("Stream"), "Flush")),
      ps.comment("IR has no while loop; a bounded foreach over a range keeps the read loop finite by construction."),
      ps.foreachStatement("attempt", ps.staticCall("System.Linq.Enumerable", "Range", ps.num(0), ps.num(MAX_READS)), [
        ps.assign(v("remaining"), ps.binary(v("TimeoutMs"), "-", ps.prop(v("watch"), "ElapsedMilliseconds"))),
        ps.ifThen(ps.binary(v("remaining"), "-le", ps.num(0)), [ps.assign(v("failure"), str("Timeout")), ps.breakStatement()]),
        ps.comment("ReadTimeout bounds each read; setting the remaining time keeps the whole answer within TimeoutMs."),
        ps.assign(ps.memberAccess(v("Stream"), "ReadTimeout"), ps.cast("int", v("remaining"))),
        ps.assign(v("count"), ps.call(v("Stream"), "Read", v("buffer"), ps.num(0), ps.prop(v("buffer"), "Length"))),
        ps.ifThen(ps.binary(v("count"), "-eq", ps.num(0)), [ps.assign(v("failure"), str("Closed")), ps.breakStatement()]),
        ps.assign(v("received"), ps.call(v("latin1"), "GetString", v("buffer"), ps.num(0), v("count")), { operator: "+=" }),
        ps.assign(v("headEnd"), ps.call(v("received"), "IndexOf", ps.binary(CRLF, "+", CRLF), ORDINAL)),
        ps.ifThen(ps.binary(v("headEnd"), "-ge", ps.num(0)), [
          ps.returnStatement(answer(ps.call(v("received"), "Substring", ps.num(0), v("headEnd")), ps.nil())),
        ]),
        ps.ifThen(ps.binary(ps.prop(v("received"), "Length"), "-gt", ps.num(MAX_HEAD_BYTES)), [
          ps.assign(v("failure"), str("TooLarge")), ps.breakStatement(),
        ]),
      ]),
    ], [{
      body: [
        ps.assign(v("errorText"), ps.command("FormatRdGatewayError", { ErrorRecord: v("_") })),
        ps.ifStatement([
          { condition: ps.binary(v("errorText"), "-eq", str("TimedOut")), body: [ps.assign(v("failure"), str("Timeout"))] },
          { condition: ps.binary(v("errorText"), "-eq", str("ConnectionReset")), body: [ps.assign(v("failure"), str("Reset"))] },
        ], [ps.assign(v("failure"), str("Closed"))]),
      ],
    }]),
    ps.pipelineStatement(answer(ps.nil(), v("failure"))),
  ],
});

const presented = v("Certificate");

/** `DescribeRdGatewayCertificate -Certificate -ChainTrusted -NameMatches`: the GatewayCertificate shape. */
export const describeCertificateFunction: FunctionDefinition = ps.functionDefinition({
  name: "DescribeRdGatewayCertificate",
  parameters: [
    ps.parameter("Certificate", { type: "System.Security.Cryptography.X509Certificates.X509Certificate2" }),
    ps.parameter("ChainTrusted", { type: "bool" }), ps.parameter("NameMatches", { type: "bool" }),
  ],
  end: [
    ps.assign(v("now"), ps.staticProp("System.DateTime", "UtcNow")),
    ps.assign(v("notAfter"), ps.call(ps.prop(presented, "NotAfter"), "ToUniversalTime")),
    ps.pipelineStatement(ps.psCustomObject({
      ...certificateIdentity(presented),
      IsExpired: ps.binary(v("now"), "-gt", v("notAfter")),
      ChainTrusted: v("ChainTrusted"),
      NameMatches: v("NameMatches"),
      DaysLeft: ps.cast("int", ps.staticCall("System.Math", "Floor", ps.prop(ps.paren(ps.pipeline(ps.binary(v("notAfter"), "-", v("now")))), "TotalDays"))),
    })),
  ],
});

