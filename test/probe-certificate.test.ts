/**
 * src/probe/certificate.ts on certificates made with the system openssl (the peer lab's set from
 * test/peers/certificates.ts, plus a leaf whose issuer has the leaf's own name): Windows-style thumbprint and
 * names, self-signed detection by signature (pitfall P5), validity against a fixed "now", keys, SANs, name match.
 */
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeCertificate, signatureAlgorithmOid, signatureFriendlyName, windowsDistinguishedName } from "../src/probe/certificate.js";
import { CA_SUBJECT_CN, EXPIRED_NOT_AFTER, EXPIRED_NOT_BEFORE, WINLIKE_CN, generateCertificates, type PeerCertificates } from "./peers/certificates.js";

const NOW = new Date("2026-06-01T00:00:00Z");
let dir: string;
let certs: PeerCertificates;
const load = (file: string) => new X509Certificate(fs.readFileSync(file));
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "probe-cert-"));
  certs = await generateCertificates(dir);
  // A CA named exactly like the leaf it signs: subject == issuer, yet not self-signed.
  openssl("req", "-x509", "-nodes", "-newkey", "rsa:2048", "-keyout", "twin-ca.key", "-out", "twin-ca.crt", "-days", "30", "-subj", "/CN=twin.test");
  openssl("req", "-new", "-nodes", "-newkey", "rsa:2048", "-keyout", "twin.key", "-out", "twin.csr", "-subj", "/CN=twin.test");
  openssl("x509", "-req", "-in", "twin.csr", "-CA", "twin-ca.crt", "-CAkey", "twin-ca.key", "-CAcreateserial", "-days", "30", "-out", "twin.crt");
  openssl("req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1", "-sha384", "-keyout", "p384.key", "-out", "p384.crt", "-days", "10", "-subj", "/C=DE/O=Lab/CN=p384.test");
}, 30_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("describeCertificate", () => {
  it("self-signed RSA-2048 with SANs: thumbprint, names, key, signature, name match", () => {
    const x = load(certs.valid.cert);
    const c = describeCertificate(x, "localhost", NOW);
    expect(c.Thumbprint).toBe(x.fingerprint.replace(/:/g, ""));
    expect(c.Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(c).toMatchObject({
      Subject: "O=ProbeLab, CN=localhost", Issuer: "O=ProbeLab, CN=localhost", IsSelfSigned: true, KeyAlgorithm: "RSA", KeySize: 2048,
      SignatureAlgorithm: "sha256RSA", SubjectAlternativeNames: ["DNS:localhost", "IP:127.0.0.1"], NameMatches: true,
    });
    expect(describeCertificate(x, "127.0.0.1", NOW).NameMatches).toBe(true);
    expect(describeCertificate(x, "rdsh01.example.test", NOW).NameMatches).toBe(false);
  });

  it("expired: exact ISO dates and IsExpired against the given now", () => {
    const c = describeCertificate(load(certs.expired.cert), "xrdp-expired.test", NOW);
    expect(c).toMatchObject({ NotBefore: EXPIRED_NOT_BEFORE, NotAfter: EXPIRED_NOT_AFTER, IsExpired: true, IsSelfSigned: true, NameMatches: true });
    expect(describeCertificate(load(certs.expired.cert), "x", new Date("2020-06-01T00:00:00Z")).IsExpired).toBe(false);
  });

  it("Windows-like RDP certificate without keyCertSign is still self-signed (pitfall P5)", () => {
    const x = load(certs.winlike.cert);
    expect(x.checkIssued(x)).toBe(false);
    expect(describeCertificate(x, WINLIKE_CN, NOW)).toMatchObject({ Subject: `CN=${WINLIKE_CN}`, IsSelfSigned: true, NameMatches: true });
  });

  it("CA-signed EC P-256 leaf: not self-signed, ECDSA 256, signed sha256RSA by the RSA root", () => {
    const c = describeCertificate(load(certs.caLeaf.cert), "localhost", NOW);
    expect(c).toMatchObject({ Issuer: `O=ProbeLab, CN=${CA_SUBJECT_CN}`, IsSelfSigned: false, KeyAlgorithm: "ECDSA", KeySize: 256, SignatureAlgorithm: "sha256RSA" });
  });

  it("CA-signed leaf whose issuer has its own name: subject == issuer, yet IsSelfSigned false (signature decides)", () => {
    const x = load(path.join(dir, "twin.crt"));
    expect(x.subject).toBe(x.issuer);
    expect(describeCertificate(x, "twin.test", NOW).IsSelfSigned).toBe(false);
    expect(describeCertificate(load(path.join(dir, "twin-ca.crt")), "twin.test", NOW).IsSelfSigned).toBe(true);
  });

  it("RSA-1024 signed with SHA-1: sha1RSA, KeySize 1024", () => {
    expect(describeCertificate(load(certs.weak.cert), "tls10-weak.test", NOW)).toMatchObject({ KeyAlgorithm: "RSA", KeySize: 1024, SignatureAlgorithm: "sha1RSA", SubjectAlternativeNames: [] });
  });

  it("EC P-384 self-signed with SHA-384: sha384ECDSA, KeySize 384, subject in Windows order", () => {
    const c = describeCertificate(load(path.join(dir, "p384.crt")), "p384.test", new Date());
    expect(c).toMatchObject({ Subject: "CN=p384.test, O=Lab, C=DE", KeyAlgorithm: "ECDSA", KeySize: 384, SignatureAlgorithm: "sha384ECDSA", IsSelfSigned: true, IsExpired: false });
  });
});

describe("signature algorithm DER walk", () => {
  it("reads the outer AlgorithmIdentifier OID", () => {
    expect(signatureAlgorithmOid(load(certs.valid.cert).raw)).toBe("1.2.840.113549.1.1.11");
    expect(signatureAlgorithmOid(load(certs.weak.cert).raw)).toBe("1.2.840.113549.1.1.5");
  });
  it("maps OIDs to Windows FriendlyName forms and keeps unknown OIDs dotted", () => {
    expect(signatureFriendlyName("1.2.840.113549.1.1.4")).toBe("md5RSA");
    expect(signatureFriendlyName("1.2.840.10045.4.3.2")).toBe("sha256ECDSA");
    expect(signatureFriendlyName("1.2.3.4")).toBe("1.2.3.4");
  });
  it("throws on bytes that are not a certificate", () => {
    expect(() => signatureAlgorithmOid(Buffer.from("3003020101", "hex"))).toThrow();
  });
  it("orders a DN most specific first, as Windows shows it", () => {
    expect(windowsDistinguishedName("C=US\nO=Org\nCN=host")).toBe("CN=host, O=Org, C=US");
  });
});
