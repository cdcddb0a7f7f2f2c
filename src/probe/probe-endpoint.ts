/**
 * probeEndpoint: what mstsc's first second looks like from outside, as an EndpointResult (endpoint-result.ts).
 * Stages (protocol-probe.md s4): DNS (skipped for IP literals) -> TCP -> X.224 CR with mstsc's offer
 * SSL|HYBRID|HYBRID_EX -> TLS on the same socket when the server selects a TLS-based protocol. Every wait is bounded
 * by timeoutMs. Extra connections, only when needed: a direct-TLS check when the port closes or answers TLS instead
 * of X.224 (s4 step 3), a passive diagnosis connection when TLS fails (s4 step 4, P8), and with `enumerate` one
 * connection per offer (enumerate.ts).
 *
 * Findings: the shared table of src/probe/endpoint-findings.ts (same Id/Name/Status/Reason in the module); the
 * run-time specifics are in Evidence. Verdict = worst finding (probeVerdict).
 * | Id  | When (this file)                                     | Evidence that tells the cases apart              |
 * |-----|------------------------------------------------------|--------------------------------------------------|
 * | P01 | name does not resolve                                | Dns.Error                                        |
 * | P02 | ECONNREFUSED: nothing listening                      | Tcp.Error                                        |
 * | P03 | connect timed out: filtered (SYN dropped)            | Tcp.TimeoutMs                                    |
 * | P04 | other TCP error (EHOSTUNREACH...)                    | Tcp.Error                                        |
 * | P05 | accepted, silent until timeoutMs                     | X224.TimeoutMs                                   |
 * | P06 | reset or closed after the request, no TLS either     | X224.End = Reset / Closed                        |
 * | P07 | wrong protocol: TLS service/RD Gateway, SSH, HTTP... | Port.Service, Port.Sniffed, first bytes          |
 * | P08 | RDP_NEG_FAILURE                                      | name, meaning, Causes (CERT_NOT_ON_SERVER: C05-C07)|
 * | P09 | MCS Disconnect Provider Ultimatum instead of a CC    | X224.DisconnectReason                            |
 * | P10 | invalid answer / protocol not offered                | X224.Detail, X224.AnswerHex                      |
 * | P11 | Standard RDP Security (PROTOCOL_RDP, legacy CC)      | X224.LegacyConfirm                               |
 * | P12 | SSL selected although CredSSP was offered (no NLA)   | X224.SelectedProtocol (+ enumeration answers)    |
 * | P13 | TLS handshake failed                                 | Tls.Diagnosis = BrokenServerKey / VersionOrCipher|
 * | P14 | TLS 1.0 / 1.1                                        | Tls.Version                                      |
 * | P15 | certificate expired or not yet valid                 | Certificate.Validity = Expired / NotYetValid     |
 * | P16 | certificate expires in < 30 days                     | Certificate.DaysLeft                             |
 * | P17 | self-signed (Warn, Low: normal for RDP)              | Tls.AuthorizationError                           |
 * | P18 | name mismatch                                        | Certificate.SubjectAlternativeNames              |
 * | P19 | RSA/DSA key < 2048 bits                              | Certificate.KeySize                              |
 * | P20 | SHA-1 / MD5 signature                                | Certificate.SignatureAlgorithm                   |
 */
import { lookup } from "node:dns/promises";
import net from "node:net";
import type { Finding } from "../model/finding.js";
import { describeCertificate } from "./certificate.js";
import { classifyConfirm } from "./classify-confirm.js";
import { connectTcp, diagnoseTlsFailure, elapsed, exchangeConfirm, tlsHandshake, tlsVersionName } from "./connection.js";
import { endpointFinding } from "./endpoint-findings.js";
import { probeVerdict } from "./probe-finding-table.js";
import { MSTSC_REQUESTED_PROTOCOLS, type EndpointResult } from "./endpoint-result.js";
import { acceptedProtocols, enumerateProtocols } from "./enumerate.js";
import { certificateFindings, sortFindings } from "./probe-findings.js";
import { buildConnectionRequest } from "./x224.js";

export interface ProbeOptions {
  /** Bound of every single wait (DNS, connect, X.224 answer, TLS handshake). Default 3000. */
  timeoutMs?: number;
  enumerate?: boolean;
  /** Reference time for certificate dates (tests pass a fixed one). */
  now?: Date;
  /** Routing cookie "mstshash=NAME" for load balancers. */
  cookie?: string;
}

export const DEFAULT_TIMEOUT_MS = 3000;
/** Passive watch after a failed handshake: xrdp aborts within 2 ms; 1 s is the prototype's value (s4 step 4). */
const DIAGNOSIS_WATCH_MS = 1000;
type Draft = Omit<EndpointResult, "Verdict" | "Findings"> & { Findings: Finding[] };

