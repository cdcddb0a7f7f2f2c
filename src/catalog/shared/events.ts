/**
 * Event conditions and evidence over Snapshot.Events.Groups, so causes name an event by provider and ID instead
 * of repeating the list filter. Provider names are the full ETW names Get-WinEvent reports. The service-status
 * conditions over Snapshot.Services live here too.
 */
import type { EvidenceItem } from "../../model/cause.js";
import type { Condition } from "../../model/condition.js";
import { when } from "../../model/condition.js";

export const PROVIDER = {
  schannel: "Schannel",
  rcm: "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
  rdpCoreTs: "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS",
  rdpClient: "Microsoft-Windows-TerminalServices-ClientActiveXCore",
  /** System log event 6041 (CredSSP could not negotiate a common protocol version) comes from LsaSrv (C10, S6). */
  lsaSrv: "LsaSrv",
} as const;

/** An event group of `provider` with one of `ids` (and, when given, that Detail). */
export function eventGroup(provider: string, ids: readonly number[], detail?: string): Condition {
  const base = when.and(when.eq("Provider", provider), when.in("Id", ids));
  return detail === undefined ? base : when.and(base, when.eq("Detail", detail));
}

/** At least one such event was logged in the snapshot's window. */
export function eventSeen(provider: string, ids: readonly number[], detail?: string): Condition {
  return when.any("Events.Groups", when.and(eventGroup(provider, ids, detail), when.compare("Count", "gt", 0)));
}

/**
 * An event of `provider`/`ids` whose Detail matches `pattern` (case-insensitive), logged at least once. Used for
 * HRESULT details, which a collector may print with or without the 0x prefix.
 */
export function eventSeenMatching(provider: string, ids: readonly number[], pattern: string): Condition {
  return when.any("Events.Groups", when.and(eventGroup(provider, ids), when.matches("Detail", pattern), when.compare("Count", "gt", 0)));
}

/** Evidence entry listing the matching event groups. */
export function eventEvidence(label: string, provider: string, ids: readonly number[]): EvidenceItem {
  return { label, path: "Events.Groups", where: eventGroup(provider, ids) };
}

/** The named service has this status (Services is a list of { Name, Status, StartType }). */
export function serviceStatus(name: string, status: string): Condition {
  return when.any("Services", when.and(when.eq("Name", name), when.eq("Status", status)));
}

/** The named service has one of these statuses (Services is a list of { Name, Status, StartType }). */
export function serviceStatusIn(name: string, statuses: readonly string[]): Condition {
  return when.any("Services", when.and(when.eq("Name", name), when.in("Status", statuses)));
}
