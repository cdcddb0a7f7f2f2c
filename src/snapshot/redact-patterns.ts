/**
 * The regular expressions and word lists of snapshot redaction, shared by src/snapshot/redact.ts (Node) and
 * src/snapshot/collect/redact-collector.ts (the generated ProtectRdpSnapshot), so both sides match the same text.
 *
 * Portability rules, because .NET and JavaScript must read each pattern the same way:
 * - no lookbehind, no named groups, no \p{...}, no \d \w \b \s (they mean Unicode classes in .NET, ASCII in JS),
 *   no `.` (its newline set differs); classes spell out A-Za-z0-9;
 * - `^`/`$` only in FULL patterns, which are used only on text without a line feed (where .NET `$` would also
 *   match before a final "\n");
 * - matching is case-insensitive on both sides, explicitly: flags "gi" in JS, IgnoreCase + CultureInvariant in
 *   .NET. Known corner: .NET may also fold the Kelvin sign (U+212A) to "k"; JS does not. Snapshots hold ASCII.
 * Each SCAN alternative starts with its own capture group for the boundary character before it (the portable
 * stand-in for lookbehind); its replacement keeps that character.
 */

/** One IPv4 address with each octet 0-255 (no leading zeros). */
const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
export const IPV4_BODY = `${OCTET}(?:\\.${OCTET}){3}`;
const HEX = "[0-9A-Fa-f]{1,4}";
/** Full 8-group form, or any form with "::". Times (11:40:00) and MAC addresses never match either. */
export const IPV6_BODY = `(?:(?:${HEX}:){7}${HEX}|(?:(?:${HEX}:){0,6}${HEX})?::(?:(?:${HEX}:){0,6}${HEX})?)`;
const LABEL = "[A-Za-z0-9_][A-Za-z0-9_-]*";
/** A host or DNS name: labels joined by dots; the first may be the certificate wildcard `*`. */
export const DNS_NAME_BODY = `(?:\\*|${LABEL})(?:\\.[A-Za-z0-9_-]+)*`;
/** Not followed by a name character, nor by a dot that continues the name (a sentence's full stop is fine). */
const NAME_END = "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_-])";

export type RedactRule = "termsrv" | "dn" | "upn" | "account" | "ipv6" | "ipv4" | "fqdn";

interface Alternative {
  readonly rule: RedactRule;
  /** Characters that may NOT stand right before the match (the rest, and the start of the text, may). */
  readonly notBefore: string;
  /** The body; its capture groups are the rule's parts, in order. */
  readonly body: string;
  readonly parts: number;
}

/**
 * In priority order: at one position the first alternative that matches wins; the leftmost position wins first.
 * - termsrv: TERMSRV/<host> credential targets (bare NetBIOS names included);
 * - dn: CN= and DC= components of distinguished names (certificate Subject and Issuer);
 * - upn: user@domain;
 * - account: DOMAIN\user, only as a whole two-part token (so registry and file paths never match);
 * - ipv6, ipv4: addresses;
 * - fqdn: dotted names whose last label is letters only (so versions like 10.0.20348 never match).
 */
const ALTERNATIVES: readonly Alternative[] = [
  { rule: "termsrv", notBefore: "A-Za-z0-9_.-", body: `(TERMSRV/)(${DNS_NAME_BODY})${NAME_END}`, parts: 2 },
  { rule: "dn", notBefore: "A-Za-z0-9_.-", body: "(CN=|DC=)([^,+;\"\\r\\n]+)", parts: 2 },
  {
    rule: "upn",
    notBefore: "A-Za-z0-9_.+-",
    body: `([A-Za-z0-9_+-]+(?:\\.[A-Za-z0-9_+-]+)*)@(${LABEL}(?:\\.[A-Za-z0-9_-]+)*)${NAME_END}`,
    parts: 2,
  },
  {
    rule: "account",
    notBefore: "A-Za-z0-9_.\\\\/:%$-",
    body: "([A-Za-z0-9][A-Za-z0-9_-]*)\\\\([A-Za-z0-9_$-]+(?:\\.[A-Za-z0-9_$-]+)*)(?![A-Za-z0-9_$\\\\-]|\\.[A-Za-z0-9_$-])",
    parts: 2,
  },
  { rule: "ipv6", notBefore: "A-Za-z0-9_:.-", body: `(${IPV6_BODY})(?![A-Za-z0-9_:-]|\\.[A-Za-z0-9_-])`, parts: 1 },
  { rule: "ipv4", notBefore: "A-Za-z0-9_.-", body: `(${IPV4_BODY})${NAME_END}`, parts: 1 },
  { rule: "fqdn", notBefore: "A-Za-z0-9_.-", body: `((?:${LABEL}\\.)+[A-Za-z]{2,63})${NAME_END}`, parts: 1 },
];

