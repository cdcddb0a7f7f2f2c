// The security sections' collectors (Certificates, Schannel, Firewall, Licensing, Client, Events): fallback shape
// against the healthy fixture, syntax of the printed collector, and what the printed PowerShell reads and calls.
// Behaviour on Windows data is covered by pester/Collectors/SecuritySections.Tests.ps1.
import { describe, expect, it } from "vitest";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import { SECURITY_SECTIONS } from "../src/snapshot/collect/security-sections.js";
import { SHARED_READERS } from "../src/snapshot/collect/shared-readers.js";
import type { SnapshotSection } from "../src/snapshot/collect/section.js";
import { healthyServer } from "./fixture-cases/base.js";
import { ALIAS_IN_PIPELINE } from "./support/powershell-rules.js";

const byKey = (key: string): SnapshotSection => SECURITY_SECTIONS.find((s) => s.key === key)!;
const printed = (key: string): string => renderDoc(printNode(byKey(key).collector));

/** The property-name tree of a value: objects by sorted keys, arrays and scalars as leaves. */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== "object") return "scalar";
  if (Array.isArray(value)) return "array";
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
}

/** Every leaf of the fallback: null, an empty array, or a string (Source "Unknown", failure notes). */
function leaves(value: unknown): unknown[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [value];
  return Object.values(value).flatMap(leaves);
}

/** Names of every command the IR calls, walked from the node tree rather than matched in text. */
function commandNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => commandNames(n, out));
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.kind === "CommandCall") out.add(record.name as string);
    Object.values(record).forEach((n) => commandNames(n, out));
  }
  return out;
}

function definedFunctions(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => definedFunctions(n, out));
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.kind === "FunctionDefinition") out.add(record.name as string);
    Object.values(record).forEach((n) => definedFunctions(n, out));
  }
  return out;
}

const KEYS = ["Certificates", "Schannel", "Firewall", "Licensing", "Client", "Events"] as const;
const SHARED = new Set(SHARED_READERS.map((r) => r.name));

describe("security sections: registration and fallback", () => {
  it("registers the six sections in contract order", () => {
    expect(SECURITY_SECTIONS.map((s) => s.key)).toEqual([...KEYS]);
  });

  describe.each(KEYS)("%s", (key) => {
    const section = byKey(key);
    it("has a fallback with exactly the property names of the healthy fixture, recursively", () => {
      const healthy = healthyServer()[key] as unknown as Record<string, unknown>;
      expect(shape(section.fallback)).toEqual(shape(healthy));
    });
    it("has a fallback of nulls, empty arrays, 'Unknown' sources and failure notes only", () => {
      for (const leaf of leaves(section.fallback)) {
        if (Array.isArray(leaf)) expect(leaf.every((x) => typeof x === "string" && /failed$/.test(x))).toBe(true);
        else if (typeof leaf === "string") expect(leaf === "Unknown" || /failed$/.test(leaf)).toBe(true);
        else expect(leaf).toBeNull();
      }
    });
    it("is the private helper GetRdpSnapshot<Key> with one [int] EventDays parameter", () => {
      expect(section.collector.name).toBe(`GetRdpSnapshot${key}`);
      expect(section.collector.parameters.map((p) => [p.name, p.type?.name])).toEqual([["EventDays", "int"]]);
      expect(section.sourceFile).toBe(`src/snapshot/collect/${key.toLowerCase()}-section.ts`);
    });
  });

  it("marks the sections without an Error property as failed instead of clean", () => {
    const fallback = (key: string) => byKey(key).fallback as Record<string, unknown>;
    expect(fallback("Certificates").RemoteDesktopError).toBe("certificate collector failed");
    expect(fallback("Events").Errors).toEqual(["Events: collector failed"]);
    expect(fallback("Licensing").Mode).toEqual({ Local: null, Policy: null, Effective: null, Source: "Unknown", Error: null });
  });
});

