#!/usr/bin/env node
// `npm run -s pwsh -- <args>`: run the project's PowerShell (dotnet tool, or the
// Microsoft.PowerShell.SDK console host) with .tools/Modules first on PSModulePath.
// Exit code is relayed; 127 when no PowerShell could be provisioned (reason on stderr).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATUS_FILE = path.join(ROOT, '.tools', 'status.json');
const MODULES_DIR = path.join(ROOT, '.tools', 'Modules');

function readStatus() {
  try {
    return JSON.parse(fs.readFileSync(STATUS_FILE, 'utf8'));
  } catch {
    return null;
  }
}

function setupTools() {
  // setup-tools prints its summary on stdout; keep our stdout for pwsh's own output.
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'setup-tools.mjs'), '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return readStatus();
}

/** The command (argv prefix) of an available pwsh whose files still exist, else null. */
function pwshCommand(status) {
  const p = status?.pwsh;
  if (!p?.available || !Array.isArray(p.command) || p.command.length === 0) return null;
  const abs = p.command.map((part, i) => (i === 0 && part === 'dotnet' ? part : path.resolve(ROOT, part)));
  const file = abs[abs.length - 1];
  return fs.existsSync(file) ? abs : null;
}

let status = readStatus();
let command = pwshCommand(status);
if (!status || (status.pwsh?.available && !command)) {
  status = setupTools();
  command = pwshCommand(status);
}

if (!command) {
  const reason = status?.pwsh?.reason ?? (status ? 'unknown reason' : `${path.relative(ROOT, STATUS_FILE)} missing (setup-tools failed)`);
  process.stderr.write(`pwsh: not available: ${reason} (details: .tools/status.json; retry: node scripts/setup-tools.mjs --force)\n`);
  process.exit(127);
}

const env = {
  ...process.env,
  PSModulePath: [MODULES_DIR, process.env.PSModulePath].filter(Boolean).join(path.delimiter),
  DOTNET_ROLL_FORWARD: process.env.DOTNET_ROLL_FORWARD ?? 'Major',
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  POWERSHELL_TELEMETRY_OPTOUT: '1',
  POWERSHELL_UPDATECHECK: 'Off',
};

const [cmd, ...pre] = command;
const child = spawn(cmd, [...pre, ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
child.on('error', (e) => {
  process.stderr.write(`pwsh: failed to start ${cmd}: ${e.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  process.exit(signal ? 128 + (os.constants.signals[signal] ?? 0) : (code ?? 1));
});
