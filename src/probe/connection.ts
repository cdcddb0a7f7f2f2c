/**
 * Socket steps of the endpoint probe: TCP connect, one X.224 exchange, a TLS handshake. Each step is bounded by
 * its own timer and never rejects: failures come back as values, so the probe can classify them
 * (protocol-probe.md s4 stages 2-4) and nothing can hang.
 */
import type { X509Certificate } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { isComplete, parseConnectionConfirm, parsedLength, type ConfirmParse } from "./x224.js";

export const elapsed = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

export type TcpOutcome =
  | { ok: true; socket: net.Socket; ms: number }
  /** "Timeout" when the SYN got no answer within the limit (a dropping firewall; s3, pitfall P11). */
  | { ok: false; error: string; message: string; ms: number };

export function connectTcp(address: string, port: number, timeoutMs: number): Promise<TcpOutcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (outcome: TcpOutcome) => {
      clearTimeout(timer);
      socket.removeAllListeners("connect");
      if (!outcome.ok) socket.destroy();
      resolve(outcome);
    };
    // The message words a timeout as the generated OpenRdpTcpConnection does, so Tcp.Message reads the same.
    const timer = setTimeout(() => done({ ok: false, error: "Timeout", message: `no answer within ${timeoutMs} ms`, ms: elapsed(start) }), timeoutMs);
    socket.once("connect", () => { socket.setNoDelay(true); done({ ok: true, socket, ms: elapsed(start) }); });
    socket.once("error", (e: NodeJS.ErrnoException) => done({ ok: false, error: e.code ?? e.message, message: e.message, ms: elapsed(start) }));
  });
}

/** How the wait for the Connection Confirm ended. */
export type ConfirmEnd = "Answer" | "Closed" | "Reset" | "Timeout" | "Error";

export interface ConfirmExchange {
  /** Everything received (first TPKT plus what came during the linger). */
  bytes: Buffer;
  parse: ConfirmParse;
  /** What followed the first TPKT during the linger, e.g. xrdp's DPU after confirming SSL with a broken key (s3). */
  after: ConfirmParse | null;
  end: ConfirmEnd;
  /** The server closed (FIN or RST) before or during the linger. */
  closedByPeer: boolean;
  error: string | null;
  ms: number;
}

export interface ExchangeOptions {
  timeoutMs: number;
  /** Keep reading this long after a complete answer, for servers that confirm and then abort (s4 enumeration). */
  lingerMs?: number;
  /** Leave the socket open and unread after a complete RDP_NEG_RSP, for TLS on the same connection. */
  keepOpen?: boolean;
}

/** Sends the CR on a connected socket and reads one TPKT. Destroys the socket unless keepOpen applies. */
export function exchangeConfirm(socket: net.Socket, request: Buffer, opts: ExchangeOptions): Promise<ConfirmExchange> {
  const start = performance.now();
  const lingerMs = opts.lingerMs ?? 0;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    let closedByPeer = false;
    let settled = false;
    let linger: NodeJS.Timeout | null = null;
    const finish = (end: ConfirmEnd) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (linger) clearTimeout(linger);
      socket.removeListener("data", onData);
      socket.removeListener("close", onClose);
      socket.removeListener("error", onError);
      const bytes = Buffer.concat(chunks);
      const parse = parseConnectionConfirm(bytes);
      const used = parsedLength(parse);
      const rest = used > 0 ? bytes.subarray(used) : Buffer.alloc(0);
      const keep = opts.keepOpen === true && parse.kind === "NegotiationResponse" && !closedByPeer && error === null;
      if (keep) {
        socket.pause();
        // Bytes after the CC belong to the next layer; give them back to the stream for TLS.
        if (rest.length > 0) socket.unshift(rest);
      } else {
        socket.destroy();
      }
      const result = { bytes, parse, after: rest.length > 0 && !keep ? parseConnectionConfirm(rest) : null, end, closedByPeer, error, ms: elapsed(start) };
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (linger) {
        // A disconnect after the confirm is conclusive; no need to wait for the close or the end of the linger.
        const used = parsedLength(parseConnectionConfirm(all));
        if (parseConnectionConfirm(all.subarray(used)).kind === "McsDisconnect") finish("Answer");
        return;
      }
      const parse = parseConnectionConfirm(all);
      if (!isComplete(parse)) return;
      if (opts.keepOpen || lingerMs <= 0 || parse.kind === "NotTpkt") finish("Answer");
      else linger = setTimeout(() => finish("Answer"), lingerMs);
    };
    const onClose = () => {
      closedByPeer = true;
      const complete = isComplete(parseConnectionConfirm(Buffer.concat(chunks)));
      finish(complete ? "Answer" : error === "ECONNRESET" ? "Reset" : error !== null ? "Error" : "Closed");
    };
    const onError = (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; };
    const timer = setTimeout(() => finish(linger ? "Answer" : "Timeout"), opts.timeoutMs + (lingerMs > 0 ? lingerMs : 0));
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.on("error", onError);
    socket.write(request);
  });
}

