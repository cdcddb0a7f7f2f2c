/**
 * Cause-specific checks for C12-C16 (licensing, client, network path), on values: codes, fix safety from
 * causes-catalog.md section 3, policy notes, and the findings the fixtures produce.
 */
import { describe, expect, it } from "vitest";
import { LICENSING_CLIENT_PATH_CAUSES } from "../src/catalog/groups/licensing-client-path.js";
import { c12RdsLicensing } from "../src/catalog/server/c12-rds-licensing.js";
import { c13ClientLicenseStore } from "../src/catalog/client/c13-client-license-store.js";
import { c14RcmCertificateValues } from "../src/catalog/server/c14-rcm-certificate-values.js";
import { c15ClientTransport } from "../src/catalog/client/c15-client-transport.js";
import { c16RdpIntermediary } from "../src/catalog/network/c16-rdp-intermediary.js";
import type { Cause } from "../src/model/cause.js";
import { findingFor, matchesErrorCode } from "../src/model/analyze.js";
import type { CauseFixtures } from "./fixture-cases/case.js";
import { FIXTURE_NOW, healthyServer, policyDword } from "./fixture-cases/base.js";
import { fixtures as c12Fixtures } from "./fixture-cases/c12.js";
import { fixtures as c13Fixtures } from "./fixture-cases/c13.js";
import { fixtures as c16Fixtures } from "./fixture-cases/c16.js";
import type { RdpDiagnosticSnapshot } from "../src/snapshot/types.js";

const now = new Date(FIXTURE_NOW);

function snapshotOf(group: CauseFixtures, name: string): RdpDiagnosticSnapshot {
  const found = group.cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`${group.cause} has no case ${name}`);
  const snapshot = (found.base ?? healthyServer)();
  found.patch(snapshot);
  return snapshot;
}

const allFixText = (cause: Cause): string => [...cause.fix.steps, cause.fix.undo].join("\n");
const indexOf = (cause: Cause, pattern: RegExp): number => cause.fix.steps.findIndex((s) => pattern.test(s));

describe("the licensing, client and path group", () => {
  it("registers C12-C16 once each, with their sides", () => {
    expect(LICENSING_CLIENT_PATH_CAUSES.map((c) => [c.id, c.side])).toEqual([
      ["C12", "Server"], ["C13", "Client"], ["C14", "Server"], ["C15", "Client"], ["C16", "Network"],
    ]);
  });

  it("keeps every state-changing step after a read-only look and, for native tools, after a backup", () => {
    const changing = /^(Remove-|reg add|reg delete|Restart-Computer|.*Invoke-CimMethod -MethodName (ChangeMode|Set))/;
    for (const cause of LICENSING_CLIENT_PATH_CAUSES) {
      const first = cause.fix.steps.findIndex((s) => changing.test(s));
      if (first === -1) continue;
      expect(first, `${cause.id} starts with a read-only step`).toBeGreaterThan(0);
      expect(cause.fix.steps.slice(0, first).some((s) => changing.test(s))).toBe(false);
    }
  });
});

