/**
 * The contract of Test-RdGateway (module) and `rdp-doctor gateway` (Node): one object per gateway. Property names
 * are part of the public interface; both sides build exactly this shape. The probe speaks the HTTP transport of
 * MS-TSGU: one unauthenticated RDG_OUT_DATA request, as mstsc sends it first, whose healthy answer
 * is HTTP 401 offering Negotiate and/or NTLM (protocol-probe.md section 8).
 *
 * Finding ids (Side "Gateway"; definitions in src/probe/gateway/findings.ts):
 *
 * | Id  | Name                                    | Status | What it means / what likely sits in the path             |
 * |-----|-----------------------------------------|--------|-----------------------------------------------------------|
 * | G01 | Gateway.Dns.NameNotResolved             | Fail   | the gateway name does not resolve                         |
 * | G02 | Gateway.Tcp.Unreachable                 | Fail   | refused or timed out: firewall, wrong port, service down  |
 * | G03 | Gateway.Tls.HandshakeFailed             | Fail   | no TLS: not an HTTPS listener, protocol/cipher mismatch   |
 * | G04 | Gateway.Certificate.Expired             | Fail   | mstsc refuses an expired gateway certificate              |
 * | G05 | Gateway.Certificate.ExpiresSoon         | Warn   | fewer than 30 days left                                   |
 * | G06 | Gateway.Certificate.Untrusted           | Fail   | chain not trusted by this machine (mstsc refuses it)      |
 * | G07 | Gateway.Certificate.NameMismatch        | Fail   | the name connected to is not in the certificate           |
 * | G08 | Gateway.Http.NoContentLength            | Fail   | keep-alive 401 without length: a proxy rewrote the answer |
 * | G09 | Gateway.Http.ConnectionClosed           | Fail   | reset/closed after the request: WAF or load balancer      |
 * | G10 | Gateway.Http.NotHttp                    | Fail   | the answer is not HTTP: another service on this port      |
 * | G11 | Gateway.Http.NoAnswer                   | Fail   | no answer in time: a proxy buffering the RDG method       |
 * | G12 | Gateway.Http.ServiceUnavailable         | Fail   | 503: TSGateway service or app pool stopped, no LB backend |
 * | G13 | Gateway.Http.NotFound                   | Fail   | 404: a web server (IIS) without the RD Gateway app        |
 * | G14 | Gateway.Http.UnexpectedStatus           | Fail   | another status: a reverse proxy or WAF answers itself     |
 * | G15 | Gateway.Http.NoWindowsAuthentication    | Fail   | 401 without Negotiate/NTLM: a pre-authenticating proxy    |
 *
 * A healthy gateway has no findings. Verdict is the worst finding: any Fail gives "Failed", any Warn "Warning".
 */
import type { Finding } from "../model/finding.js";
import type { PresentedCertificate } from "./endpoint-result.js";
import type { ProbeVerdict } from "./probe-finding-table.js";

/** The stage reached ("Done": a complete HTTP answer head was read, whatever its status) or the stage that failed. */
export type GatewayStage = "Dns" | "Tcp" | "Tls" | "Http" | "Done";

export type GatewayVerdict = ProbeVerdict;

export interface GatewayCertificate extends PresentedCertificate {
  /** The chain builds to a root this machine trusts (module: X509Chain.Build, no revocation check; Node: tls authorized). */
  ChainTrusted: boolean;
  /** Whole days until NotAfter, rounded down; negative once expired. */
  DaysLeft: number;
}

export interface GatewayTimings {
  Dns: number | null;
  Tcp: number | null;
  Tls: number | null;
  Http: number | null;
  Total: number;
}

export interface GatewayResult {
  ComputerName: string;
  Port: number;
  /** TCP connection accepted. */
  Reachable: boolean;
  Stage: GatewayStage;
  /** "TLS 1.2" style names; null before the handshake completed. */
  TlsVersion: string | null;
  Certificate: GatewayCertificate | null;
  /** The status code of the answer; null when no HTTP status line was read. */
  HttpStatus: number | null;
  /** The scheme of every WWW-Authenticate header, in order, e.g. ["Negotiate", "NTLM"]. */
  AuthSchemes: string[];
  Findings: Finding[];
  Verdict: GatewayVerdict;
  TimingsMs: GatewayTimings;
}

/** Every property of the result, in output order; the module builds its object in this order and its help documents each. */
export const GATEWAY_RESULT_PROPERTIES = [
  "ComputerName", "Port", "Reachable", "Stage", "TlsVersion", "Certificate", "HttpStatus", "AuthSchemes", "Findings",
  "Verdict", "TimingsMs",
] as const satisfies readonly (keyof GatewayResult)[];

export const GATEWAY_CERTIFICATE_PROPERTIES = [
  "Subject", "Issuer", "Thumbprint", "NotBefore", "NotAfter", "IsExpired", "ChainTrusted", "NameMatches", "DaysLeft",
] as const satisfies readonly (keyof GatewayCertificate)[];

export const GATEWAY_TIMING_PROPERTIES = ["Dns", "Tcp", "Tls", "Http", "Total"] as const satisfies readonly (keyof GatewayTimings)[];


/** Defaults shared by the CLI and the module parameters. */
export const GATEWAY_DEFAULT_PORT = 443;
export const GATEWAY_DEFAULT_TIMEOUT_MS = 5000;

