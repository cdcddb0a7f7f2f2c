/**
 * `GetRdpCertificateFindings`: P15-P20 for a certificate seen in a completed handshake, with the same rules and
 * evidence keys as src/probe/probe-findings.ts certificateFindings (thresholds from src/probe/endpoint-findings.ts,
 * weak signatures from src/probe/certificate.ts).
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { MIN_RSA_KEY_BITS } from "../../../../src/probe/endpoint-findings.js";
import { CERT_EXPIRY_WARNING_DAYS } from "../../../../src/probe/probe-finding-table.js";
import { WEAK_SIGNATURE_ALGORITHMS } from "../../../../src/probe/certificate.js";
import { and, notNull, set } from "./ir-sugar.js";

const v = ps.v;
const c = v("Certificate");
const raw = v("Raw");

/** `NewRdpEndpointFinding -Id <id> -Evidence ([ordered]@{ <base> + extra })`. */
function finding(id: string, extra: Record<string, Expression>): Statement {
  const entries = [
    { key: "Certificate.Subject", value: ps.prop(c, "Subject") },
    { key: "Certificate.Thumbprint", value: ps.prop(c, "Thumbprint") },
    { key: "Certificate.NotBefore", value: ps.prop(c, "NotBefore") },
    { key: "Certificate.NotAfter", value: ps.prop(c, "NotAfter") },
    ...Object.entries(extra).map(([key, value]) => ({ key, value })),
  ];
  // Parenthesized: `[ordered]` at the start of a command argument would be read as text (about_Parsing).
  const table = ps.paren(ps.pipeline(ps.hashtable(entries, { ordered: true })));
  return ps.pipelineStatement(ps.command("NewRdpEndpointFinding", { Id: ps.str(id), Evidence: table }));
}

export const getRdpCertificateFindings: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpCertificateFindings",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.Finding"],
  parameters: [
    ps.parameter("Certificate", { type: "object", mandatory: true }),
    ps.parameter("Raw", { type: "System.Security.Cryptography.X509Certificates.X509Certificate2", mandatory: true }),
    // The handshake's SslPolicyErrors ($null when unknown), for P17 as Node's authorizationError.
    ps.parameter("AuthorizationError", { type: "object" }),
  ],
  end: [
    set("now", ps.staticProp("DateTime", "UtcNow")),
    set("daysLeft", ps.staticCall("Math", "Floor", ps.prop(ps.paren(ps.pipeline(ps.binary(ps.call(ps.prop(raw, "NotAfter"), "ToUniversalTime"), "-", v("now")))), "TotalDays"))),
    ps.ifStatement([
      { condition: ps.prop(c, "IsExpired"), body: [finding("P15", { "Certificate.Validity": ps.str("Expired") })] },
      {
        condition: ps.binary(ps.call(ps.prop(raw, "NotBefore"), "ToUniversalTime"), "-gt", v("now")),
        body: [finding("P15", { "Certificate.Validity": ps.str("NotYetValid") })],
      },
      { condition: ps.binary(v("daysLeft"), "-lt", ps.num(CERT_EXPIRY_WARNING_DAYS)), body: [finding("P16", { "Certificate.DaysLeft": v("daysLeft") })] },
    ]),
    ps.comment("Windows makes a self-signed RDP certificate by default: normal, so P17 is a low-confidence warning."),
    ps.ifThen(ps.prop(c, "IsSelfSigned"), [finding("P17", { "Tls.AuthorizationError": v("AuthorizationError") })]),
    ps.ifThen(ps.unary("-not", ps.prop(c, "NameMatches")), [finding("P18", { "Certificate.SubjectAlternativeNames": ps.prop(c, "SubjectAlternativeNames") })]),
    ps.ifThen(
      and(
        ps.binary(ps.prop(c, "KeyAlgorithm"), "-in", ps.strings(["RSA", "RSA-PSS", "DSA"])),
        notNull(ps.prop(c, "KeySize")),
        ps.binary(ps.prop(c, "KeySize"), "-lt", ps.num(MIN_RSA_KEY_BITS)),
      ),
      [finding("P19", { "Certificate.KeyAlgorithm": ps.prop(c, "KeyAlgorithm"), "Certificate.KeySize": ps.prop(c, "KeySize") })],
    ),
    ps.ifThen(ps.binary(ps.prop(c, "SignatureAlgorithm"), "-in", ps.strings(WEAK_SIGNATURE_ALGORITHMS)), [
      finding("P20", { "Certificate.SignatureAlgorithm": ps.prop(c, "SignatureAlgorithm") }),
    ]),
  ],
});
