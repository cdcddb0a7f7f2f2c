// `npm test`: setup tools -> build (signed dist-ps) -> vitest -> Pester (or the tree-sitter fallback) -> report.
// Bundled to dist/test-runner.mjs by scripts/run-tests.mjs, which calls main({ root }).
import path from 'node:path';
import { runInherit } from './exec.ts';
import { runPester } from './pester.ts';
import { pesterUnavailableReason, readToolsStatus } from './status.ts';
import { pesterNotRun, renderReport } from './summary.ts';
import type { SuiteResult } from './types.ts';
import { runVitest } from './vitest.ts';

export interface MainOptions {
  root: string;
}

function step(name: string): void {
  process.stdout.write(`\n== ${name}\n`);
}

function failedStep(suite: string, name: string, message: string): SuiteResult {
  return { suite, ran: true, passed: 0, failed: 1, skipped: 0, failures: [{ name, message }] };
}

async function guard(suite: string, fn: () => Promise<SuiteResult>): Promise<SuiteResult> {
  try {
    return await fn();
  } catch (e) {
    return failedStep(suite, `${suite} runner crashed`, (e as Error)?.stack ?? String(e));
  }
}

/** Returns the process exit code: 0 iff nothing failed and the build succeeded. */
export async function main({ root }: MainOptions): Promise<number> {
  const results: SuiteResult[] = [];
  const node = process.execPath;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

  step('setup tools');
  const setup = await runInherit(node, [path.join(root, 'scripts', 'setup-tools.mjs')], root);
  if (setup.code !== 0) {
    results.push(failedStep('setup', 'setup-tools', `node scripts/setup-tools.mjs exited with code ${setup.code} (see .tools/status.json)`));
  }

  // The probe tests talk to real RDP peers (xrdp, FreeRDP's shadow server) on 127.0.0.1. Without them the peer
  // tests skip, which must not pass silently in CI: there a failed install counts as a failure.
  step('test peers (apt: xrdp, freerdp2-shadow-x11, xvfb)');
  const peers = await runInherit(node, [path.join(root, 'scripts', 'peers', 'install-peers.mjs')], root);
  if (peers.code !== 0) {
    const detail = `node scripts/peers/install-peers.mjs exited with code ${peers.code}; test/peers.test.ts skips`;
    if (process.env.CI === 'true') results.push(failedStep('peers', 'install-peers', detail));
    else process.stdout.write(`${detail}\n`);
  }

  step('build (npm run -s build)');
  const build = await runInherit(npm, ['run', '-s', 'build'], root);
  const buildOk = build.code === 0;
  if (!buildOk) results.push(failedStep('build', 'npm run -s build', `exited with code ${build.code}`));

  step('vitest');
  results.push(await guard('vitest', () => runVitest(root)));

  const status = readToolsStatus(root);
  const reason = pesterUnavailableReason(status);
  if (reason === null) {
    step(`pester (pwsh ${status?.pwsh.version ?? '?'} ${status?.pwsh.kind ?? ''}, Pester ${status?.pester.version ?? '?'})`);
    results.push(await guard('pester', () => runPester(root)));
  } else {
    results.push(pesterNotRun(reason));
  }

  step('summary');
  const lines = renderReport(results);
  process.stdout.write(lines.join('\n') + '\n');
  const failed = results.reduce((n, r) => n + r.failed, 0);
  return failed === 0 && buildOk ? 0 : 1;
}
