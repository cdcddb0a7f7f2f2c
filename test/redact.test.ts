/**
 * Snapshot redaction: src/snapshot/redact.ts (Node) and the generated ProtectRdpSnapshot (PowerShell).
 * Node is tested here on a snapshot full of names; PowerShell is checked here for syntax and for using the very
 * same patterns, and by pester/Snapshot/Redact.Tests.ps1 for output: it redacts the inputs in
 * test/fixtures/redaction/ and must produce the expected files this test writes (UPDATE_FIXTURES=1 rewrites
 * them; otherwise they must be up to date).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import { redactJson, redactSnapshot } from "../src/snapshot/redact.js";
import * as patterns from "../src/snapshot/redact-patterns.js";
import { protectRdpSnapshot } from "../src/snapshot/collect/redact-collector.js";
import type { RdpDiagnosticSnapshot } from "../src/snapshot/types.js";
import { healthyServer } from "./fixture-cases/base.js";
import { SNAPSHOT_FIXTURES, toJson } from "./support/fixture-files.js";
import { ALIAS_IN_PIPELINE, POWERSHELL_7_ONLY } from "./support/powershell-rules.js";

const REDACTION_FIXTURES = join(import.meta.dirname, "fixtures", "redaction");

/** healthyServer() plus IP addresses and user names in the string fields where collectors could meet them. */
function snapshotWithNames(): RdpDiagnosticSnapshot {
  const s = healthyServer();
  s.Host.Error = "Cannot reach LIC01 (10.20.30.40) as CONTOSO\\alice; rdsh01 answered.";
  s.Certificates.My = [{
    ...s.Certificates.RemoteDesktop[0]!,
    Thumbprint: "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567",
    Subject: "CN=rdsh01.contoso.local, OU=IT, DC=contoso, DC=local",
    Issuer: "CN=Contoso Issuing CA, DC=contoso, DC=local",
    SelfSigned: false,
    KeyError: "Access to C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\x denied for CONTOSO\\svc-rdp",
  }];
  s.Licensing.Servers = ["LIC01.contoso.local", "LIC02", "10.20.30.50"];
  s.Client.CredentialTargets = ["TERMSRV/rdsh02.contoso.local", "TERMSRV/RDSH03", "TERMSRV/10.20.30.41"];
  s.Client.Error = "RDSH01\\localadmin could not open HKLM\\SOFTWARE\\Microsoft\\MSLicensing";
  s.Events.Groups[0]!.Detail = "client 2001:db8::25 disconnected";
  s.Events.Errors = ["Microsoft-Windows-TerminalServices-RDPClient/Operational: access denied for bob@contoso.local"];
  return s;
}

/** One string in, its redaction out (each row on its own, numbering from 1). Pester runs them too (rules.json). */
const RULE_ROWS: readonly (readonly [string, string])[] = [
    ["CN=Contoso Issuing CA, DC=contoso, DC=local", "CN=HOST-1, DC=DOMAIN-1, DC=DOMAIN-2"],
    ["CN=*.contoso.com", "CN=*.DOMAIN-1.DOMAIN-2"],
    ["TERMSRV/*", "TERMSRV/*"],
    ["LegacyGeneric:target=TERMSRV/host1", "LegacyGeneric:target=TERMSRV/HOST-1"],
    ["NT AUTHORITY\\SYSTEM and BUILTIN\\Administrators", "NT AUTHORITY\\SYSTEM and BUILTIN\\Administrators"],
    ["HKLM:\\SOFTWARE\\Policies", "HKLM:\\SOFTWARE\\Policies"],
    ["C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\System32\\svchost.exe"],
    ["System.UnauthorizedAccessException", "System.UnauthorizedAccessException"],
    ["10.0.20348 and TLS 1.2", "10.0.20348 and TLS 1.2"],
    ["2026-11-22T11:40:00.0000000Z", "2026-11-22T11:40:00.0000000Z"],
    ["00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E"],
    ["S-1-5-21-1004336348-1177238915-682003330-512", "S-1-5-21-1004336348-1177238915-682003330-512"],
    ["fe80::1%12 and 2001:db8:0:0:1:0:0:1", "IP-1%12 and IP-2"],
    ["::ffff:10.0.0.1", "::ffff:IP-1"],
    ["0.0.0.0, 127.0.0.1, ::1 and 192.168.1.300", "0.0.0.0, 127.0.0.1, ::1 and 192.168.1.300"],
    ["connect to 192.168.1.20:3389 failed.", "connect to IP-1:3389 failed."],
    ["host rdsh01.contoso.local.", "host HOST-1.DOMAIN-1.DOMAIN-2."],
    ["RDSH01.contoso.local rdsh01.CONTOSO.local", "HOST-1.DOMAIN-1.DOMAIN-2 HOST-1.DOMAIN-1.DOMAIN-2"],
];