export type TlsOutcome =
  | {
      ok: true;
      /** Node's name, e.g. "TLSv1.3". */
      protocol: string | null;
      /** IANA cipher suite name (TLS_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA). */
      cipher: string | null;
      certificate: X509Certificate | null;
      /** Why Node's CA bundle does not trust the chain (not the Windows store), e.g. SELF_SIGNED_CERT_IN_CHAIN. */
      authorizationError: string | null;
      ms: number;
    }
  | { ok: false; error: string; ms: number };

/**
 * A TLS handshake on `socket`, permissive on purpose: TLS 1.0 and SECLEVEL 0 let the probe describe old servers
 * instead of refusing them (s4 step 4, pitfall P6). SNI only for names (RFC 6066 3 forbids IP literals).
 */
export function tlsHandshake(socket: net.Socket, host: string, timeoutMs: number): Promise<TlsOutcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const t = tls.connect({
      socket,
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      minVersion: "TLSv1",
      ciphers: "DEFAULT:@SECLEVEL=0",
    });
    const finish = (outcome: TlsOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      t.destroy();
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, error: "Timeout", ms: elapsed(start) }), timeoutMs);
    t.once("secureConnect", () => {
      const cipher = t.getCipher();
      finish({
        ok: true,
        protocol: t.getProtocol(),
        cipher: cipher?.standardName ?? cipher?.name ?? null,
        certificate: t.getPeerX509Certificate() ?? null,
        authorizationError: t.authorizationError ? String(t.authorizationError) : null,
        ms: elapsed(start),
      });
    });
    t.once("error", (e: NodeJS.ErrnoException) => finish({ ok: false, error: e.code ?? e.message, ms: elapsed(start) }));
    t.once("close", () => finish({ ok: false, error: "ECONNCLOSED", ms: elapsed(start) }));
  });
}

/** "TLSv1.2" -> "TLS 1.2"; "TLSv1" -> "TLS 1.0" (the contract's names, endpoint-result.ts). */
export function tlsVersionName(nodeName: string | null): string | null {
  if (nodeName === null) return null;
  const m = /^TLSv(\d)(?:\.(\d))?$/.exec(nodeName);
  return m ? `TLS ${m[1]}.${m[2] ?? "0"}` : nodeName;
}

/** Fresh connection, TLS straight away (no X.224): tells a TLS-only service (HTTPS, RD Gateway, proxy) on the port (s4 step 3). */
export async function directTlsCheck(address: string, host: string, port: number, timeoutMs: number): Promise<TlsOutcome> {
  const tcp = await connectTcp(address, port, timeoutMs);
  if (!tcp.ok) return { ok: false, error: tcp.error, ms: tcp.ms };
  return tlsHandshake(tcp.socket, host, timeoutMs);
}

/** What a server does after confirming when the client stays silent (s4 step 4 diagnosis connection, P8). */
export type PassiveBehaviour = "ServerAborts" | "ServerWaits" | "NoConfirm";

export interface DiagnosisOutcome { behaviour: PassiveBehaviour; exchange: ConfirmExchange | null; ms: number }

/**
 * Second connection after a failed TLS handshake: confirm again, send nothing, watch `watchMs`. A server that
 * disconnects by itself (xrdp: DPU + close within 2 ms) cannot set up TLS (cert/key); one that waits for the
 * ClientHello rejected ours (version or cipher), or a middlebox did.
 */
export async function diagnoseTlsFailure(address: string, port: number, request: Buffer, watchMs: number, timeoutMs: number): Promise<DiagnosisOutcome> {
  const start = performance.now();
  const tcp = await connectTcp(address, port, timeoutMs);
  if (!tcp.ok) return { behaviour: "NoConfirm", exchange: null, ms: elapsed(start) };
  const exchange = await exchangeConfirm(tcp.socket, request, { timeoutMs, lingerMs: watchMs });
  const confirmed = exchange.parse.kind === "NegotiationResponse";
  const aborted = exchange.closedByPeer || exchange.after?.kind === "McsDisconnect";
  return { behaviour: !confirmed ? "NoConfirm" : aborted ? "ServerAborts" : "ServerWaits", exchange, ms: elapsed(start) };
}
