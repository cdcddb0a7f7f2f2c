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
 * @param ComputerName Diagnoses these computers through PowerShell remoting (WinRM): the snapshot is collected
 * there and analyzed here.
 * @param SnapshotPath Analyzes snapshot files saved by Get-RdpDiagnosticSnapshot -Path, on any computer.
 * @param ErrorCode The dialog's "Error code", hex (0x904) or decimal (2308). Causes it makes plausible rank first.
 * @param ExtendedErrorCode The dialog's "Extended error code", hex (0x7) or decimal (7).
 * @param EventDays How many days of event logs to read when collecting. Default 7.
 * @param GatewayName Also checks this RD Gateway (Test-RdGateway) and ranks its findings with the causes.
 * @param ProbeTimeoutMs Time budget of each network probe stage, in milliseconds. With -ComputerName every host
 * is also probed on its RDP port (Test-RdpEndpoint), and the certificate on the wire is compared with the one the
 * host is configured with. Default 3000.
 * @example
 * Test-RdpError0x904
 *
 * Checks this computer and returns a ranked list of findings.
 * @example
 * (Test-RdpError0x904).Findings | Where-Object -Property Status -EQ -Value 'Fail' | Format-List -Property Id, Title, Reason, Evidence, Fix
 *
 * Shows only the failed checks, with the evidence that decided them and the fix to run.
 * @example
 * Test-RdpError0x904 -ComputerName rdsh01, rdsh02 -ErrorCode 0x904 -ExtendedErrorCode 0x7
 *
 * Diagnoses two servers remotely and ranks first the causes that fit the error the client showed.
 * @example
 * Test-RdpError0x904 -SnapshotPath .\rdp-snapshot.json
 *
 * Analyzes a snapshot a customer sent; nothing is read from this computer.
 * @outputs RdpDoctor.DiagnosisResult
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode
 */
export const testRdpError0x904: CommandDefinition = {
  name: "Test-RdpError0x904",
  sourceFile: "src/commands/test-rdp-error-0x904.ts",
  exportName: "testRdpError0x904",
  outputType: "RdpDoctor.DiagnosisResult",
  defaultParameterSetName: "Local",
  parameters: [
    ps.parameter("ComputerName", {
      type: "string[]", mandatory: true, parameterSetName: "Remote", valueFromPipeline: true, valueFromPipelineByPropertyName: true,
      validations: [{ kind: "ValidateNotNullOrEmpty" }],
    }),
    ps.parameter("SnapshotPath", { type: "string[]", mandatory: true, parameterSetName: "Snapshot", validations: [{ kind: "ValidateNotNullOrEmpty" }] }),
    ps.parameter("ErrorCode", { type: "string" }),
    ps.parameter("ExtendedErrorCode", { type: "string" }),
    ps.parameter("EventDays", {
      type: "int",
      validations: [{ kind: "ValidateRange", min: 1, max: 365 }],
      defaultValue: ps.num(7),
    }),
    ps.parameter("GatewayName", { type: "string" }),
    ps.parameter("ProbeTimeoutMs", { type: "int", validations: [{ kind: "ValidateRange", min: 100, max: 60000 }], defaultValue: ps.num(3000) }),
  ],
};
