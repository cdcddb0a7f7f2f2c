/**
 * Describes the certificate an RDP server presents in its TLS handshake as an EndpointCertificate, with the
 * values an admin compares against Windows (certlm.msc, Get-ChildItem Cert:\...): SHA-1 thumbprint in upper-case
 * hex, the FriendlyName form of the signature algorithm, subject in Windows order (protocol-probe.md s4 step 4).
 */
import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import type { EndpointCertificate } from "./endpoint-result.js";

/** Signature OIDs -> Windows Oid.FriendlyName (what X509Certificate2.SignatureAlgorithm.FriendlyName shows). */
const SIGNATURE_FRIENDLY_NAMES: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.2": "md2RSA",
  "1.2.840.113549.1.1.4": "md5RSA",
  "1.2.840.113549.1.1.5": "sha1RSA",
  "1.2.840.113549.1.1.10": "RSASSA-PSS",
  "1.2.840.113549.1.1.11": "sha256RSA",
  "1.2.840.113549.1.1.12": "sha384RSA",
  "1.2.840.113549.1.1.13": "sha512RSA",
  "1.2.840.113549.1.1.14": "sha224RSA",
  "1.2.840.10045.4.1": "sha1ECDSA",
  "1.2.840.10045.4.3.1": "sha224ECDSA",
  "1.2.840.10045.4.3.2": "sha256ECDSA",
  "1.2.840.10045.4.3.3": "sha384ECDSA",
  "1.2.840.10045.4.3.4": "sha512ECDSA",
  "1.2.840.10040.4.3": "sha1DSA",
  "2.16.840.1.101.3.4.3.2": "sha256DSA",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
};

/** Signature algorithms a current Windows client or browser no longer trusts for server authentication. */
export const WEAK_SIGNATURE_ALGORITHMS: readonly string[] = ["md2RSA", "md5RSA", "sha1RSA", "sha1ECDSA", "sha1DSA"];

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521, secp224r1: 224, prime192v1: 192,
  brainpoolP256r1: 256, brainpoolP384r1: 384, brainpoolP512r1: 512,
};

interface DerElement { tag: number; start: number; contentStart: number; end: number }

/** One DER TLV at `offset` (X.690 8.1); definite lengths only, which DER guarantees. */
function readDer(der: Buffer, offset: number): DerElement {
  const tag = der[offset]!;
  let len = der[offset + 1]!;
  let contentStart = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new RangeError("unsupported DER length");
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + der[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + len;
  if (end > der.length) throw new RangeError("DER element runs past the end");
  return { tag, start: offset, contentStart, end };
}

/** Dotted form of an OBJECT IDENTIFIER's content bytes (X.690 8.19). */
function decodeOid(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) { parts.push(value); value = 0; }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join(".");
}

/**
 * The outer signatureAlgorithm OID: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm
 * AlgorithmIdentifier, signatureValue } (RFC 5280 4.1.1.2). Node 20's X509Certificate does not expose it.
 */
export function signatureAlgorithmOid(der: Buffer): string {
  const cert = readDer(der, 0);
  const tbs = readDer(der, cert.contentStart);
  const algId = readDer(der, tbs.end);
  const oid = readDer(der, algId.contentStart);
  if (cert.tag !== 0x30 || tbs.tag !== 0x30 || algId.tag !== 0x30 || oid.tag !== 0x06) throw new RangeError("not an X.509 certificate");
  return decodeOid(der.subarray(oid.contentStart, oid.end));
}

export function signatureFriendlyName(oid: string): string {
  return SIGNATURE_FRIENDLY_NAMES[oid] ?? oid;
}

/** Node prints a DN one RDN per line in DER order; Windows (and RFC 4514) print most specific first, ", "-joined. */
export function windowsDistinguishedName(nodeDn: string): string {
  return nodeDn.split("\n").filter((p) => p !== "").reverse().join(", ");
}

/** SAN entries as "DNS:name", "IP:addr", "email:..", the openssl config forms. */
export function subjectAlternativeNames(cert: X509Certificate): string[] {
  if (!cert.subjectAltName) return [];
  return cert.subjectAltName.split(", ").map((s) => s.replace(/^IP Address:/, "IP:"));
}

function keyAlgorithm(cert: X509Certificate): { name: string; bits: number | null } {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa": return { name: "RSA", bits: details.modulusLength ?? null };
    case "rsa-pss": return { name: "RSA-PSS", bits: details.modulusLength ?? null };
    case "dsa": return { name: "DSA", bits: details.modulusLength ?? null };
    case "ec": return { name: "ECDSA", bits: CURVE_BITS[details.namedCurve ?? ""] ?? null };
    case "ed25519": return { name: "Ed25519", bits: 256 };
    case "ed448": return { name: "Ed448", bits: 456 };
    default: return { name: String(key.asymmetricKeyType ?? "Unknown"), bits: null };
  }
}

/**
 * Subject equals issuer AND the signature verifies with the certificate's own key. Not checkIssued(self):
 * OpenSSL refuses that for Windows RDP certificates, which lack keyCertSign (protocol-probe.md pitfall P5).
 */
export function isSelfSigned(cert: X509Certificate): boolean {
  if (cert.subject !== cert.issuer) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

/** RFC 6125 host matching as Node's TLS client does it; IP literals match only IP SANs. */
export function nameMatches(cert: X509Certificate, host: string): boolean {
  try {
    return tls.checkServerIdentity(host, cert.toLegacyObject()) === undefined;
  } catch {
    return false;
  }
}

export const toIso = (nodeDate: string): string => new Date(nodeDate).toISOString();

/** SHA-1 of the DER certificate, upper-case hex without separators (the Windows thumbprint format). */
export const windowsThumbprint = (cert: X509Certificate): string => cert.fingerprint.replace(/:/g, "").toUpperCase();

/** Whole days from `now` until `notAfter` (an ISO date), rounded down; negative once expired. */
export const daysUntil = (notAfter: string, now: Date): number => Math.floor((Date.parse(notAfter) - now.getTime()) / 86_400_000);

/** The EndpointCertificate for `cert` as seen by a client that connected to `host` at `now`. */
export function describeCertificate(cert: X509Certificate, host: string, now: Date): EndpointCertificate {
  const notBefore = toIso(cert.validFrom);
  const notAfter = toIso(cert.validTo);
  const key = keyAlgorithm(cert);
  let signature: string;
  try {
    signature = signatureFriendlyName(signatureAlgorithmOid(cert.raw));
  } catch {
    signature = "Unknown";
  }
  return {
    Subject: windowsDistinguishedName(cert.subject),
    Issuer: windowsDistinguishedName(cert.issuer),
    Thumbprint: windowsThumbprint(cert),
    NotBefore: notBefore,
    NotAfter: notAfter,
    IsExpired: now.getTime() > Date.parse(notAfter),
    IsSelfSigned: isSelfSigned(cert),
    KeyAlgorithm: key.name,
    KeySize: key.bits,
    SignatureAlgorithm: signature,
    SubjectAlternativeNames: subjectAlternativeNames(cert),
    NameMatches: nameMatches(cert, host),
  };
}

/** Whole days until NotAfter (negative once expired). */
export function daysLeft(certificate: EndpointCertificate, now: Date): number {
  return daysUntil(certificate.NotAfter, now);
}
