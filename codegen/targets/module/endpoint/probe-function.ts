/**
 * `InvokeRdpEndpointProbe`: one endpoint, start to finish, returning the RdpDoctor.EndpointResult of
 * src/probe/endpoint-result.ts. It and its helpers are private module functions; Test-RdpEndpoint hands all of
 * RUNSPACE_FUNCTIONS by definition to its runspace pool, whose runspaces have none of the module's functions.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, IndexExpression } from "../../../../src/ir/index.js";
import { STATUS_RANK } from "../../../../src/model/cause.js";
import { newRdpConnectionRequest } from "./connection-request-function.js";
import { convertFromRdpConnectionConfirm } from "./connection-confirm-function.js";
import { getRdpSniffedProtocol } from "./sniff-function.js";
import { newRdpEndpointFinding } from "./finding-function.js";
import { getRdpInnerException, invokeRdpX224Exchange, openRdpTcpConnection } from "./transport-functions.js";
import { invokeRdpTlsHandshake } from "./tls-function.js";
import { getRdpTlsDiagnosis, invokeRdpTlsDiagnosis } from "./tls-diagnosis-function.js";
import { invokeRdpDirectTlsCheck } from "./direct-tls-function.js";
import { getRdpEndpointCertificate } from "./certificate-function.js";
import { getRdpCertificateFindings } from "./certificate-findings-function.js";
import { getRdpAcceptedProtocols, getRdpConfirmDescription } from "./enumerate-function.js";
import { invokeRdpProbeStages } from "./probe-stages-function.js";
import { and, elapsedMs, notNull, set } from "./ir-sugar.js";

const v = ps.v;
const state = v("state");
const fromState = (key: string): IndexExpression => ps.indexExpression(state, ps.str(key));
const timing = (key: string): Expression => ps.indexExpression(ps.prop(state, "Timings"), ps.str(key));

/** The byte helpers, pure and testable on their own (test/endpoint-function.test.ts, pester Unit tests). */
export const ENDPOINT_BYTE_HELPERS: readonly FunctionDefinition[] = [newRdpConnectionRequest, convertFromRdpConnectionConfirm, getRdpSniffedProtocol, getRdpTlsDiagnosis];

/** The helpers InvokeRdpEndpointProbe calls (directly or through each other). */
export const PROBE_HELPERS: readonly FunctionDefinition[] = [
  ...ENDPOINT_BYTE_HELPERS,
  newRdpEndpointFinding,
  getRdpInnerException,
  openRdpTcpConnection,
  invokeRdpX224Exchange,
  invokeRdpTlsHandshake,
  invokeRdpDirectTlsCheck,
  invokeRdpTlsDiagnosis,
  getRdpEndpointCertificate,
  getRdpCertificateFindings,
  getRdpAcceptedProtocols,
  getRdpConfirmDescription,
  invokeRdpProbeStages,
];

const RDP_ANSWERS = ["NegotiationResponse", "NegotiationFailure", "LegacyConfirm", "McsDisconnect"];

