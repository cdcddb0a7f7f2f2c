/**
 * `InvokeRdGatewayProbe -State -ComputerName -Port -TimeoutMs -RequestLines`: the stages of Test-RdGateway, the
 * twin of probeGateway() in src/probe/gateway/probe-gateway.ts. It fills the $State hashtable and returns at the
 * first stage that fails, so the caller always builds one complete result object (protocol-probe.md section 8).
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { tlsVersionNamesTable } from "../probe-certificate-fields.js";
import { CRLF, append, finding, isNull, not, notNull, str, v } from "./gateway-data.js";

const state = (...members: string[]): Expression => ps.prop(v("State"), ...members);
const setState = (member: string, value: Expression | ReturnType<typeof ps.command>): Statement => ps.assign(ps.memberAccess(v("State"), member), value);
const lap = (stage: string): Statement[] => [
  ps.assign(ps.memberAccess(state("Timings"), stage), ps.prop(v("watch"), "ElapsedMilliseconds")),
  ps.pipelineStatement(ps.call(v("watch"), "Restart")),
];
const errorText = (): Expression => ps.paren(ps.command("FormatRdGatewayError", { ErrorRecord: v("_") }));
const addFinding = (call: ReturnType<typeof finding>): Statement => append(ps.memberAccess(v("State"), "Findings"), ps.paren(call));
const X509 = "System.Security.Cryptography.X509Certificates";

function dnsStage(): Statement[] {
  return [
    ps.tryStatement([ps.assign(v("addresses"), ps.staticCall("System.Net.Dns", "GetHostAddresses", v("ComputerName")))], [{
      body: [addFinding(finding("G01", { ComputerName: v("ComputerName"), Error: errorText() })), ps.returnStatement()],
    }]),
    ...lap("Dns"),
  ];
}

/** Every address in turn, as TcpClient.Connect(host) does; BeginConnect + WaitOne is the 5.1 way to bound a connect. */
function tcpStage(): Statement[] {
  const candidate = v("candidate");
  return [
    setState("Stage", str("Tcp")),
    ps.assign(v("client"), ps.nil()),
    ps.assign(v("lastError"), str("no address")),
    ps.foreachStatement("address", v("addresses"), [
      ps.assign(candidate, ps.command("New-Object", {
        TypeName: str("System.Net.Sockets.TcpClient"), ArgumentList: ps.prop(v("address"), "AddressFamily"),
      })),
      ps.assign(v("pending"), ps.call(candidate, "BeginConnect", v("address"), v("Port"), ps.nil(), ps.nil())),
      ps.ifThen(ps.call(ps.prop(v("pending"), "AsyncWaitHandle"), "WaitOne", v("TimeoutMs")), [
        ps.tryStatement([
          ps.pipelineStatement(ps.call(candidate, "EndConnect", v("pending"))),
          ps.assign(v("client"), candidate),
          ps.breakStatement(),
        ], [{ body: [ps.assign(v("lastError"), errorText()), ps.pipelineStatement(ps.call(candidate, "Close"))] }]),
      ], [ps.assign(v("lastError"), str("TimedOut")), ps.pipelineStatement(ps.call(candidate, "Close"))]),
    ]),
    ps.ifThen(isNull(v("client")), [
      addFinding(finding("G02", {
        Addresses: ps.arrayLiteral([ps.paren(ps.pipeline(v("addresses"), ps.command("ForEach-Object", { MemberName: str("IPAddressToString") })))]),
        Port: v("Port"), Error: v("lastError"),
      })),
      ps.returnStatement(),
    ]),
    setState("Reachable", ps.bool(true)),
    ...lap("Tcp"),
  ];
}

/**
 * Accept-all validation so the handshake completes and the certificate can be described; the callback only records
 * the policy errors (the name check). Chain trust comes from a separate X509Chain.Build below.
 */
