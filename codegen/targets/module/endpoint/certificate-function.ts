/**
 * `GetRdpEndpointCertificate`: the EndpointCertificate (src/probe/endpoint-result.ts) of the server certificate,
 * with the values an admin compares against certlm.msc, as src/probe/certificate.ts describeCertificate does.
 *
 * IsSelfSigned = Subject equals Issuer AND the signature verifies with the certificate's own key (protocol-probe.md
 * pitfall P5: Windows RDP certificates lack keyCertSign, so "is it a CA" tests give the wrong answer). .NET
 * Framework 4.7.2 has no API to verify a certificate's signature without parsing the TBS bytes, so the check builds
 * an X509Chain whose ExtraStore holds only the certificate, with AllowUnknownCertificateAuthority (and the time,
 * usage and basic-constraints checks off): the chain engine then verifies the self-signature of a one-element
 * chain and reports NotSignatureValid when it does not verify. A chain of one element without NotSignatureValid is
 * a self-signed certificate; a longer chain means a CA with the same name issued it.
 *
 * SubjectAlternativeNames use the Node probe's spelling (DNS:name, IP:address). Extension.Format($false) gives
 * "DNS Name=a, IP Address=b" on Windows (in English; other display languages translate the labels, which then stay
 * as Windows wrote them) and "DNS:a, IP Address:b" on Linux. NameMatches follows RFC 6125 as Node's
 * checkServerIdentity: DNS SANs (a wildcard only as the whole left-most label), the subject CN only when there is
 * no DNS SAN, and IP SANs for an IP literal.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition } from "../../../../src/ir/index.js";
import { certificateIdentity } from "../probe-certificate-fields.js";
import { and, discard, eq, isNull, member, set } from "./ir-sugar.js";

const v = ps.v;
const cert = v("cert");
const X509 = "System.Security.Cryptography.X509Certificates";
const filter = (condition: Expression) => ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(condition)]))]);
const each = (value: Expression) => ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(value)]))]);
const current = (...members: string[]) => ps.prop(v("_"), ...members);

const keyStatements = [
  set("keyOid", ps.prop(cert, "PublicKey", "Oid", "Value")),
  set("keyAlgorithm", ps.prop(cert, "PublicKey", "Oid", "FriendlyName")),
  set("keySize", ps.nil()),
  ps.tryStatement([
    ps.ifStatement([
      {
        condition: eq(v("keyOid"), ps.str("1.2.840.113549.1.1.1")),
        body: [
          set("keyAlgorithm", ps.str("RSA")),
          set("keySize", ps.prop(ps.staticCall(`${X509}.RSACertificateExtensions`, "GetRSAPublicKey", cert), "KeySize")),
        ],
      },
      {
        condition: eq(v("keyOid"), ps.str("1.2.840.10045.2.1")),
        body: [
          set("keyAlgorithm", ps.str("ECDSA")),
          set("keySize", ps.prop(ps.staticCall(`${X509}.ECDsaCertificateExtensions`, "GetECDsaPublicKey", cert), "KeySize")),
        ],
      },
    ]),
  ], [{ body: [ps.comment("An unusual key type: report the algorithm without a size."), set("keySize", ps.nil())] }]),
];

const selfSignedStatements = [
  set("selfSigned", ps.bool(false)),
  ps.ifThen(eq(ps.prop(cert, "Subject"), ps.prop(cert, "Issuer")), [
    set("chain", ps.staticCall(`${X509}.X509Chain`, "new")),
    ps.tryStatement([
      ps.assign(member(v("chain"), "ChainPolicy", "RevocationMode"), ps.str("NoCheck")),
      ps.assign(member(v("chain"), "ChainPolicy", "VerificationFlags"),
        ps.str("AllowUnknownCertificateAuthority, IgnoreNotTimeValid, IgnoreWrongUsage, IgnoreInvalidBasicConstraints")),
      discard(ps.call(ps.prop(v("chain"), "ChainPolicy", "ExtraStore"), "Add", cert)),
      discard(ps.call(v("chain"), "Build", cert)),
      set("elements", ps.prop(v("chain"), "ChainElements")),
      set("badSignature", ps.arrayLiteral([ps.paren(ps.pipeline(
        ps.prop(ps.indexExpression(v("elements"), ps.num(0)), "ChainElementStatus"),
        filter(eq(current("Status"), ps.str("NotSignatureValid"))),
      ))])),
      set("selfSigned", and(eq(ps.prop(v("elements"), "Count"), ps.num(1)), eq(ps.prop(v("badSignature"), "Count"), ps.num(0)))),
    ], [], [ps.pipelineStatement(ps.call(v("chain"), "Reset"))]),
  ]),
];

const sanStatements = [
  set("names", ps.arrayLiteral([])),
  ps.foreachStatement("extension", ps.prop(cert, "Extensions"), [
    ps.ifThen(eq(ps.prop(v("extension"), "Oid", "Value"), ps.str("2.5.29.17")), [
      set("names", ps.arrayLiteral([ps.paren(ps.pipeline(
        ps.binary(ps.call(v("extension"), "Format", ps.bool(false)), "-split", ps.str(", ")),
        each(ps.chain("-replace", [
          ps.v("_"),
          ps.arrayLiteral([ps.str("^DNS Name="), ps.str("DNS:")]),
          ps.arrayLiteral([ps.str("^IP Address[=:]"), ps.str("IP:")]),
        ])),
      ))])),
    ]),
  ]),
];

const nameMatchStatements = [
  set("nameMatches", ps.bool(false)),
  set("address", ps.nil()),
  ps.ifThen(
    ps.staticCall("System.Net.IPAddress", "TryParse", v("HostName"), ps.cast("ref", v("address"))),
    [
      set("ipHits", ps.arrayLiteral([ps.paren(ps.pipeline(v("names"), filter(eq(v("_"), ps.binary(ps.str("IP:"), "+", ps.call(v("address"), "ToString"))))))])),
      set("nameMatches", ps.binary(ps.prop(v("ipHits"), "Count"), "-gt", ps.num(0))),
    ],
    [
      set("candidates", ps.arrayLiteral([ps.paren(ps.pipeline(
        v("names"), filter(ps.binary(v("_"), "-like", ps.str("DNS:*"))), each(ps.call(v("_"), "Substring", ps.num(4))),
      ))])),
      ps.ifThen(eq(ps.prop(v("candidates"), "Count"), ps.num(0)), [
        set("candidates", ps.arrayLiteral([ps.call(cert, "GetNameInfo", ps.staticProp(`${X509}.X509NameType`, "SimpleName"), ps.bool(false))])),
      ]),
      ps.foreachStatement("candidate", v("candidates"), [
        ps.ifThen(isNull(v("candidate")), [ps.continueStatement()]),
        ps.ifStatement([
          {
            condition: ps.call(v("candidate"), "StartsWith", ps.str("*.")),
            body: [ps.ifThen(
              ps.binary(v("HostName"), "-match", ps.chain("+", [ps.str("^[^.]+"), ps.staticCall("regex", "Escape", ps.call(v("candidate"), "Substring", ps.num(1))), ps.str("$")])),
              [set("nameMatches", ps.bool(true))],
            )],
          },
          { condition: eq(v("HostName"), v("candidate")), body: [set("nameMatches", ps.bool(true))] },
        ]),
      ]),
    ],
  ),
];

export const getRdpEndpointCertificate: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpEndpointCertificate",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.EndpointCertificate"],
  parameters: [
    ps.parameter("Certificate", { type: `${X509}.X509Certificate2`, mandatory: true }),
    ps.parameter("HostName", { type: "string", mandatory: true }),
  ],
  end: [
    set("cert", v("Certificate")),
    ...keyStatements,
    ...selfSignedStatements,
    ...sanStatements,
    ...nameMatchStatements,
    ps.pipelineStatement(ps.psCustomObject({
      ...certificateIdentity(cert),
      IsExpired: ps.binary(ps.staticProp("DateTime", "UtcNow"), "-gt", ps.call(ps.prop(cert, "NotAfter"), "ToUniversalTime")),
      IsSelfSigned: v("selfSigned"),
      KeyAlgorithm: v("keyAlgorithm"),
      KeySize: v("keySize"),
      SignatureAlgorithm: ps.prop(cert, "SignatureAlgorithm", "FriendlyName"),
      SubjectAlternativeNames: ps.cast("string[]", v("names")),
      NameMatches: v("nameMatches"),
    }, "RdpDoctor.EndpointCertificate")),
  ],
});

