#!/usr/bin/env node
// Provision the external tools the build and the tests need, idempotently:
//   osslsigncode >= 2.8 (apt, bookworm-backports)  -- required, exit 1 if impossible
//   pwsh   (dotnet tool "PowerShell" -> fallback: Microsoft.PowerShell.SDK console host)  -- optional
//   Pester 5 (nupkg from the NuGet flat container, unpacked into .tools/Modules)      -- optional
// Outcome is recorded in .tools/status.json (read by scripts/pwsh.mjs and the test runner).
// Quiet on success: prints one summary line. Options: --force (ignore the 1 h negative cache), --quiet,
// --signer-only (just make sure osslsigncode >= 2.8 is installed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractZip, listZip, safeEntryPath } from './lib/unzip.mjs';
import { whichPath } from './lib/which.mjs';
import { pshostCsproj, pshostProgram } from './lib/pshost-template.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = path.join(ROOT, '.tools');
const STATUS_FILE = path.join(TOOLS, 'status.json');
const PWSH_DIR = path.join(TOOLS, 'pwsh');
const PSHOST_DIR = path.join(TOOLS, 'pshost');
const MODULES_DIR = path.join(TOOLS, 'Modules');
const NEGATIVE_CACHE_MS = 60 * 60 * 1000;
const MIN_OSSLSIGNCODE = [2, 8];
const FLAT_CONTAINER = (process.env.NUGET_FLAT_CONTAINER_URL || 'https://api.nuget.org/v3-flatcontainer/').replace(/\/?$/, '/');

const argv = process.argv.slice(2);
const FORCE = argv.includes('--force');
const QUIET = argv.includes('--quiet');
// `npm run build` only needs the signer; pwsh and Pester are for the tests.
const SIGNER_ONLY = argv.includes('--signer-only');
const IN_CI = process.env.CI === 'true';

const DOTNET_ENV = {
  ...process.env,
  DOTNET_ROLL_FORWARD: 'Major',
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: 'true',
};

// ---------------------------------------------------------------- helpers

/** Runs a command synchronously, capturing output. Never throws. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024, ...opts });
  return {
    ok: !r.error && r.status === 0,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: r.error ? `${cmd}: ${r.error.code === 'ENOENT' ? 'command not found' : r.error.message}` : null,
  };
}

/** Non-empty, trimmed, de-duplicated lines. */
function lines(...texts) {
  const seen = new Set();
  for (const t of texts) {
    for (const l of String(t).split(/\r?\n/)) {
      const s = l.trim();
      if (s) seen.add(s);
    }
  }
  return [...seen];
}

