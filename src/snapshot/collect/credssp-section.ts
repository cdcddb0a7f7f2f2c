/**
 * CredSsp: the CredSSP encryption-oracle policy and saved domain credentials (causes-catalog.md C10; CredSspInfo
 * in src/snapshot/types.ts).
 */
import { ps } from "../../ir/index.js";
import type { CredSspInfo } from "../types.js";
import type { SnapshotSection } from "./section.js";
import { emptyDword, emptyPolicyDword, sectionCollector } from "./system-build.js";
import { CREDSSP_POLICY_KEY, LSA_KEY } from "./system-paths.js";

const collector = sectionCollector("CredSsp", [
  ps.comment(
    "AllowEncryptionOracle lives only under Policies, so there is no -LocalPath. Without it Windows behaves as",
    "Mitigated (1) since the May 2018 CredSSP update (support.microsoft.com/help/4093492, causes-catalog.md R16).",
  ),
  ps.assign(ps.v("oracle"), ps.command("ReadRdpPolicyDword", {
    PolicyPath: ps.str(CREDSSP_POLICY_KEY),
    Name: ps.str("AllowEncryptionOracle"),
    Default: ps.num(1),
  })),
  ps.assign(ps.v("domainCreds"), ps.command("ReadRdpDword", { Path: ps.str(LSA_KEY), Name: ps.str("disabledomaincreds") })),
  ps.comment("Both readers report their own errors; nothing here can fail on its own."),
  ps.pipelineStatement(ps.psCustomObject({ AllowEncryptionOracle: ps.v("oracle"), DisableDomainCreds: ps.v("domainCreds"), Error: ps.nil() })),
], { tracksProblems: false });

export const credSspFallback: CredSspInfo = {
  AllowEncryptionOracle: emptyPolicyDword(),
  DisableDomainCreds: emptyDword(),
  Error: null,
};

export const credSspSection: SnapshotSection = {
  key: "CredSsp",
  sourceFile: "src/snapshot/collect/credssp-section.ts",
  collector,
  fallback: { ...credSspFallback },
};
