// RD Gateway mock (HTTP transport) for protocol-probe.md s8.
// Raw net + TLSSocket, not node:https: llhttp rejects the RDG_OUT_DATA method (HPE_INVALID_METHOD, P10). The raw
// socket is kept because TLSSocket.resetAndDestroy() throws ERR_INVALID_HANDLE_TYPE; an RST needs raw.resetAndDestroy().
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { CertPair } from './certificates.js';
import type { RunningPeer } from './port-utils.js';

export type RdgMode = 'healthy' | 'nocl' | 'reset' | 'garbage' | 'hang' | '503' | 'nogw';
export const RDG_MODES: readonly RdgMode[] = ['healthy', 'nocl', 'reset', 'garbage', 'hang', '503', 'nogw'];

/** What a real gateway (HTTP.sys) answers to an unauthenticated RDG_OUT_DATA. */
export const RDG_HEALTHY_ANSWER = [
  'HTTP/1.1 401 Unauthorized',
  'Content-Type: text/plain',
  'Server: Microsoft-HTTPAPI/2.0',
  'WWW-Authenticate: Negotiate',
  'WWW-Authenticate: NTLM',
  'Content-Length: 0',
  '', '',
].join('\r\n');

const ANSWERS: Partial<Record<RdgMode, string>> = {
  healthy: RDG_HEALTHY_ANSWER,
  // keep-alive, neither Content-Length nor chunked, part of a body, then a stall: clients hang until their timeout.
  nocl: 'HTTP/1.1 401 Unauthorized\r\nConnection: Keep-Alive\r\nWWW-Authenticate: Negotiate\r\n\r\n<html><body>Unauth',
  garbage: '\x00\x01garbage\xff\xfe not http at all\r\n\r\n',
  '503': 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=us-ascii\r\nServer: Microsoft-HTTPAPI/2.0\r\n' +
    'Connection: close\r\nContent-Length: 20\r\n\r\nService Unavailable\n',
  nogw: 'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nServer: Microsoft-IIS/10.0\r\nContent-Length: 9\r\n\r\nNot Found',
};

/** Method, target and lower-cased headers of one request head (enough for RDG_OUT_DATA / RDG_IN_DATA / GET). */
export interface RequestHead { method: string; target: string; version: string; headers: Record<string, string> }

export function parseRequestHead(text: string): RequestHead | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [start = '', ...lines] = text.slice(0, end).split('\r\n');
  const [method = '', target = '', version = ''] = start.split(' ');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { method, target, version, headers };
}

export interface RunningRdgMock extends RunningPeer {
  mode: RdgMode;
  /** Request heads received so far, for asserting what the probe sent. */
  requests: RequestHead[];
}

/** One mock per behaviour on a free 127.0.0.1 port. */
export function startRdgMock(mode: RdgMode, cert: CertPair): Promise<RunningRdgMock> {
  const secureContext = tls.createSecureContext({ cert: fs.readFileSync(cert.cert), key: fs.readFileSync(cert.key) });
  const requests: RequestHead[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    const tlsSock = new tls.TLSSocket(raw, { isServer: true, secureContext });
    tlsSock.on('error', () => {});
    let text = '';
    tlsSock.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const head = parseRequestHead(text);
      if (!head) return;
      requests.push(head);
      text = '';
      if (mode === 'hang') return;
      if (mode === 'reset') { raw.resetAndDestroy(); return; }
      const answer = ANSWERS[mode]!;
      tlsSock.write(Buffer.from(answer, 'latin1'));
      // healthy and nocl keep the connection (keep-alive); the error pages close like HTTP.sys does.
      if (mode === '503' || mode === 'nogw' || mode === 'garbage') tlsSock.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        name: `rdg-${mode}`, mode, port, pid: process.pid, requests,
        stop: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}

/** The request mstsc sends first over the HTTP transport (s8), for tests of the mock itself. */
export function rdgOutDataRequest(host: string): string {
  return [
    'RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1',
    `Host: ${host}`,
    'Accept: */*',
    'Cache-Control: no-cache',
    'Connection: Keep-Alive',
    'Content-Length: 0',
    'User-Agent: MS-RPC',
    'RDG-Connection-Id: {00000000-0000-0000-0000-000000000001}',
    'RDG-Correlation-Id: {00000000-0000-0000-0000-000000000002}',
    '', '',
  ].join('\r\n');
}
