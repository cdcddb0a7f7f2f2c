/**
 * Rules every catalog entry follows, checked over the whole catalog (causes-catalog.md section 3 lists the
 * dangerous advice these guard against).
 */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/catalog/index.js";
import type { Condition } from "../src/model/condition.js";
import { getPath } from "../src/model/evaluate.js";
import { healthyServer } from "./fixture-cases/base.js";

const base = healthyServer();

/** Every path a condition reads, resolved against `scope` (list filters resolve against the list's first item). */
function unresolvedPaths(cond: Condition, scope: unknown): string[] {
  switch (cond.kind) {
    case "CompareToRoot": {
      const missing = getPath(scope, cond.path) === undefined ? [cond.path] : [];
      return getPath(base, cond.rootPath) === undefined ? [...missing, cond.rootPath] : missing;
    }
    case "And":
    case "Or":
      return cond.items.flatMap((c) => unresolvedPaths(c, scope));
    case "Not":
      return unresolvedPaths(cond.item, scope);
    case "Any":
    case "All":
    case "Count": {
      const list = getPath(scope, cond.path);
      if (list === undefined) return [cond.path];
      const first = Array.isArray(list) ? list[0] : undefined;
      return first === undefined || cond.where === undefined ? [] : unresolvedPaths(cond.where, first).map((p) => `${cond.path}[].${p}`);
    }
    default:
      return getPath(scope, cond.path) === undefined ? [cond.path] : [];
  }
}

describe.each(CATALOG.map((c) => [c.id, c] as const))("%s", (id, cause) => {
  it("has a stable ID and a dotted Side.Area.Problem name", () => {
    expect(id).toMatch(/^C\d{2}$/);
    expect(cause.name).toMatch(/^(Server|Client|Gateway|Network)\.[A-Za-z]+\.[A-Za-z]+$/);
  });

  it("reads only snapshot paths that exist (checked against the healthy base snapshot)", () => {
    const missing = cause.rules.flatMap((r) => unresolvedPaths(r.when, base));
    const evidence = cause.evidence.flatMap((e) => (typeof e === "string" ? [e] : [e.path])).filter((p) => getPath(base, p) === undefined);
    expect([...missing, ...evidence]).toEqual([]);
  });

  it("names only PolicyDword settings as policy-managed", () => {
    for (const path of cause.policySettings) {
      expect(Object.keys(getPath(base, path) as object).sort()).toEqual(["Effective", "Error", "Local", "Policy", "Source"]);
    }
  });

  it("puts -WhatIf right before each state-changing step", () => {
    const changing = /^(Remove-Item|Restart-Service|Start-Service|Set-ItemProperty|New-ItemProperty|Remove-ItemProperty|Set-CimInstance|Enable-NetFirewallRule|Set-NetFirewallRule|Repair-Rdp\w+|Set-Service)\b/;
    cause.fix.steps.forEach((step, i) => {
      if (changing.test(step) && !/-WhatIf\b/.test(step)) expect(cause.fix.steps[i - 1]).toBe(`${step} -WhatIf`);
    });
  });

  it("never advises renaming or deleting the MachineKeys folder, or granting broad rights on it (section 3, items 3 and 4)", () => {
    const text = [...cause.fix.steps, cause.fix.undo].join("\n");
    expect(text).not.toMatch(/(Rename-Item|Move-Item|Remove-Item)[^\n]*MachineKeys(?![\\/]\w)/i);
    expect(text).not.toMatch(/takeown[^\n]*\/r/i);
    expect(text).not.toMatch(/icacls[^\n]*MachineKeys[^\n]*\/grant[^\n]*\/t/i);
  });

  it("names accounts by SID in commands, never by localized English names", () => {
    expect(cause.fix.steps.join("\n")).not.toMatch(/["' ](NETWORK SERVICE|Everyone|Administrators|SYSTEM)["':]/);
  });

  it("cites its sources over https", () => {
    expect(cause.sources.length).toBeGreaterThan(0);
    expect(cause.sources.every((s) => s.url.startsWith("https://"))).toBe(true);
  });

  it("gives every rule a reason an admin can act on", () => {
    for (const rule of [...cause.rules, cause.otherwise]) expect(rule.reason.length).toBeGreaterThan(30);
  });
});

it("uses each ID once", () => {
  expect(new Set(CATALOG.map((c) => c.id)).size).toBe(CATALOG.length);
});
