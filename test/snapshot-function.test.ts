/**
 * Get-RdpDiagnosticSnapshot's wiring of the sections: each collector call is guarded, and a failed section keeps
 * the snapshot's shape with the caught message where the section records errors.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { generate } from "../codegen/emit.js";
import { SECTIONS } from "../src/snapshot/collect/index.js";

const psm1 = generate(join(import.meta.dirname, ".."), "0.1.0").find((f) => f.path.endsWith(".psm1"))!.content;
const body = psm1.slice(psm1.indexOf("function Get-RdpDiagnosticSnapshot {"), psm1.indexOf("function Resolve-RdpErrorCode {"));

describe("Get-RdpDiagnosticSnapshot collects every section, guarded", () => {
  it("collects the sections in the order of the snapshot type", () => {
    const order = [...body.matchAll(/\$snapshot\['(\w+)'\] = GetRdpSnapshot\1 -EventDays \$EventDays/g)].map((m) => m[1]);
    expect(order).toEqual(["Host", "Services", "Connections", "Listener", "Certificates", "Schannel", "Firewall", "Limits", "Licensing", "Rcm", "CredSsp", "Client", "Events"]);
    expect(SECTIONS.map((s) => s.key)).toEqual(order);
  });

  it("puts the caught message into the error fields of a failed section", () => {
    expect(body).toContain("RemoteDesktopError = 'certificate collector failed: ' + (FormatRdpError -ErrorRecord $_)");
    expect(body).toContain("Errors = @(('Events: ' + (FormatRdpError -ErrorRecord $_)))");
    expect(body).toMatch(/Days = \$EventDays\r\n\s+Groups = @\(\)/);
    const withError = SECTIONS.filter((s) => !Array.isArray(s.fallback) && "Error" in s.fallback).length;
    // Plus one per service in the Services list fallback.
    expect(body.match(/ Error = \(FormatRdpError -ErrorRecord \$_\)/g)?.length).toBe(withError + 6);
  });

  it("falls back to the whole list of services, each with the caught message", () => {
    const services = body.slice(body.indexOf("$snapshot['Services'] = @("), body.indexOf("$snapshot['Connections']"));
    expect(services.match(/Status = 'Unknown'/g)?.length).toBe(6);
    expect(services.match(/Error = \(FormatRdpError -ErrorRecord \$_\)/g)?.length).toBe(6);
  });
});
