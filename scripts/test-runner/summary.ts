// Report formatting. The very last line printed by the runner is `formatTotals(...)`.
import type { Counts, SuiteResult } from './types.ts';

export const FALLBACK_NOTE = 'fallback: tree-sitter static checks and the interpreter run inside vitest (test/generated-*.test.ts; test/probe-live.test.ts runs the generated probe on real .NET against the peer lab)';

/** `N passed, N failed` plus `, N skipped` only when N > 0. */
export function formatTotals(c: Counts): string {
  const base = `${c.passed} passed, ${c.failed} failed`;
  return c.skipped > 0 ? `${base}, ${c.skipped} skipped` : base;
}

/** `vitest: X passed, Y failed, Z skipped`, or `pester: not run: <note>`. */
export function formatSuiteLine(s: SuiteResult): string {
  if (!s.ran) return `${s.suite}: not run: ${s.note ?? 'unknown reason'}`;
  return `${s.suite}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

/** The Pester line when pwsh/Pester are unavailable. */
export function pesterNotRun(reason: string): SuiteResult {
  return { suite: 'pester', ran: false, note: `${reason}; ${FALLBACK_NOTE}`, passed: 0, failed: 0, skipped: 0, failures: [] };
}

export function sumCounts(results: readonly SuiteResult[]): Counts {
  return results.reduce<Counts>(
    (acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

function indent(text: string, prefix: string): string {
  return text.split(/\r?\n/).map((l) => prefix + l).join('\n');
}

/**
 * The report: one line per suite, then every failure, then the totals as the last line.
 * `extra` suites (build/setup problems) are listed and counted only when they failed.
 */
export function renderReport(suites: readonly SuiteResult[]): string[] {
  const shown = suites.filter((s) => s.suite === 'vitest' || s.suite === 'pester' || s.failed > 0);
  const out = shown.map(formatSuiteLine);
  const failures = shown.flatMap((s) => s.failures.map((f) => ({ suite: s.suite, ...f })));
  if (failures.length > 0) {
    out.push('failures:');
    for (const f of failures) {
      out.push(`  FAIL ${f.suite}: ${f.name}`);
      const msg = f.message.trim();
      if (msg) out.push(indent(msg.length > 600 ? `${msg.slice(0, 600)}...` : msg, '      '));
    }
  }
  out.push(formatTotals(sumCounts(shown)));
  return out;
}
