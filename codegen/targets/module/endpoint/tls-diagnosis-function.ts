/**
 * The diagnosis connection after a failed TLS handshake (protocol-probe.md s4 step 4, s7, pitfall P8), ported from
 * src/probe/connection.ts diagnoseTlsFailure and the P13 evidence of src/probe/probe-endpoint.ts. A second
 * connection sends the same Connection Request, reads the confirm, then sends nothing and watches for
 * min(1 s, -TimeoutMs). xrdp with a broken certificate or key sends an MCS Disconnect Provider Ultimatum and closes
 * within 2 ms (s3): the server cannot start TLS at all, so the cause is its cert/key setup. A server that waits
 * for the ClientHello refused ours: a version, cipher or middlebox problem.
 *
 * Split in two so the decision is testable without sockets: GetRdpTlsDiagnosis is pure (bytes seen after the
 * confirm + closed flag -> Behaviour, Diagnosis, AfterConfirm); InvokeRdpTlsDiagnosis does the bounded I/O.
 */
import { ps } from "../../../../src/ir/index.js";
import type { FunctionDefinition } from "../../../../src/ir/index.js";
import { and, elapsedMs, eq, isNull, member, notNull, or, set } from "./ir-sugar.js";
import { connectionParameters, innerOfCurrentError, openTcp, socketCode, usingTcp } from "./transport-functions.js";

const v = ps.v;

/** The passive watch: xrdp aborts within 2 ms; 1 s is the prototype's value (s4 step 4), never above -TimeoutMs. */
export const DIAGNOSIS_WATCH_MS = 1000;

/** Behaviour -> Tls.Diagnosis, the mapping of src/probe/probe-endpoint.ts (P13). */
export const TLS_DIAGNOSIS = { ServerAborts: "BrokenServerKey", ServerWaits: "VersionOrCipherMismatch", NoConfirm: "Inconclusive" } as const;

/**
 * `GetRdpTlsDiagnosis`: what the diagnosis connection saw, classified as Node does. -ConfirmKind is the kind of
 * the first answer ($null when TCP failed), -After the bytes that followed the confirm, -Closed whether the server
 * closed or reset the connection. Aborted = closed, or a DPU after the confirm.
 */
export const getRdpTlsDiagnosis: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpTlsDiagnosis",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ps.parameter("ConfirmKind", { type: "string" }),
    ps.parameter("After", { type: "byte[]" }),
    ps.parameter("Closed", { type: "bool" }),
  ],
  end: [
    set("afterKind", ps.nil()),
    ps.ifThen(and(notNull(v("After")), ps.binary(ps.prop(v("After"), "Length"), "-gt", ps.num(0))), [
      set("afterKind", ps.prop(ps.paren(ps.pipeline(ps.command("ConvertFromRdpConnectionConfirm", { Bytes: v("After") }))), "Kind")),
    ]),
    set("afterConfirm", v("afterKind")),
    ps.ifThen(and(isNull(v("afterKind")), v("Closed")), [set("afterConfirm", ps.str("Closed"))]),
    set("behaviour", ps.str("ServerWaits")),
    ps.ifThen(or(v("Closed"), eq(v("afterKind"), ps.str("McsDisconnect"))), [set("behaviour", ps.str("ServerAborts"))]),
    ps.ifThen(ps.binary(v("ConfirmKind"), "-ne", ps.str("NegotiationResponse")), [set("behaviour", ps.str("NoConfirm"))]),
    set("diagnoses", ps.hashtable(Object.entries(TLS_DIAGNOSIS).map(([key, value]) => ({ key, value: ps.str(value) })))),
    ps.returnStatement(ps.psCustomObject({
      Behaviour: v("behaviour"),
      Diagnosis: ps.indexExpression(v("diagnoses"), v("behaviour")),
      AfterConfirm: v("afterConfirm"),
    })),
  ],
});

const tail = v("tail");
const readAfter = (): ReturnType<typeof set> => set("count", ps.call(v("stream"), "Read", v("buffer"), ps.num(0), ps.prop(v("buffer"), "Length")));

/**
 * `InvokeRdpTlsDiagnosis`: the diagnosis connection itself. Connect bounded by WaitOne (OpenRdpTcpConnection), the
 * confirm by the stream timeouts (InvokeRdpX224Exchange), the silent watch by ReadTimeout = what is left of the
 * watch; the client is closed in finally.
 */
