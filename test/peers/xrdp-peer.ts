// Real xrdp instances, one per scenario, in the foreground on a free 127.0.0.1 port (protocol-probe.md s2).
// No systemd, no xrdp-sesman: X.224 and TLS happen before sesman is ever contacted (s2 "Facts checked").
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PeerCertificates } from './certificates.js';
import { freePort, stopChild, tailFile, waitForListen, type RunningPeer } from './port-utils.js';

export const XRDP_BIN = '/usr/sbin/xrdp';
/** A system xrdp's pid file makes even `xrdp --nodaemon` exit 1 "already running" (pitfall P2). Only read, never touched. */
export const SYSTEM_XRDP_PID_FILE = '/var/run/xrdp/xrdp.pid';

export type XrdpScenario =
  | 'neg-valid' | 'neg-expired' | 'rdp-only' | 'tls-valid' | 'tls-nocert'
  | 'neg-nocert' | 'tls-cachain' | 'neg-badkey' | 'tls10-weak';

export const XRDP_SCENARIOS: readonly XrdpScenario[] = [
  'neg-valid', 'neg-expired', 'rdp-only', 'tls-valid', 'tls-nocert', 'neg-nocert', 'tls-cachain', 'neg-badkey', 'tls10-weak',
];

interface ScenarioConfig { securityLayer: 'negotiate' | 'tls' | 'rdp'; cert: string; key: string; tls10?: boolean }

/** The scenario table of s2. */
function scenarioConfig(s: XrdpScenario, c: PeerCertificates, dir: string): ScenarioConfig {
  const missing = { cert: path.join(dir, 'does-not-exist.crt'), key: path.join(dir, 'does-not-exist.key') };
  switch (s) {
    case 'neg-valid': return { securityLayer: 'negotiate', ...c.valid };
    case 'neg-expired': return { securityLayer: 'negotiate', ...c.expired };
    case 'rdp-only': return { securityLayer: 'rdp', ...c.valid };
    case 'tls-valid': return { securityLayer: 'tls', ...c.winlike };
    case 'tls-nocert': return { securityLayer: 'tls', ...missing };
    case 'neg-nocert': return { securityLayer: 'negotiate', ...missing };
    case 'tls-cachain': return { securityLayer: 'tls', cert: c.caLeaf.chain, key: c.caLeaf.key };
    case 'neg-badkey': return { securityLayer: 'negotiate', ...c.mismatched };
    case 'tls10-weak': return { securityLayer: 'negotiate', ...c.weak, tls10: true };
  }
}

/** The minimal ini of s2. `[Xorg]` only gives the login screen a session type; allow_channels=true keeps xfreerdp happy (s6). */
export function xrdpIni(port: number, cfg: ScenarioConfig, logFile: string): string {
  return [
    '[Globals]',
    'ini_version=1',
    'fork=true',
    // tcp://127.0.0.1:PORT binds loopback only; a bare number would mean 0.0.0.0.
    `port=tcp://127.0.0.1:${port}`,
    `security_layer=${cfg.securityLayer}`,
    'crypt_level=high',
    `certificate=${cfg.cert}`,
    `key_file=${cfg.key}`,
    // TLS 1.0 needs both lines, otherwise OpenSSL 3 refuses the SHA1/1024-bit setup (pitfall P6).
    cfg.tls10 ? 'ssl_protocols=TLSv1' : 'ssl_protocols=TLSv1.2, TLSv1.3',
    ...(cfg.tls10 ? ['tls_ciphers=DEFAULT@SECLEVEL=0'] : []),
    'allow_channels=true',
    '[Logging]',
    `LogFile=${logFile}`,
    'LogLevel=INFO',
    'EnableSyslog=false',
    'EnableConsole=false',
    '[Channels]',
    '[Xorg]',
    'name=Xorg',
    'lib=libxup.so',
    'username=ask',
    'password=ask',
    'ip=127.0.0.1',
    'port=-1',
    'code=20',
    '',
  ].join('\n');
}

export interface StartXrdpOptions {
  certs: PeerCertificates;
  /** Scratch dir for the ini and logs (one sub-dir per scenario is created). */
  dir: string;
  listenTimeoutMs?: number;
}

/** Reason the package or the environment cannot run test instances, or null when it can. */
export function xrdpUnavailableReason(): string | null {
  if (!fs.existsSync(XRDP_BIN)) return `${XRDP_BIN} not installed (node scripts/peers/install-peers.mjs)`;
  if (fs.existsSync(SYSTEM_XRDP_PID_FILE)) {
    return `${SYSTEM_XRDP_PID_FILE} exists: a system xrdp runs, and xrdp --nodaemon refuses to start (P2; systemctl stop xrdp)`;
  }
  return null;
}

/**
 * Starts `xrdp --nodaemon --config FILE` for one scenario and resolves once the port listens (13-19 ms, s0).
 * Runs as the current user; Standard RDP Security after the CC needs root for /etc/xrdp/rsakeys.ini (s2), the CC
 * and TLS stages do not.
 */
export async function startXrdp(scenario: XrdpScenario, opts: StartXrdpOptions): Promise<RunningPeer> {
  const unavailable = xrdpUnavailableReason();
  if (unavailable) throw new Error(`startXrdp(${scenario}): ${unavailable}`);
  const dir = path.join(opts.dir, `xrdp-${scenario}`);
  fs.mkdirSync(dir, { recursive: true });
  let lastError: Error | null = null;
  // freePort() releases the port before xrdp binds it, so another process may take it: retry with a new one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const ini = path.join(dir, 'xrdp.ini');
    const logFile = path.join(dir, 'xrdp.log');
    const outFile = path.join(dir, 'stdout.log');
    fs.writeFileSync(ini, xrdpIni(port, scenarioConfig(scenario, opts.certs, dir), logFile));
    const out = fs.openSync(outFile, 'w');
    const child = spawn(XRDP_BIN, ['--nodaemon', '--config', ini], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const pid = child.pid;
    try {
      if (pid === undefined) throw new Error(`cannot spawn ${XRDP_BIN}`);
      await waitForListen(child, port, opts.listenTimeoutMs ?? 3000,
        () => `xrdp (${scenario}) exited with ${child.exitCode ?? child.signalCode}: ${tailFile(outFile)} / ${tailFile(logFile)}`);
      return { name: scenario, port, pid, stop: () => stopChild(child, port) };
    } catch (e) {
      await stopChild(child, null);
      lastError = e as Error;
    }
  }
  throw lastError ?? new Error(`startXrdp(${scenario}) failed`);
}
