/**
 * The gateway certificate in the result's Windows-flavoured shape (GatewayCertificate), from Node's X509Certificate,
 * so `rdp-doctor gateway --json` and Test-RdGateway print the same values for the same certificate.
 */
import type { X509Certificate } from "node:crypto";
import tls from "node:tls";
import type { GatewayCertificate } from "../gateway-result.js";

const DAY_MS = 86_400_000;

/**
 * Node lists RDNs in encoding order, one per line; X509Certificate2.Subject lists them reversed and comma-separated
 * ("CN=gw, O=Contoso" for a certificate encoded O, CN). Reversing gives the Windows spelling admins compare against.
 */
export function windowsDistinguishedName(nodeName: string): string {
  return nodeName.split("\n").filter((l) => l !== "").reverse().join(", ");
}

/** "TLSv1.2" -> "TLS 1.2" (the module maps SslProtocols the same way). */
export function tlsVersionName(protocol: string | null): string | null {
  if (protocol === null) return null;
  const m = /^TLSv(\d)(?:\.(\d))?$/.exec(protocol);
  return m ? `TLS ${m[1]}.${m[2] ?? "0"}` : protocol;
}

export function describeCertificate(cert: X509Certificate, computerName: string, chainTrusted: boolean, now: Date): GatewayCertificate {
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  return {
    Subject: windowsDistinguishedName(cert.subject),
    Issuer: windowsDistinguishedName(cert.issuer),
    Thumbprint: cert.fingerprint.replace(/:/g, "").toUpperCase(),
    NotBefore: notBefore.toISOString(),
    NotAfter: notAfter.toISOString(),
    IsExpired: now.getTime() > notAfter.getTime(),
    ChainTrusted: chainTrusted,
    // The same RFC 6125 rules Node applies when it verifies a server itself.
    NameMatches: tls.checkServerIdentity(computerName, cert.toLegacyObject()) === undefined,
    DaysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
  };
}
