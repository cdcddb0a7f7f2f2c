/** Sections about the host, services, listener and limits: Host, Services, Connections, Listener, Limits, Rcm, CredSsp. */
import type { SnapshotSection } from "./section.js";

export const SYSTEM_SECTIONS: readonly SnapshotSection[] = [];
