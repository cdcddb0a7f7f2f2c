/** Sections about the host, services, listener and limits: Host, Services, Connections, Listener, Limits, Rcm, CredSsp. */
import type { SnapshotSection } from "./section.js";
import { hostSection } from "./host-section.js";
import { servicesSection } from "./services-section.js";
import { connectionsSection } from "./connections-section.js";
import { listenerSection } from "./listener-section.js";
import { limitsSection } from "./limits-section.js";
import { rcmSection } from "./rcm-section.js";
import { credSspSection } from "./credssp-section.js";

export const SYSTEM_SECTIONS: readonly SnapshotSection[] = [
  hostSection, servicesSection, connectionsSection, listenerSection, limitsSection, rcmSection, credSspSection,
];
