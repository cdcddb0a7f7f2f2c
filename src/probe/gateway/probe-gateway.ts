/**
 * The Node gateway probe behind `rdp-doctor gateway`: DNS, TCP, TLS, then one RDG_OUT_DATA request over the
 * MS-TSGU HTTP transport, read as raw bytes (node:http cannot: llhttp rejects the method, protocol-probe.md
 * section 8 and P10). Each stage is bounded by timeoutMs. The module's Test-RdGateway does the same steps.
 */
import { randomUUID } from "node:crypto";
import { lookup } from "node:dns/promises";
import net from "node:net";
import tls from "node:tls";
import type { Finding } from "../../model/finding.js";
import {
  GATEWAY_DEFAULT_PORT, GATEWAY_DEFAULT_TIMEOUT_MS, type GatewayResult, type GatewayStage, type GatewayTimings,
} from "../gateway-result.js";
import { gatewayFinding } from "./findings.js";
import { probeVerdict } from "../probe-finding-table.js";
import { MAX_HEAD_BYTES, judgeAnswer, judgeCertificate, judgeIncomplete, parseAnswerHead, type ExchangeFailure } from "./judge.js";
import { tlsVersionName } from "../connection.js";
import { describeCertificate } from "./certificate.js";
import { rdgOutDataRequestText } from "./request.js";

export interface GatewayProbeOptions {
  port?: number;
  timeoutMs?: number;
  /** Extra trust anchors (PEM), added to Node's roots: a private PKI the Windows clients trust. */
  extraCa?: readonly string[];
  /** For tests: the clock used for IsExpired and DaysLeft. */
  now?: Date;
}

/** The outcome of reading the answer: a complete head, or how the exchange ended without one. */
type Answer = { head: string } | { failure: ExchangeFailure; received: string; error: string | null };

const elapsed = (since: number): number => Math.round(performance.now() - since);

/** Connects to the first address that accepts, as TcpClient.Connect(host) does; throws the last error. */
async function connectAny(addresses: readonly string[], port: number, timeoutMs: number): Promise<net.Socket> {
  let last: Error = new Error("no address");
  for (const address of addresses) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect({ host: address, port });
        const timer = setTimeout(() => { socket.destroy(); reject(Object.assign(new Error("connect timed out"), { code: "ETIMEDOUT" })); }, timeoutMs);
        socket.once("connect", () => { clearTimeout(timer); resolve(socket); });
        socket.once("error", (e) => { clearTimeout(timer); reject(e); });
      });
    } catch (e) {
      last = e as Error;
    }
  }
  throw last;
}

function startTls(socket: net.Socket, servername: string | undefined, extraCa: readonly string[], timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket, servername,
      // Judge, do not refuse: the chain result is read from `authorized`, the name is checked separately.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ca: extraCa.length > 0 ? [...tls.rootCertificates, ...extraCa] : undefined,
      // Old gateways (TLS 1.0, SHA-1) must be describable, not rejected (protocol-probe.md P6).
      minVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0",
    });
    const timer = setTimeout(() => { secure.destroy(); reject(Object.assign(new Error("TLS handshake timed out"), { code: "ETIMEDOUT" })); }, timeoutMs);
    secure.once("secureConnect", () => { clearTimeout(timer); resolve(secure); });
    secure.once("error", (e) => { clearTimeout(timer); secure.destroy(); reject(e); });
  });
}

/** Writes the request and collects bytes until the head is complete, the peer ends, or timeoutMs passes. */
function exchange(secure: tls.TLSSocket, request: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    let received = "";
    const finish = (answer: Answer) => { clearTimeout(timer); secure.removeAllListeners("data"); resolve(answer); };
    const timer = setTimeout(() => finish({ failure: "Timeout", received, error: null }), timeoutMs);
    secure.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end >= 0) finish({ head: received.slice(0, end) });
      else if (received.length > MAX_HEAD_BYTES) finish({ failure: "TooLarge", received, error: null });
    });
    secure.on("error", (e: NodeJS.ErrnoException) => finish({ failure: e.code === "ECONNRESET" ? "Reset" : "Closed", received, error: e.code ?? e.message }));
    secure.on("end", () => finish({ failure: "Closed", received, error: null }));
    secure.on("close", () => finish({ failure: "Closed", received, error: null }));
    secure.write(Buffer.from(request, "latin1"));
  });
}

export async function probeGateway(computerName: string, options: GatewayProbeOptions = {}): Promise<GatewayResult> {
  const port = options.port ?? GATEWAY_DEFAULT_PORT;
  const timeoutMs = options.timeoutMs ?? GATEWAY_DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const timings: GatewayTimings = { Dns: null, Tcp: null, Tls: null, Http: null, Total: 0 };
  const result: GatewayResult = {
    ComputerName: computerName, Port: port, Reachable: false, Stage: "Dns", TlsVersion: null, Certificate: null,
    HttpStatus: null, AuthSchemes: [], Findings: [], Verdict: "Healthy", TimingsMs: timings,
  };
  const done = (stage: GatewayStage, findings: Finding[]): GatewayResult => {
    result.Stage = stage;
    result.Findings.push(...findings);
    result.Verdict = probeVerdict(result.Findings);
    timings.Total = elapsed(started);
    return result;
  };

  let t = performance.now();
  let addresses: string[];
  try {
    addresses = (await lookup(computerName, { all: true })).map((a) => a.address);
  } catch (e) {
    return done("Dns", [gatewayFinding("G01", { ComputerName: computerName, Error: (e as NodeJS.ErrnoException).code ?? String(e) })]);
  }
  timings.Dns = elapsed(t);

  t = performance.now();
  let socket: net.Socket;
  try {
    socket = await connectAny(addresses, port, timeoutMs);
  } catch (e) {
    return done("Tcp", [gatewayFinding("G02", { Addresses: addresses, Port: port, Error: (e as NodeJS.ErrnoException).code ?? String(e) })]);
  }
  timings.Tcp = elapsed(t);
  result.Reachable = true;

  t = performance.now();
  let secure: tls.TLSSocket;
  try {
    // SNI carries names only, never IP addresses (RFC 6066 section 3).
    secure = await startTls(socket, net.isIP(computerName) ? undefined : computerName, options.extraCa ?? [], timeoutMs);
  } catch (e) {
    socket.destroy();
    return done("Tls", [gatewayFinding("G03", { Error: (e as NodeJS.ErrnoException).code ?? String(e) })]);
  }
  timings.Tls = elapsed(t);
  result.TlsVersion = tlsVersionName(secure.getProtocol());
  const peer = secure.getPeerX509Certificate();
  const certFindings: Finding[] = [];
  if (peer) {
    const chainStatus = secure.authorized ? null : String(secure.authorizationError ?? "untrusted");
    result.Certificate = describeCertificate(peer, computerName, secure.authorized, options.now ?? new Date());
    certFindings.push(...judgeCertificate(result.Certificate, computerName, chainStatus));
  }

  t = performance.now();
  const answer = await exchange(secure, rdgOutDataRequestText(computerName, randomUUID(), randomUUID()), timeoutMs);
  timings.Http = elapsed(t);
  secure.destroy();
  if ("failure" in answer) return done("Http", [...certFindings, judgeIncomplete(answer.failure, answer.received, answer.error)]);
  const head = parseAnswerHead(answer.head);
  result.HttpStatus = head.HttpStatus;
  result.AuthSchemes = head.AuthSchemes;
  const httpFinding = judgeAnswer(head);
  return done(head.HttpStatus === null ? "Http" : "Done", [...certFindings, ...(httpFinding ? [httpFinding] : [])]);
}
