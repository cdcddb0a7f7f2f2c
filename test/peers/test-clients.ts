// Small clients the peer tests use beyond the X.224 exchange: TLS after the CC and a raw RD Gateway request.
import type net from 'node:net';
import tls from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { rdgOutDataRequest } from './rdg-mock.js';
import { exchangeX224, hex, type ExchangeOptions } from './x224.js';

/** TLS on the socket the CC left open, with the probe's permissive settings (s4 step 4, P6). */
export function tlsAfterCc(socket: net.Socket): Promise<{ version: string | null; cert: X509Certificate; authError: string | null }> {
  return new Promise((resolve, reject) => {
    const t = tls.connect({ socket, rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, () => {
      const raw = t.getPeerX509Certificate();
      const authError = t.authorizationError ? String(t.authorizationError) : null;
      const version = t.getProtocol();
      t.destroy();
      if (!raw) reject(new Error('no peer certificate')); else resolve({ version, cert: raw, authError });
    });
    t.on('error', reject);
  });
}

/** Fresh connection: CR, CC, then TLS on the same socket (throws when the CC selected no TLS). */
export async function tlsProbe(port: number, opts: ExchangeOptions = {}) {
  const x = await exchangeX224(port, { ...opts, keepOpen: true });
  if (!x.socket) throw new Error(`no TLS: the CC was ${hex(x.bytes) || '(nothing)'} (${x.error ?? 'no socket error'})`);
  return tlsAfterCc(x.socket);
}

/** Raw TLS client for the gateway mocks: sends one request and collects the answer for `ms`. */
export function rdgExchange(port: number, ms = 250): Promise<{ text: string; closed: boolean; error: string | null }> {
  return new Promise((resolve) => {
    let text = '';
    let closed = false;
    let error: string | null = null;
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => s.write(rdgOutDataRequest('gw.test')));
    const done = () => { clearTimeout(timer); s.destroy(); resolve({ text, closed, error }); };
    const timer = setTimeout(done, ms);
    s.on('data', (d: Buffer) => { text += d.toString('latin1'); });
    s.on('error', (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; done(); });
    s.on('end', () => { closed = true; done(); });
  });
}
