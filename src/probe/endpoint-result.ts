/**
 * The contract of Test-RdpEndpoint (module) and `rdp-doctor probe` (Node): one object per endpoint. Property
 * names are part of the public interface (issue 4) and are documented in the README; both sides build exactly
 * this shape. Spec names follow MS-RDPBCGR 2.2.1.1.1 / 2.2.1.2.1 / 2.2.1.2.2 without the PROTOCOL_ prefix.
 */
import type { Finding } from "../model/finding.js";
import type { ProbeVerdict } from "./probe-finding-table.js";

/** RDP_NEG_REQ requestedProtocols / RDP_NEG_RSP selectedProtocol values (MS-RDPBCGR 2.2.1.1.1). */
export const PROTOCOL_FLAGS = { RDP: 0x0, SSL: 0x1, HYBRID: 0x2, RDSTLS: 0x4, HYBRID_EX: 0x8, RDSAAD: 0x10 } as const;
export type ProtocolName = keyof typeof PROTOCOL_FLAGS;

/** What mstsc offers by default: SSL | HYBRID | HYBRID_EX (protocol-probe.md section 4). */
export const MSTSC_REQUESTED_PROTOCOLS = PROTOCOL_FLAGS.SSL | PROTOCOL_FLAGS.HYBRID | PROTOCOL_FLAGS.HYBRID_EX;

/** The stage reached, or the one that failed, in order. */
export type ProbeStage = "Dns" | "Tcp" | "X224" | "Tls" | "Done";

/** What both probes report about the certificate a server presents (EndpointCertificate here, GatewayCertificate in gateway-result.ts). */
export interface PresentedCertificate {
  /** Distinguished name, most specific RDN first and comma-separated, as X509Certificate2.Subject prints it. */
  Subject: string;
  Issuer: string;
  /** SHA-1 of the DER certificate, upper-case hex without separators (the Windows thumbprint format). */
  Thumbprint: string;
  /** ISO 8601 UTC with milliseconds, e.g. 2021-01-01T00:00:00.000Z. */
  NotBefore: string;
  NotAfter: string;
  IsExpired: boolean;
  /** Whether the name the probe connected to matches the subject CN or a SAN (RFC 6125 rules, as tls.checkServerIdentity and mstsc). */
  NameMatches: boolean;
}

export interface EndpointCertificate extends PresentedCertificate {
  /** Subject equals issuer AND the certificate's signature verifies with its own key (Windows RDP certificates are not CA certificates). */
  IsSelfSigned: boolean;
  /** "RSA", "ECDSA", ... */
  KeyAlgorithm: string;
  KeySize: number | null;
  /** e.g. "sha256RSA" (the Windows FriendlyName form). */
  SignatureAlgorithm: string;
  SubjectAlternativeNames: string[];
}

export interface EndpointTimings {
  Dns: number | null;
  Tcp: number | null;
  X224: number | null;
  Tls: number | null;
  Total: number;
}

export interface EndpointResult {
  ComputerName: string;
  Port: number;
  /** TCP connection accepted. */
  Reachable: boolean;
  /** The stage reached ("Done") or the stage that failed. */
  Stage: ProbeStage;
  /** RDP_NEG_RSP selectedProtocol name; "RDP" also for a legacy Connection Confirm without negotiation data. */
  SelectedProtocol: ProtocolName | null;
  /** RDP_NEG_FAILURE failureCode name, e.g. SSL_CERT_NOT_ON_SERVER. */
  NegotiationFailure: string | null;
  /** "TLS 1.2" style names. */
  TlsVersion: string | null;
  CipherSuite: string | null;
  Certificate: EndpointCertificate | null;
  /** With -Enumerate: protocols the server selected exactly when offered alone (an offer counts only then; no false NLA). */
  AcceptedProtocols: ProtocolName[] | null;
  /** Same shape as the diagnosis findings. */
  Findings: Finding[];
  /** "Healthy", "Warning" or "Failed": the worst finding. */
  Verdict: ProbeVerdict;
  TimingsMs: EndpointTimings;
}