async function resolve(host: string, timeoutMs: number): Promise<{ address: string } | { error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ error: string }>((r) => { timer = setTimeout(() => r({ error: "Timeout" }), timeoutMs); });
  // dns.lookup cannot be cancelled; the race only stops waiting for it.
  const answer = lookup(host).then((a) => ({ address: a.address }), (e: NodeJS.ErrnoException) => ({ error: e.code ?? e.message }));
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Probes one endpoint. Never throws for network conditions; every outcome is a finding. */
export async function probeEndpoint(host: string, port: number, options: ProbeOptions = {}): Promise<EndpointResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? new Date();
  const start = performance.now();
  const d: Draft = {
    ComputerName: host, Port: port, Reachable: false, Stage: "Dns", SelectedProtocol: null, NegotiationFailure: null,
    TlsVersion: null, CipherSuite: null, Certificate: null, AcceptedProtocols: null, Findings: [],
    TimingsMs: { Dns: null, Tcp: null, X224: null, Tls: null, Total: 0 },
  };
  const finish = (): EndpointResult => {
    d.TimingsMs.Total = elapsed(start);
    const findings = sortFindings(d.Findings);
    return { ...d, Findings: findings, Verdict: probeVerdict(findings) };
  };

  let address = host;
  if (net.isIP(host) === 0) {
    const dnsStart = performance.now();
    const r = await resolve(host, timeoutMs);
    d.TimingsMs.Dns = elapsed(dnsStart);
    if ("error" in r) return (d.Findings.push(endpointFinding("P01", { "Dns.Name": host, "Dns.Error": r.error })), finish());
    address = r.address;
  }

  d.Stage = "Tcp";
  const tcp = await connectTcp(address, port, timeoutMs);
  d.TimingsMs.Tcp = tcp.ms;
  if (!tcp.ok) {
    const evidence = { "Tcp.Address": address, "Tcp.Port": port, "Tcp.Error": tcp.error, "Tcp.Message": tcp.message, "Tcp.TimeoutMs": timeoutMs };
    d.Findings.push(endpointFinding(tcp.error === "ECONNREFUSED" ? "P02" : tcp.error === "Timeout" ? "P03" : "P04", evidence));
    return finish();
  }
  d.Reachable = true;

  d.Stage = "X224";
  const request = buildConnectionRequest(MSTSC_REQUESTED_PROTOCOLS, options.cookie === undefined ? {} : { cookie: options.cookie });
  const x = await exchangeConfirm(tcp.socket, request, { timeoutMs, keepOpen: true });
  d.TimingsMs.X224 = x.ms;
  const p = x.parse;
  const verdict = await classifyConfirm(x, { address, host, port, timeoutMs });
  d.Findings.push(...verdict.findings);
  d.SelectedProtocol = verdict.selectedProtocol;
  d.NegotiationFailure = verdict.negotiationFailure;
  if (verdict.done) d.Stage = "Done";
  const tlsSocket = verdict.startTls ? tcp.socket : null;
  if (tlsSocket === null) tcp.socket.destroy();

  if (tlsSocket !== null) {
    d.Stage = "Tls";
    const t = await tlsHandshake(tlsSocket, host, timeoutMs);
    d.TimingsMs.Tls = t.ms;
    if (t.ok) {
      d.Stage = "Done";
      d.TlsVersion = tlsVersionName(t.protocol);
      d.CipherSuite = t.cipher;
      if (d.TlsVersion === "TLS 1.0" || d.TlsVersion === "TLS 1.1") d.Findings.push(endpointFinding("P14", { "Tls.Version": d.TlsVersion, "Tls.CipherSuite": t.cipher }));
      if (t.certificate) {
        d.Certificate = describeCertificate(t.certificate, host, now);
        d.Findings.push(...certificateFindings(d.Certificate, now, t.authorizationError));
      }
    } else {
      // A second, passive connection separates a server that cannot start TLS from a version/cipher refusal (P8).
      const diag = await diagnoseTlsFailure(address, port, request, Math.min(DIAGNOSIS_WATCH_MS, timeoutMs), timeoutMs);
      d.Findings.push(endpointFinding("P13", {
        "Tls.Error": t.error,
        "Tls.Diagnosis": diag.behaviour === "ServerAborts" ? "BrokenServerKey" : diag.behaviour === "ServerWaits" ? "VersionOrCipherMismatch" : "Inconclusive",
        "Diagnosis.Behaviour": diag.behaviour,
        "Diagnosis.AfterConfirm": diag.exchange?.after?.kind ?? (diag.exchange?.closedByPeer ? "Closed" : null),
      }));
    }
  }

  // Enumerate whenever an RDP stack answered, refusals included: the per-offer answers explain them.
  const rdpAnswered = p.kind === "NegotiationResponse" || p.kind === "NegotiationFailure" || p.kind === "LegacyConfirm" || p.kind === "McsDisconnect";
  if (options.enumerate && rdpAnswered) {
    const outcomes = await enumerateProtocols(address, port, timeoutMs, options.cookie);
    d.AcceptedProtocols = acceptedProtocols(outcomes);
    const answers = Object.fromEntries(outcomes.map((o) => [`Enumeration.${o.offer.label}`, o.answer]));
    // The shared table has no enumeration finding; the answers prove a "no NLA" or "RDP only" verdict, so they go there.
    d.Findings = d.Findings.map((f) => (f.Id === "P11" || f.Id === "P12" ? { ...f, Evidence: { ...f.Evidence, ...answers } } : f));
  }
  return finish();
}
