/**
 * ProtectRdpSnapshot: the -Redact step of Get-RdpDiagnosticSnapshot. Placeholder until redaction lands; it
 * refuses rather than return an unredacted snapshot marked as redacted.
 */
import { ps } from "../../ir/index.js";
import type { FunctionDefinition } from "../../ir/index.js";

export const protectRdpSnapshot: FunctionDefinition = ps.functionDefinition({
  name: "ProtectRdpSnapshot",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [ps.parameter("Snapshot", { type: "object", mandatory: true })],
  end: [ps.throwStatement(ps.str("-Redact is not available in this build."))],
});