describe("C12 RD Session Host licensing", () => {
  it("lists only licensing codes, never 0x904 or extended 0x7 (section 3 item 2)", () => {
    expect(c12RdsLicensing.codes.disconnect).toEqual([0x808, 0x908]);
    expect(c12RdsLicensing.codes.extended).toEqual([256, 257, 258, 259, 260, 261, 262, 263, 264, 265, 266]);
  });

  it("never advises deleting RCM\\GracePeriod (L$RTMTIMEBOMB) or taking ownership (section 3 item 13)", () => {
    const text = allFixText(c12RdsLicensing);
    expect(text).not.toMatch(/RTMTIMEBOMB|RCM\\+GracePeriod|takeown|SetACL/i);
    expect(text).not.toMatch(/(Remove-Item|Remove-ItemProperty|reg delete)[^\n]*GracePeriod/i);
  });

  it("configures the mode and the license server through Win32_TerminalServiceSetting, -WhatIf first", () => {
    const mode = indexOf(c12RdsLicensing, /-MethodName ChangeMode -Arguments @\{ LicensingType = 4 \}$/);
    const servers = indexOf(c12RdsLicensing, /-MethodName SetSpecifiedLicenseServerList .*\}$/);
    expect(c12RdsLicensing.fix.steps[mode - 1]).toBe(`${c12RdsLicensing.fix.steps[mode]} -WhatIf`);
    expect(c12RdsLicensing.fix.steps[servers - 1]).toBe(`${c12RdsLicensing.fix.steps[servers]} -WhatIf`);
    expect(indexOf(c12RdsLicensing, /^reg export .*Licensing Core/)).toBeLessThan(mode);
  });

  it("adds the policy note when LicensingMode comes from Group Policy, and none when it is local", () => {
    const byPolicy = findingFor(c12RdsLicensing, healthyServer(), { now });
    expect(byPolicy.PolicyManaged).toBe(true);
    expect(byPolicy.PolicyNote).toMatch(/^Set by Group Policy: Licensing\.Mode\. A local change would be reverted/);
    const local = healthyServer();
    local.Licensing.Mode = policyDword(4, null, null);
    expect(findingFor(c12RdsLicensing, local, { now })).toMatchObject({ PolicyManaged: false, PolicyNote: null, Status: "Pass" });
  });

  it("fails an expired, unconfigured host with High confidence and matches 0x808 / ext 257", () => {
    const finding = findingFor(c12RdsLicensing, snapshotOf(c12Fixtures, "fail-grace-expired-no-mode"), { now, errorCode: 0x808, extendedErrorCode: 257 });
    expect(finding).toMatchObject({ Status: "Fail", Confidence: "High", MatchesErrorCode: true, PolicyManaged: false });
    expect(finding.Evidence["Licensing.GraceDaysLeft"]).toBe(0);
    expect(finding.Evidence["Events.Rcm1069And1028"]).toMatchObject([{ Id: 1069, Count: 14 }]);
    expect(matchesErrorCode(c12RdsLicensing, 0x904, 0x7)).toBe(false);
  });

  it("treats a plain server as NotApplicable even when nothing is configured", () => {
    expect(findingFor(c12RdsLicensing, snapshotOf(c12Fixtures, "notapplicable-not-session-host"), { now }).Status).toBe("NotApplicable");
  });
});

describe("C13 client license store", () => {
  it("excludes 0x904 and extended 0x7 from its codes (section 3 item 2) and lists 267", () => {
    expect(c13ClientLicenseStore.codes.disconnect).not.toContain(0x904);
    expect(c13ClientLicenseStore.codes.extended).not.toContain(0x7);
    expect(c13ClientLicenseStore.codes.extended).toContain(267);
    expect(matchesErrorCode(c13ClientLicenseStore, 0x904, 0x7)).toBe(false);
    expect(matchesErrorCode(c13ClientLicenseStore, 0x808, 267)).toBe(true);
  });

  it("exports first, deletes only Store\\LICENSE*, never HardwareID, then starts mstsc elevated", () => {
    const steps = c13ClientLicenseStore.fix.steps;
    const exportAt = indexOf(c13ClientLicenseStore, /^reg export HKLM\\SOFTWARE\\Microsoft\\MSLicensing /);
    const removeAt = indexOf(c13ClientLicenseStore, /^Remove-Item [^\n]*(?<!-WhatIf)$/);
    expect(exportAt).toBeGreaterThanOrEqual(0);
    expect(exportAt).toBeLessThan(removeAt);
    expect(steps[removeAt]).toBe("Remove-Item -Path 'HKLM:\\SOFTWARE\\Microsoft\\MSLicensing\\Store\\LICENSE*' -Recurse");
    expect(steps.filter((s) => /Remove-Item/.test(s)).every((s) => s.includes("\\Store\\LICENSE*"))).toBe(true);
    expect(allFixText(c13ClientLicenseStore)).not.toMatch(/(Remove-Item|reg delete)[^\n]*HardwareID/i);
    expect(steps.at(-1)).toBe("Start-Process -FilePath mstsc.exe -Verb RunAs");
  });

  it("shows the licensing disconnects it decided on", () => {
    const finding = findingFor(c13ClientLicenseStore, snapshotOf(c13Fixtures, "fail-corrupt-license"), { now });
    expect(finding).toMatchObject({ Status: "Fail", Confidence: "Medium" });
    expect(finding.Evidence["Events.RdpClient1026Licensing"]).toMatchObject([{ Id: 1026, Detail: "2056", Count: 4 }]);
  });
});

