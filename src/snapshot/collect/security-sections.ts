/** Sections about certificates, TLS, firewall, licensing, the client and events: Certificates, Schannel, Firewall, Licensing, Client, Events. */
import type { SnapshotSection } from "./section.js";

export const SECURITY_SECTIONS: readonly SnapshotSection[] = [];
