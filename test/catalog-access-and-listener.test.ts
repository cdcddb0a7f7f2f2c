/**
 * Cause-specific checks for C01-C04 and C11 (src/catalog/groups/access-and-listener.ts), on the shared snapshot
 * fixtures and on small in-memory variants of the healthy base. The generic rules (status per fixture, top
 * Fail, -WhatIf pairs) live in catalog-verdicts.test.ts and catalog-safety.test.ts.
 */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import { ACCESS_AND_LISTENER_CAUSES } from "../src/catalog/groups/access-and-listener.js";
import { c01RdpDisabled } from "../src/catalog/server/c01-rdp-disabled.js";
import { c03PortConflict } from "../src/catalog/server/c03-port-conflict.js";
import { c04FirewallPath } from "../src/catalog/network/c04-firewall-path.js";
import { c11ConnectionLimits } from "../src/catalog/server/c11-connection-limits.js";
import { analyzeSnapshot, findingFor } from "../src/model/analyze.js";
import type { Finding } from "../src/model/finding.js";
import { buildResolveFunction } from "../codegen/targets/cause-functions.js";
import { FIXTURE_NOW, healthyServer, policyDword } from "./fixture-cases/base.js";
import { readFixtureIndex, readFixtureSnapshot } from "./support/fixture-files.js";
import type { RdpDiagnosticSnapshot } from "../src/snapshot/types.js";

const now = new Date(FIXTURE_NOW);
const index = readFixtureIndex();

/** The finding of `id` for one fixture file, analyzed with the whole catalog and the fixture's error codes. */
function fixtureFinding(cause: string, name: string, id = cause): Finding {
  const entry = index.find((e) => e.cause === cause && e.case === name);
  if (entry === undefined) throw new Error(`no fixture ${cause}/${name}`);
  const result = analyzeSnapshot(readFixtureSnapshot(entry), CATALOG, {
    now, errorCode: entry.errorCode, extendedErrorCode: entry.extendedErrorCode,
  });
  return result.Findings.find((f) => f.Id === id)!;
}

function variant(patch: (s: RdpDiagnosticSnapshot) => void): RdpDiagnosticSnapshot {
  const snapshot = healthyServer();
  patch(snapshot);
  return snapshot;
}

describe("the group", () => {
  it("registers C01-C04 and C11, in that order", () => {
    expect(ACCESS_AND_LISTENER_CAUSES.map((c) => c.id)).toEqual(["C01", "C02", "C03", "C04", "C11"]);
  });
  it.each(ACCESS_AND_LISTENER_CAUSES.map((c) => [c.id, c] as const))("%s lowers to a PowerShell resolver", (_id, cause) => {
    expect(buildResolveFunction(cause).name).toBe(`ResolveRdpCause${cause.id}`);
  });
});

describe("C01 RDP disabled", () => {
  it("says the setting comes from Group Policy when the policy denies", () => {
    const finding = fixtureFinding("C01", "fail-policy-deny");
    expect(finding.Status).toBe("Fail");
    expect(finding.PolicyManaged).toBe(true);
    expect(finding.PolicyNote).toMatch(/^Set by Group Policy: Connections\.DenyTSConnections\. A local change would be reverted/);
    expect(finding.Reason).toMatch(/Group Policy denies/);
    expect(finding.Evidence["Connections.DenyTSConnections"]).toEqual({ Local: 0, Policy: 1, Effective: 1, Source: "Policy", Error: null });
  });
  it("has no policy note when only the local value denies", () => {
    const finding = fixtureFinding("C01", "fail-local-deny");
    expect([finding.Status, finding.PolicyManaged, finding.PolicyNote]).toEqual(["Fail", false, null]);
    expect(finding.Reason).toMatch(/turned off on this computer/);
  });
  it("lets an allowing policy win over a denying local value", () => {
    expect(fixtureFinding("C01", "pass-policy-allows").Status).toBe("Pass");
  });
  it("matches 0x204 but not 0x904/0x7 (causes-catalog.md C01)", () => {
    expect(fixtureFinding("C01", "fail-local-deny").MatchesErrorCode).toBe(true);
    const snapshot = variant((s) => { s.Connections.DenyTSConnections = policyDword(1, null, 1); });
    expect(findingFor(c01RdpDisabled, snapshot, { now, errorCode: 0x904, extendedErrorCode: 0x7 }).MatchesErrorCode).toBe(false);
  });
  it("tells the admin to stop at a policy before editing the local value, and never writes under Policies", () => {
    const steps = c01RdpDisabled.fix.steps;
    const stop = steps.findIndex((s) => s.startsWith("# If the policy value exists, stop here"));
    const firstWrite = steps.findIndex((s) => s.startsWith("Set-ItemProperty"));
    expect(stop).toBeGreaterThan(-1);
    expect(stop).toBeLessThan(firstWrite);
    expect(steps.filter((s) => /^(Set|New|Remove)-ItemProperty/.test(s) && /Policies/.test(s))).toEqual([]);
    expect(steps.findIndex((s) => s.startsWith("reg.exe export"))).toBeLessThan(firstWrite);
  });
});

