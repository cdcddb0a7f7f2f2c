/**
 * Cause-specific checks for the TLS and security group (C06-C10), on top of the catalog-wide rules in
 * catalog-safety.test.ts: the repairs stay inside causes-catalog.md section 3, and findings carry the values an
 * admin needs (policy notes, Connection Broker, code matches).
 */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import { TLS_AND_SECURITY_CAUSES } from "../src/catalog/groups/tls-and-security.js";
import { c06MachineKeysAcl } from "../src/catalog/server/c06-machinekeys-acl.js";
import { c07CustomCertificateBinding } from "../src/catalog/server/c07-custom-certificate-binding.js";
import { c08TlsProtocolCipher } from "../src/catalog/server/c08-tls-protocol-cipher.js";
import { c09SecurityLayer } from "../src/catalog/server/c09-security-layer.js";
import { c10CredSspNla } from "../src/catalog/server/c10-credssp-nla.js";
import { aclAllows, RIGHTS, schannelOff, SID, tls13Available } from "../src/catalog/shared/security-conditions.js";
import { analyzeSnapshot } from "../src/model/analyze.js";
import { evaluate } from "../src/model/evaluate.js";
import type { Finding } from "../src/model/finding.js";
import { readFixtureIndex, readFixtureSnapshot } from "./support/fixture-files.js";

function analyzeFixture(cause: string, name: string): { findings: readonly Finding[]; finding: Finding } {
  const entry = readFixtureIndex().find((e) => e.cause === cause && e.case === name);
  if (entry === undefined) throw new Error(`no fixture ${cause}/${name}`);
  const snapshot = readFixtureSnapshot(entry);
  const result = analyzeSnapshot(snapshot, CATALOG, {
    now: new Date(snapshot.CollectedAt), errorCode: entry.errorCode, extendedErrorCode: entry.extendedErrorCode,
  });
  return { findings: result.Findings, finding: result.Findings.find((f) => f.Id === cause)! };
}

const STATE_CHANGING = /\b(icacls\b.*\/grant|Set-ItemProperty|Remove-ItemProperty|Set-CimInstance|Restart-Service|Test-ComputerSecureChannel -Repair)\b/;
const NATIVE = /^(icacls|reg) /;
/** The path an icacls step works on: its first double-quoted argument. */
const icaclsTarget = (step: string): string | undefined => /^icacls "([^"]+)"/.exec(step)?.[1];

