// The system sections (Host, Services, Connections, Listener, Limits, Rcm, CredSsp) checked without pwsh: each
// fallback has the healthy fixture's exact shape, each collector prints and parses, calls commands by full name
// only, and reads the registry keys causes-catalog.md names. Their values are asserted by
// pester/Collectors/SystemSections.Tests.ps1 with mocked Windows commands.
import { describe, expect, it } from "vitest";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import type { FunctionDefinition } from "../src/ir/index.js";
import { SECTIONS } from "../src/snapshot/collect/index.js";
import { sectionFunctionName, type SectionKey, type SnapshotSection } from "../src/snapshot/collect/section.js";
import { SHARED_READERS } from "../src/snapshot/collect/shared-readers.js";
import { RDP_SERVICE_NAMES, servicesFallbackList } from "../src/snapshot/collect/services-section.js";
import { SYSTEM_SECTIONS } from "../src/snapshot/collect/system-sections.js";
import {
  CREDSSP_POLICY_KEY, FIPS_KEY, LSA_KEY, RCM_KEY, RDP_TCP_KEY, SETUP_KEY, SYSTEM_REGISTRY_KEYS, TERMINAL_SERVER_KEY,
  TERMINAL_SERVICES_POLICY_KEY,
} from "../src/snapshot/collect/system-paths.js";
import { healthyServer } from "./fixture-cases/base.js";

const KEYS: readonly SectionKey[] = ["Host", "Services", "Connections", "Listener", "Limits", "Rcm", "CredSsp"];
const section = (key: SectionKey): SnapshotSection => SYSTEM_SECTIONS.find((s) => s.key === key)!;
const print = (fn: FunctionDefinition): string => renderDoc(printNode(fn));

/**
 * Property names, recursively: `Listener.PortOwner.Port`. Lists contribute only their own name: a fallback's
 * lists are empty, and list entries are compared separately (Services).
 */
function shapeOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .flatMap(([k, v]) => [`${prefix}${k}`, ...shapeOf(v, `${prefix}${k}.`)])
    .sort();
}

/** Every CommandCall name anywhere in an IR tree. */
function commandNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => commandNames(n, out));
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.kind === "CommandCall") out.add(record.name as string);
    Object.values(record).forEach((v) => commandNames(v, out));
  }
  return out;
}

/** Which registry keys each section must read (causes-catalog.md and the snapshot contract). */
const REGISTRY_READS: Readonly<Partial<Record<SectionKey, readonly string[]>>> = {
  Host: [SETUP_KEY, FIPS_KEY],
  Services: [],
  Connections: [TERMINAL_SERVER_KEY, TERMINAL_SERVICES_POLICY_KEY],
  Listener: [RDP_TCP_KEY, TERMINAL_SERVICES_POLICY_KEY],
  Limits: [TERMINAL_SERVER_KEY],
  Rcm: [RCM_KEY],
  CredSsp: [CREDSSP_POLICY_KEY, LSA_KEY],
};

const SHARED_NAMES = new Set(SHARED_READERS.map((r) => r.name));
// Aliases and short names that must never be emitted (full Verb-Noun names only).
const ALIASES = ["gp", "gci", "gsv", "gwmi", "gcim", "gps", "ps", "select", "where", "sort", "foreach", "%", "?", "qwinsta"];