/** The error lines of an msbuild/dotnet run (falls back to the last lines of output). */
function dotnetErrorLines(r) {
  if (r.error) return [r.error];
  const all = lines(r.stdout, r.stderr);
  const errs = all.filter((l) => /\berror\b/i.test(l) && !/^\d+ Error\(s\)$/.test(l));
  return errs.length ? errs : all.slice(-5);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function writeJsonAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function rel(p) {
  return path.relative(ROOT, p).split(path.sep).join('/');
}

/** True when a previous negative result is recent enough to skip retrying. */
function cachedNegative(prev) {
  if (FORCE || IN_CI || !prev || prev.available !== false || !prev.checkedAt) return false;
  const age = Date.now() - Date.parse(prev.checkedAt);
  return Number.isFinite(age) && age >= 0 && age < NEGATIVE_CACHE_MS;
}

function progress(msg) {
  if (!QUIET) process.stderr.write(`setup-tools: ${msg}\n`);
}

// ---------------------------------------------------------------- osslsigncode

function osslsigncodeVersion() {
  const r = run('osslsigncode', ['--version']);
  if (r.error) return { version: null, raw: r.error };
  const first = lines(r.stdout, r.stderr)[0] ?? '';
  const m = /^osslsigncode\s+(\d+)\.(\d+)(?:\.(\d+))?/.exec(first);
  return m ? { version: `${m[1]}.${m[2]}${m[3] ? `.${m[3]}` : ''}`, parts: [+m[1], +m[2]], raw: first } : { version: null, raw: first };
}

function versionAtLeast(parts, min) {
  return parts[0] > min[0] || (parts[0] === min[0] && parts[1] >= min[1]);
}


function debianCodename() {
  try {
    const m = /^VERSION_CODENAME=(\S+)/m.exec(fs.readFileSync('/etc/os-release', 'utf8'));
    if (m) return m[1].replace(/"/g, '');
  } catch { /* ignore */ }
  return 'bookworm';
}

function ensureOsslsigncode() {
  const checkedAt = new Date().toISOString();
  const want = `${MIN_OSSLSIGNCODE.join('.')}`;
  let v = osslsigncodeVersion();
  if (v.version && versionAtLeast(v.parts, MIN_OSSLSIGNCODE)) {
    return { available: true, version: v.version, path: whichPath('osslsigncode'), errors: [], checkedAt };
  }
  const found = v.version ? `osslsigncode ${v.version} is too old (>= ${want} required to sign PowerShell scripts)` : 'osslsigncode not found';
  const errors = [found];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    errors.push(`cannot install osslsigncode >= ${want}: not root (run as root, or: apt-get install -t bookworm-backports osslsigncode)`);
    return { available: false, version: v.version ?? undefined, errors, reason: errors[1], checkedAt };
  }
  const suite = `${debianCodename()}-backports`;
  const sources = `/etc/apt/sources.list.d/${suite}.sources`;
  const content = [
    'Types: deb',
    'URIs: http://deb.debian.org/debian',
    `Suites: ${suite}`,
    'Components: main',
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
    '',
  ].join('\n');
  progress(`${found}; installing from ${suite} (apt-get)...`);
  try {
    if (!fs.existsSync(sources) || fs.readFileSync(sources, 'utf8') !== content) fs.writeFileSync(sources, content);
  } catch (e) {
    errors.push(`cannot write ${sources}: ${e.message}`);
    return { available: false, errors, reason: errors.at(-1), checkedAt };
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const upd = run('apt-get', ['update', '-q'], { env: aptEnv });
  if (!upd.ok) errors.push(...(upd.error ? [upd.error] : lines(upd.stderr).filter((l) => /^(E|W):/.test(l))));
  const inst = run('apt-get', ['install', '-y', '-q', '-t', suite, 'osslsigncode'], { env: aptEnv });
  if (!inst.ok) errors.push(...(inst.error ? [inst.error] : lines(inst.stderr, inst.stdout).filter((l) => /^E:/.test(l)).slice(-5)));
  v = osslsigncodeVersion();
  if (v.version && versionAtLeast(v.parts, MIN_OSSLSIGNCODE)) {
    return { available: true, version: v.version, path: whichPath('osslsigncode'), errors: [], installedFrom: suite, checkedAt };
  }
  errors.push(v.version ? `after install: osslsigncode ${v.version} (still < ${want})` : 'after install: osslsigncode still not found');
  return { available: false, version: v.version ?? undefined, errors, reason: errors.at(-1), checkedAt };
}

// ---------------------------------------------------------------- pwsh

/** Runs `<command> --version`; returns "7.5.2" or null. */
function probePwsh(command) {
  const [cmd, ...pre] = command;
  const r = run(cmd, [...pre, '-NoLogo', '-NoProfile', '-Version'], { env: DOTNET_ENV, timeout: 120_000 });
  if (!r.ok) return null;
  const m = /PowerShell\s+v?(\d+\.\d+\.\d+\S*)/i.exec(r.stdout);
  return m ? m[1] : null;
}

function dotnetMajor() {
  const r = run('dotnet', ['--version'], { env: DOTNET_ENV });
  const m = /^(\d+)\./.exec(r.stdout.trim());
  return m ? Number(m[1]) : null;
}

function summarizeToolInstallError(errors) {
  for (const l of errors) {
    if (/is not found in NuGet feeds/i.test(l)) return "NuGet: package 'PowerShell' not found";
    if (/command not found/.test(l)) return l;
  }
  return errors[0] ? `dotnet tool install: ${errors[0].slice(0, 160)}` : 'dotnet tool install failed';
}

function summarizeSdkHostError(errors) {
  for (const l of errors) {
    const m = /error (NU\d+): Unable to find package (.+?)\. No packages exist/.exec(l);
    if (m) return `SDK host: package '${m[2]}' not found (${m[1]})`;
  }
  for (const l of errors) {
    const m = /error (NU\d+|CS\d+|MSB\d+): (.*)$/.exec(l);
    if (m) return `SDK host: ${m[1]}: ${m[2].slice(0, 160)}`;
  }
  return errors[0] ? `SDK host: ${errors[0].slice(0, 160)}` : 'SDK host build failed';
}

function tryDotnetTool(attempts) {
  const exe = path.join(PWSH_DIR, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
  if (fs.existsSync(exe)) {
    const version = probePwsh([exe]);
    if (version) return { available: true, kind: 'dotnet-tool', path: rel(exe), command: [rel(exe)], version };
    fs.rmSync(PWSH_DIR, { recursive: true, force: true }); // broken install: start over
  }
  const args = ['tool', 'install', 'PowerShell', '--tool-path', rel(PWSH_DIR)];
  const r = run('dotnet', args, { env: DOTNET_ENV, timeout: 600_000 });
  const attempt = { method: 'dotnet-tool', command: `dotnet ${args.join(' ')}`, exitCode: r.status, errors: r.ok ? [] : (r.error ? [r.error] : lines(r.stderr, r.stdout)) };
  attempts.push(attempt);
  if (r.ok && fs.existsSync(exe)) {
    const version = probePwsh([exe]);
    if (version) return { available: true, kind: 'dotnet-tool', path: rel(exe), command: [rel(exe)], version };
    attempt.errors.push(`${rel(exe)} -Version failed after install`);
  }
  return null;
}

function pshostDll(tfm) {
  return path.join(PSHOST_DIR, 'bin', 'Release', tfm, 'pshost.dll');
}

function trySdkHost(attempts) {
  const major = dotnetMajor();
  if (!major) {
    attempts.push({ method: 'sdk-host', command: 'dotnet --version', exitCode: null, errors: ['dotnet: command not found or no SDK installed'] });
    return null;
  }
  const tfm = `net${major}.0`;
  // Microsoft.PowerShell.SDK 7.4 -> net8, 7.5 -> net9, 7.6 -> net10 (floating: highest stable that fits).
  const sdkVersion = major <= 8 ? '7.4.*' : major === 9 ? '7.5.*' : '7.*';
  const csproj = pshostCsproj({ tfm, sdkVersion });
  const dll = pshostDll(tfm);
  const csprojFile = path.join(PSHOST_DIR, 'pshost.csproj');
  const programFile = path.join(PSHOST_DIR, 'Program.cs');
  const unchanged = readText(csprojFile) === csproj && readText(programFile) === pshostProgram;
  const command = ['dotnet', rel(dll)];
  if (unchanged && fs.existsSync(dll)) {
    const version = probePwsh(command);
    if (version) return { available: true, kind: 'sdk-host', path: rel(dll), command, version };
  }
  fs.mkdirSync(PSHOST_DIR, { recursive: true });
  fs.writeFileSync(csprojFile, csproj);
  fs.writeFileSync(programFile, pshostProgram);
  const args = ['build', rel(csprojFile), '-c', 'Release', '-nologo', '-v', 'q'];
  const r = run('dotnet', args, { env: DOTNET_ENV, timeout: 900_000 });
  const attempt = { method: 'sdk-host', command: `dotnet ${args.join(' ')}`, exitCode: r.status, errors: r.ok ? [] : dotnetErrorLines(r) };
  attempts.push(attempt);
  if (r.ok && fs.existsSync(dll)) {
    const version = probePwsh(command);
    if (version) return { available: true, kind: 'sdk-host', path: rel(dll), command, version };
    attempt.errors.push(`dotnet ${rel(dll)} -Version failed after build`);
  }
  return null;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function ensurePwsh(prev) {
  if (cachedNegative(prev)) return { ...prev, cached: true };
  const checkedAt = new Date().toISOString();
  const attempts = [];
  const found = tryDotnetTool(attempts) ?? trySdkHost(attempts);
  const errors = attempts.flatMap((a) => a.errors);
  if (found) return { ...found, errors, attempts, checkedAt };
  const reasons = [];
  const tool = attempts.find((a) => a.method === 'dotnet-tool');
  const host = attempts.find((a) => a.method === 'sdk-host');
  if (tool) reasons.push(summarizeToolInstallError(tool.errors));
  if (host) reasons.push(summarizeSdkHostError(host.errors));
  return { available: false, kind: 'none', errors, attempts, reason: reasons.join('; '), checkedAt };
}

// ---------------------------------------------------------------- Pester

/** Highest installed Pester 5.x under .tools/Modules/Pester/<version>/Pester.psd1. */
function installedPester() {
  const base = path.join(MODULES_DIR, 'Pester');
  let dirs = [];
  try {
    dirs = fs.readdirSync(base);
  } catch {
    return null;
  }
  const ok = dirs
    .filter((d) => /^5\.\d+\.\d+$/.test(d) && fs.existsSync(path.join(base, d, 'Pester.psd1')))
    .sort(compareVersions);
  const v = ok.at(-1);
  return v ? { version: v, modulePath: rel(path.join(base, v)) } : null;
}

function compareVersions(a, b) {
  const pa = a.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

async function httpGet(url) {
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  } catch (e) {
    const cause = e?.cause?.code || e?.cause?.message || e?.message || String(e);
    return { ok: false, error: `GET ${url} -> network error: ${cause}`, short: `network error: ${cause}` };
  }
  if (!res.ok) {
    return { ok: false, error: `GET ${url} -> HTTP ${res.status} ${res.statusText}`.trim(), short: `HTTP ${res.status}` };
  }
  return { ok: true, body: Buffer.from(await res.arrayBuffer()) };
}

async function ensurePester(prev) {
  const have = installedPester();
  if (have) return { available: true, ...have, errors: [], checkedAt: prev?.available ? prev.checkedAt : new Date().toISOString() };
  if (cachedNegative(prev)) return { ...prev, cached: true };
  const checkedAt = new Date().toISOString();
  const fail = (error, reason) => ({ available: false, errors: [error], reason, checkedAt });

  const indexUrl = `${FLAT_CONTAINER}pester/index.json`;
  const idx = await httpGet(indexUrl);
  if (!idx.ok) return fail(idx.error, idx.short);
  let versions;
  try {
    versions = JSON.parse(idx.body.toString('utf8')).versions;
  } catch (e) {
    return fail(`GET ${indexUrl} -> invalid JSON: ${e.message}`, 'invalid index.json');
  }
  const stable5 = (Array.isArray(versions) ? versions : []).filter((v) => /^5\.\d+\.\d+$/.test(v)).sort(compareVersions);
  const version = stable5.at(-1);
  if (!version) return fail(`GET ${indexUrl} -> no stable 5.x version among: ${(versions || []).join(', ')}`, 'no stable Pester 5.x');

  const nupkgUrl = `${FLAT_CONTAINER}pester/${version}/pester.${version}.nupkg`;
  const pkg = await httpGet(nupkgUrl);
  if (!pkg.ok) return fail(pkg.error, pkg.short);

  // The module folder is wherever Pester.psd1 sits (the nuget.org package has it under tools/).
  try {
    const manifests = listZip(pkg.body)
      .map((e) => safeEntryPath(e.name))
      .filter((n) => n !== null && /(^|\/)Pester\.psd1$/i.test(n))
      .sort((a, b) => a.split('/').length - b.split('/').length);
    if (!manifests[0]) return fail(`${nupkgUrl}: no Pester.psd1 in package`, 'no Pester.psd1 in nupkg');
    const prefix = manifests[0].split('/').slice(0, -1).join('/');
    const dest = path.join(MODULES_DIR, 'Pester', version);
    const staging = `${dest}.partial-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    extractZip(pkg.body, staging, prefix);
    for (const junk of ['[Content_Types].xml', '_rels', 'package', 'pester.nuspec']) {
      if (!prefix) fs.rmSync(path.join(staging, junk), { recursive: true, force: true });
    }
    // Case matters on Linux: Import-Module looks for <Module>/<version>/Pester.psd1.
    const psd1 = fs.readdirSync(staging).find((f) => /^pester\.psd1$/i.test(f));
    if (psd1 && psd1 !== 'Pester.psd1') fs.renameSync(path.join(staging, psd1), path.join(staging, 'Pester.psd1'));
    fs.rmSync(dest, { recursive: true, force: true });
    fs.renameSync(staging, dest);
  } catch (e) {
    return fail(`${nupkgUrl}: unpack failed: ${e.message}`, 'unpack failed');
  }
  const got = installedPester();
  if (!got) return fail(`Pester ${version} unpacked but Pester.psd1 not found under ${rel(MODULES_DIR)}/Pester/${version}`, 'unpack failed');
  return { available: true, ...got, source: nupkgUrl, errors: [], checkedAt };
}

// ---------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(TOOLS, { recursive: true });
  const prev = readJson(STATUS_FILE) ?? {};

  const osslsigncode = ensureOsslsigncode();
  if (SIGNER_ONLY) {
    if (!osslsigncode.available) {
      for (const e of osslsigncode.errors) console.error(`setup-tools: ${e}`);
      process.exitCode = 1;
    } else if (!QUIET) {
      console.log(`tools: osslsigncode ${osslsigncode.version}`);
    }
    return;
  }
  const pwsh = ensurePwsh(prev.pwsh);
  const pester = await ensurePester(prev.pester);

  const strip = ({ cached, ...rest }) => rest;
  const status = {
    pwsh: strip(pwsh),
    pester: strip(pester),
    osslsigncode,
    checkedAt: new Date().toISOString(),
  };
  writeJsonAtomic(STATUS_FILE, status);

  const cachedMark = (t) => (t.cached ? ' (cached)' : '');
  const parts = [
    osslsigncode.available ? `osslsigncode ${osslsigncode.version}` : `osslsigncode: UNAVAILABLE (${osslsigncode.reason})`,
    pwsh.available ? `pwsh ${pwsh.version} (${pwsh.kind})` : `pwsh: unavailable (${pwsh.reason})${cachedMark(pwsh)}`,
    pester.available ? `Pester ${pester.version}` : `Pester: unavailable (${pester.reason})${cachedMark(pester)}`,
  ];
  const tail = pwsh.available && pester.available ? ' -> Pester tests will run' : ' -> fallback: tree-sitter static checks';
  console.log(`tools: ${parts.join(' | ')}${tail}`);

  if (!osslsigncode.available) {
    for (const e of osslsigncode.errors) console.error(`setup-tools: ${e}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`setup-tools: unexpected error: ${e?.stack || e}`);
  process.exitCode = 1;
});
