import { describe, expect, it } from 'vitest';
import { parseNUnitXml } from '../scripts/test-runner/nunit.ts';
import { extraFailures, pesterScript, psQuote } from '../scripts/test-runner/pester.ts';
import { pesterUnavailableReason, type ToolsStatus } from '../scripts/test-runner/status.ts';
import { FALLBACK_NOTE, formatSuiteLine, formatTotals, pesterNotRun, renderReport } from '../scripts/test-runner/summary.ts';
import type { SuiteResult } from '../scripts/test-runner/types.ts';
import { vitestResultFromJson } from '../scripts/test-runner/vitest.ts';

// Shape as written by Pester 5.x (src/functions/TestResults.NUnit25.ps1):
// total = TotalCount - NotRunCount, errors/ignored/invalid always 0, skipped tests are
// result="Ignored" executed="False", parameterized tests get a ParameterizedTest suite.
const PESTER5_NUNIT = `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<test-results xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="nunit_schema_2.5.xsd" name="Pester" total="6" errors="0" failures="2" not-run="1" inconclusive="0" ignored="0" skipped="1" invalid="0" date="2026-11-22" time="09:41:07">
  <environment os-version="6.1.0" platform="Linux" cwd="/work/main" machine-name="ci-1" user="root" user-domain="" clr-version="9.0.6" nunit-version="2.5.8.0" />
  <culture-info current-culture="" current-uiculture="" />
  <test-suite type="TestFixture" name="Pester" executed="True" result="Failure" success="False" time="1.2034" asserts="0" description="Pester">
    <results>
      <test-suite type="TestFixture" name="/work/main/pester/Repair-Rdp.Tests.ps1" executed="True" result="Failure" success="False" time="1.1" asserts="0" description="/work/main/pester/Repair-Rdp.Tests.ps1">
        <results>
          <test-suite type="TestFixture" name="Repair-Rdp" executed="True" result="Failure" success="False" time="0.9" asserts="0" description="Repair-Rdp">
            <results>
              <test-case description="sets fDenyTSConnections to 0" name="Repair-Rdp.sets fDenyTSConnections to 0" time="0.0123" asserts="0" success="True" result="Success" executed="True" />
              <test-case description="restarts TermService" name="Repair-Rdp.restarts TermService" time="0.0311" asserts="0" success="False" result="Failure" executed="True">
                <failure>
                  <message>Expected Restart-Service to be called 1 times exactly but was called 0 times</message>
                  <stack-trace>at Should -Invoke Restart-Service -Times 1 -Exactly, /work/main/pester/Repair-Rdp.Tests.ps1:22
at &lt;ScriptBlock&gt;, /work/main/pester/Repair-Rdp.Tests.ps1:22</stack-trace>
                </failure>
              </test-case>
              <test-case description="repairs the listener on Server 2012" name="Repair-Rdp.repairs the listener on Server 2012" time="0" asserts="0" success="False" result="Ignored" executed="False" />
              <test-suite type="ParameterizedTest" name="Repair-Rdp.port &lt;Port&gt; is valid" executed="True" result="Failure" success="False" time="0.02" asserts="0" description="port &lt;Port&gt; is valid">
                <results>
                  <test-case description="port 3389 is valid" name="Repair-Rdp.port 3389 is valid" time="0.01" asserts="0" success="True" result="Success" executed="True" />
                  <test-case description="port 0 is valid" name="Repair-Rdp.port 0 is valid" time="0.01" asserts="0" success="False" result="Failure" executed="True">
                    <failure>
                      <message>Expected 'True', but got "False" &amp; &lt;0&gt;.</message>
                      <stack-trace>at $Port | Should -BeGreaterThan 0</stack-trace>
                    </failure>
                  </test-case>
                </results>
              </test-suite>
              <!-- <test-case name="commented out" result="Failure" /> -->
              <test-case description="writes 'done'" name="Repair-Rdp.writes 'done'" time="0.002" asserts="0" success="True" result="Success" executed="True"></test-case>
            </results>
          </test-suite>
        </results>
      </test-suite>
    </results>
  </test-suite>
</test-results>
`;

