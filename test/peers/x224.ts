// Minimal X.224 helpers to verify the test peers (not the product probe, which comes later).
// Layouts: MS-RDPBCGR 2.2.1.1 (Connection Request + RDP_NEG_REQ) and 2.2.1.2 (Connection Confirm + RDP_NEG_RSP /
// RDP_NEG_FAILURE); recorded bytes in protocol-probe.md s3 and the request format in s4 step 3.
import net from 'node:net';

export const PROTOCOL = { RDP: 0x00, SSL: 0x01, HYBRID: 0x02, RDSTLS: 0x04, HYBRID_EX: 0x08, RDSAAD: 0x10 } as const;

export const FAILURE_CODES: Record<number, string> = {
  1: 'SSL_REQUIRED_BY_SERVER',
  2: 'SSL_NOT_ALLOWED_BY_SERVER',
  3: 'SSL_CERT_NOT_ON_SERVER',
  4: 'INCONSISTENT_FLAGS',
  5: 'HYBRID_REQUIRED_BY_SERVER',
  6: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
};

/** T.125 Reason of a Disconnect Provider Ultimatum (xrdp sends 3, rn-user-requested; s3 neg-badkey). */
const DPU_REASONS = ['rn-domain-disconnected', 'rn-provider-initiated', 'rn-token-purged', 'rn-user-requested', 'rn-channel-purged'];

/** What mstsc and FreeRDP offer by default: SSL|HYBRID|HYBRID_EX (s3). */
export const DEFAULT_REQUESTED = PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX;

export interface CrOptions {
  /** requestedProtocols; null sends a legacy CR without RDP_NEG_REQ. */
  requestedProtocols?: number | null;
  /** Optional routing cookie, sent as "Cookie: mstshash=NAME\r\n" before the NEG_REQ. */
  cookie?: string;
  /** RDP_NEG_REQ flags byte (xrdp drops anything but 0, 1, 8; s3 notes on 0x10). */
  negFlags?: number;
}

/** TPKT(03 00 len) + CR-TPDU(LI e0 0000 0000 00) [+ cookie] [+ RDP_NEG_REQ(01 flags 0800 protocols LE32)]. */
export function buildConnectionRequest(opts: CrOptions = {}): Buffer {
  const requested = opts.requestedProtocols === undefined ? DEFAULT_REQUESTED : opts.requestedProtocols;
  const cookie = opts.cookie ? Buffer.from(`Cookie: mstshash=${opts.cookie}\r\n`, 'ascii') : Buffer.alloc(0);
  const neg = Buffer.alloc(requested === null ? 0 : 8);
  if (requested !== null) {
    neg.writeUInt8(0x01, 0);
    neg.writeUInt8(opts.negFlags ?? 0, 1);
    neg.writeUInt16LE(8, 2);
    neg.writeUInt32LE(requested >>> 0, 4);
  }
  const fixed = Buffer.from([0xe0, 0x00, 0x00, 0x00, 0x00, 0x00]); // CR code, DST-REF 0, SRC-REF 0, class 0
  const li = fixed.length + cookie.length + neg.length; // LI counts the TPDU header bytes after itself
  const total = 4 + 1 + li;
  const tpkt = Buffer.from([0x03, 0x00, (total >> 8) & 0xff, total & 0xff, li]);
  return Buffer.concat([tpkt, fixed, cookie, neg]);
}

export type ConfirmKind = 'rsp' | 'failure' | 'legacy-cc' | 'dpu' | 'not-tpkt' | 'truncated' | 'other';

export interface ParsedConfirm {
  kind: ConfirmKind;
  /** RDP_NEG_RSP: selected protocol and flags. */
  selectedProtocol?: number;
  flags?: number;
  /** RDP_NEG_FAILURE code and name. */
  failureCode?: number;
  failureName?: string;
  /** DPU reason (T.125). */
  reason?: string;
  /** Bytes consumed from the buffer (one TPKT), for reading what follows it. */
  length: number;
}

/** Parses the first TPKT in `buf`: a CC (with or without negotiation data) or an MCS DPU. */
export function parseConnectionConfirm(buf: Buffer): ParsedConfirm {
  if (buf.length < 4 || buf[0] !== 0x03) return { kind: buf.length === 0 ? 'truncated' : 'not-tpkt', length: 0 };
  const length = buf.readUInt16BE(2);
  if (buf.length < length || length < 7) return { kind: 'truncated', length: 0 };
  const code = buf[5]! & 0xf0;
  // X.224 Data TPDU (02 f0 80) carrying a T.125 DisconnectProviderUltimatum: choice 8 in the top 6 bits.
  if (code === 0xf0 && length >= 9 && (buf[7]! >> 2) === 8) {
    const reason = ((buf[7]! & 0x03) << 1) | (buf[8]! >> 7);
    return { kind: 'dpu', reason: DPU_REASONS[reason] ?? `reason-${reason}`, length };
  }
  if (code !== 0xd0) return { kind: 'other', length };
  if (length < 19) return { kind: 'legacy-cc', length }; // CC with no RDP_NEG_* (Standard RDP Security)
  const type = buf[11]!;
  const flags = buf[12]!;
  const value = buf.readUInt32LE(15);
  if (type === 0x02) return { kind: 'rsp', selectedProtocol: value, flags, length };
  if (type === 0x03) return { kind: 'failure', failureCode: value, failureName: FAILURE_CODES[value] ?? `UNKNOWN_${value}`, flags, length };
  return { kind: 'other', length };
}

export interface X224Exchange {
  /** Every byte received until close, timeout or the end of the linger. */
  bytes: Buffer;
  /** The first TPKT alone. xrdp may send a DPU right after a failure (same read), so compare this, not `bytes`. */
  firstTpkt: Buffer;
  /** The first TPKT parsed; `kind` is 'truncated' when nothing arrived. */
  confirm: ParsedConfirm;
  /** What happened after the first TPKT during `lingerMs` (e.g. xrdp's DPU for neg-badkey, s3). */
  after: ParsedConfirm | null;
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
      const rest = confirm.length ? bytes.subarray(confirm.length) : Buffer.alloc(0);
      const open = keepOpen && !closedByPeer && !error && confirm.kind === 'rsp';
      if (!open) socket.destroy();
      resolve({
        bytes, firstTpkt: bytes.subarray(0, confirm.length), confirm, after: rest.length ? parseConnectionConfirm(rest) : null,
        connected, closedByPeer, error, timedOut, socket: open ? socket : null,
      });
    };
    const timer = setTimeout(() => { timedOut = true; finish(); }, timeoutMs);
    socket.on('connect', () => { connected = true; socket.write(buildConnectionRequest(opts)); });
    socket.on('data', (d) => {
      chunks.push(d);
      const bytes = Buffer.concat(chunks);
      const first = parseConnectionConfirm(bytes);
      if (first.kind === 'truncated' || linger) return;
      // keepOpen: hand the socket over at once; the TLS layer must see the next bytes.
      if (keepOpen || lingerMs === 0 || first.kind === 'not-tpkt') finish();
      else linger = setTimeout(finish, lingerMs);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; finish(); });
    socket.on('close', () => { closedByPeer = true; finish(); });
  });
}

export const hex = (b: Buffer) => b.toString('hex');