function tlsStage(): Statement[] {
  const callback = ps.cast("System.Net.Security.RemoteCertificateValidationCallback", ps.scriptBlock([
    ps.assign(ps.memberAccess(v("tlsState"), "PolicyErrors"), v("policyErrors")),
    ps.returnStatement(ps.bool(true)),
  ], ["peer", "presented", "presentedChain", "policyErrors"]));
  return [
    setState("Stage", str("Tls")),
    ps.assign(v("tlsState"), ps.hashtable({ PolicyErrors: ps.staticProp("System.Net.Security.SslPolicyErrors", "None") })),
    ps.tryStatement([
      ps.assign(v("stream"), ps.call(v("client"), "GetStream")),
      ps.comment("AuthenticateAsClient has no timeout of its own; the socket timeouts bound the handshake."),
      ps.assign(ps.memberAccess(v("stream"), "ReadTimeout"), v("TimeoutMs")),
      ps.assign(ps.memberAccess(v("stream"), "WriteTimeout"), v("TimeoutMs")),
      ps.assign(v("ssl"), ps.command("New-Object", {
        TypeName: str("System.Net.Security.SslStream"), ArgumentList: ps.arrayLiteral([v("stream"), ps.bool(false), callback]),
      })),
      ps.comment(
        "Windows PowerShell's .NET Framework defaults may leave out TLS 1.2, so ask for TLS 1.0-1.2 (192+768+3072) explicitly;",
        "PowerShell 7 gets 0 (None): the operating system's choice, which includes TLS 1.3.",
      ),
      ps.assign(v("protocols"), ps.cast("System.Security.Authentication.SslProtocols", ps.num(4032))),
      ps.ifThen(ps.binary(ps.prop(v("PSVersionTable"), "PSEdition"), "-eq", str("Core")), [
        ps.assign(v("protocols"), ps.cast("System.Security.Authentication.SslProtocols", ps.num(0))),
      ]),
      ps.pipelineStatement(ps.call(v("ssl"), "AuthenticateAsClient", v("ComputerName"), ps.nil(), v("protocols"), ps.bool(false))),
    ], [{ body: [addFinding(finding("G03", { Error: errorText() })), ps.returnStatement()] }]),
    ...lap("Tls"),
    setState("TlsVersion", ps.indexExpression(tlsVersionNamesTable(), ps.cast("string", ps.prop(v("ssl"), "SslProtocol")))),
    ps.assign(v("certificateFindings"), ps.arrayLiteral([])),
    ps.ifThen(notNull(ps.prop(v("ssl"), "RemoteCertificate")), [
      ps.assign(v("presented"), ps.command("New-Object", { TypeName: str(`${X509}.X509Certificate2`), ArgumentList: ps.prop(v("ssl"), "RemoteCertificate") })),
      ps.assign(v("chain"), ps.command("New-Object", { TypeName: str(`${X509}.X509Chain`) })),
      ps.comment("No revocation check: a CRL or OCSP fetch could stall the probe, and the Node probe checks none either."),
      ps.assign(ps.memberAccess(ps.prop(v("chain"), "ChainPolicy"), "RevocationMode"), ps.staticProp(`${X509}.X509RevocationMode`, "NoCheck")),
      ps.assign(v("chainTrusted"), ps.call(v("chain"), "Build", v("presented"))),
      ps.assign(v("chainStatus"), ps.nil()),
      ps.ifThen(not(v("chainTrusted")), [
        ps.assign(v("chainStatus"), ps.binary(
          ps.arrayLiteral([ps.paren(ps.pipeline(ps.prop(v("chain"), "ChainStatus"), ps.command("ForEach-Object", { MemberName: str("Status") })))]),
          "-join", str(", "),
        )),
      ]),
      ps.assign(v("nameMatches"), not(ps.call(ps.prop(v("tlsState"), "PolicyErrors"), "HasFlag",
        ps.staticProp("System.Net.Security.SslPolicyErrors", "RemoteCertificateNameMismatch")))),
      setState("Certificate", ps.command("DescribeRdGatewayCertificate", {
        Certificate: v("presented"), ChainTrusted: v("chainTrusted"), NameMatches: v("nameMatches"),
      })),
      ps.assign(v("certificateFindings"), ps.arrayLiteral([ps.paren(ps.command("TestRdGatewayCertificate", {
        Certificate: state("Certificate"), ComputerName: v("ComputerName"), ChainStatus: v("chainStatus"),
      }))])),
    ]),
  ];
}

/** The request from the shared template: lines joined with CRLF, an empty line, then -f with host and two GUIDs. */
function httpStage(): Statement[] {
  const newGuid = (): Expression => ps.call(ps.staticCall("System.Guid", "NewGuid"), "ToString");
  const answer = v("answer");
  return [
    setState("Stage", str("Http")),
    ps.assign(v("template"), ps.binary(ps.binary(v("RequestLines"), "-join", CRLF), "+", ps.binary(CRLF, "+", CRLF))),
    ps.assign(v("request"), ps.binary(v("template"), "-f", ps.arrayLiteral([v("ComputerName"), newGuid(), newGuid()]))),
    ps.assign(v("bytes"), ps.call(ps.staticProp("System.Text.Encoding", "ASCII"), "GetBytes", v("request"))),
    ps.assign(answer, ps.command("InvokeRdGatewayExchange", { Stream: v("ssl"), Bytes: v("bytes"), TimeoutMs: v("TimeoutMs") })),
    ...lap("Http").slice(0, 1),
    append(ps.memberAccess(v("State"), "Findings"), v("certificateFindings")),
    ps.ifThen(isNull(ps.prop(answer, "Head")), [
      addFinding(ps.command("TestRdGatewayIncomplete", {
        Failure: ps.prop(answer, "Failure"), Received: ps.prop(answer, "Received"), ErrorText: ps.prop(answer, "ErrorText"),
      })),
      ps.returnStatement(),
    ]),
    ps.assign(v("head"), ps.command("ConvertRdGatewayHead", { Head: ps.prop(answer, "Head") })),
    setState("HttpStatus", ps.prop(v("head"), "HttpStatus")),
    setState("AuthSchemes", ps.prop(v("head"), "AuthSchemes")),
    ps.assign(v("httpFinding"), ps.command("TestRdGatewayAnswer", { Head: v("head") })),
    ps.ifThen(notNull(v("httpFinding")), [append(ps.memberAccess(v("State"), "Findings"), v("httpFinding"))]),
    ps.ifThen(notNull(ps.prop(v("head"), "HttpStatus")), [setState("Stage", str("Done"))]),
  ];
}

export const probeFunction: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdGatewayProbe",
  parameters: [
    ps.parameter("State", { type: "hashtable" }), ps.parameter("ComputerName", { type: "string" }), ps.parameter("Port", { type: "int" }),
    ps.parameter("TimeoutMs", { type: "int" }), ps.parameter("RequestLines", { type: "string[]" }),
  ],
  end: [
    ps.assign(v("watch"), ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    ...dnsStage(),
    ...tcpStage(),
    ps.comment("From here the socket is open: the finally closes it on every return."),
    ps.tryStatement([...tlsStage(), ...httpStage()], [], [ps.pipelineStatement(ps.call(v("client"), "Close"))]),
  ],
});