describe('parseNUnitXml (Pester 5 NUnit 2.5)', () => {
  const r = parseNUnitXml(PESTER5_NUNIT);

  it('counts passed, failed and skipped (not-run counts as skipped)', () => {
    expect(r.testCases).toBe(6);
    expect({ passed: r.passed, failed: r.failed, skipped: r.skipped }).toEqual({ passed: 3, failed: 2, skipped: 2 });
  });

  it('reads the <test-results> attributes', () => {
    expect(r.totals).toEqual({ total: 6, failures: 2, errors: 0, notRun: 1, inconclusive: 0, ignored: 0, skipped: 1 });
  });

  it('lists every failed test-case with its decoded message', () => {
    expect(r.failures).toEqual([
      {
        name: 'Repair-Rdp.restarts TermService',
        message: 'Expected Restart-Service to be called 1 times exactly but was called 0 times',
      },
      { name: 'Repair-Rdp.port 0 is valid', message: `Expected 'True', but got "False" & <0>.` },
    ]);
  });

  it('falls back to the attributes when there are no test-case elements', () => {
    const xml = '<test-results name="Pester" total="5" errors="1" failures="1" not-run="2" inconclusive="1" ignored="0" skipped="1"><results/></test-results>';
    const x = parseNUnitXml(xml);
    expect({ passed: x.passed, failed: x.failed, skipped: x.skipped }).toEqual({ passed: 1, failed: 2, skipped: 4 });
    expect(x.failures).toEqual([]);
  });

  it('never reports fewer failures than the attributes say', () => {
    const xml = `<test-results total="2" errors="0" failures="2" not-run="0" skipped="0">
      <test-case name="a" result="Success" success="True" executed="True"/>
      <test-case name="b" result="Failure" success="False" executed="True"><failure><message><![CDATA[x < y & z]]></message></failure></test-case>
    </test-results>`;
    const x = parseNUnitXml(xml);
    expect(x.failed).toBe(2);
    expect(x.failures).toEqual([{ name: 'b', message: 'x < y & z' }]);
  });

  it('rejects documents that are not NUnit 2.x reports', () => {
    expect(() => parseNUnitXml('<?xml version="1.0"?><test-run total="1"/>')).toThrow(/no <test-results>/);
  });
});

describe('summary formatting', () => {
  const vitest: SuiteResult = { suite: 'vitest', ran: true, passed: 41, failed: 1, skipped: 2, failures: [{ name: 'test/a.test.ts > x > y', message: 'expected 1 to be 2' }] };
  const pester: SuiteResult = { suite: 'pester', ran: true, passed: 3, failed: 2, skipped: 2, failures: [{ name: 'Repair-Rdp.port 0 is valid', message: '' }] };

  it('formats the totals line, adding skipped only when > 0', () => {
    expect(formatTotals({ passed: 44, failed: 3, skipped: 4 })).toBe('44 passed, 3 failed, 4 skipped');
    expect(formatTotals({ passed: 12, failed: 0, skipped: 0 })).toBe('12 passed, 0 failed');
    expect(formatTotals({ passed: 0, failed: 0, skipped: 0 })).toBe('0 passed, 0 failed');
  });

  it('formats per-suite lines', () => {
    expect(formatSuiteLine(vitest)).toBe('vitest: 41 passed, 1 failed, 2 skipped');
    expect(formatSuiteLine({ ...vitest, failed: 0, skipped: 0, failures: [] })).toBe('vitest: 41 passed, 0 failed, 0 skipped');
    expect(formatSuiteLine(pesterNotRun("pwsh unavailable (NuGet: package 'PowerShell' not found)"))).toBe(
      `pester: not run: pwsh unavailable (NuGet: package 'PowerShell' not found); ${FALLBACK_NOTE}`,
    );
  });

  it('renders suites, every failure, and the totals as the very last line', () => {
    const lines = renderReport([vitest, pester]);
    expect(lines[0]).toBe('vitest: 41 passed, 1 failed, 2 skipped');
    expect(lines[1]).toBe('pester: 3 passed, 2 failed, 2 skipped');
    expect(lines).toContain('  FAIL vitest: test/a.test.ts > x > y');
    expect(lines).toContain('  FAIL pester: Repair-Rdp.port 0 is valid');
    expect(lines.at(-1)).toBe('44 passed, 3 failed, 4 skipped');
  });

  it('counts a failed build as one failure and ignores a not-run Pester', () => {
    const build: SuiteResult = { suite: 'build', ran: true, passed: 0, failed: 1, skipped: 0, failures: [{ name: 'npm run -s build', message: 'exited with code 1' }] };
    const ok: SuiteResult = { ...vitest, failed: 0, skipped: 0, failures: [] };
    const lines = renderReport([build, ok, pesterNotRun('pwsh unavailable (x)')]);
    expect(lines[0]).toBe('build: 0 passed, 1 failed, 0 skipped');
    expect(lines).toContain('  FAIL build: npm run -s build');
    expect(lines.at(-1)).toBe('41 passed, 1 failed');
  });

  it('omits suites that succeeded without tests of their own (setup/build)', () => {
    const setupOk: SuiteResult = { suite: 'setup', ran: true, passed: 0, failed: 0, skipped: 0, failures: [] };
    const lines = renderReport([setupOk, { ...vitest, failed: 0, skipped: 0, failures: [] }]);
    expect(lines).toEqual(['vitest: 41 passed, 0 failed, 0 skipped', '41 passed, 0 failed']);
  });
});

