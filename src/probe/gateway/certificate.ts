/**
 * The gateway certificate in the result's Windows-flavoured shape (GatewayCertificate), from Node's X509Certificate,
 * so `rdp-doctor gateway --json` and Test-RdGateway print the same values for the same certificate. The fields it
 * shares with the endpoint probe's EndpointCertificate come from the same helpers (../certificate.ts).
 */
import type { X509Certificate } from "node:crypto";
import tls from "node:tls";
import { daysUntil, toIso, windowsDistinguishedName, windowsThumbprint } from "../certificate.js";
import type { GatewayCertificate } from "../gateway-result.js";

export function describeCertificate(cert: X509Certificate, computerName: string, chainTrusted: boolean, now: Date): GatewayCertificate {
  const notAfter = toIso(cert.validTo);
  return {
    Subject: windowsDistinguishedName(cert.subject),
    Issuer: windowsDistinguishedName(cert.issuer),
    Thumbprint: windowsThumbprint(cert),
    NotBefore: toIso(cert.validFrom),
    NotAfter: notAfter,
    IsExpired: now.getTime() > Date.parse(notAfter),
    ChainTrusted: chainTrusted,
    // The same RFC 6125 rules Node applies when it verifies a server itself. Unlike ../certificate.ts nameMatches,
    // a malformed SAN string throws here (the gateway probe has always let that surface).
    NameMatches: tls.checkServerIdentity(computerName, cert.toLegacyObject()) === undefined,
    DaysLeft: daysUntil(notAfter, now),
  };
}
