/**
 * `InvokeRdpDirectTlsCheck`: a fresh connection that starts TLS at once, without X.224 (protocol-probe.md s4 step 3,
 * s8), ported from src/probe/connection.ts directTlsCheck. It runs when the RDP port closed, reset or answered a
 * TLS record instead of a Connection Confirm: a completed handshake means a TLS-only service (HTTPS, RD Gateway,
 * TLS proxy) listens there, not an RDP listener (s3 table, "TLS-only server").
 * Bounded like the main probe: the connect by WaitOne (OpenRdpTcpConnection), the handshake by the stream's
 * ReadTimeout/WriteTimeout (InvokeRdpTlsHandshake); the client is closed in finally.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { isNull, member, notNull, set } from "./ir-sugar.js";
import { connectionParameters, openTcp, usingTcp } from "./transport-functions.js";

const v = ps.v;

const outcome = (values: { ok: Expression; version: Expression; subject: Expression; error: Expression }): Statement =>
  ps.returnStatement(ps.psCustomObject({ Ok: values.ok, TlsVersion: values.version, Subject: values.subject, Error: values.error }));

export const invokeRdpDirectTlsCheck: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdpDirectTlsCheck",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ...connectionParameters(ps.parameter("TargetName", { type: "string", mandatory: true })),
  ],
  end: [
    openTcp(),
    ps.ifThen(isNull(ps.prop(v("tcp"), "Client")), [
      ps.comment("As Node's directTlsCheck: the TCP error code (ConnectionRefused, Timeout, ...) when there is one."),
      set("reason", ps.prop(v("tcp"), "ErrorCode")),
      ps.ifThen(isNull(v("reason")), [set("reason", ps.prop(v("tcp"), "Error"))]),
      outcome({ ok: ps.bool(false), version: ps.nil(), subject: ps.nil(), error: v("reason") }),
    ]),
    usingTcp([
      set("stream", ps.call(ps.prop(v("tcp"), "Client"), "GetStream")),
      ps.assign(member(v("stream"), "ReadTimeout"), v("TimeoutMs")),
      ps.assign(member(v("stream"), "WriteTimeout"), v("TimeoutMs")),
      set("handshake", ps.command("InvokeRdpTlsHandshake", { Stream: v("stream"), TargetName: v("TargetName") })),
      set("subject", ps.nil()),
      ps.ifThen(notNull(ps.prop(v("handshake"), "Certificate")), [set("subject", ps.prop(v("handshake"), "Certificate", "Subject"))]),
      outcome({ ok: ps.prop(v("handshake"), "Ok"), version: ps.prop(v("handshake"), "TlsVersion"), subject: v("subject"), error: ps.prop(v("handshake"), "Error") }),
    ]),
  ],
});
