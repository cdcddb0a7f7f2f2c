/**
 * `InvokeRdpProbeStages`: DNS, TCP, X.224, TLS and -Enumerate for one endpoint, in the order and with the findings
 * and evidence keys of src/probe/probe-endpoint.ts (the Node probe; finding table in src/probe/endpoint-findings.ts).
 * It fills the -State dictionary that InvokeRdpEndpointProbe turns into the EndpointResult, and returns early at
 * the first stage that fails, so State.Stage names that stage. Extra connections, as in Node: the direct-TLS check
 * when X.224 closes or answers TLS (x224-non-answer.ts), the diagnosis connection after a failed TLS handshake
 * (tls-diagnosis-function.ts).
 */
import { ps } from "../../../../src/ir/index.js";
import type { FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { discard, eq, isNull, notNull, set } from "./ir-sugar.js";
import { closeTcp, innerOfCurrentError, openTcp, usingTcp } from "./transport-functions.js";
import { addFinding, exchange, setState, setTiming, state, v } from "./stage-sugar.js";
import { x224Stage } from "./x224-stage.js";

const dnsStage: Statement[] = [
  set("address", ps.nil()),
  ps.ifThen(ps.unary("-not", ps.staticCall("System.Net.IPAddress", "TryParse", v("ComputerName"), ps.cast("ref", v("address")))), [
    set("watch", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    set("dnsError", ps.binary(ps.str("no answer within {0} ms"), "-f", v("TimeoutMs"))),
    ps.comment("Dns.GetHostAddresses has no timeout; the Begin/End pair lets the wait be bounded."),
    set("lookup", ps.staticCall("System.Net.Dns", "BeginGetHostAddresses", v("ComputerName"), ps.nil(), ps.nil())),
    ps.ifThen(ps.call(ps.prop(v("lookup"), "AsyncWaitHandle"), "WaitOne", v("TimeoutMs")), [
      ps.tryStatement([
        set("address", ps.paren(ps.pipeline(ps.staticCall("System.Net.Dns", "EndGetHostAddresses", v("lookup")), ps.command("Select-Object", { First: ps.num(1) })))),
        set("dnsError", ps.str("no address")),
        ps.ifThen(notNull(v("address")), [set("dnsError", ps.nil())]),
      ], [{ body: [innerOfCurrentError(), set("dnsError", ps.prop(v("inner"), "Message"))] }]),
    ]),
    setTiming("Dns", ps.staticCall("Math", "Round", ps.prop(v("watch"), "Elapsed", "TotalMilliseconds"))),
    ps.ifThen(notNull(v("dnsError")), [
      addFinding("P01", { "Dns.Name": v("ComputerName"), "Dns.Error": v("dnsError") }),
      ps.returnStatement(),
    ]),
  ]),
];

const tcpStage: Statement[] = [
  setState("Stage", ps.str("Tcp")),
  openTcp(v("address")),
  setTiming("Tcp", ps.prop(v("tcp"), "Ms")),
  ps.ifThen(isNull(ps.prop(v("tcp"), "Client")), [
    set("id", ps.str("P04")),
    ps.ifThen(eq(ps.prop(v("tcp"), "ErrorCode"), ps.str("ConnectionRefused")), [set("id", ps.str("P02"))]),
    ps.ifThen(eq(ps.prop(v("tcp"), "ErrorCode"), ps.str("Timeout")), [set("id", ps.str("P03"))]),
    addFinding(v("id"), {
      "Tcp.Address": ps.call(v("address"), "ToString"), "Tcp.Port": v("Port"),
      "Tcp.Error": ps.prop(v("tcp"), "ErrorCode"), "Tcp.Message": ps.prop(v("tcp"), "Error"), "Tcp.TimeoutMs": v("TimeoutMs"),
    }),
    ps.returnStatement(),
  ]),
  setState("Reachable", ps.bool(true)),
];

const tlsStage: Statement[] = [
  setState("Stage", ps.str("Tls")),
  set("handshake", ps.command("InvokeRdpTlsHandshake", { Stream: ps.prop(exchange, "Stream"), TargetName: v("ComputerName") })),
  setTiming("Tls", ps.prop(v("handshake"), "Ms")),
  ps.ifThen(ps.unary("-not", ps.prop(v("handshake"), "Ok")), [
    ps.comment("A second, passive connection tells a server that cannot start TLS from a version/cipher refusal",
      "(protocol-probe.md s4 step 4, P8). The failed connection is closed first, as Node's tlsHandshake does."),
    closeTcp(),
    set("diagnosis", ps.command("InvokeRdpTlsDiagnosis", { Address: v("address"), Port: v("Port"), Request: v("request"), TimeoutMs: v("TimeoutMs") })),
    addFinding("P13", {
      "Tls.Error": ps.prop(v("handshake"), "Error"),
      "Tls.Diagnosis": ps.prop(v("diagnosis"), "Diagnosis"),
      "Diagnosis.Behaviour": ps.prop(v("diagnosis"), "Behaviour"),
      "Diagnosis.AfterConfirm": ps.prop(v("diagnosis"), "AfterConfirm"),
    }),
    ps.returnStatement(),
  ]),
  setState("Stage", ps.str("Done")),
  setState("TlsVersion", ps.prop(v("handshake"), "TlsVersion")),
  setState("CipherSuite", ps.prop(v("handshake"), "CipherSuite")),
  ps.ifThen(ps.binary(ps.prop(v("handshake"), "TlsVersion"), "-in", ps.strings(["TLS 1.0", "TLS 1.1"])), [
    addFinding("P14", { "Tls.Version": ps.prop(v("handshake"), "TlsVersion"), "Tls.CipherSuite": ps.prop(v("handshake"), "CipherSuite") }),
  ]),
  ps.ifThen(notNull(ps.prop(v("handshake"), "Certificate")), [
    set("certificate", ps.command("GetRdpEndpointCertificate", { Certificate: ps.prop(v("handshake"), "Certificate"), HostName: v("ComputerName") })),
    setState("Certificate", v("certificate")),
    ps.foreachStatement("finding", ps.arrayLiteral([ps.paren(ps.command("GetRdpCertificateFindings", { Certificate: v("certificate"), Raw: ps.prop(v("handshake"), "Certificate"), AuthorizationError: ps.prop(v("handshake"), "PolicyErrors") }))]), [
      discard(ps.call(ps.prop(state, "Findings"), "Add", v("finding"))),
    ]),
  ]),
];

export const invokeRdpProbeStages: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdpProbeStages",
  cmdletBinding: ps.cmdletBinding(),
  parameters: [
    ps.parameter("State", { type: "System.Collections.IDictionary", mandatory: true }),
    ps.parameter("ComputerName", { type: "string", mandatory: true }),
    ps.parameter("Port", { type: "int", mandatory: true }),
    ps.parameter("TimeoutMs", { type: "int", mandatory: true }),
  ],
  end: [
    ...dnsStage,
    ...tcpStage,
    ps.comment("State.Address lets the caller enumerate on the same address after the main connection is closed."),
    setState("Address", v("address")),
    usingTcp([
      ...x224Stage,
      ps.ifThen(v("useTls"), tlsStage),
    ]),
  ],
});