describe("security sections: printed collectors", () => {
  describe.each(KEYS)("%s", (key) => {
    it("prints and parses with no syntax problems", async () => {
      const text = printed(key);
      expect(text.startsWith(`function GetRdpSnapshot${key} {`)).toBe(true);
      expect((await parsePowerShell(text)).problems).toEqual([]);
    });
    it("calls commands only by full name, as name.exe, or as a defined helper", () => {
      const own = definedFunctions(byKey(key).collector);
      for (const name of commandNames(byKey(key).collector)) {
        const ok = /^[A-Z][A-Za-z]+-[A-Z][A-Za-z]+$/.test(name) || /^[a-z]+\.exe$/.test(name) || SHARED.has(name) || own.has(name);
        expect(ok, name).toBe(true);
      }
      expect(printed(key)).not.toMatch(ALIAS_IN_PIPELINE);
    });
  });

  it("uses exactly the expected commands per section", () => {
    const sorted = (key: string) => [...commandNames(byKey(key).collector)].sort();
    expect(sorted("Schannel")).toEqual(["ForEach-Object", "FormatRdpError", "Get-Item", "Out-Null", "ReadRdpDword", "ReadRdpValue", "Where-Object"]);
    expect(sorted("Firewall")).toEqual([
      "ForEach-Object", "FormatRdpError", "Get-NetConnectionProfile", "Get-NetFirewallPortFilter", "Get-NetFirewallProfile", "Get-NetFirewallRule", "ReadRdpDword",
    ]);
    expect(sorted("Licensing")).toEqual(["ForEach-Object", "FormatRdpError", "Invoke-CimMethod", "ReadRdpPolicyDword", "ReadRdpValue", "Where-Object"]);
    expect(sorted("Client")).toEqual(["FormatRdpError", "Get-ChildItem", "Get-Item", "Out-Null", "ReadRdpDword", "Where-Object", "cmdkey.exe"]);
    expect(sorted("Events")).toContain("Get-WinEvent");
  });

  it("Certificates: reads both stores by -Path, and ACLs and owner by SID only", () => {
    const text = printed("Certificates");
    expect(text).toContain("Get-ChildItem -Path 'Cert:\\LocalMachine\\Remote Desktop' -ErrorAction 'Stop'");
    expect(text).toMatch(/Get-ChildItem -Path 'Cert:\\LocalMachine\\My' -ErrorAction 'Stop' \| Where-Object \{ \$_\.HasPrivateKey \}/);
    expect(text).toContain("$acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value");
    expect(text).toContain("ReadRdpAccessRules -Acl $acl");
    expect(text).toContain("ReadRdpAccessRules -Acl (Get-Acl -LiteralPath $keyPath -ErrorAction 'Stop')");
    expect(text).toContain("[System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Certificate)");
    expect(text).toContain("'\\Microsoft\\Crypto\\RSA\\MachineKeys'");
    expect(text).toContain("'\\Microsoft\\Crypto\\Keys'");
    expect(text).toContain("GetValue('ProgramData', $null, 'DoNotExpandEnvironmentNames')");
    expect(text).toContain("'1.3.6.1.5.5.7.3.1'");
    // No account names and no translation to them: localized names differ per OS language.
    expect(text).not.toMatch(/NTAccount|NETWORK SERVICE|Administrators|Everyone|\.Translate\(/i);
  });

  it("Schannel: lists the five protocols and both roles, and the cipher suite policy", () => {
    const text = printed("Schannel");
    expect(text).toContain("@('SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3')");
    expect(text).toContain("@('Server', 'Client')");
    expect(text).toContain("'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002' -Name 'Functions'");
  });

  it("Firewall: matches rules by Name in the ActiveStore, never by DisplayGroup", () => {
    const text = printed("Firewall");
    expect(text).toContain("@('RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP')");
    expect(text).toContain("Get-NetFirewallRule -Name $ruleName -PolicyStore 'ActiveStore'");
    expect(text).toContain("-Name 'PortNumber'");
    expect(text).toContain("$port = 3389");
    expect(text).not.toMatch(/DisplayGroup|DisplayName/);
  });

  it("Licensing and Client: read the catalogued keys", () => {
    const licensing = printed("Licensing");
    expect(licensing).toContain("-LocalPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\Licensing Core' -PolicyPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name 'LicensingMode'");
    expect(licensing).toContain("-Name 'SpecifiedLicenseServers'");
    expect(licensing).toContain("Invoke-CimMethod -Namespace 'root\\cimv2\\TerminalServices' -Query 'SELECT * FROM Win32_TerminalServiceSetting' -MethodName 'GetGracePeriodDays'");
    const client = printed("Client");
    expect(client).toContain("-Name 'fClientDisableUDP'");
    expect(client).toContain("'HKCU:\\Software\\Microsoft\\Terminal Server Client' -Name 'RDGClientTransport'");
    expect(client).toContain("cmdkey.exe '/list'");
    expect(client).toContain("'target=(TERMSRV/[^\\s]+)'");
  });
});

describe("Events: queries every catalogued ID and keeps no message", () => {
  const RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager";
  // The brief's list (causes-catalog.md "Evidence to collect on every run", C05, C08, C10, C11, C12).
  const expected: readonly [string, string | null, readonly number[]][] = [
    ["System", "Schannel", [36870, 36871, 36874, 36888]],
    ["System", RCM, [1050, 1051, 1052, 1053, 1054, 1055, 1056, 1057, 1058, 1028, 1069]],
    ["System", "LsaSrv", [6041]],
    [`${RCM}/Operational`, null, [258, 259, 261]],
    [`${RCM}/Admin`, null, [1006]],
    ["Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational", null, [97, 98, 99, 131, 226]],
    ["Microsoft-Windows-TerminalServices-RDPClient/Operational", null, [1024, 1026, 1027, 1105, 226]],
  ];
  const text = printed("Events");
  for (const [log, provider, ids] of expected) {
    for (const id of ids) {
      it(`queries ${log} ${provider ?? ""} ${id}`, () => {
        const providerText = provider === null ? "\\$null" : `'${provider}'`;
        const row = new RegExp(`Log = '${log.replace(/[/-]/g, "\\$&")}'\\r\\n\\s+Provider = ${providerText}\\r\\n\\s+Id = ${id}\\r\\n`);
        expect(text).toMatch(row);
      });
    }
  }
  it("caps every query and filters by time", () => {
    expect(text).toContain("Get-WinEvent -FilterHashtable $filter -MaxEvents 500 -ErrorAction 'Stop'");
    expect(text).toContain("$since = (Get-Date).AddDays(-$EventDays)");
    expect(text).toContain("StartTime = $since");
  });
  it("treats no matching events and missing logs as facts", () => {
    expect(text).toContain("-like 'NoMatchingEventsFound*'");
    expect(text).toContain("-like 'NoMatchingLogsFound*'");
    expect(text).toContain("$errors += $query.Log + ': ' + (FormatRdpError -ErrorRecord $_)");
  });
  it("reads the detail fields by rule and keeps neither Message nor user data", () => {
    expect(text).toMatch(/Id = 1026\r\n\s+Rule = 'Reason'/);
    expect(text).toMatch(/Id = 36888\r\n\s+Rule = 'AlertCode'/);
    expect(text).toMatch(/Id = 36870\r\n\s+Rule = 'ErrorState'/);
    expect(text).toMatch(/Id = 36871\r\n\s+Rule = 'ErrorState'/);
    expect(text).toMatch(/RdpCoreTS\/Operational'\r\n\s+Provider = \$null\r\n\s+Id = 226\r\n\s+Rule = 'Hresult'/);
    expect(text).toMatch(/RDPClient\/Operational'\r\n\s+Provider = \$null\r\n\s+Id = 226\r\n\s+Rule = 'StateHresult'/);
    expect(text).toContain("'Reason' {\r\n                if ([string]$Values[1] -match '^[0-9]+$')");
    expect(text).toContain("return '0x{0:X8}' -f $number");
    expect(text).not.toMatch(/\.Message\b|UserId|\.MachineName|FormatDescription|ToXml/);
  });
});
