// Runs vitest with the JSON reporter and turns out/vitest.json into a SuiteResult.
import fs from 'node:fs';
import path from 'node:path';
import { runInherit } from './exec.ts';
import type { Failure, SuiteResult } from './types.ts';

/** The parts of vitest's (Jest-compatible) JSON report that we use. */
export interface VitestJson {
  numTotalTests?: number;
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: {
      fullName?: string;
      title?: string;
      ancestorTitles?: string[];
      status?: string;
      failureMessages?: string[] | null;
    }[];
  }[];
}

function firstLines(text: string, max = 3): string {
  return text.split(/\r?\n/).filter((l) => l.trim()).slice(0, max).join('\n');
}

/**
 * Counts and failures from a vitest JSON report. `root` makes file names relative.
 * A run with zero tests, or a non-zero exit code with no failing test, counts as a failure.
 */
export function vitestResultFromJson(report: VitestJson, root: string, exitCode = 0): SuiteResult {
  const failures: Failure[] = [];
  let suiteFailures = 0;
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name).split(path.sep).join('/') || file.name;
    const failedAssertions = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedAssertions) {
      const title = t.fullName || [...(t.ancestorTitles ?? []), t.title ?? ''].filter(Boolean).join(' > ');
      failures.push({ name: `${rel} > ${title}`, message: firstLines((t.failureMessages ?? []).join('\n')) });
    }
    if (file.status === 'failed' && failedAssertions.length === 0) {
      suiteFailures++;
      failures.push({ name: `${rel} (suite failed to run)`, message: firstLines(file.message ?? '') });
    }
  }
  const passed = report.numPassedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  let failed = (report.numFailedTests ?? 0) + suiteFailures;
  const result: SuiteResult = { suite: 'vitest', ran: true, passed, failed, skipped, failures };
  if ((report.numTotalTests ?? passed + failed + skipped) === 0 && failed === 0) {
    result.failed = failed += 1;
    failures.push({ name: 'no tests', message: 'vitest collected 0 tests; a run without tests is not a success' });
  }
  if (exitCode !== 0 && failed === 0) {
    result.failed = 1;
    failures.push({ name: 'vitest run', message: `vitest exited with code ${exitCode} although no test failed (unhandled error?)` });
  }
  return result;
}

export async function runVitest(root: string): Promise<SuiteResult> {
  const jsonFile = path.join(root, 'out', 'vitest.json');
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.rmSync(jsonFile, { force: true });
  const rel = path.relative(root, jsonFile).split(path.sep).join('/');
  const { code } = await runInherit(
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    ['--no', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${rel}`],
    root,
  );
  let report: VitestJson;
  try {
    report = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as VitestJson;
  } catch {
    return {
      suite: 'vitest', ran: true, passed: 0, failed: 1, skipped: 0,
      failures: [{ name: 'vitest run', message: `vitest exited with code ${code} and wrote no ${rel}` }],
    };
  }
  return vitestResultFromJson(report, root, code);
}