export const invokeRdpEndpointProbe: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdpEndpointProbe",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.EndpointResult"],
  parameters: [
    ps.parameter("ComputerName", { type: "string", mandatory: true }),
    ps.parameter("Port", { type: "int", mandatory: true }),
    ps.parameter("TimeoutMs", { type: "int", mandatory: true }),
    ps.parameter("Enumerate", { type: "switch" }),
  ],
  end: [
    set("watch", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    set("state", ps.hashtable({
      Reachable: ps.bool(false), Stage: ps.str("Dns"), SelectedProtocol: ps.nil(), NegotiationFailure: ps.nil(),
      TlsVersion: ps.nil(), CipherSuite: ps.nil(), Certificate: ps.nil(), AcceptedProtocols: ps.nil(), Kind: ps.nil(), Address: ps.nil(),
      Findings: ps.staticCall("System.Collections.Generic.List[object]", "new"),
      Timings: ps.hashtable({ Dns: ps.nil(), Tcp: ps.nil(), X224: ps.nil(), Tls: ps.nil() }, { ordered: true }),
    }, { ordered: true })),
    ps.pipelineStatement(ps.pipeline(
      ps.command("InvokeRdpProbeStages", { State: state, ComputerName: v("ComputerName"), Port: v("Port"), TimeoutMs: v("TimeoutMs") }),
      ps.command("Out-Null"),
    )),
    ps.comment("Enumerate whenever an RDP stack answered, refusals included: the per-offer answers explain them."),
    ps.ifThen(and(v("Enumerate"), notNull(fromState("Address")), ps.binary(fromState("Kind"), "-in", ps.strings(RDP_ANSWERS))), [
      set("enumeration", ps.command("GetRdpAcceptedProtocols", { Address: fromState("Address"), Port: v("Port"), TimeoutMs: v("TimeoutMs") })),
      ps.assign(fromState("AcceptedProtocols"), ps.prop(v("enumeration"), "Accepted")),
      ps.comment("The table has no enumeration finding; the answers prove a no-NLA or RDP-only verdict, so they go there."),
      ps.foreachStatement("finding", ps.prop(state, "Findings"), [
        ps.ifThen(ps.binary(ps.prop(v("finding"), "Id"), "-in", ps.strings(["P11", "P12"])), [
          ps.foreachStatement("key", ps.prop(ps.prop(v("enumeration"), "Answers"), "Keys"), [
            ps.assign(ps.indexExpression(ps.prop(v("finding"), "Evidence"), v("key")), ps.indexExpression(ps.prop(v("enumeration"), "Answers"), v("key"))),
          ]),
        ]),
      ]),
    ]),
    ps.comment("Worst first (Fail, Warn, Unknown, ...), then by Id, as src/probe/probe-findings.ts sortFindings."),
    set("rank", ps.hashtable(STATUS_RANK.map((status, i) => ({ key: status, value: ps.num(i) })))),
    set("findings", ps.arrayLiteral([ps.paren(ps.pipeline(
      ps.prop(state, "Findings"),
      ps.command("Sort-Object", { Property: ps.arrayLiteral([
        ps.hashtable({ Expression: ps.scriptBlock([ps.pipelineStatement(ps.indexExpression(v("rank"), ps.prop(v("_"), "Status")))]) }),
        ps.str("Id"),
      ]) }),
    ))])),
    set("statuses", ps.arrayLiteral([ps.paren(ps.pipeline(v("findings"), ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.prop(v("_"), "Status"))]))])))])),
    set("verdict", ps.str("Healthy")),
    ps.ifThen(ps.binary(v("statuses"), "-contains", ps.str("Warn")), [set("verdict", ps.str("Warning"))]),
    ps.ifThen(ps.binary(v("statuses"), "-contains", ps.str("Fail")), [set("verdict", ps.str("Failed"))]),
    ps.pipelineStatement(ps.psCustomObject({
      ComputerName: v("ComputerName"),
      Port: v("Port"),
      Reachable: fromState("Reachable"),
      Stage: fromState("Stage"),
      SelectedProtocol: fromState("SelectedProtocol"),
      NegotiationFailure: fromState("NegotiationFailure"),
      TlsVersion: fromState("TlsVersion"),
      CipherSuite: fromState("CipherSuite"),
      Certificate: fromState("Certificate"),
      AcceptedProtocols: fromState("AcceptedProtocols"),
      Findings: ps.cast("object[]", v("findings")),
      Verdict: v("verdict"),
      TimingsMs: ps.psCustomObject({
        Dns: timing("Dns"), Tcp: timing("Tcp"), X224: timing("X224"), Tls: timing("Tls"), Total: elapsedMs(v("watch")),
      }),
    }, "RdpDoctor.EndpointResult")),
  ],
});

/** Everything a probe runspace needs: the probe and every helper it calls. */
export const RUNSPACE_FUNCTIONS: readonly FunctionDefinition[] = [invokeRdpEndpointProbe, ...PROBE_HELPERS];
