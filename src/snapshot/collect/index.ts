/**
 * The snapshot's sections, in the order Get-RdpDiagnosticSnapshot collects them (the order of RdpDiagnosticSnapshot).
 */
import type { SnapshotSection } from "./section.js";

export const SECTIONS: readonly SnapshotSection[] = [];
