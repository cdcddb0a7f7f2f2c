/**
 * Connections: whether RDP connections are allowed at all (causes-catalog.md C01), from the registry with its
 * Group Policy copy and from WMI (ConnectionsInfo in src/snapshot/types.ts).
 */
import { ps } from "../../ir/index.js";
import type { ConnectionsInfo } from "../types.js";
import type { SnapshotSection } from "./section.js";
import {
  emptyPolicyDword, errorText, firstCimInstance, guarded, joinProblems, nulls, sectionCollector,
} from "./system-build.js";
import { TERMINAL_SERVER_KEY, TERMINAL_SERVICES_NAMESPACE, TERMINAL_SERVICES_POLICY_KEY } from "./system-paths.js";

const v = ps.v;

const collector = sectionCollector("Connections", [
  ps.comment(
    "Default 1: a fresh install denies RDP connections until Remote Desktop is turned on (the unattend setting",
    "Microsoft-Windows-TerminalServices-LocalSessionManager fDenyTSConnections defaults to true).",
  ),
  ps.assign(v("deny"), ps.command("ReadRdpPolicyDword", {
    LocalPath: ps.str(TERMINAL_SERVER_KEY),
    PolicyPath: ps.str(TERMINAL_SERVICES_POLICY_KEY),
    Name: ps.str("fDenyTSConnections"),
    Default: ps.num(1),
  })),
  ...nulls("allow"),
  guarded("Win32_TerminalServiceSetting", [
    ps.assign(v("setting"), firstCimInstance("Win32_TerminalServiceSetting", { namespace: TERMINAL_SERVICES_NAMESPACE })),
    ps.ifThen(ps.binary(ps.nil(), "-ne", v("setting")), [ps.assign(v("allow"), ps.prop(v("setting"), "AllowTSConnections"))]),
  ]),
  ...joinProblems(),
  ps.pipelineStatement(ps.psCustomObject({ DenyTSConnections: v("deny"), AllowTSConnections: v("allow"), Error: errorText })),
]);

export const connectionsFallback: ConnectionsInfo = {
  DenyTSConnections: emptyPolicyDword(),
  AllowTSConnections: null,
  Error: null,
};

export const connectionsSection: SnapshotSection = {
  key: "Connections",
  sourceFile: "src/snapshot/collect/connections-section.ts",
  collector,
  fallback: { ...connectionsFallback },
};
