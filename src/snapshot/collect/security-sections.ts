/** Sections about certificates, TLS, firewall, licensing, the client and events: Certificates, Schannel, Firewall, Licensing, Client, Events. */
import type { SnapshotSection } from "./section.js";
import { certificatesSection } from "./certificates-section.js";
import { schannelSection } from "./schannel-section.js";
import { firewallSection } from "./firewall-section.js";
import { licensingSection } from "./licensing-section.js";
import { clientSection } from "./client-section.js";
import { eventsSection } from "./events-section.js";

export const SECURITY_SECTIONS: readonly SnapshotSection[] = [
  certificatesSection, schannelSection, firewallSection, licensingSection, clientSection, eventsSection,
];
