// The whole peer lab in one call, for vitest beforeAll/afterAll: certificates, every xrdp scenario, the shadow
// servers under one Xvfb, the fault fakes and the RD Gateway mocks, all on 127.0.0.1 (protocol-probe.md s2, s5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCertificates, type PeerCertificates } from './certificates.js';
import { startFake, startFullBacklog, type FakeKind } from './fake-peers.js';
import type { RunningPeer } from './port-utils.js';
import { RDG_MODES, startRdgMock, type RdgMode, type RunningRdgMock } from './rdg-mock.js';
import { SHADOW_SCENARIOS, shadowUnavailableReason, startShadow, startXvfb, type RunningXvfb, type ShadowScenario } from './shadow-peer.js';
import { XRDP_SCENARIOS, startXrdp, xrdpUnavailableReason, type XrdpScenario } from './xrdp-peer.js';

export type FakeName = FakeKind | 'full-backlog';
const FAKE_KINDS: readonly FakeKind[] = ['closed', 'silent', 'reset', 'ssh', 'http', 'tls'];

export interface PeerLab {
  dir: string;
  certs: PeerCertificates;
  xrdp: Record<XrdpScenario, RunningPeer>;
  /** Empty when freerdp-shadow-cli or Xvfb is missing (see shadowSkipReason). */
  shadow: Partial<Record<ShadowScenario, RunningPeer>>;
  shadowSkipReason: string | null;
  xvfb: RunningXvfb | null;
  fakes: Record<FakeName, RunningPeer>;
  rdg: Record<RdgMode, RunningRdgMock>;
  /** Every started process-backed peer (xrdp, shadow, Xvfb, backlog child), for "is the PID gone" checks. */
  processes(): { name: string; pid: number; port: number | null }[];
  /** Stops everything (idempotent) and deletes the temp dir unless KEEP_PEER_LAB=1. */
  stop(): Promise<void>;
  timings: Record<string, number>;
}

/** Why the lab cannot start here, or null. Shadow servers are optional and reported separately. */
export function labUnavailableReason(): string | null {
  // Opt-out for quick local runs; the packages are the normal reason to skip.
  if (process.env.RDP_PEER_TESTS === '0') return 'disabled by RDP_PEER_TESTS=0';
  return xrdpUnavailableReason();
}

export interface StartLabOptions { shadow?: boolean; fakes?: boolean; rdg?: boolean }

const byName = <K extends string, V extends { name: string }>(keys: readonly K[], values: V[], prefix = ''): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, values.find((v) => v.name === `${prefix}${k}`)!])) as Record<K, V>;

export async function startLab(opts: StartLabOptions = {}): Promise<PeerLab> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-peer-lab-'));
  const started: RunningPeer[] = [];
  const track = <T extends RunningPeer>(p: T) => { started.push(p); return p; };
  let xvfb: RunningXvfb | null = null;
  // A parent that dies without stop() (an uncaught EPIPE, a killed worker) must not leave xrdp, Xvfb and the
  // backlog child behind: they outlive it, hold ports, and a system-wide xrdp check would then see them.
  const reapOnExit = () => {
    for (const pid of [...started.map((p) => p.pid), ...(xvfb ? [(xvfb as RunningXvfb).pid] : [])]) {
      if (pid === process.pid) continue;
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  };
  process.once('exit', reapOnExit);
  const stopAll = async () => {
    process.off('exit', reapOnExit);
    await Promise.allSettled(started.map((p) => p.stop()));
    if (xvfb) await xvfb.stop();
    if (process.env.KEEP_PEER_LAB !== '1') fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const shadowSkipReason = opts.shadow === false ? 'disabled by the caller' : shadowUnavailableReason();
    // Xvfb needs no certificate: start it while openssl generates keys (~1-2 s, the slowest step).
    const [certs, display] = await Promise.all([
      generateCertificates(path.join(dir, 'certs')).then((c) => { timings.certsMs = Date.now() - t0; return c; }),
      shadowSkipReason ? null : startXvfb(path.join(dir, 'xvfb')).then((x) => { xvfb = x; return x; }),
    ]);
    const t1 = Date.now();
    const [xrdpList, shadowList, fakeList, rdgList] = await Promise.all([
      Promise.all(XRDP_SCENARIOS.map((s) => startXrdp(s, { certs, dir }).then(track))),
      display ? Promise.all(SHADOW_SCENARIOS.map((s) => startShadow(s, { display: display.display, dir, cert: certs.valid }).then(track))) : [],
      opts.fakes === false ? [] : Promise.all([...FAKE_KINDS.map((k) => startFake(k, certs.valid)), startFullBacklog()].map((p) => p.then(track))),
      opts.rdg === false ? [] : Promise.all(RDG_MODES.map((m) => startRdgMock(m, certs.valid).then(track))),
    ]);
    timings.peersMs = Date.now() - t1;
    timings.totalMs = Date.now() - t0;
    return {
      dir, certs, timings, xvfb, shadowSkipReason,
      xrdp: byName(XRDP_SCENARIOS, xrdpList),
      shadow: byName(SHADOW_SCENARIOS, shadowList),
      fakes: byName([...FAKE_KINDS, 'full-backlog'] as FakeName[], fakeList),
      rdg: byName(RDG_MODES, rdgList as RunningRdgMock[], 'rdg-'),
      processes: () => [
        ...started.filter((p) => p.pid !== process.pid).map((p) => ({ name: p.name, pid: p.pid, port: p.port })),
        ...(xvfb ? [{ name: 'xvfb', pid: (xvfb as RunningXvfb).pid, port: null }] : []),
      ],
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
