/**
 * Snapshot redaction (-Redact): replaces what identifies a site with stable placeholders, so a snapshot can be
 * shared. The generated ProtectRdpSnapshot (src/snapshot/collect/redact-collector.ts) runs the same algorithm
 * with the same patterns (src/snapshot/redact-patterns.ts); test/redact.test.ts and
 * pester/Snapshot/Redact.Tests.ps1 hold the two to the same output.
 *
 * What is replaced:
 * - host names -> HOST-n: ComputerName; the first label of any dotted host name (RDSH01.contoso.local); CN=
 *   values; TERMSRV/<host> targets; license server names (Licensing.Servers);
 * - domain labels -> DOMAIN-n: every later label of a dotted name, each DC= value, the NETBIOS part of
 *   DOMAIN\user and every label of a UPN's domain. Labels are replaced one by one, so RDSH01.contoso.local
 *   becomes HOST-1.DOMAIN-1.DOMAIN-2 and DC=contoso,DC=local becomes DC=DOMAIN-1,DC=DOMAIN-2: relations
 *   between names (same host, same domain) survive. A CN= value that is not a DNS name ("Contoso CA") is
 *   replaced whole, as HOST-n;
 * - user names -> USER-n: the user of DOMAIN\user and of user@domain;
 * - IPv4 and IPv6 addresses -> IP-n, except 0.0.0.0, 127.0.0.1, :: and ::1, which identify no one.
 * In free-text fields (property names ending in Error, Errors or Detail) every word equal to a name replaced
 * elsewhere is replaced too, so "cannot reach LIC01" loses LIC01; generic labels (local, com, ...) are kept there.
 *
 * What is kept: thumbprints and hashes, SIDs, registry and file paths, provider, log and service names, dates,
 * numbers, versions (10.0.20348), file names (svchost.exe), .NET names (System.UnauthorizedAccessException),
 * well-known account authorities (NT AUTHORITY\SYSTEM, BUILTIN\...). Over-redaction is the chosen failure: in
 * free text a two-part X\Y token is read as DOMAIN\user.
 *
 * Numbering: one map for names (case-insensitive, so RDSH01 and rdsh01 are one host) and one for addresses;
 * the kind of a name is fixed where it first appears. Placeholders are numbered per kind in the order of first
 * appearance: properties in object order, depth first; array items in order; matches left to right; within a
 * match, left to right. Free-text word replacement runs in a second walk, so it only reuses placeholders.
 * Placeholders themselves are never replaced, so redacting twice changes nothing. Redacted becomes true.
 */
import type { RdpDiagnosticSnapshot } from "./types.js";
import {
  DOTNET_FIRST_LABELS, FILE_EXTENSIONS, FREE_TEXT_PROPERTY, FULL_DNS_NAME, FULL_IPV4, FULL_IPV6, FULL_PLACEHOLDER,
  GENERIC_LABELS, HOST_VALUED_PATHS, KEPT_ADDRESSES, NOT_DOMAINS, SCAN_GROUPS, SCAN_PATTERN, WORD_PATTERN,
  type PlaceholderKind,
} from "./redact-patterns.js";

interface RedactState {
  readonly names: Map<string, string>;
  readonly addresses: Map<string, string>;
  readonly counters: Record<PlaceholderKind, number>;
}

/** Case-insensitive everywhere, as on the PowerShell side (IgnoreCase). */
const regex = (pattern: string, global = false) => new RegExp(pattern, global ? "gi" : "i");

function fullMatch(text: string, pattern: string): boolean {
  // .NET's `$` also matches before a final line feed; refusing such text keeps both sides identical.
  return !text.includes("\n") && regex(pattern).test(text);
}

function nextPlaceholder(state: RedactState, kind: PlaceholderKind): string {
  state.counters[kind] += 1;
  return `${kind}-${state.counters[kind]}`;
}

function redactLabel(state: RedactState, label: string, kind: PlaceholderKind): string {
  if (label === "" || label === "*" || fullMatch(label, FULL_PLACEHOLDER)) return label;
  const key = label.toLowerCase();
  if (!state.names.has(key)) state.names.set(key, nextPlaceholder(state, kind));
  return state.names.get(key)!;
}

