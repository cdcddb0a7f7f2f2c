// FreeRDP shadow server (freerdp2-shadow-x11) under Xvfb: the only packaged peer that selects PROTOCOL_HYBRID and
// sends HYBRID_REQUIRED_BY_SERVER (5) and SSL_NOT_ALLOWED_BY_SERVER (2), which xrdp never does (protocol-probe.md s0, P4).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CertPair } from './certificates.js';
import { freePort, stopChild, tailFile, waitForListen, type RunningPeer } from './port-utils.js';

export const SHADOW_BIN = '/usr/bin/freerdp-shadow-cli';
export const XVFB_BIN = '/usr/bin/Xvfb';

/** Server `/sec:` choices; the answers each one gives are the shadow rows of the s3 enumeration table. */
export type ShadowScenario = 'shadow-nla' | 'shadow-default' | 'shadow-rdp' | 'shadow-tls';
export const SHADOW_SCENARIOS: readonly ShadowScenario[] = ['shadow-nla', 'shadow-default', 'shadow-rdp', 'shadow-tls'];

const SEC_ARGS: Record<ShadowScenario, string[]> = {
  'shadow-nla': ['/sec:nla'],
  'shadow-default': [],
  'shadow-rdp': ['/sec:rdp'],
  'shadow-tls': ['/sec:tls'],
};

export interface RunningXvfb { display: string; pid: number; stop(): Promise<void> }

export function shadowUnavailableReason(): string | null {
  for (const bin of [SHADOW_BIN, XVFB_BIN]) {
    if (!fs.existsSync(bin)) return `${bin} not installed (node scripts/peers/install-peers.mjs)`;
  }
  return null;
}

/**
 * Starts Xvfb on a display it picks itself (-displayfd avoids guessing a free :N) with no TCP listener.
 * The shadow server and xfreerdp both need a display even for the X.224 stage (s6, P9).
 */
export async function startXvfb(dir: string, timeoutMs = 5000): Promise<RunningXvfb> {
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'xvfb.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(XVFB_BIN, ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '640x480x24'],
    { stdio: ['ignore', log, log, 'pipe'] });
  fs.closeSync(log);
  const pipe = child.stdio[3] as NodeJS.ReadableStream;
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb printed no display within ${timeoutMs} ms: ${tailFile(logFile)}`)), timeoutMs);
    pipe.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /^(\d+)\n/.exec(text);
      if (m) { clearTimeout(timer); resolve(`:${m[1]}`); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}): ${tailFile(logFile)}`)); });
  }).catch(async (e) => { await stopChild(child, null); throw e; });
  return { display, pid: child.pid!, stop: () => stopChild(child, null) };
}

export interface StartShadowOptions {
  display: string;
  dir: string;
  /** Server certificate; written where the shadow server looks for it so it does not generate its own (slower, racy). */
  cert?: CertPair;
  listenTimeoutMs?: number;
}

/** Starts `freerdp-shadow-cli /port:P /bind-address:127.0.0.1 [/sec:X]` and resolves once it listens (~150 ms). */
export async function startShadow(scenario: ShadowScenario, opts: StartShadowOptions): Promise<RunningPeer> {
  const unavailable = shadowUnavailableReason();
  if (unavailable) throw new Error(`startShadow(${scenario}): ${unavailable}`);
  // Own HOME per instance: the server reads/writes $HOME/.config/freerdp/shadow/shadow.{crt,key}.
  const home = path.join(opts.dir, `shadow-${scenario}`);
  const certDir = path.join(home, '.config', 'freerdp', 'shadow');
  fs.mkdirSync(certDir, { recursive: true });
  if (opts.cert) {
    fs.copyFileSync(opts.cert.cert, path.join(certDir, 'shadow.crt'));
    fs.copyFileSync(opts.cert.key, path.join(certDir, 'shadow.key'));
  }
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const logFile = path.join(home, 'shadow.log');
    const log = fs.openSync(logFile, 'w');
    const child = spawn(SHADOW_BIN, [`/port:${port}`, '/bind-address:127.0.0.1', ...SEC_ARGS[scenario]], {
      stdio: ['ignore', log, log],
      env: { ...process.env, HOME: home, DISPLAY: opts.display, XDG_CONFIG_HOME: path.join(home, '.config') },
    });
    fs.closeSync(log);
    try {
      if (child.pid === undefined) throw new Error(`cannot spawn ${SHADOW_BIN}`);
      await waitForListen(child, port, opts.listenTimeoutMs ?? 5000,
        () => `freerdp-shadow-cli (${scenario}) exited with ${child.exitCode ?? child.signalCode}: ${tailFile(logFile)}`);
      return { name: scenario, port, pid: child.pid, stop: () => stopChild(child, port) };
    } catch (e) {
      await stopChild(child, null);
      lastError = e as Error;
    }
  }
  throw lastError ?? new Error(`startShadow(${scenario}) failed`);
}
