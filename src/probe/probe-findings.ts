/**
 * The Node probe's side of the shared P-finding table (src/probe/endpoint-findings.ts, which the module emits as
 * data so Test-RdpEndpoint and `rdp-doctor probe` give the same Id, Name, Title, Status, Reason and Fix). What the
 * table cannot say in fixed text - which service sits on the port, what a failure code means, how a TLS failure was
 * diagnosed - goes into Evidence, under stable keys listed here.
 */
import type { Finding } from "../model/finding.js";
import { WEAK_SIGNATURE_ALGORITHMS, daysLeft } from "./certificate.js";
import type { EndpointCertificate } from "./endpoint-result.js";
import { MIN_RSA_KEY_BITS, endpointFinding } from "./endpoint-findings.js";
import { CERT_EXPIRY_WARNING_DAYS } from "./probe-finding-table.js";
import type { SniffedProtocol } from "./x224.js";

/** Which catalog causes (Test-RdpError0x904 on the server) fit each RDP_NEG_FAILURE code. */
export const NEG_FAILURE_CAUSES: Readonly<Record<string, readonly string[]>> = {
  SSL_REQUIRED_BY_SERVER: ["C09"],
  SSL_NOT_ALLOWED_BY_SERVER: ["C09"],
  // No usable certificate: missing/expired self-signed cert (C05), unreadable key (C06), broken custom binding (C07).
  SSL_CERT_NOT_ON_SERVER: ["C05", "C06", "C07"],
  INCONSISTENT_FLAGS: ["C16"],
  HYBRID_REQUIRED_BY_SERVER: ["C09", "C10"],
  SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: ["C09"],
};

/** What sits on the port, in an admin's words (protocol-probe.md s3 "Non-RDP peers", s8). */
export const SERVICE_DESCRIPTION: Readonly<Record<SniffedProtocol, string>> = {
  TLS: "a TLS service (HTTPS web server, RD Gateway or TLS proxy), not an RDP listener",
  SSH: "an SSH server",
  HTTP: "a web server (plain HTTP)",
  RFB: "a VNC server (RFB)",
  Banner: "a service that greets first (SMTP/FTP-style banner)",
  Unknown: "a service that does not speak RDP",
};

/** Printable preview of the first bytes a non-RDP service sent (ASCII only, for the report). */
export function bytesPreview(bytes: Buffer): { hex: string; text: string } {
  return { hex: bytes.subarray(0, 32).toString("hex"), text: bytes.subarray(0, 48).toString("latin1").replace(/[^\x20-\x7e]/g, ".") };
}

/** P15-P20 for a certificate seen in a completed handshake. */
export function certificateFindings(c: EndpointCertificate, now: Date, authorizationError: string | null): Finding[] {
  const base = { "Certificate.Subject": c.Subject, "Certificate.Thumbprint": c.Thumbprint, "Certificate.NotBefore": c.NotBefore, "Certificate.NotAfter": c.NotAfter };
  const out: Finding[] = [];
  const left = daysLeft(c, now);
  if (c.IsExpired) out.push(endpointFinding("P15", { ...base, "Certificate.Validity": "Expired" }));
  else if (Date.parse(c.NotBefore) > now.getTime()) out.push(endpointFinding("P15", { ...base, "Certificate.Validity": "NotYetValid" }));
  else if (left < CERT_EXPIRY_WARNING_DAYS) out.push(endpointFinding("P16", { ...base, "Certificate.DaysLeft": left }));
  // Info level: Windows makes a self-signed RDP certificate by default (normal, not a cause of 0x904).
  if (c.IsSelfSigned) out.push(endpointFinding("P17", { ...base, "Tls.AuthorizationError": authorizationError }));
  if (!c.NameMatches) out.push(endpointFinding("P18", { ...base, "Certificate.SubjectAlternativeNames": c.SubjectAlternativeNames }));
  const rsaLike = c.KeyAlgorithm === "RSA" || c.KeyAlgorithm === "RSA-PSS" || c.KeyAlgorithm === "DSA";
  if (rsaLike && c.KeySize !== null && c.KeySize < MIN_RSA_KEY_BITS) {
    out.push(endpointFinding("P19", { ...base, "Certificate.KeyAlgorithm": c.KeyAlgorithm, "Certificate.KeySize": c.KeySize }));
  }
  if (WEAK_SIGNATURE_ALGORITHMS.includes(c.SignatureAlgorithm)) out.push(endpointFinding("P20", { ...base, "Certificate.SignatureAlgorithm": c.SignatureAlgorithm }));
  return out;
}

/** Findings ranked worst first (Fail, Warn, then the rest), then by Id. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => (f.Status === "Fail" ? 0 : f.Status === "Warn" ? 1 : f.Status === "Unknown" ? 2 : 3);
  return [...findings].sort((a, b) => rank(a) - rank(b) || a.Id.localeCompare(b.Id));
}
