/**
 * Rcm: the proprietary (Standard RDP Security) certificate values under Terminal Server\RCM, present or not and
 * their size in bytes; the data itself is not kept (causes-catalog.md C14; RcmInfo in src/snapshot/types.ts).
 */
import { ps } from "../../ir/index.js";
import type { RcmInfo } from "../types.js";
import type { SnapshotSection } from "./section.js";
import { errorText, joinProblems, problems, sectionCollector } from "./system-build.js";
import { RCM_KEY } from "./system-paths.js";

const v = ps.v;

export const RCM_CERTIFICATE_VALUES: readonly string[] = ["Certificate", "X509 Certificate", "X509 Certificate ID", "X509 Certificate2"];

const collector = sectionCollector("Rcm", [
  ps.assign(v("values"), ps.arrayLiteral([])),
  ps.foreachStatement("valueName", ps.strings(RCM_CERTIFICATE_VALUES), [
    ps.assign(v("read"), ps.command("ReadRdpBinary", { Path: ps.str(RCM_KEY), Name: v("valueName") })),
    ps.ifThen(ps.binary(ps.nil(), "-ne", ps.prop(v("read"), "Error")), [
      ps.assign(problems, ps.binary(ps.binary(v("valueName"), "+", ps.str(": ")), "+", ps.prop(v("read"), "Error")), { operator: "+=" }),
    ]),
    ps.assign(v("values"), ps.psCustomObject({
      Name: v("valueName"),
      Present: ps.prop(v("read"), "Present"),
      Length: ps.prop(v("read"), "Length"),
    }), { operator: "+=" }),
  ]),
  ...joinProblems(),
  ps.pipelineStatement(ps.psCustomObject({ CertificateValues: v("values"), Error: errorText })),
]);

export const rcmFallback: RcmInfo = { CertificateValues: [], Error: null };

export const rcmSection: SnapshotSection = {
  key: "Rcm",
  sourceFile: "src/snapshot/collect/rcm-section.ts",
  collector,
  fallback: { ...rcmFallback },
};