export const invokeRdpTlsDiagnosis: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdpTlsDiagnosis",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ...connectionParameters(ps.parameter("Request", { type: "byte[]", mandatory: true })),
  ],
  end: [
    set("watch", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    set("watchMs", ps.staticCall("Math", "Min", ps.num(DIAGNOSIS_WATCH_MS), v("TimeoutMs"))),
    set("confirmKind", ps.nil()),
    set("closed", ps.bool(false)),
    set("tail", ps.staticCall("System.IO.MemoryStream", "new")),
    openTcp(),
    ps.ifThen(notNull(ps.prop(v("tcp"), "Client")), [usingTcp([
      set("exchange", ps.command("InvokeRdpX224Exchange", { Client: ps.prop(v("tcp"), "Client"), Request: v("Request"), TimeoutMs: v("TimeoutMs") })),
      set("confirmKind", ps.prop(v("exchange"), "Confirm", "Kind")),
      set("closed", ps.binary(ps.prop(v("exchange"), "End"), "-in", ps.strings(["Closed", "Reset"]))),
      ps.comment("Bytes that came in the same segment as the confirm (xrdp's DPU often does) belong to what followed it."),
      set("used", ps.prop(v("exchange"), "Confirm", "Length")),
      ps.ifThen(and(notNull(v("used")), ps.binary(ps.prop(v("exchange"), "Bytes", "Length"), "-gt", v("used"))), [
        ps.pipelineStatement(ps.call(tail, "Write", ps.prop(v("exchange"), "Bytes"), v("used"), ps.binary(ps.prop(v("exchange"), "Bytes", "Length"), "-", v("used")))),
      ]),
      ps.ifThen(and(eq(v("confirmKind"), ps.str("NegotiationResponse")), ps.unary("-not", v("closed"))), [
        ps.comment("Send nothing. Each read waits at most what is left of the watch; a DPU or a close ends it early."),
        set("stream", ps.prop(v("exchange"), "Stream")),
        set("buffer", ps.staticCall("byte[]", "new", ps.num(4096))),
        set("silence", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
        ps.foreachStatement("attempt", ps.arrayLiteral([1, 2, 3, 4, 5, 6, 7, 8].map(ps.num)), [
          set("left", ps.binary(v("watchMs"), "-", ps.prop(v("silence"), "ElapsedMilliseconds"))),
          ps.ifThen(ps.binary(v("left"), "-le", ps.num(0)), [ps.breakStatement()]),
          ps.assign(member(v("stream"), "ReadTimeout"), ps.cast("int", v("left"))),
          ps.tryStatement([readAfter()], [{
            body: [
              ps.comment("A read timeout is the server waiting for our ClientHello; anything else is an abort (RST)."),
              innerOfCurrentError(),
              ps.ifThen(ps.binary(socketCode(), "-ne", ps.str("TimedOut")), [set("closed", ps.bool(true))]),
              ps.breakStatement(),
            ],
          }]),
          ps.ifThen(ps.binary(v("count"), "-le", ps.num(0)), [set("closed", ps.bool(true)), ps.breakStatement()]),
          ps.pipelineStatement(ps.call(tail, "Write", v("buffer"), ps.num(0), v("count"))),
          ps.ifThen(eq(ps.prop(ps.paren(ps.pipeline(ps.command("ConvertFromRdpConnectionConfirm", { Bytes: ps.call(tail, "ToArray") }))), "Kind"), ps.str("McsDisconnect")), [
            ps.breakStatement(),
          ]),
        ]),
      ]),
    ])]),
    set("diagnosis", ps.command("GetRdpTlsDiagnosis", { ConfirmKind: v("confirmKind"), After: ps.call(tail, "ToArray"), Closed: v("closed") })),
    ps.returnStatement(ps.psCustomObject({
      Behaviour: ps.prop(v("diagnosis"), "Behaviour"),
      Diagnosis: ps.prop(v("diagnosis"), "Diagnosis"),
      AfterConfirm: ps.prop(v("diagnosis"), "AfterConfirm"),
      Ms: elapsedMs(v("watch")),
    })),
  ],
});
