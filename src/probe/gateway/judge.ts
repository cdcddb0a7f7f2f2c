/**
 * Pure judging of what the gateway probe saw: the HTTP answer head and the certificate. The module mirrors these
 * rules step by step (codegen/targets/module/gateway/judge-statements.ts); test/gateway-probe.test.ts holds them to
 * the mock's variants (protocol-probe.md section 8).
 */
import type { Finding } from "../../model/finding.js";
import type { GatewayCertificate } from "../gateway-result.js";
import { CERT_EXPIRY_WARNING_DAYS } from "../probe-finding-table.js";
import { gatewayFinding } from "./findings.js";

/** The schemes mstsc can answer a gateway 401 with (MS-TSGU HTTP transport authentication). */
export const WINDOWS_AUTH_SCHEMES: readonly string[] = ["Negotiate", "NTLM"];

/** `HTTP/1.1 401 ...`: the status code is group 1 (same pattern in the module). */
export const STATUS_LINE_PATTERN = "^HTTP/\\d\\.\\d (\\d{3})";

/** Stop reading after this many bytes without an answer head; a real head is well under 1 KB. */
export const MAX_HEAD_BYTES = 65536;

export interface AnswerHead {
  StatusLine: string;
  HttpStatus: number | null;
  AuthSchemes: string[];
  HasContentLength: boolean;
  Chunked: boolean;
  ConnectionClose: boolean;
}

/** Parses the text before the first empty line; HttpStatus is null when the first line is not an HTTP status line. */
export function parseAnswerHead(head: string): AnswerHead {
  const [statusLine = "", ...lines] = head.split("\r\n");
  const match = new RegExp(STATUS_LINE_PATTERN).exec(statusLine);
  const result: AnswerHead = {
    StatusLine: statusLine, HttpStatus: match ? Number(match[1]) : null, AuthSchemes: [],
    HasContentLength: false, Chunked: false, ConnectionClose: false,
  };
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    // The scheme is the first token; parameters (a Negotiate token, a Basic realm) follow a space.
    if (name === "www-authenticate") result.AuthSchemes.push(value.split(" ")[0]!);
    if (name === "content-length") result.HasContentLength = true;
    if (name === "transfer-encoding" && /chunked/i.test(value)) result.Chunked = true;
    if (name === "connection" && /close/i.test(value)) result.ConnectionClose = true;
  }
  return result;
}

/** The finding for a complete, parsed answer head, or null for the healthy 401. */
export function judgeAnswer(head: AnswerHead): Finding | null {
  const evidence = { StatusLine: head.StatusLine, AuthSchemes: head.AuthSchemes };
  if (head.HttpStatus === null) return gatewayFinding("G10", { FirstLine: head.StatusLine });
  if (head.HttpStatus === 503) return gatewayFinding("G12", evidence);
  if (head.HttpStatus === 404) return gatewayFinding("G13", evidence);
  if (head.HttpStatus !== 401) return gatewayFinding("G14", evidence);
  const offered = head.AuthSchemes.filter((s) => WINDOWS_AUTH_SCHEMES.some((w) => w.toLowerCase() === s.toLowerCase()));
  if (offered.length === 0) return gatewayFinding("G15", evidence);
  // Only a keep-alive answer needs a length: with Connection: close the end of the body is the end of the stream.
  if (!head.HasContentLength && !head.Chunked && !head.ConnectionClose) return gatewayFinding("G08", evidence);
  return null;
}

/** How the exchange ended when no complete head arrived. */
export type ExchangeFailure = "Reset" | "Closed" | "Timeout" | "TooLarge";

/**
 * The finding for an exchange without a complete head. Bytes that do not start like HTTP are G10 whatever ended
 * the exchange (the garbage variant closes after its bytes).
 */
export function judgeIncomplete(failure: ExchangeFailure, received: string, error: string | null): Finding {
  const firstLine = received.split("\r\n")[0] ?? "";
  if (received.length > 0 && !new RegExp(STATUS_LINE_PATTERN).test(firstLine)) return gatewayFinding("G10", { FirstLine: firstLine });
  if (failure === "Timeout" || failure === "TooLarge") return gatewayFinding("G11", { BytesReceived: received.length });
  return gatewayFinding("G09", { Error: error ?? "closed", BytesReceived: received.length });
}

/**
 * G04/G05/G06/G07 from the certificate. An expired certificate also fails chain validation on both platforms; it
 * gets G04 alone, because renewing it is the fix whatever the chain says.
 */
export function judgeCertificate(cert: GatewayCertificate, computerName: string, chainStatus: string | null): Finding[] {
  const findings: Finding[] = [];
  const dates = { NotBefore: cert.NotBefore, NotAfter: cert.NotAfter, DaysLeft: cert.DaysLeft };
  if (cert.IsExpired) findings.push(gatewayFinding("G04", dates));
  else if (cert.DaysLeft < CERT_EXPIRY_WARNING_DAYS) findings.push(gatewayFinding("G05", dates));
  if (!cert.ChainTrusted && !cert.IsExpired) findings.push(gatewayFinding("G06", { Issuer: cert.Issuer, ChainStatus: chainStatus }));
  if (!cert.NameMatches) findings.push(gatewayFinding("G07", { ComputerName: computerName, Subject: cert.Subject }));
  return findings;
}
