/**
 * Services: the six services RDP needs, in the order of RdpDiagnosticSnapshot.Services (src/snapshot/types.ts).
 * TermService runs the listener; UmRdpService and SessionEnv serve sessions; CertPropSvc, KeyIso and CryptSvc are
 * needed to create and read the listener's certificate and key (causes-catalog.md C04, C05, C06).
 */
import { ps } from "../../ir/index.js";
import type { ServiceState } from "../types.js";
import type { SnapshotSection } from "./section.js";
import { sectionCollector } from "./system-build.js";

export const RDP_SERVICE_NAMES: readonly string[] = ["TermService", "UmRdpService", "SessionEnv", "CertPropSvc", "KeyIso", "CryptSvc"];

const collector = sectionCollector("Services", [
  ps.comment("ReadRdpService catches per service, so a missing or unreadable service never hides the others."),
  ps.foreachStatement("serviceName", ps.strings(RDP_SERVICE_NAMES), [
    ps.pipelineStatement(ps.command("ReadRdpService", { Name: ps.v("serviceName") })),
  ]),
], { tracksProblems: false });

/** What the section holds if ReadRdpService itself failed: every service Unknown, each Error set by the caller. */
export const servicesFallbackList: readonly ServiceState[] = RDP_SERVICE_NAMES.map((Name) => ({
  Name, Status: "Unknown", StartType: null, Error: null,
}));

export const servicesSection: SnapshotSection = {
  key: "Services",
  sourceFile: "src/snapshot/collect/services-section.ts",
  collector,
  fallback: servicesFallbackList.map((service) => ({ ...service })),
};
