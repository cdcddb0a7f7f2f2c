import { describe, expect, it } from "vitest";
import { c05ListenerCertificate } from "../src/catalog/server/c05-listener-certificate.js";
import { decide } from "../src/model/evaluate.js";
import { CATALOG } from "../src/catalog/index.js";
import { loadFixtures } from "./support/fixtures.js";

const fixtures = loadFixtures("C05");

describe("C05 verdicts on the shared fixtures", () => {
  it.each(fixtures.map((f) => [f.case, f] as const))("%s", (_name, fixture) => {
    expect(fixture.cause).toBe("C05");
    const verdict = decide(c05ListenerCertificate, fixture.evidence, new Date(fixture.now));
    expect(verdict.status).toBe(fixture.expected.status);
    expect(verdict.reason.length).toBeGreaterThan(20);
  });

  it("covers Pass, Fail and NotApplicable (and Warn, Unknown)", () => {
    const statuses = new Set(fixtures.map((f) => f.expected.status));
    expect([...statuses].sort()).toEqual(["Fail", "NotApplicable", "Pass", "Unknown", "Warn"]);
  });

  it("names the failing reason for an expired certificate, not a generic one", () => {
    const expired = fixtures.find((f) => f.case === "fail-expired")!;
    expect(decide(c05ListenerCertificate, expired.evidence, new Date(expired.now)).reason).toMatch(/unexpired and has its private key/);
  });

  it("judges time against the given clock: the healthy certificate fails once it is past NotAfter", () => {
    const healthy = fixtures.find((f) => f.case === "pass-healthy")!;
    expect(decide(c05ListenerCertificate, healthy.evidence, new Date("2027-03-02T00:00:00Z")).status).toBe("Fail");
    expect(decide(c05ListenerCertificate, healthy.evidence, new Date("2027-02-25T00:00:00Z")).status).toBe("Warn");
  });
});

describe("C05 fix guidance follows the catalog's safety rules", () => {
  const steps = c05ListenerCertificate.fix.steps;
  it("puts -WhatIf before each state-changing step", () => {
    for (const [i, step] of steps.entries()) {
      if (/^(Remove-Item|Restart-Service)/.test(step) && !step.includes("-WhatIf")) {
        expect(steps[i - 1]).toBe(`${step} -WhatIf`);
      }
    }
  });
  it("never renames or deletes the MachineKeys folder (causes-catalog.md section 3, item 3)", () => {
    expect(steps.join("\n")).not.toMatch(/MachineKeys/i);
    expect(c05ListenerCertificate.fix.undo).toMatch(/never rename the MachineKeys folder/);
  });
  it("cites primary sources", () => {
    expect(c05ListenerCertificate.sources.every((s) => s.url.startsWith("https://learn.microsoft.com/"))).toBe(true);
  });
});

describe("catalog registry", () => {
  it("has unique, sorted, stable IDs", () => {
    const ids = CATALOG.map((c) => c.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(ids).toContain("C05");
  });
});
