import { ps } from "../ir/index.js";
import type { CommandDefinition } from "./command.js";

/**
 * Finds which cause is behind Remote Desktop error 0x904 (extended error 0x7) on this computer, with evidence.
 *
 * Error 0x904 means the client's socket was closed after the connection was accepted; extended code 0x7 means
 * the server denied the connection. Neither names a root cause. This command reads the server's own state and
 * returns one result per computer whose Findings are ranked worst first (Fail, Warn, Unknown, Pass,
 * NotApplicable). Each finding names the cause ID from the RdpDoctor catalog, the exact values that decided
 * it, the fix to run (with -WhatIf first) and its sources.
 * It only reads; it changes nothing. Run it elevated: without administrator rights some evidence is
 * reported as Unknown instead of guessed.
 *
 * @param EventDays How many days of the System event log to search for certificate and TLS errors. Default 7.
 * @example
 * Test-RdpError0x904
 *
 * Checks this computer and returns a ranked list of findings.
 * @example
 * (Test-RdpError0x904).Findings | Where-Object -Property Status -EQ -Value 'Fail' | Format-List -Property Id, Title, Reason, Evidence, Fix
 *
 * Shows only the failed checks, with the evidence that decided them and the fix to run.
 * @example
 * Test-RdpError0x904 -EventDays 30
 *
 * Searches the last 30 days of the System log for certificate creation and renewal errors.
 * @outputs RdpDoctor.DiagnosisResult
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode
 */
export const testRdpError0x904: CommandDefinition = {
  name: "Test-RdpError0x904",
  sourceFile: "src/commands/test-rdp-error-0x904.ts",
  exportName: "testRdpError0x904",
  outputType: "RdpDoctor.DiagnosisResult",
  parameters: [
    ps.parameter("EventDays", {
      type: "int",
      validations: [{ kind: "ValidateRange", min: 1, max: 365 }],
      defaultValue: ps.num(7),
    }),
  ],
};