function redactAddress(state: RedactState, address: string): string {
  const key = address.toLowerCase();
  if (KEPT_ADDRESSES.includes(key)) return address;
  if (!state.addresses.has(key)) state.addresses.set(key, nextPlaceholder(state, "IP"));
  return state.addresses.get(key)!;
}

/** A whole host name, DNS name or address; labels after the first get `restKind`. */
function redactName(state: RedactState, name: string, firstKind: PlaceholderKind, restKind: PlaceholderKind): string {
  if (fullMatch(name, FULL_IPV4) || fullMatch(name, FULL_IPV6)) return redactAddress(state, name);
  if (!fullMatch(name, FULL_DNS_NAME)) return redactLabel(state, name, firstKind);
  return name.split(".").map((label, i) => redactLabel(state, label, i === 0 ? firstKind : restKind)).join(".");
}

function redactMatch(state: RedactState, m: RegExpMatchArray): string {
  const groups = SCAN_GROUPS.find((g) => m[g.boundary] !== undefined)!;
  const before = m[groups.boundary]!;
  const [a = "", b = ""] = groups.parts.map((i) => m[i] ?? "");
  switch (groups.rule) {
    case "termsrv":
      return before + a + redactName(state, b, "HOST", "DOMAIN");
    case "dn":
      return before + a + redactName(state, b, a.toUpperCase() === "DC=" ? "DOMAIN" : "HOST", "DOMAIN");
    case "upn": {
      const user = redactLabel(state, a, "USER");
      return `${before}${user}@${redactName(state, b, "DOMAIN", "DOMAIN")}`;
    }
    case "account": {
      if (NOT_DOMAINS.includes(a.toLowerCase())) return m[0];
      const domain = redactLabel(state, a, "DOMAIN");
      return `${before}${domain}\\${redactLabel(state, b, "USER")}`;
    }
    case "ipv6":
    case "ipv4":
      return before + redactAddress(state, a);
    case "fqdn": {
      const labels = a.split(".");
      const isFile = FILE_EXTENSIONS.includes(labels[labels.length - 1]!.toLowerCase());
      if (isFile || DOTNET_FIRST_LABELS.includes(labels[0]!.toLowerCase())) return m[0];
      return before + redactName(state, a, "HOST", "DOMAIN");
    }
  }
}

/** Rebuilds `text` with each match replaced; the text between matches is kept as it is. */
function replaceMatches(text: string, pattern: string, replace: (m: RegExpMatchArray) => string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(regex(pattern, true))) {
    out += text.slice(last, m.index) + replace(m);
    last = m.index! + m[0].length;
  }
  return out + text.slice(last);
}

function redactWords(state: RedactState, text: string): string {
  return replaceMatches(text, WORD_PATTERN, (m) => {
    const key = m[2]!.toLowerCase();
    const placeholder = state.names.get(key);
    return placeholder === undefined || GENERIC_LABELS.includes(key) ? m[0] : m[1]! + placeholder;
  });
}

const isHostValued = (path: string) => HOST_VALUED_PATHS.some((p) => p.toLowerCase() === path.toLowerCase());

/** Phase 1 replaces by pattern and numbers; phase 2 replaces known names as words in free text. */
function walk(state: RedactState, value: unknown, path: string, name: string, phase: 1 | 2): unknown {
  if (typeof value === "string") {
    if (phase === 1) {
      return isHostValued(path) ? redactName(state, value, "HOST", "DOMAIN") : replaceMatches(value, SCAN_PATTERN, (m) => redactMatch(state, m));
    }
    return regex(FREE_TEXT_PROPERTY).test(name) ? redactWords(state, value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => walk(state, item, path, name, phase));
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = walk(state, child, path === "" ? key : `${path}.${key}`, key, phase);
    return copy;
  }
  return value;
}

/** Redacts any JSON value by the snapshot rules; exported for tests of single strings and fragments. */
export function redactJson(value: unknown): unknown {
  const state: RedactState = { names: new Map(), addresses: new Map(), counters: { HOST: 0, DOMAIN: 0, USER: 0, IP: 0 } };
  return walk(state, walk(state, value, "", "", 1), "", "", 2);
}

/** A redacted copy of the snapshot (the input is not changed), with Redacted set to true. */
export function redactSnapshot(snapshot: RdpDiagnosticSnapshot): RdpDiagnosticSnapshot {
  return { ...(redactJson(snapshot) as RdpDiagnosticSnapshot), Redacted: true };
}
