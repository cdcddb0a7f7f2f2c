/**
 * The protocol name tables of the endpoint probe as PowerShell hashtables, generated from the TypeScript tables
 * the Node probe uses (src/probe/endpoint-result.ts PROTOCOL_FLAGS, src/decode/tables NEGOTIATION_FAILURE_TABLE),
 * so both sides print the same names. Keys are strings: a PowerShell hashtable keyed by [int] would miss a
 * lookup by [long] or [double], so lookups cast the number to [string] first.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression } from "../../../../src/ir/index.js";
import { PROTOCOL_FLAGS } from "../../../../src/probe/endpoint-result.js";
import { NEGOTIATION_FAILURE_TABLE } from "../../../../src/decode/tables/index.js";

/**
 * T.125 DisconnectProviderUltimatum reasons, in PER enumeration order (xrdp sends 3, rn-user-requested;
 * protocol-probe.md s3 neg-badkey). The same list as src/probe/x224.ts, which does not export it yet.
 */
export const DPU_REASONS: readonly string[] = ["rn-domain-disconnected", "rn-provider-initiated", "rn-token-purged", "rn-user-requested", "rn-channel-purged"];

/** Prefix of the name of a failure code no table knows (src/probe/x224.ts negotiationFailureName). */
export const UNKNOWN_FAILURE_PREFIX = "UNKNOWN_FAILURE_";

const byNumber = (entries: readonly (readonly [number, string])[]): Expression =>
  ps.hashtable(entries.map(([code, name]) => ({ key: String(code), value: ps.str(name) })));

/** `@{ '0' = 'RDP'; '1' = 'SSL'; ... }`: selectedProtocol value -> name (MS-RDPBCGR 2.2.1.2.1). */
export const protocolNamesTable = (): Expression =>
  byNumber(Object.entries(PROTOCOL_FLAGS).map(([name, value]) => [value, name] as const));

/** `@{ '1' = 'SSL_REQUIRED_BY_SERVER'; ... }`: failureCode -> name (MS-RDPBCGR 2.2.1.2.2). */
export const failureNamesTable = (): Expression => byNumber(NEGOTIATION_FAILURE_TABLE.map((e) => [e.code, e.name] as const));

/** failureCode -> the admin-facing meaning, for the P08 finding's evidence. */
export const failureMeaningsTable = (): Expression => byNumber(NEGOTIATION_FAILURE_TABLE.map((e) => [e.code, e.meaning] as const));

/** `@{ '0' = 'rn-domain-disconnected'; ... }`. */
export const disconnectReasonsTable = (): Expression => byNumber(DPU_REASONS.map((name, i) => [i, name] as const));
