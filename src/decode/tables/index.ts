/**
 * The decoding tables, sorted by code and checked once at load: a duplicate code would make a lookup ambiguous
 * and the emitted PowerShell data disagree with Node.
 */
import type { CodeEntry } from "./types.js";
import { DISCONNECT_REASONS } from "./disconnect-reasons.js";
import { EXTENDED_REASONS } from "./extended-reasons.js";
import { ERRINFO_GENERAL } from "./errinfo-general.js";
import { ERRINFO_PROTOCOL } from "./errinfo-protocol.js";
import { ERRINFO_SECURITY } from "./errinfo-security.js";
import { NEGOTIATION_FAILURES } from "./negotiation-failures.js";

export type { CodeEntry } from "./types.js";
export { DECODE_SOURCES, isSecondarySource, type SourceTag } from "./sources.js";
export { EXTENDED_PROTOCOL_RANGE } from "./extended-reasons.js";

function sortedTable(what: string, entries: readonly CodeEntry[]): readonly CodeEntry[] {
  const sorted = [...entries].sort((a, b) => a.code - b.code);
  sorted.forEach((e, i) => {
    if (i > 0 && sorted[i - 1]!.code === e.code) throw new Error(`${what}: code 0x${e.code.toString(16)} is listed twice`);
  });
  return sorted;
}

export const DISCONNECT_TABLE = sortedTable("disconnect reasons", DISCONNECT_REASONS);
export const EXTENDED_TABLE = sortedTable("extended reasons", EXTENDED_REASONS);
export const ERRINFO_TABLE = sortedTable("errorInfo", [...ERRINFO_GENERAL, ...ERRINFO_PROTOCOL, ...ERRINFO_SECURITY]);
export const NEGOTIATION_FAILURE_TABLE = sortedTable("RDP_NEG_FAILURE", NEGOTIATION_FAILURES);