describe.each(TLS_AND_SECURITY_CAUSES.filter((c) => c.id !== "C05").map((c) => [c.id, c] as const))("%s", (_id, cause) => {
  it("guards every state-changing step: -WhatIf twin first, or for icacls a read-only look and a backup of the same path", () => {
    const steps = cause.fix.steps;
    steps.forEach((step, i) => {
      if (!STATE_CHANGING.test(step) || /-WhatIf\b/.test(step)) return;
      if (NATIVE.test(step)) {
        const target = icaclsTarget(step)!;
        expect(steps[i - 1], step).toBe(`icacls "${target}" ${steps[i - 1]!.slice(`icacls "${target}" `.length)}`);
        expect(steps[i - 1], step).toMatch(/ \/save "/);
        expect(steps[i - 2], step).toBe(`icacls "${target}"`);
      } else {
        expect(steps[i - 1], step).toBe(`${step} -WhatIf`);
      }
    });
  });

  it("writes a backup before its first registry or ACL change", () => {
    const first = cause.fix.steps.findIndex((s) => /icacls .*\/grant|(Set|Remove|New)-ItemProperty|Set-CimInstance/.test(s));
    expect(cause.fix.steps.slice(0, first).some((s) => /\/save |^reg export /.test(s))).toBe(true);
  });

  it("keeps reasons, fix and undo ASCII, as they are printed into the module", () => {
    const text = [...cause.rules.map((r) => r.reason), cause.otherwise.reason, ...cause.fix.steps, cause.fix.undo].join("\n");
    expect([...text].filter((ch) => ch.charCodeAt(0) > 0x7e && ch !== "\n")).toEqual([]);
  });

  it("puts NotApplicable rules first and cites sources from causes-catalog.md section 4", () => {
    const firstOther = cause.rules.findIndex((r) => r.status !== "NotApplicable");
    expect(cause.rules.slice(firstOther).some((r) => r.status === "NotApplicable")).toBe(false);
    for (const s of cause.sources) expect(s.ref).toMatch(/^R\d+$/);
  });
});

describe("C06 MachineKeys ACL", () => {
  const steps = c06MachineKeysAcl.fix.steps.join("\n");

  it("repairs only the folder's own entries and the RDP key file, by SID, without recursion", () => {
    const grants = c06MachineKeysAcl.fix.steps.filter((s) => s.includes("/grant"));
    expect(grants.map(icaclsTarget)).toEqual([
      "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys",
      "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_*",
    ]);
    expect(grants[0]).toContain(`"*${SID.administrators}:(F)"`);
    expect(grants[0]).toContain(`"*${SID.everyone}:(RD,RA,REA,WD,AD,WA,WEA,RC)"`);
    expect(grants[1]).toContain(`"*${SID.system}:(F)" "*${SID.networkService}:(R)"`);
    expect(steps).not.toMatch(/\(OI\)|\(CI\)|\/t\b|\/T\b|takeown|Rename-Item|localgroup/i);
    // Never Full Control or Modify for NETWORK SERVICE or Everyone (section 3, item 4).
    expect(steps).not.toMatch(/\*S-1-5-20:\((F|M)\b|\*S-1-1-0:\((F|M)\b/);
  });

  it("restores relative to the parent folder, as icacls /restore requires", () => {
    expect(c06MachineKeysAcl.fix.undo).toContain("icacls \"$env:ProgramData\\Microsoft\\Crypto\\RSA\" /restore");
  });

  it("ranks first when the ACL is broken, and C05 defers to it (deleting the certificate cannot help yet)", () => {
    const { findings } = analyzeFixture("C06", "fail-everyone-write-missing");
    expect(findings[0]!.Id).toBe("C06");
    const c05 = findings.find((f) => f.Id === "C05")!;
    expect([c05.Status, c05.Confidence]).toEqual(["Warn", "Medium"]);
    expect(c05.Reason).toMatch(/repair that first \(C06\)/);
  });

  it("treats both Microsoft descriptions of the folder ACL as healthy and flags broad grants", () => {
    expect(analyzeFixture("C06", "pass-healthy").finding.Status).toBe("Pass");
    expect(analyzeFixture("C06", "pass-kb278381-acl").finding.Status).toBe("Pass");
    expect(analyzeFixture("C06", "warn-broad-grant").finding.Reason).toMatch(/exposes every machine private key/);
  });

  it("shows only the RDP key file among the Remote Desktop certificates in the evidence", () => {
    const { finding } = analyzeFixture("C06", "fail-rdp-key-acl");
    const keys = finding.Evidence["Certificates.RdpKeyFiles"] as { KeyFile: string; KeyAcl: { Sid: string }[] }[];
    expect(keys.map((k) => k.KeyFile.slice(0, 33))).toEqual(["f686aace6942fb7f7ceb231212eef4a4_"]);
    expect(keys[0]!.KeyAcl.map((r) => r.Sid)).toEqual([SID.system]);
  });
});

describe("C07 custom certificate binding", () => {
  it("never proposes deleting the SSLCertificateSHA1Hash pin; the Broker case rebinds instead", () => {
    const { finding } = analyzeFixture("C07", "fail-expired-on-broker");
    expect(finding.Status).toBe("Fail");
    expect(finding.Evidence["Host.IsConnectionBroker"]).toBe(true);
    const fix = finding.Fix.join("\n");
    expect(fix).not.toMatch(/Remove-ItemProperty|reg delete|Remove-Item\b/i);
    expect(fix).toMatch(/Set-CimInstance -Property @\{ SSLCertificateSHA1Hash = '<Thumbprint>' \}$/m);
    expect(finding.Undo).toMatch(/Do not delete SSLCertificateSHA1Hash on an RD Connection Broker/);
  });

  it("grants NETWORK SERVICE read on the bound key only", () => {
    const grants = c07CustomCertificateBinding.fix.steps.filter((s) => s.includes("/grant"));
    expect(grants).toEqual([`icacls "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<KeyFile>" /grant "*${SID.networkService}:(R)"`]);
  });

  it("leaves the self-signed certificate to C05 and names each broken binding", () => {
    expect(analyzeFixture("C07", "notapplicable-self-signed").finding.Reason).toMatch(/See C05/);
    expect(analyzeFixture("C07", "fail-binding-not-valid").finding.Reason).toMatch(/HashType 0/);
    expect(analyzeFixture("C07", "fail-no-network-service-read").finding.Reason).toMatch(/NETWORK SERVICE/);
    expect(analyzeFixture("C07", "fail-fallback-events").finding).toMatchObject({ Status: "Fail", Confidence: "Medium" });
  });
});

describe("C08 TLS protocol or cipher mismatch", () => {
  it("enables TLS 1.2 for both roles and never touches TLS 1.0/1.1", () => {
    const sets = c08TlsProtocolCipher.fix.steps.filter((s) => s.startsWith("Set-ItemProperty") && !s.endsWith("-WhatIf"));
    expect(sets.map((s) => /TLS 1\.2\\(\w+)' -Name (\w+) -Value (\d)/.exec(s)!.slice(1).join(" "))).toEqual([
      "Server Enabled 1", "Server DisabledByDefault 0", "Client Enabled 1", "Client DisabledByDefault 0",
    ]);
    expect([...c08TlsProtocolCipher.fix.steps, c08TlsProtocolCipher.fix.undo].join("\n")).not.toMatch(/TLS 1\.[01]\\|SSL 3/);
  });

  it("does not count disabled TLS 1.0/1.1 against the computer, and knows TLS 1.3 on Server 2022", () => {
    expect(analyzeFixture("C08", "pass-legacy-tls-disabled").finding.Status).toBe("Pass");
    expect(analyzeFixture("C08", "warn-tls13-only").finding.Reason).toMatch(/only TLS 1\.3 is left/);
    expect(analyzeFixture("C08", "fail-tls12-server-off").finding).toMatchObject({ Status: "Fail", Confidence: "High", MatchesErrorCode: true });
  });
});

describe("C09 security layer", () => {
  it("targets SecurityLayer 2, UserAuthentication 1, MinEncryptionLevel 3 and never lowers them", () => {
    const values = c09SecurityLayer.fix.steps
      .filter((s) => s.startsWith("Set-ItemProperty") && !s.endsWith("-WhatIf"))
      .map((s) => /-Name (\w+) -Value (\d+)/.exec(s)!.slice(1).join("="));
    expect(values).toEqual(["SecurityLayer=2", "UserAuthentication=1", "MinEncryptionLevel=3", "fAllowSecProtocolNegotiation=1"]);
    expect(c09SecurityLayer.fix.risks).not.toContain("SecurityLowering");
  });

  it("says when Group Policy sets the values, naming only the policy-managed ones", () => {
    const { finding } = analyzeFixture("C09", "fail-policy-rdp-security");
    expect(finding.PolicyManaged).toBe(true);
    expect(finding.PolicyNote).toMatch(/^Set by Group Policy: Listener\.SecurityLayer, Listener\.UserAuthentication\. A local change would be reverted/);
    expect(analyzeFixture("C09", "fail-nla-with-rdp-security").finding.PolicyNote).toBeNull();
  });

  it("matches the FIPS denial code and explains the contradiction", () => {
    expect(analyzeFixture("C09", "fail-fips-rdp-security").finding).toMatchObject({ MatchesErrorCode: true, Confidence: "High" });
    expect(analyzeFixture("C09", "fail-nla-with-rdp-security").finding.Reason).toMatch(/NLA needs TLS or CredSSP/);
  });
});

describe("C10 CredSSP / NLA", () => {
  it("never proposes AllowEncryptionOracle 2; Mitigated (1) is backed up, -WhatIf first, and marked security-lowering", () => {
    const steps = c10CredSspNla.fix.steps;
    expect(steps.join("\n")).not.toMatch(/AllowEncryptionOracle[^\n]*-Value 2|\/d 2/);
    const set = steps.findIndex((s) => /AllowEncryptionOracle -Value 1 -Type DWord$/.test(s));
    expect(steps[set - 1]).toBe(`${steps[set]} -WhatIf`);
    expect(steps[set - 2]).toMatch(/^reg export .*CredSSP\\Parameters/);
    expect(c10CredSspNla.fix.risks).toEqual(["SecurityLowering", "Reboot"]);
  });

  it("warns about Vulnerable (2) without calling it the cause, and matches the 0x?07 codes, not 0x904", () => {
    expect(analyzeFixture("C10", "warn-vulnerable").finding).toMatchObject({ Status: "Warn", Confidence: "High" });
    expect(analyzeFixture("C10", "warn-vulnerable").finding.Reason).toMatch(/CVE-2018-0886/);
    expect(analyzeFixture("C10", "fail-secure-channel").finding.MatchesErrorCode).toBe(true);
    expect(c10CredSspNla.codes.disconnect).not.toContain(0x904);
  });
});

describe("security-conditions helpers", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  const acl = (...rules: { Sid: string; Rights: string; Type: "Allow" | "Deny" }[]) => ({ Acl: rules.map((r) => ({ ...r, Inherits: false })) });

  it("reads FileSystemRights names by word, so ReadAttributes is not Read", () => {
    const canRead = aclAllows("Acl", [SID.networkService], RIGHTS.read);
    expect(evaluate(canRead, acl({ Sid: SID.networkService, Rights: "Read, Synchronize", Type: "Allow" }), now)).toBe(true);
    expect(evaluate(canRead, acl({ Sid: SID.networkService, Rights: "ReadAttributes, Synchronize", Type: "Allow" }), now)).toBe(false);
    expect(evaluate(canRead, acl(
      { Sid: SID.networkService, Rights: "FullControl", Type: "Allow" },
      { Sid: SID.networkService, Rights: "ReadData", Type: "Deny" },
    ), now)).toBe(false);
  });

  it("counts only explicit SCHANNEL switches as off, and TLS 1.3 only from Server 2022 / Windows 11", () => {
    const snap = (os: string, protocols: object[]) => ({ Host: { OSVersion: os }, Schannel: { Protocols: protocols } });
    expect(evaluate(schannelOff("TLS 1.2", "Server"), snap("10.0.17763", []), now)).toBe(false);
    expect(evaluate(schannelOff("TLS 1.2", "Server"), snap("10.0.17763", [{ Protocol: "TLS 1.2", Role: "Server", Enabled: null, DisabledByDefault: 1 }]), now)).toBe(true);
    expect(evaluate(tls13Available("Server"), snap("10.0.17763", []), now)).toBe(false);
    expect(evaluate(tls13Available("Server"), snap("10.0.20348", []), now)).toBe(true);
    expect(evaluate(tls13Available("Client"), snap("10.0.22631", [{ Protocol: "TLS 1.3", Role: "Client", Enabled: 0, DisabledByDefault: null }]), now)).toBe(false);
  });
});