describe("system sections: registration", () => {
  it("registers the seven sections once each, and index.ts orders them as the snapshot does", () => {
    expect(SYSTEM_SECTIONS.map((s) => s.key).sort()).toEqual([...KEYS].sort());
    const order = SECTIONS.map((s) => s.key).filter((k) => KEYS.includes(k));
    expect(order).toEqual(KEYS);
  });

  it.each(KEYS)("%s: collector GetRdpSnapshot<Key>, [CmdletBinding()], one [int]$EventDays, sourceFile on disk", (key) => {
    const s = section(key);
    expect(s.collector.name).toBe(sectionFunctionName(key));
    expect(s.collector.cmdletBinding).toBeDefined();
    expect(s.collector.parameters.map((p) => [p.name, p.type?.name])).toEqual([["EventDays", "int"]]);
    expect(s.sourceFile).toBe(`src/snapshot/collect/${key.toLowerCase()}-section.ts`);
  });

  it("adds the new readers to SHARED_READERS with unique names", () => {
    const names = SHARED_READERS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ["ReadRdpBinary", "TestRdpRegistryKey", "ReadRdpSessionTable", "ReadRdpService", "ReadRdpPortOwner"]) {
      expect(names).toContain(name);
    }
  });

  it("lists the keys it reads once, with backslashes and the HKLM: drive", () => {
    expect(new Set(SYSTEM_REGISTRY_KEYS).size).toBe(SYSTEM_REGISTRY_KEYS.length);
    for (const key of SYSTEM_REGISTRY_KEYS) expect(key).toMatch(/^HKLM:\\[^/]+$/);
    expect(RDP_TCP_KEY).toBe("HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp");
  });
});

describe("system sections: fallbacks have the healthy fixture's exact shape", () => {
  const healthy = healthyServer();
  it.each(KEYS.filter((k) => k !== "Services"))("%s", (key) => {
    const fallback = section(key).fallback;
    expect(shapeOf(fallback)).toEqual(shapeOf(healthy[key]));
  });

  it("Listener: PortOwner and the PolicyDword/DwordValue shapes are empty, not missing", () => {
    const fallback = section("Listener").fallback as Record<string, any>;
    expect(fallback.PortOwner).toEqual({ Port: 3389, Listening: null, ProcessId: null, ProcessName: null, ServiceNames: [], Error: null });
    expect(fallback.SecurityLayer).toEqual({ Local: null, Policy: null, Effective: null, Source: "Unknown", Error: null });
    expect(fallback.PortNumber).toEqual({ Value: null, Error: null });
  });

  it("Rcm: CertificateValues is an empty list", () => {
    expect(section("Rcm").fallback).toEqual({ CertificateValues: [], Error: null });
  });

  it("Services: falls back to a list of the six services, Unknown, in the snapshot's order", () => {
    const entryShape = shapeOf(healthy.Services[0]);
    const fallback = section("Services").fallback as readonly Record<string, unknown>[];
    expect(Array.isArray(fallback)).toBe(true);
    for (const entry of fallback) expect(shapeOf(entry)).toEqual(entryShape);
    expect(fallback.map((e) => [e.Name, e.Status])).toEqual(healthy.Services.map((s) => [s.Name, "Unknown"]));
    expect(servicesFallbackList.map((e) => e.Name)).toEqual(healthy.Services.map((s) => s.Name));
    expect(RDP_SERVICE_NAMES).toEqual(healthy.Services.map((s) => s.Name));
  });
});

describe("system sections: collectors print and parse", () => {
  it.each(KEYS)("%s", async (key) => {
    const { problems } = await parsePowerShell(print(section(key).collector));
    expect(problems).toEqual([]);
  });

  it.each(["ReadRdpBinary", "TestRdpRegistryKey", "ReadRdpSessionTable", "ReadRdpService", "ReadRdpPortOwner", "ReadRdpDword", "ReadRdpPolicyDword"])(
    "shared reader %s",
    async (name) => {
      const { problems } = await parsePowerShell(print(SHARED_READERS.find((r) => r.name === name)!));
      expect(problems).toEqual([]);
    },
  );
});