/** Where a rule's groups are in a SCAN match: `boundary` is set only when that alternative matched. */
export interface RuleGroups {
  readonly rule: RedactRule;
  readonly boundary: number;
  readonly parts: readonly number[];
}

function compose(): { pattern: string; groups: RuleGroups[] } {
  let next = 1;
  const groups: RuleGroups[] = [];
  const sources: string[] = [];
  for (const a of ALTERNATIVES) {
    const boundary = next;
    const parts = Array.from({ length: a.parts }, (_, i) => boundary + 1 + i);
    next = boundary + 1 + a.parts;
    groups.push({ rule: a.rule, boundary, parts });
    sources.push(`(^|[^${a.notBefore}])${a.body}`);
  }
  return { pattern: sources.join("|"), groups };
}

const composed = compose();
/** The one scanning pattern: every alternative above, joined with `|`. */
export const SCAN_PATTERN: string = composed.pattern;
export const SCAN_GROUPS: readonly RuleGroups[] = composed.groups;

/** A word in free text (Error, Errors, Detail), for replacing names already seen elsewhere in the snapshot. */
export const WORD_PATTERN = "(^|[^A-Za-z0-9_.-])([A-Za-z0-9_][A-Za-z0-9_-]*)(?![A-Za-z0-9_-])";

/** Full-string tests; callers refuse text with a line feed first (see the file comment). */
export const FULL_IPV4 = `^(?:${IPV4_BODY})$`;
export const FULL_IPV6 = `^(?:${IPV6_BODY})$`;
export const FULL_DNS_NAME = `^(?:${DNS_NAME_BODY})$`;
export const FULL_PLACEHOLDER = "^(?:HOST|DOMAIN|USER|IP)-[0-9]+$";
/** Property names whose values are free text, where known names are also replaced as plain words. */
export const FREE_TEXT_PROPERTY = "(?:Error|Errors|Detail)$";

/** Property paths (dot-joined, arrays transparent) whose whole string value is a host name or address. */
export const HOST_VALUED_PATHS: readonly string[] = ["ComputerName", "Licensing.Servers"];

/** Addresses that identify no one and help diagnosis (unspecified and loopback); kept as they are. */
export const KEPT_ADDRESSES: readonly string[] = ["0.0.0.0", "127.0.0.1", "::", "::1"];

/** Last labels that make a dotted word a file name, not a host (svchost.exe, rdpclip.dll). Lower case. */
export const FILE_EXTENSIONS: readonly string[] = [
  "bat", "cab", "cat", "cer", "cfg", "cmd", "config", "cpl", "crt", "dll", "etl", "evtx", "exe", "inf", "ini",
  "js", "json", "key", "log", "msc", "msi", "mui", "pem", "pfx", "rdp", "sys", "tmp", "txt", "vbs", "xml", "zip",
];

/** First labels that make a dotted word a .NET name (System.UnauthorizedAccessException). Lower case. */
export const DOTNET_FIRST_LABELS: readonly string[] = ["microsoft", "system"];

/** Left parts of X\Y that are not domains: well-known account authorities and registry hives. Lower case. */
export const NOT_DOMAINS: readonly string[] = [
  "apppool", "authority", "builtin", "hkcc", "hkcr", "hkcu", "hkey_classes_root", "hkey_current_config",
  "hkey_current_user", "hkey_local_machine", "hkey_users", "hklm", "hku", "service",
];

/** Domain labels too generic to replace as plain words in free text ("the local computer"). Lower case. */
export const GENERIC_LABELS: readonly string[] = ["com", "corp", "home", "internal", "lan", "local", "localdomain", "net", "org"];

export type PlaceholderKind = "HOST" | "DOMAIN" | "USER" | "IP";
