// Port and process helpers shared by the peer starters.
import fs from 'node:fs';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';

/** Common contract of every started peer. `pid` is the process to watch; for in-process fakes it is ours. */
export interface RunningPeer {
  name: string;
  port: number;
  pid: number;
  /** Stops the peer and resolves once its process has exited and the port no longer listens. */
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port, then releases it (small race; starters retry on a bind failure). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * True when something LISTENs on 127.0.0.1:port (or 0.0.0.0:port). Reads /proc/net/tcp instead of connecting,
 * because every test connection to xrdp (fork=true) forks a child, and a probe connection to a shadow server
 * starts a whole session.
 */
export function isListening(port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let table = '';
  try {
    table = fs.readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return false;
  }
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] === '0A' && (cols[1] === `0100007F:${hexPort}` || cols[1] === `00000000:${hexPort}`)) return true;
  }
  return false;
}

/** Polls until `port` listens; rejects early with `describeExit()` if the child exits first. */
export async function waitForListen(child: ChildProcess, port: number, timeoutMs: number, describeExit: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isListening(port)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(describeExit());
    if (Date.now() > deadline) throw new Error(`port ${port} did not listen within ${timeoutMs} ms. ${describeExit()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends SIGTERM, escalates to SIGKILL after `graceMs`, and waits for the exit and for the port to close (P12). */
export async function stopChild(child: ChildProcess, port: number | null, graceMs = 2000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  const deadline = Date.now() + graceMs;
  while (port !== null && isListening(port) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

/** True while a process with this PID exists (a zombie counts as gone only once reaped). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Last `n` lines of a log file, for error messages. */
export function tailFile(file: string, n = 6): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join(' | ');
  } catch {
    return '(no log)';
  }
}