/** Leaf paths whose values differ between two JSON values of the same shape. */
function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    return Object.keys(a).flatMap((k) => changedPaths((a as any)[k], (b as any)[k], path === "" ? k : `${path}.${k}`));
  }
  return a === b ? [] : [path];
}

describe("redactSnapshot on a snapshot full of names", () => {
  const original = snapshotWithNames();
  const redacted = redactSnapshot(original);
  const json = JSON.stringify(redacted).toLowerCase();

  it.each([
    "rdsh01", "rdsh02", "rdsh03", "lic01", "lic02", "contoso", "alice", "bob", "localadmin", "svc-rdp",
    "10.20.30.40", "10.20.30.41", "10.20.30.50", "2001:db8::25",
  ])("leaves no trace of %s", (secret) => {
    expect(json).not.toContain(secret);
  });

  it("maps the same host, domain and user to the same placeholder everywhere", () => {
    expect(redacted.ComputerName).toBe("HOST-1");
    expect(redacted.Certificates.RemoteDesktop[0]!.Subject).toBe("CN=HOST-1.DOMAIN-1.DOMAIN-2");
    expect(redacted.Certificates.My[0]!.Subject).toBe("CN=HOST-1.DOMAIN-1.DOMAIN-2, OU=IT, DC=DOMAIN-1, DC=DOMAIN-2");
    expect(redacted.Certificates.My[0]!.Issuer).toBe("CN=HOST-2, DC=DOMAIN-1, DC=DOMAIN-2");
    expect(redacted.Licensing.Servers).toEqual(["HOST-3.DOMAIN-1.DOMAIN-2", "HOST-4", "IP-2"]);
    expect(redacted.Client.CredentialTargets).toEqual(["TERMSRV/HOST-5.DOMAIN-1.DOMAIN-2", "TERMSRV/HOST-6", "TERMSRV/IP-3"]);
    expect(redacted.Host.Error).toBe("Cannot reach HOST-3 (IP-1) as DOMAIN-1\\USER-1; HOST-1 answered.");
    expect(redacted.Client.Error).toBe("HOST-1\\USER-3 could not open HKLM\\SOFTWARE\\Microsoft\\MSLicensing");
    expect(redacted.Events.Errors).toEqual(["Microsoft-Windows-TerminalServices-RDPClient/Operational: access denied for USER-4@DOMAIN-1.DOMAIN-2"]);
  });

  it("changes nothing but the strings that carried names", () => {
    expect(changedPaths(original, redacted).sort()).toEqual([
      "Certificates.My.0.Issuer", "Certificates.My.0.KeyError", "Certificates.My.0.Subject",
      "Certificates.RemoteDesktop.0.Issuer", "Certificates.RemoteDesktop.0.Subject",
      "Client.CredentialTargets.0", "Client.CredentialTargets.1", "Client.CredentialTargets.2", "Client.Error",
      "ComputerName", "Events.Errors.0", "Events.Groups.0.Detail", "Host.Error",
      "Licensing.Servers.0", "Licensing.Servers.1", "Licensing.Servers.2", "Redacted",
    ]);
  });

  it("keeps thumbprints, SIDs, dates, providers, logs, services and versions", () => {
    expect(redacted.Certificates.My[0]!.Thumbprint).toBe(original.Certificates.My[0]!.Thumbprint);
    expect(redacted.Listener.WmiCertificateHash).toBe(original.Listener.WmiCertificateHash);
    expect(redacted.Certificates.MachineKeysAcl.map((r) => r.Sid)).toEqual(["S-1-5-32-544", "S-1-1-0"]);
    expect(redacted.CollectedAt).toBe(original.CollectedAt);
    expect(redacted.Certificates.RemoteDesktop[0]!.NotAfter).toBe(original.Certificates.RemoteDesktop[0]!.NotAfter);
    expect(redacted.Events.Groups.map((g) => [g.Log, g.Provider])).toEqual(original.Events.Groups.map((g) => [g.Log, g.Provider]));
    expect(redacted.Services).toEqual(original.Services);
    expect(redacted.Host.PSVersion).toBe("5.1.20348.2849");
    expect(redacted.Certificates.ProgramDataPath).toBe("%SystemDrive%\\ProgramData");
  });

  it("sets Redacted, and leaves its input unchanged", () => {
    expect(redacted.Redacted).toBe(true);
    expect(original).toEqual(snapshotWithNames());
  });

  it("is idempotent: redacting twice keeps the placeholders", () => {
    expect(redactSnapshot(redacted)).toEqual(redacted);
  });
});

