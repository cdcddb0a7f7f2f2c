#!/usr/bin/env node
// Install the Debian packages the real-peer tests (test/peers.test.ts) need, idempotently.
//   xrdp                 real RDP peer for X.224 + TLS scenarios (protocol-probe.md s1, s2)
//   freerdp2-shadow-x11  NLA peer: HYBRID, HYBRID_REQUIRED_BY_SERVER, SSL_NOT_ALLOWED_BY_SERVER (s0, s3)
//   xvfb                 the shadow server (and xfreerdp, s6) need an X display
//   freerdp2-x11         xfreerdp, the real-client cross-check of s6
//   openssl              certificate generation (s2)
// Prints one line. Exit 0 when everything is installed, 1 with a clear reason otherwise.
// Services are never started: packages are installed under a temporary policy-rc.d (exit 101) when none exists,
// and a running xrdp / xrdp-sesman unit is stopped afterwards, because a system xrdp holds 0.0.0.0:3389 and
// its /var/run/xrdp/xrdp.pid makes even `xrdp --nodaemon` exit 1 (pitfalls P1, P2).
// Options: --check (report only, never install), --quiet (print nothing on success).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PEER_PACKAGES = ['xrdp', 'freerdp2-shadow-x11', 'freerdp2-x11', 'xvfb', 'openssl'];
const POLICY_RC_D = '/usr/sbin/policy-rc.d';
const XRDP_PID_FILE = '/var/run/xrdp/xrdp.pid';
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };

const argv = process.argv.slice(2);
const CHECK_ONLY = argv.includes('--check');
const QUIET = argv.includes('--quiet');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: APT_ENV, ...opts });
  return { ok: !r.error && r.status === 0, status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

/** Packages of `names` that dpkg does not report as "install ok installed". */
export function missingPackages(names = PEER_PACKAGES) {
  return names.filter((n) => {
    const r = run('dpkg-query', ['-W', '-f=${Status}', n]);
    return !(r.ok && r.out.includes('install ok installed'));
  });
}

/** Last meaningful lines of apt output, for the error message. */
function tail(text, n = 4) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(-n).join(' | ');
}

function fail(msg) {
  console.error(`install-peers: ${msg}`);
  process.exit(1);
}

/** Runs `fn` with a policy-rc.d that denies every service start, unless the machine already has one. */
function withServicesBlocked(fn) {
  if (fs.existsSync(POLICY_RC_D)) return fn();
  fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\n# temporary, written by RdpDoctor scripts/peers/install-peers.mjs\nexit 101\n', { mode: 0o755 });
  try {
    return fn();
  } finally {
    fs.rmSync(POLICY_RC_D, { force: true });
  }
}

/** Stops system xrdp units if something started them anyway (e.g. a pre-existing install on a systemd runner). */
function stopSystemXrdp() {
  if (!fs.existsSync('/run/systemd/system')) return [];
  const stopped = [];
  for (const unit of ['xrdp', 'xrdp-sesman']) {
    if (run('systemctl', ['is-active', '--quiet', unit]).ok) {
      run('systemctl', ['stop', unit]);
      stopped.push(unit);
    }
  }
  return stopped;
}

function main() {
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/dpkg-query')) fail('needs a Debian/Ubuntu machine (dpkg and apt-get)');
  const missing = missingPackages();
  if (missing.length === 0) {
    const stopped = CHECK_ONLY ? [] : stopSystemXrdp();
    if (!QUIET) console.log(`install-peers: already installed (${PEER_PACKAGES.join(', ')})${stopped.length ? `; stopped ${stopped.join(', ')}` : ''}`);
    return;
  }
  if (CHECK_ONLY) fail(`missing ${missing.join(', ')} (run: node scripts/peers/install-peers.mjs)`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    fail(`missing ${missing.join(', ')}; apt-get needs root (run: sudo node scripts/peers/install-peers.mjs)`);
  }

  const started = Date.now();
  const install = () => run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing]);
  let r = withServicesBlocked(install);
  if (!r.ok) {
    // A fresh machine often has no package lists yet ("Unable to locate package"): update once and retry.
    const upd = run('apt-get', ['update', '-q']);
    if (!upd.ok) fail(`apt-get update failed: ${tail(upd.out)}`);
    r = withServicesBlocked(install);
  }
  if (!r.ok) fail(`apt-get install ${missing.join(' ')} failed (exit ${r.status}): ${tail(r.out)}`);
  const still = missingPackages();
  if (still.length) fail(`apt-get reported success but ${still.join(', ')} is still not installed`);

  const stopped = stopSystemXrdp();
  const pidNote = fs.existsSync(XRDP_PID_FILE) ? `; WARNING ${XRDP_PID_FILE} exists, test xrdp instances will refuse to start (P2)` : '';
  if (!QUIET || pidNote) {
    console.log(`install-peers: installed ${missing.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      `${stopped.length ? `; stopped ${stopped.join(', ')}` : ''}${pidNote}`);
  }
}

// Importable (PEER_PACKAGES, missingPackages) without side effects; installs only when run as a script.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
