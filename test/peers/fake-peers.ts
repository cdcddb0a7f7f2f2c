// Node fakes on 127.0.0.1 for the probe's fault paths (protocol-probe.md s3 "Non-RDP peers", pitfall P11).
// All run inside the test process (pid = process.pid) except the full-backlog peer, which needs its own process.
import { spawn } from 'node:child_process';
import net from 'node:net';
import tls from 'node:tls';
import fs from 'node:fs';
import type { CertPair } from './certificates.js';
import { freePort, stopChild, waitForListen, type RunningPeer } from './port-utils.js';

export type FakeKind = 'closed' | 'silent' | 'reset' | 'ssh' | 'http' | 'tls';

export const SSH_BANNER = 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n';
export const HTTP_400 = 'HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/** Listens on a free loopback port; stop() also destroys open sockets so close() cannot hang on a silent client. */
function listen(name: string, server: net.Server): Promise<RunningPeer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        name, port, pid: process.pid,
        stop: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}

/**
 * One fault peer. 'closed' picks a free port and never listens (ECONNREFUSED). 'silent' accepts and never answers.
 * 'reset' sends a TCP RST once the CR arrives. 'ssh' greets with a banner. 'http' answers the CR with a 400.
 * 'tls' is a TLS-only server (HTTPS / RD Gateway): the CR is not a ClientHello, so it closes.
 */
export async function startFake(kind: FakeKind, cert?: CertPair): Promise<RunningPeer> {
  switch (kind) {
    case 'closed': {
      const port = await freePort();
      return { name: kind, port, pid: process.pid, stop: async () => {} };
    }
    case 'silent':
      return listen(kind, net.createServer(() => {}));
    case 'reset':
      return listen(kind, net.createServer((s) => s.once('data', () => s.resetAndDestroy())));
    case 'ssh':
      return listen(kind, net.createServer((s) => s.write(SSH_BANNER)));
    case 'http':
      return listen(kind, net.createServer((s) => s.once('data', () => s.end(HTTP_400))));
    case 'tls': {
      if (!cert) throw new Error('startFake(tls) needs a certificate');
      const server = tls.createServer({ cert: fs.readFileSync(cert.cert), key: fs.readFileSync(cert.key) }, (s) => s.end());
      server.on('tlsClientError', () => {});
      return listen(kind, server);
    }
  }
}

// The child: listen(backlog 1; Node turns a falsy 0 into 511), then block its own event loop, so libuv never
// calls accept() and the kernel queue stays full. Node cannot listen without accepting otherwise; Atomics.wait sleeps without using CPU.
const BACKLOG_CHILD = `
const net = require('node:net');
const srv = net.createServer();
srv.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  process.stdout.write(String(srv.address().port) + '\\n', () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
});`;

/** Connects once; resolves true when the handshake completes within `ms`. The socket is kept open when it does. */
function connectWithin(port: number, ms: number, keep: net.Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => { s.destroy(); resolve(false); }, ms);
    s.on('connect', () => { clearTimeout(timer); keep.push(s); resolve(true); });
    s.on('error', () => { clearTimeout(timer); resolve(false); });
  });
}

/**
 * A listener whose accept queue is full, so new SYNs are dropped and connect() times out: the only way to mimic a
 * filtering firewall on loopback without iptables (s3, P11). The queue is pre-filled by connections held here.
 */
export async function startFullBacklog(fillTimeoutMs = 200): Promise<RunningPeer> {
  const child = spawn(process.execPath, ['-e', BACKLOG_CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /^(\d+)\n/.exec(out); if (m) resolve(Number(m[1])); });
    child.once('exit', (c) => reject(new Error(`backlog child exited (${c})`)));
  });
  await waitForListen(child, port, 2000, () => 'backlog child exited');
  const fillers: net.Socket[] = [];
  // Linux queues backlog+1 = 2 connections; fill until one connect no longer completes (3 rounds normally).
  for (let i = 0; i < 8; i++) if (!(await connectWithin(port, fillTimeoutMs, fillers))) break;
  return {
    name: 'full-backlog', port, pid: child.pid!,
    stop: async () => { for (const s of fillers) s.destroy(); await stopChild(child, port); },
  };
}