describe("redaction rules, one string at a time", () => {
  it.each(RULE_ROWS)("%s", (input, expected) => {
    expect(redactJson(input)).toBe(expected);
  });

  it("replaces known names as words only in free text (Error, Errors, Detail)", () => {
    const value = { ComputerName: "SERVER", Kind: "Server", Error: "Server SERVER is the local server" };
    expect(redactJson(value)).toEqual({ ComputerName: "HOST-1", Kind: "Server", Error: "HOST-1 HOST-1 is the local HOST-1" });
  });
});

describe("redaction patterns are portable between .NET and JavaScript", () => {
  const all = Object.entries(patterns).filter(([, v]) => typeof v === "string") as [string, string][];
  it.each(all)("%s uses no lookbehind, named group, \\p{}, Unicode-dependent class or dot", (_name, pattern) => {
    expect(pattern).not.toMatch(/\(\?<|\\[pPkdDwWsSbB]/);
    // An unescaped dot outside a class: strip escapes and classes first.
    expect(pattern.replace(/\\./g, "").replace(/\[[^\]]*\]/g, "")).not.toContain(".");
    expect(() => new RegExp(pattern, "gi")).not.toThrow();
  });
});

describe("the generated ProtectRdpSnapshot", () => {
  const text = renderDoc(printNode(protectRdpSnapshot));
  const literals: string[] = [];
  JSON.stringify(protectRdpSnapshot, (key, value) => {
    if (value && value.kind === "StringLiteral") literals.push(value.value);
    return value;
  });

  it("parses with tree-sitter", async () => {
    expect((await parsePowerShell(text)).problems).toEqual([]);
  });
  it("uses no PowerShell 7-only syntax and no aliases", () => {
    expect(text).not.toMatch(POWERSHELL_7_ONLY);
    expect(text).not.toMatch(ALIAS_IN_PIPELINE);
    expect(text).not.toMatch(/-replace\s*\{/);
  });
  it.each([
    "SCAN_PATTERN", "WORD_PATTERN", "FULL_IPV4", "FULL_IPV6", "FULL_DNS_NAME", "FULL_PLACEHOLDER", "FREE_TEXT_PROPERTY",
  ] as const)("holds %s exactly as the TypeScript side", (name) => {
    expect(literals).toContain(patterns[name]);
  });
  it.each([
    "HOST_VALUED_PATHS", "KEPT_ADDRESSES", "FILE_EXTENSIONS", "DOTNET_FIRST_LABELS", "NOT_DOMAINS", "GENERIC_LABELS",
  ] as const)("holds every word of %s", (name) => {
    for (const word of patterns[name]) expect(literals).toContain(word);
  });
  it("matches case-insensitively and culture-invariantly", () => {
    expect(literals).toContain("IgnoreCase, CultureInvariant");
  });
});

describe("test/fixtures/redaction (what Pester compares PowerShell against; UPDATE_FIXTURES=1 rewrites)", () => {
  const healthy = JSON.parse(readFileSync(join(SNAPSHOT_FIXTURES, "Healthy", "pass-server-2022.json"), "utf8")) as RdpDiagnosticSnapshot;
  const files = new Map<string, string>([
    ["input-names.json", toJson(snapshotWithNames())],
    ["expected-names.json", toJson(redactSnapshot(snapshotWithNames()))],
    ["expected-redacted.json", toJson(redactSnapshot(healthy))],
    // An object, not a bare array: Windows PowerShell 5.1 ConvertFrom-Json emits a top-level array as one object.
    ["rules.json", toJson({ Rows: RULE_ROWS.map(([text, expected]) => ({ Text: text, Expected: expected })) })],
  ]);
  if (process.env.UPDATE_FIXTURES === "1") {
    mkdirSync(REDACTION_FIXTURES, { recursive: true });
    for (const [name, content] of files) writeFileSync(join(REDACTION_FIXTURES, name), content);
  }
  it.each([...files.keys()])("%s is up to date", (name) => {
    const path = join(REDACTION_FIXTURES, name);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(files.get(name));
  });
});
