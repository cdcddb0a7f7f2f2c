/**
 * What the two network probes of the module (Test-RdpEndpoint and Test-RdGateway) both write about a presented
 * certificate, so EndpointCertificate and GatewayCertificate (src/probe) describe it the same way.
 * The snapshot's CertificateInfo (src/snapshot/collect/certificates-section.ts) is another shape: Thumbprint
 * first and dates in the round-trip 'o' form.
 */
import { ps } from "../../../src/ir/index.js";
import type { Expression } from "../../../src/ir/index.js";

/**
 * ISO 8601 UTC with milliseconds, the form Node's Date.toISOString gives (src/probe/certificate.ts toIso), so the
 * probes and the commands agree; 'o' would print seven fraction digits. The invariant culture keeps ':' a colon.
 */
const isoUtc = (date: Expression): Expression => ps.call(
  ps.call(date, "ToUniversalTime"), "ToString", ps.str("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
  ps.staticProp("System.Globalization.CultureInfo", "InvariantCulture"),
);

/** Subject, Issuer, Thumbprint, NotBefore and NotAfter (isoUtc) of the X509Certificate2 in `certificate`, in that order. */
export const certificateIdentity = (certificate: Expression): Record<string, Expression> => ({
  Subject: ps.prop(certificate, "Subject"),
  Issuer: ps.prop(certificate, "Issuer"),
  Thumbprint: ps.prop(certificate, "Thumbprint"),
  NotBefore: isoUtc(ps.prop(certificate, "NotBefore")),
  NotAfter: isoUtc(ps.prop(certificate, "NotAfter")),
});

/** SslStream.SslProtocol enum names -> the "TLS 1.2" style of EndpointResult.TlsVersion and GatewayResult.TlsVersion. */
const TLS_VERSION_NAMES: Readonly<Record<string, string>> = {
  Ssl2: "SSL 2.0", Ssl3: "SSL 3.0", Tls: "TLS 1.0", Tls11: "TLS 1.1", Tls12: "TLS 1.2", Tls13: "TLS 1.3",
};

/** `@{ Ssl2 = 'SSL 2.0'; ... }`: TLS_VERSION_NAMES as a PowerShell hashtable. */
export const tlsVersionNamesTable = (): Expression =>
  ps.hashtable(Object.entries(TLS_VERSION_NAMES).map(([key, name]) => ({ key, value: ps.str(name) })));