describe("system sections: commands and registry reads", () => {
  it.each(KEYS)("%s calls only full cmdlet names, shared readers, or name.exe", (key) => {
    const names = [...commandNames(section(key).collector)];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const ok = /^[A-Z][A-Za-z]+-[A-Z][A-Za-z0-9]+$/.test(name) || SHARED_NAMES.has(name) || /^[a-z]+\.exe$/.test(name);
      expect(ok, name).toBe(true);
      expect(ALIASES).not.toContain(name.toLowerCase());
    }
  });

  it("the shared readers call only full cmdlet names or name.exe", () => {
    const names = [...commandNames(SHARED_READERS)];
    for (const name of names) {
      expect(/^[A-Z][A-Za-z]+-[A-Z][A-Za-z0-9]+$/.test(name) || SHARED_NAMES.has(name) || name === "qwinsta.exe", name).toBe(true);
    }
    expect(names).toEqual(expect.arrayContaining(["Get-ItemProperty", "Get-Service", "Get-NetTCPConnection", "Get-Process", "Get-CimInstance", "qwinsta.exe"]));
  });

  it.each(KEYS)("%s reads its registry keys", (key) => {
    const printed = print(section(key).collector);
    for (const path of REGISTRY_READS[key] ?? []) expect(printed).toContain(`'${path}'`);
  });

  it("Listener reads WinStations\\RDP-Tcp values, WMI binding, qwinsta and the port owner", () => {
    const printed = print(section("Listener").collector);
    expect(printed).toContain("WinStations\\RDP-Tcp");
    for (const name of ["fEnableWinStation", "PortNumber", "SecurityLayer", "UserAuthentication", "MinEncryptionLevel",
      "fAllowSecProtocolNegotiation", "MaxInstanceCount", "SelfSignedCertStore", "SSLCertificateSHA1Hash"]) {
      expect(printed).toContain(`-Name '${name}'`);
    }
    expect(printed).toContain("-ClassName 'Win32_TSGeneralSetting' -Filter 'TerminalName=''RDP-Tcp'''");
    expect(printed).toContain("ReadRdpSessionTable");
    expect(printed).toContain("ReadRdpPortOwner -Port $port");
    expect(printed).toContain("-Name 'SecurityLayer' -Default 1");
  });

  it("Connections defaults fDenyTSConnections to 1 and reads Win32_TerminalServiceSetting", () => {
    const printed = print(section("Connections").collector);
    expect(printed).toContain("-Name 'fDenyTSConnections' -Default 1");
    expect(printed).toContain("-Namespace 'root\\cimv2\\TerminalServices' -ClassName 'Win32_TerminalServiceSetting'");
  });

  it("CredSsp reads AllowEncryptionOracle as a policy only, default 1 (Mitigated)", () => {
    const printed = print(section("CredSsp").collector);
    expect(printed).toMatch(/ReadRdpPolicyDword -PolicyPath '[^']+CredSSP\\Parameters' -Name 'AllowEncryptionOracle' -Default 1/);
    expect(printed).not.toContain("-LocalPath '");
    expect(printed).toContain("-Name 'disabledomaincreds'");
  });

  it("Rcm reads the four certificate values with ReadRdpBinary", () => {
    const printed = print(section("Rcm").collector);
    expect(printed).toContain("@('Certificate', 'X509 Certificate', 'X509 Certificate ID', 'X509 Certificate2')");
    expect(printed).toContain(`ReadRdpBinary -Path '${RCM_KEY}'`);
  });

  it("Host reads the OS, domain, roles and setup switches", () => {
    const printed = print(section("Host").collector);
    for (const cls of ["Win32_OperatingSystem", "Win32_ComputerSystem", "Win32_TerminalServiceSetting"]) {
      expect(printed).toContain(`-ClassName '${cls}'`);
    }
    expect(printed).toContain("Test-ComputerSecureChannel -ErrorAction 'Stop'");
    expect(printed).toContain("ReadRdpService -Name 'Tssdis'");
    expect(printed).toContain("[System.Security.Principal.WindowsBuiltInRole]::Administrator");
    for (const name of ["SystemSetupInProgress", "OOBEInProgress", "Enabled"]) expect(printed).toContain(`-Name '${name}'`);
  });

  it("Services reads the six services in order through ReadRdpService", () => {
    const printed = print(section("Services").collector);
    expect(printed).toContain("@('TermService', 'UmRdpService', 'SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc')");
    expect(printed).toContain("ReadRdpService -Name $serviceName");
  });
});
