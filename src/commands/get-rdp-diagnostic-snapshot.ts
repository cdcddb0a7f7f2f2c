import { ps } from "../ir/index.js";
import type { CommandDefinition } from "./command.js";

/**
 * Gathers everything RdpDoctor reads about Remote Desktop on this computer into one object, or a JSON file.
 *
 * The snapshot holds the RDP-Tcp listener settings and their Group Policy copies, the services, the certificates
 * in the 'Remote Desktop' and 'My' stores with their key ACLs by SID, the SCHANNEL protocol keys, the Remote
 * Desktop firewall rules, connection limits, licensing, CredSSP, the client-side keys, and grouped counts of the
 * relevant events. It only reads. A value that cannot be read is recorded with the reason (for example
 * 'access denied' when not elevated), so the snapshot is complete even when some reads fail.
 * Its format is versioned (SchemaVersion) and described by RdpDiagnosticSnapshot.schema.json next to the module.
 * Test-RdpError0x904 -SnapshotPath analyzes a saved snapshot on any computer, and so does the Node CLI
 * (rdp-doctor analyze).
 *
 * @param EventDays How many days of event logs to summarize. Default 7.
 * @param OutputFormat Object (default) returns the snapshot object; Json returns it as JSON text.
 * @param Path Writes the snapshot as UTF-8 JSON to this file and returns the file.
 * @param Redact Replaces host names, IP addresses and user names with stable placeholders (HOST-1, IP-1,
 * USER-1), so the snapshot can be shared with support.
 * @example
 * Get-RdpDiagnosticSnapshot -Path C:\Temp\rdp-snapshot.json -Redact
 *
 * Saves a redacted snapshot to send to support; analyze it with Test-RdpError0x904 -SnapshotPath.
 * @example
 * (Get-RdpDiagnosticSnapshot).Listener.SecurityLayer
 *
 * Shows the RDP security layer with its local value, its Group Policy value and which one is in effect.
 * @outputs RdpDoctor.Snapshot
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting
 */
export const getRdpDiagnosticSnapshot: CommandDefinition = {
  name: "Get-RdpDiagnosticSnapshot",
  sourceFile: "src/commands/get-rdp-diagnostic-snapshot.ts",
  exportName: "getRdpDiagnosticSnapshot",
  outputType: "RdpDoctor.Snapshot",
  parameters: [
    ps.parameter("EventDays", { type: "int", position: 0, validations: [{ kind: "ValidateRange", min: 1, max: 365 }], defaultValue: ps.num(7) }),
    // A positional string, not a switch: Invoke-Command -ArgumentList binds by position, and switches cannot be.
    ps.parameter("OutputFormat", { type: "string", position: 1, validations: [{ kind: "ValidateSet", values: ["Object", "Json"] }], defaultValue: ps.str("Object") }),
    ps.parameter("Path", { type: "string", validations: [{ kind: "ValidateNotNullOrEmpty" }] }),
    ps.parameter("Redact", { type: "switch" }),
  ],
};
