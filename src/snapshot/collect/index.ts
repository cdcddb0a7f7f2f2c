/**
 * The snapshot's sections, in the order of RdpDiagnosticSnapshot (src/snapshot/types.ts), which is also the
 * order Get-RdpDiagnosticSnapshot collects them in.
 */
import type { SectionKey, SnapshotSection } from "./section.js";
import { SYSTEM_SECTIONS } from "./system-sections.js";
import { SECURITY_SECTIONS } from "./security-sections.js";

const ORDER: readonly SectionKey[] = [
  "Host", "Services", "Connections", "Listener", "Certificates", "Schannel", "Firewall", "Limits", "Licensing",
  "Rcm", "CredSsp", "Client", "Events",
];

export const SECTIONS: readonly SnapshotSection[] = [...SYSTEM_SECTIONS, ...SECURITY_SECTIONS]
  .sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