describe("C14 proprietary certificate values", () => {
  it("removes exactly the four RCM values (never the key or its subkeys) and reboots, -WhatIf first", () => {
    const steps = c14RcmCertificateValues.fix.steps;
    const remove = "Remove-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM' -Name 'Certificate', 'X509 Certificate', 'X509 Certificate ID', 'X509 Certificate2'";
    expect(steps.indexOf(remove)).toBe(steps.indexOf(`${remove} -WhatIf`) + 1);
    expect(steps.some((s) => /^Remove-Item /.test(s))).toBe(false);
    expect(indexOf(c14RcmCertificateValues, /^reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM"/)).toBeLessThan(steps.indexOf(remove));
    expect(steps.slice(-2)).toEqual(["Restart-Computer -WhatIf", "Restart-Computer"]);
    expect(c14RcmCertificateValues.fix.risks).toEqual(["Reboot"]);
  });

  it("lists the security-error disconnect reasons", () => {
    expect(c14RcmCertificateValues.codes.disconnect).toEqual([0x406, 0x506, 0x606, 0x706, 0x906]);
  });
});

describe("C15 client transport", () => {
  it("sets only fClientDisableUDP = 1, after reading the old value, and undoes it by deleting the value", () => {
    const steps = c15ClientTransport.fix.steps;
    const add = indexOf(c15ClientTransport, /^reg add /);
    expect(steps[add]).toBe('reg add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client" /v fClientDisableUDP /t REG_DWORD /d 1 /f');
    expect(steps[add - 1]).toBe('reg query "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client" /v fClientDisableUDP');
    expect(c15ClientTransport.fix.undo).toMatch(/^reg delete "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client" \/v fClientDisableUDP \/f/);
  });

  it("never sets RDGClientTransport, which only affects RD Gateway connections (section 3 item 11)", () => {
    expect(c15ClientTransport.fix.steps.join("\n")).not.toMatch(/RDGClientTransport/i);
  });

  it("notes Group Policy when fClientDisableUDP is set by policy", () => {
    const s = healthyServer();
    s.Client.ClientDisableUdp = policyDword(null, 0, 0);
    expect(findingFor(c15ClientTransport, s, { now })).toMatchObject({ Status: "Pass", PolicyManaged: true });
  });

  it("does not claim 0x904 with extended 0x7 (the server denied it; transport drops carry ext 0)", () => {
    expect(matchesErrorCode(c15ClientTransport, 0x904, 0x7)).toBe(false);
    expect(matchesErrorCode(c15ClientTransport, 0x904, 0x0)).toBe(true);
  });
});

describe("C16 intermediary in the path", () => {
  it("matches 0x904 with extended 0x7 or 0x0", () => {
    expect(matchesErrorCode(c16RdpIntermediary, 0x904, 0x7)).toBe(true);
    expect(matchesErrorCode(c16RdpIntermediary, 0x904, 0x0)).toBe(true);
    expect(matchesErrorCode(c16RdpIntermediary, 0x808, null)).toBe(false);
  });

  it("fixes only by reading and connecting directly", () => {
    expect(c16RdpIntermediary.fix.steps.join("\n")).not.toMatch(/Remove-|Set-|New-|reg (add|delete|import)|Restart-/);
    expect(c16RdpIntermediary.fix.steps.at(-1)).toMatch(/^mstsc\.exe \/v:<target address, bypassing the proxy>$/);
    expect(c16RdpIntermediary.fix.risks).toEqual(["None"]);
  });

  it("fails on 0x904 without accept events, shows both sides, and says the wire certificate was not compared", () => {
    const finding = findingFor(c16RdpIntermediary, snapshotOf(c16Fixtures, "fail-no-accept-events"), { now, errorCode: 0x904, extendedErrorCode: 0x7 });
    expect(finding).toMatchObject({ Status: "Fail", Confidence: "Medium", MatchesErrorCode: true });
    expect(finding.Evidence["Events.RdpClient1026SocketClosed"]).toMatchObject([{ Detail: "2308", Count: 3 }]);
    expect(finding.Evidence["Events.RdpCoreTs131"]).toEqual([]);
    expect(finding.Evidence["Events.Rcm261"]).toEqual([]);
    expect(finding.Reason).toMatch(/certificate on the wire was not compared/);
  });

  it("passes when the listener logged accepted connections", () => {
    expect(findingFor(c16RdpIntermediary, healthyServer(), { now }).Status).toBe("Pass");
  });
});
