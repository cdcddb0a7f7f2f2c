// The peer tests' X.224 client: one Connection Request per connection, with the extras the lab checks need (linger
// for "confirm then abort" servers, keepOpen for TLS on the same socket, closed-by-peer / timeout reporting).
// Request and answer bytes go through the product's builder and parser (src/probe/x224.ts); the independent oracle
// for both is the recorded hex in recorded-answers.ts (protocol-probe.md s3), which peers.test.ts compares against.
import net from 'node:net';
import { MSTSC_REQUESTED_PROTOCOLS, PROTOCOL_FLAGS } from '../../src/probe/endpoint-result.js';
import { buildConnectionRequest, parseConnectionConfirm, parsedLength, type ConfirmParse } from '../../src/probe/x224.js';

export const PROTOCOL = PROTOCOL_FLAGS;

export interface CrOptions {
  /** requestedProtocols (default SSL|HYBRID|HYBRID_EX, as mstsc); null sends a legacy CR without RDP_NEG_REQ. */
  requestedProtocols?: number | null;
  /** Optional routing cookie, sent as "Cookie: mstshash=NAME\r\n" before the NEG_REQ. */
  cookie?: string;
  /** RDP_NEG_REQ flags byte (xrdp drops anything but 0, 1, 8; s3 notes on 0x10). */
  negFlags?: number;
}

export interface X224Exchange {
  /** Every byte received until close, timeout or the end of the linger. */
  bytes: Buffer;
  /** The first TPKT alone. xrdp may send a DPU right after a failure (same read), so compare this, not `bytes`. */
  firstTpkt: Buffer;
  /** The first TPKT parsed; `kind` is 'Truncated' when nothing arrived. */
  confirm: ConfirmParse;
  /** What came after the first TPKT during `lingerMs` (e.g. xrdp's DPU for neg-badkey, s3). */
  after: ConfirmParse | null;
  /** TCP handshake completed (false for a refused or filtered port). */
  connected: boolean;
  closedByPeer: boolean;
  error: string | null;
  timedOut: boolean;
  /** Open socket, only with keepOpen (for a TLS handshake on the same connection). */
  socket: net.Socket | null;
}

export interface ExchangeOptions extends CrOptions {
  host?: string;
  timeoutMs?: number;
  /** Keep reading this long after the first TPKT, to catch "confirm then abort" servers (s4 enumeration). */
  lingerMs?: number;
  keepOpen?: boolean;
}

/** Connects, sends one CR and collects the answer. Never rejects: errors are reported in the result. */
export function exchangeX224(port: number, opts: ExchangeOptions = {}): Promise<X224Exchange> {
  const { host = '127.0.0.1', timeoutMs = 3000, lingerMs = 0, keepOpen = false } = opts;
  const requested = opts.requestedProtocols === undefined ? MSTSC_REQUESTED_PROTOCOLS : opts.requestedProtocols;
  const request = buildConnectionRequest(requested, { cookie: opts.cookie, negFlags: opts.negFlags });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    let timedOut = false;
    let connected = false;
    let closedByPeer = false;
    let error: string | null = null;
    let linger: NodeJS.Timeout | null = null;
    const socket = net.connect({ host, port });
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (linger) clearTimeout(linger);
      socket.removeAllListeners('data');
      const bytes = Buffer.concat(chunks);
      const confirm = parseConnectionConfirm(bytes);
      const length = parsedLength(confirm);
      const rest = bytes.subarray(length);
      const open = keepOpen && !closedByPeer && !error && confirm.kind === 'NegotiationResponse';
      if (!open) socket.destroy();
      resolve({
        bytes, firstTpkt: bytes.subarray(0, length), confirm, after: length && rest.length ? parseConnectionConfirm(rest) : null,
        connected, closedByPeer, error, timedOut, socket: open ? socket : null,
      });
    };
    const timer = setTimeout(() => { timedOut = true; finish(); }, timeoutMs);
    socket.on('connect', () => { connected = true; socket.write(request); });
    socket.on('data', (d) => {
      chunks.push(d);
      const first = parseConnectionConfirm(Buffer.concat(chunks));
      if (first.kind === 'Truncated' || linger) return;
      // keepOpen: hand the socket over at once; the TLS layer must see the next bytes.
      if (keepOpen || lingerMs === 0 || first.kind === 'NotTpkt') finish();
      else linger = setTimeout(finish, lingerMs);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; finish(); });
    socket.on('close', () => { closedByPeer = true; finish(); });
  });
}

export const hex = (b: Buffer) => b.toString('hex');