describe("C02 listener down", () => {
  it("does not let C05 fail when TermService is stopped", () => {
    expect(fixtureFinding("C02", "fail-service-stopped").Status).toBe("Fail");
    expect(fixtureFinding("C02", "fail-service-stopped", "C05").Status).not.toBe("Fail");
  });
  it("steps aside for C01 when connections are denied", () => {
    expect(fixtureFinding("C02", "notapplicable-rdp-denied").Reason).toMatch(/See C01/);
    expect(fixtureFinding("C02", "notapplicable-rdp-denied", "C01").Status).toBe("Fail");
  });
  it("shows TermService and UmRdpService as evidence", () => {
    const services = fixtureFinding("C02", "fail-service-stopped").Evidence["Services.RemoteDesktop"] as { Name: string; Status: string }[];
    expect(services.map((s) => [s.Name, s.Status])).toEqual([["TermService", "Stopped"], ["UmRdpService", "Stopped"]]);
  });
  it("leaves a port taken by another program to C03", () => {
    const finding = fixtureFinding("C03", "fail-foreign-listener", "C02");
    expect(finding.Status).toBe("Pass");
  });
});

describe("C03 port conflict", () => {
  it("shows the owner of the port as evidence", () => {
    const finding = fixtureFinding("C03", "fail-foreign-listener");
    expect(finding.Status).toBe("Fail");
    expect(finding.Evidence["Listener.PortOwner"]).toMatchObject({ Listening: true, ProcessName: "RemoteAgent", ServiceNames: ["RemoteAgentSvc"] });
    expect(finding.MatchesErrorCode).toBe(true);
  });
  it("accepts svchost with or without .exe as Remote Desktop Services", () => {
    for (const name of ["svchost", "svchost.exe", "SVCHOST"]) {
      const snapshot = variant((s) => { s.Listener.PortOwner.ProcessName = name; });
      expect(findingFor(c03PortConflict, snapshot, { now }).Status).toBe("Pass");
    }
  });
  it("does not blame a port conflict when nothing listens (that is C02)", () => {
    const snapshot = variant((s) => { s.Listener.PortOwner = { ...s.Listener.PortOwner, Listening: false, ProcessId: null, ProcessName: null }; });
    expect(findingFor(c03PortConflict, snapshot, { now }).Status).toBe("Pass");
  });
});

describe("C04 firewall or network path", () => {
  const fixText = [...c04FirewallPath.fix.steps, c04FirewallPath.fix.undo].join("\n");
  it("never turns a firewall profile off (causes-catalog.md section 3, item 9)", () => {
    expect(fixText).not.toMatch(/Set-NetFirewallProfile/i);
    expect(fixText).not.toMatch(/state\s+off/i);
    expect(fixText).not.toMatch(/-Enabled\s+(False|\$false|0)\b/i);
  });
  it("enables only the two User Mode rules, by Name, never the WebSocket group (section 3, item 12)", () => {
    const enables = c04FirewallPath.fix.steps.filter((s) => s.startsWith("Enable-NetFirewallRule"));
    expect(enables).toEqual([
      "Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP' -WhatIf",
      "Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP'",
    ]);
    expect(fixText).not.toMatch(/WebSocket|-WS\b|-WSS\b|DisplayGroup|DisplayName 'Remote Desktop -/i);
  });
  it("scopes the rules it opens to a management subnet", () => {
    expect(c04FirewallPath.fix.steps.filter((s) => /^(Set|New)-NetFirewallRule/.test(s)).every((s) => s.includes("-RemoteAddress <ManagementSubnet>"))).toBe(true);
  });
  it("lists the RdpCoreTS 226 events it judged", () => {
    const events = fixtureFinding("C04", "warn-connection-resets").Evidence["Events.RdpCoreTs226"] as { Id: number; Detail: string }[];
    expect(events.map((e) => [e.Id, e.Detail])).toEqual([[226, "0x80070040"]]);
  });
  it("reads the 226 HRESULT with or without the 0x prefix, and ignores other HRESULTs", () => {
    const with226 = (detail: string) => variant((s) => {
      s.Events.Groups.push({ Log: "x", Provider: "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", Id: 226, Detail: detail, Count: 3, LastSeen: FIXTURE_NOW });
    });
    expect(findingFor(c04FirewallPath, with226("80070040"), { now }).Status).toBe("Warn");
    expect(findingFor(c04FirewallPath, with226("0x80070057"), { now }).Status).toBe("Pass");
  });
  it("ignores a disabled User Mode rule when the firewall is off for the active profile only", () => {
    const snapshot = variant((s) => {
      s.Firewall.Profiles.find((p) => p.Active)!.Enabled = false;
      s.Firewall.Rules[0]!.Enabled = false;
    });
    expect(findingFor(c04FirewallPath, snapshot, { now }).Status).toBe("Pass");
  });
});

describe("C11 connection limits", () => {
  it("says the limit comes from Group Policy", () => {
    const finding = fixtureFinding("C11", "fail-limit-reached");
    expect(finding.Status).toBe("Fail");
    expect(finding.PolicyNote).toMatch(/^Set by Group Policy: Listener\.MaxInstanceCount\./);
  });
  it("fails only when the session count reaches the limit", () => {
    const at = (limit: number, sessions: number) => findingFor(c11ConnectionLimits, variant((s) => {
      s.Listener.MaxInstanceCount = policyDword(limit, null, null);
      s.Limits.SessionCount = sessions;
    }), { now }).Status;
    expect([at(2, 1), at(2, 2), at(2, 3), at(10, 10)]).toEqual(["Warn", "Fail", "Fail", "Fail"]);
    // Any limit is compared with the session count (CompareToRoot), not only small ones.
    expect([at(50, 49), at(50, 50), at(50, 60)]).toEqual(["Warn", "Fail", "Fail"]);
    expect(at(999999, 5)).toBe("Pass");
  });
  it("shows the 1006 events as evidence", () => {
    const events = fixtureFinding("C11", "fail-flood-protection").Evidence["Events.Rcm1006"] as { Id: number; Count: number }[];
    expect(events.map((e) => [e.Id, e.Count])).toEqual([[1006, 4]]);
  });
});