describe('vitest JSON report', () => {
  const root = '/work/main';

  it('reads counts and failed assertion titles', () => {
    const r = vitestResultFromJson({
      numTotalTests: 5, numPassedTests: 2, numFailedTests: 1, numPendingTests: 1, numTodoTests: 1,
      testResults: [{
        name: '/work/main/test/a.test.ts', status: 'failed', message: '',
        assertionResults: [
          { fullName: 'codegen emits param block', status: 'failed', failureMessages: ['AssertionError: expected 1 to be 2\n    at x.ts:1'] },
          { fullName: 'codegen ok', status: 'passed', failureMessages: [] },
        ],
      }],
    }, root, 1);
    expect(r).toMatchObject({ passed: 2, failed: 1, skipped: 2 });
    expect(r.failures).toEqual([{ name: 'test/a.test.ts > codegen emits param block', message: 'AssertionError: expected 1 to be 2\n    at x.ts:1' }]);
  });

  it('counts a file that failed to load', () => {
    const r = vitestResultFromJson({
      numTotalTests: 0, numPassedTests: 0, numFailedTests: 0,
      testResults: [{ name: '/work/main/test/b.test.ts', status: 'failed', message: 'Failed to load url ./nope.ts', assertionResults: [] }],
    }, root, 1);
    expect(r.failed).toBe(1);
    expect(r.failures[0]?.name).toBe('test/b.test.ts (suite failed to run)');
  });

  it('treats a run with zero tests as a failure', () => {
    const r = vitestResultFromJson({ numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, testResults: [] }, root, 0);
    expect(r.failed).toBe(1);
    expect(r.failures[0]?.name).toBe('no tests');
  });

  it('treats a non-zero exit without failed tests as a failure', () => {
    const r = vitestResultFromJson({ numTotalTests: 1, numPassedTests: 1, numFailedTests: 0, testResults: [] }, root, 1);
    expect(r).toMatchObject({ passed: 1, failed: 1 });
  });
});

describe('pester invocation', () => {
  it('quotes PowerShell string literals', () => {
    expect(psQuote("/tmp/it's here")).toBe("'/tmp/it''s here'");
  });

  it('configures Pester 5 for NUnit XML output', () => {
    const s = pesterScript({ testsDir: '/r/pester', resultXml: '/r/out/pester.xml', summaryJson: '/r/out/pester-summary.json' });
    expect(s).toContain('$c = New-PesterConfiguration');
    expect(s).toContain("$c.Run.Path = '/r/pester'");
    expect(s).toContain('$c.Run.PassThru = $true');
    expect(s).toContain('$c.TestResult.Enabled = $true');
    expect(s).toContain("$c.TestResult.OutputFormat = 'NUnitXml'");
    expect(s).toContain("$c.TestResult.OutputPath = '/r/out/pester.xml'");
  });

  it('adds failed blocks and containers from the PassThru summary', () => {
    expect(extraFailures({
      failedBlocks: [{ name: 'Repair-Rdp', message: 'AfterAll failed' }],
      failedContainers: { name: '/r/pester/Bad.Tests.ps1', message: 'ParseException' } as never,
    })).toEqual([
      { name: '[block] Repair-Rdp', message: 'AfterAll failed' },
      { name: '[container] /r/pester/Bad.Tests.ps1', message: 'ParseException' },
    ]);
    expect(extraFailures(null)).toEqual([]);
  });

  it('explains why Pester cannot run', () => {
    const status: ToolsStatus = {
      pwsh: { available: false, kind: 'none', errors: [], reason: "NuGet: package 'PowerShell' not found" },
      pester: { available: false, errors: [], reason: 'HTTP 404' },
      osslsigncode: { available: true, version: '2.9', errors: [] },
      checkedAt: '2026-01-01T00:00:00Z',
    };
    expect(pesterUnavailableReason(status)).toBe("pwsh unavailable (NuGet: package 'PowerShell' not found); Pester unavailable (HTTP 404)");
    expect(pesterUnavailableReason({ ...status, pwsh: { ...status.pwsh, available: true }, pester: { ...status.pester, available: true } })).toBeNull();
    expect(pesterUnavailableReason(null)).toMatch(/no \.tools\/status\.json/);
  });
});
