// Parser for NUnit 2.5 XML as written by Pester 5 (TestResult.OutputFormat = 'NUnitXml').
import type { Counts, Failure } from './types.ts';
import { findElements, firstElementText } from './xml.ts';

export interface NUnitTotals {
  total: number;
  failures: number;
  errors: number;
  notRun: number;
  inconclusive: number;
  ignored: number;
  skipped: number;
}

export interface NUnitResult extends Counts {
  failures: Failure[];
  /** The raw attributes of <test-results>. */
  totals: NUnitTotals;
  /** Number of <test-case> elements found. */
  testCases: number;
}

const PASSED = new Set(['success', 'passed']);
const FAILED = new Set(['failure', 'failed', 'error']);

function num(v: string | undefined): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * Counts come from the <test-case> elements when there are any (the most precise source),
 * with the <test-results> attributes as a floor for failures so nothing is under-reported.
 * Pester 5 writes total = TotalCount - NotRunCount (skipped/inconclusive are inside total,
 * not-run tests are outside it and have no <test-case>); not-run tests count as skipped.
 */
export function parseNUnitXml(xml: string): NUnitResult {
  const root = findElements(xml, 'test-results')[0];
  if (!root) throw new Error('not an NUnit 2.x report: no <test-results> element');
  const a = root.attrs;
  const totals: NUnitTotals = {
    total: num(a['total']),
    failures: num(a['failures']),
    errors: num(a['errors']),
    notRun: num(a['not-run']),
    inconclusive: num(a['inconclusive']),
    ignored: num(a['ignored']),
    skipped: num(a['skipped']),
  };

  const failures: Failure[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const cases = findElements(root.inner, 'test-case');
  for (const tc of cases) {
    const result = (tc.attrs['result'] ?? '').toLowerCase();
    const success = (tc.attrs['success'] ?? '').toLowerCase() === 'true';
    const executed = (tc.attrs['executed'] ?? 'true').toLowerCase() !== 'false';
    if (FAILED.has(result) || (!result && executed && !success)) {
      failed++;
      const name = tc.attrs['name'] ?? tc.attrs['description'] ?? '(unnamed test-case)';
      const message = firstElementText(tc.inner, 'message') ?? '';
      failures.push({ name, message });
    } else if (PASSED.has(result) || (!result && success)) {
      passed++;
    } else {
      skipped++; // Ignored, Skipped, Inconclusive, NotRunnable, ...
    }
  }

  const attrFailed = totals.failures + totals.errors;
  if (cases.length === 0) {
    const skippedInTotal = totals.skipped + totals.inconclusive + totals.ignored;
    passed = Math.max(0, totals.total - attrFailed - skippedInTotal);
    skipped = skippedInTotal;
  }
  failed = Math.max(failed, attrFailed);
  skipped += totals.notRun;
  return { passed, failed, skipped, failures, totals, testCases: cases.length };
}
