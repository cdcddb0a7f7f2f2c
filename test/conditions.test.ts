/**
 * The condition language in TypeScript (src/model/evaluate.ts). The PowerShell lowering of the same conditions is
 * held to these answers by test/differential.test.ts over the fixtures.
 */
import { describe, expect, it } from "vitest";
import { when } from "../src/model/condition.js";
import { evaluate } from "../src/model/evaluate.js";

const now = new Date("2026-11-22T12:00:00Z");
const snapshot = {
  Listener: { Hash: "AB12", Limit: 5, Name: "RDP-Tcp", Version: "10.0.20348" },
  Sessions: 5,
  Certs: [{ Thumbprint: "ab12", NotAfter: "2027-01-01T00:00:00Z" }, { Thumbprint: "CD34", NotAfter: "2026-01-01T00:00:00Z" }, null],
  Names: ["TermService", "SessionEnv"],
};
const holds = (c: ReturnType<typeof when.eq>) => evaluate(c, snapshot, now);

describe("conditions", () => {
  it("compares case-insensitively like PowerShell's -eq, and orders only numbers", () => {
    expect(holds(when.eq("Listener.Name", "rdp-tcp"))).toBe(true);
    expect(holds(when.compare("Listener.Name", "gt", 1))).toBe(false);
    expect(holds(when.compare("Missing.Path", "lt", 5))).toBe(false);
  });
  it("compares a list item with a value elsewhere in the snapshot (CompareToRoot)", () => {
    expect(holds(when.any("Certs", when.compareToRoot("Thumbprint", "eq", "Listener.Hash")))).toBe(true);
    expect(holds(when.count("Certs", "eq", 1, when.compareToRoot("Thumbprint", "eq", "Listener.Hash")))).toBe(true);
    expect(holds(when.compareToRoot("Sessions", "ge", "Listener.Limit"))).toBe(true);
    expect(holds(when.compareToRoot("Sessions", "gt", "Listener.Limit"))).toBe(false);
    expect(holds(when.compareToRoot("Sessions", "eq", "Listener.Missing"))).toBe(false);
  });
  it("skips null items in lists: Any, All and Count see only real items", () => {
    expect(holds(when.count("Certs", "eq", 2))).toBe(true);
    expect(holds(when.all("Certs", when.isNotNull("Thumbprint")))).toBe(true);
    expect(holds(when.all("Nothing", when.eq("X", 1)))).toBe(true);
    expect(holds(when.any("Certs", when.daysUntil("NotAfter", "lt", 0)))).toBe(true);
  });
  it("tests list membership, set membership, patterns and versions", () => {
    expect(holds(when.contains("Names", "termservice"))).toBe(true);
    expect(holds(when.contains("Names", "UmRdpService"))).toBe(false);
    expect(holds(when.in("Listener.Limit", [3, 5]))).toBe(true);
    expect(holds(when.matches("Listener.Name", "^rdp-"))).toBe(true);
    expect(holds(when.version("Listener.Version", "ge", "10.0.17763"))).toBe(true);
    expect(holds(when.version("Listener.Version", "lt", "10.0.20348.1"))).toBe(true);
  });
  it("refuses regex syntax that JavaScript and .NET read differently, and bad paths", () => {
    expect(() => when.matches("A", "(?<=x)y")).toThrow(/read differently/);
    expect(() => when.matches("A", "\\p{L}")).toThrow(/read differently/);
    expect(() => when.version("A", "ge", "10")).toThrow(/2 to 4 dotted numbers/);
    expect(() => when.eq("Listener..Name", 1)).toThrow(/dotted PascalCase/);
    expect(() => when.eq("Listener.Port Number", 1)).toThrow(/dotted PascalCase/);
  });
});
