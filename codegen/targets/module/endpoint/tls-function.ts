/**
 * `InvokeRdpTlsHandshake`: the TLS stage (protocol-probe.md s4 step 4) on the same NetworkStream that carried the
 * X.224 exchange, as mstsc does after the server selects SSL or HYBRID.
 *
 * Certificate validation: the callback accepts every certificate, because the probe reports the certificate and
 * does not trust it. It records the SslPolicyErrors it was given (PolicyErrors, the P17 evidence that Node takes
 * from tls authorizationError) in a hashtable, which the delegate's scope can change but not replace. It is a script block cast to RemoteCertificateValidationCallback. Script-block delegates run
 * only on a thread that has a runspace; called on a thread-pool thread they fail with "There is no Runspace
 * available to run scripts in this thread". So (1) the script block is a literal in this function, which is
 * defined inside the runspace that runs the probe (never passed in from the caller's runspace), and (2) the
 * handshake uses the synchronous AuthenticateAsClient, which calls the callback on the calling (runspace) thread in
 * .NET Framework 4.7.2 and in .NET 6+, not BeginAuthenticateAsClient/AuthenticateAsClientAsync, which may call it on
 * an I/O thread. The synchronous handshake is bounded by the NetworkStream's ReadTimeout/WriteTimeout (each of
 * its reads and writes), which the X.224 stage already set to -TimeoutMs.
 *
 * Versions: Tls, Tls11 and Tls12 are offered so old servers still complete and get reported (TLS 1.0 is a finding,
 * not a failure). Tls13 is added only when the enum has it (.NET Framework 4.8, .NET Core 3+) AND Windows is build
 * 20348 or later (Server 2022, Windows 11), the first with TLS 1.3 in Schannel; older Schannel may refuse the whole
 * handshake when asked for a protocol it lacks. Either way the admin machine's own Schannel settings limit what can
 * be negotiated (protocol-probe.md s4 porting notes).
 *
 * Cipher: NegotiatedCipherSuite exists only in .NET Core 3+ (PowerShell 7); Windows PowerShell 5.1 has only
 * CipherAlgorithm, CipherStrength and HashAlgorithm, so the property is looked up by name rather than read.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition } from "../../../../src/ir/index.js";
import { and, elapsedMs, isNull, notNull, set } from "./ir-sugar.js";
import { tlsVersionNamesTable } from "../probe-certificate-fields.js";
import { innerOfCurrentError } from "./transport-functions.js";

const v = ps.v;
const ssl = v("ssl");
const PROTOCOLS = "System.Security.Authentication.SslProtocols";

const result = (values: { ok: boolean; error: Expression }): ReturnType<typeof ps.returnStatement> => ps.returnStatement(ps.psCustomObject({
  Ok: ps.bool(values.ok),
  TlsVersion: v("version"),
  CipherSuite: v("cipher"),
  Certificate: v("remote"),
  Error: values.error,
  PolicyErrors: ps.indexExpression(v("policy"), ps.str("Errors")),
  Ms: elapsedMs(v("watch")),
}));

export const invokeRdpTlsHandshake: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdpTlsHandshake",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ps.parameter("Stream", { type: "System.IO.Stream", mandatory: true }),
    ps.parameter("TargetName", { type: "string", mandatory: true }),
  ],
  end: [
    set("watch", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    set("version", ps.nil()),
    set("cipher", ps.nil()),
    set("remote", ps.nil()),
    set("policy", ps.hashtable([{ key: "Errors", value: ps.nil() }])),
    set("acceptAny", ps.cast("System.Net.Security.RemoteCertificateValidationCallback", ps.scriptBlock(
      [ps.assign(ps.indexExpression(v("policy"), ps.str("Errors")), ps.cast("string", v("policyErrors"))), ps.returnStatement(ps.bool(true))],
      ["source", "certificate", "chain", "policyErrors"],
    ))),
    set("protocols", ps.cast(PROTOCOLS, ps.str("Tls, Tls11, Tls12"))),
    set("hasTls13", ps.binary(ps.staticCall("System.Enum", "GetNames", ps.typeLiteral(PROTOCOLS)), "-contains", ps.str("Tls13"))),
    ps.ifThen(and(v("hasTls13"), ps.binary(ps.prop(ps.staticProp("System.Environment", "OSVersion"), "Version", "Build"), "-ge", ps.num(20348))), [
      set("protocols", ps.cast(PROTOCOLS, ps.str("Tls, Tls11, Tls12, Tls13"))),
    ]),
    ps.comment("leaveInnerStreamOpen = true: the caller owns the TcpClient and closes it."),
    set("ssl", ps.staticCall("System.Net.Security.SslStream", "new", v("Stream"), ps.bool(true), v("acceptAny"))),
    ps.tryStatement([
      ps.tryStatement([
        ps.pipelineStatement(ps.call(ssl, "AuthenticateAsClient", v("TargetName"), ps.nil(), v("protocols"), ps.bool(false))),
      ], [{
        body: [innerOfCurrentError(), result({ ok: false, error: ps.prop(v("inner"), "Message") })],
      }]),
      set("names", tlsVersionNamesTable()),
      set("version", ps.indexExpression(v("names"), ps.cast("string", ps.prop(ssl, "SslProtocol")))),
      ps.ifThen(isNull(v("version")), [set("version", ps.cast("string", ps.prop(ssl, "SslProtocol")))]),
      set("suite", ps.indexExpression(ps.prop(ssl, "PSObject", "Properties"), ps.str("NegotiatedCipherSuite"))),
      ps.ifThen(
        notNull(v("suite")),
        [set("cipher", ps.cast("string", ps.prop(v("suite"), "Value")))],
        [set("cipher", ps.binary(ps.str("{0} {1}-bit, {2}"), "-f", ps.arrayLiteral([
          ps.prop(ssl, "CipherAlgorithm"), ps.prop(ssl, "CipherStrength"), ps.prop(ssl, "HashAlgorithm"),
        ])))],
      ),
      ps.comment("A copy from the raw bytes: disposing the SslStream may dispose RemoteCertificate with it (.NET 5+)."),
      ps.ifThen(notNull(ps.prop(ssl, "RemoteCertificate")), [set("remote", ps.staticCall(
        "System.Security.Cryptography.X509Certificates.X509Certificate2", "new", ps.call(ps.prop(ssl, "RemoteCertificate"), "GetRawCertData"),
      ))]),
      result({ ok: true, error: ps.nil() }),
    ], [], [ps.pipelineStatement(ps.call(ssl, "Dispose"))]),
  ],
});
