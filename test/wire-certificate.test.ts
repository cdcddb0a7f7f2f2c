/**
 * The certificate on the wire against the server's configured one (P21), in Node (src/probe/wire-certificate.ts)
 * and in the printed module (CompareRdpWireCertificate, run through the PowerShell-subset interpreter).
 */
import { describe, expect, it } from "vitest";
import { compareWireCertificate } from "../src/probe/wire-certificate.js";
import { healthyServer } from "./fixture-cases/base.js";
import { generatedModuleText } from "./support/ps-eval/differential.js";
import { fromJson, toPlain } from "./support/ps-eval/json-input.js";
import { loadModule } from "./support/ps-eval/module.js";

const base = healthyServer();
const bound = base.Listener.WmiCertificateHash!;
const endpoint = (thumbprint: string | null) => ({ Certificate: thumbprint === null ? null : { Thumbprint: thumbprint } });
const cases: [string, ReturnType<typeof endpoint>, unknown, string | null][] = [
  ["the bound certificate (any case)", endpoint(bound.toLowerCase()), base, null],
  ["another certificate", endpoint("00112233445566778899AABBCCDDEEFF00112233"), base, "P21"],
  ["no certificate on the wire (Standard RDP Security)", endpoint(null), base, null],
  ["a store certificate when no binding is known", endpoint(bound), { ...base, Listener: { ...base.Listener, WmiCertificateHash: null } }, null],
  ["a foreign certificate when only the store is known", endpoint("AA".repeat(20)), { ...base, Listener: { ...base.Listener, WmiCertificateHash: null } }, "P21"],
  ["anything, when nothing is configured or stored", endpoint("AA".repeat(20)), {
    ...base, Listener: { ...base.Listener, WmiCertificateHash: null }, Certificates: { ...base.Certificates, RemoteDesktop: [] },
  }, null],
];

describe("certificate on the wire vs the configured one", async () => {
  const module = await loadModule(await generatedModuleText(), { offsetMinutes: 0 });

  it.each(cases)("%s", (_name, probe, snapshot, expectedId) => {
    const node = compareWireCertificate(probe as never, snapshot as never);
    expect(node?.Id ?? null).toBe(expectedId);
    const ps = toPlain(module.call("CompareRdpWireCertificate", { Endpoint: fromJson(probe), Snapshot: fromJson(snapshot) }), { offsetMinutes: 0 }) as Record<string, unknown> | null;
    expect(ps === null ? null : ps.Id).toBe(expectedId);
    if (node !== null) {
      expect(ps).toMatchObject({ Id: node.Id, Status: node.Status, Title: node.Title, Reason: node.Reason });
      expect(JSON.parse(JSON.stringify(ps!.Evidence))).toEqual(JSON.parse(JSON.stringify(node.Evidence)));
    }
  });
});

describe("the module wires the comparison into both commands", async () => {
  const psm1 = await generatedModuleText();
  const body = (name: string) => psm1.slice(psm1.indexOf(`function ${name} {`), psm1.indexOf("\r\n}\r\n", psm1.indexOf(`function ${name} {`)));
  it("Test-RdpEndpoint -SnapshotPath reads the snapshot in begin (before any probe) and adds P21 to each result", () => {
    const text = body("Test-RdpEndpoint");
    expect(text.indexOf("$wireSnapshot = ReadRdpSnapshotFile -Path $SnapshotPath")).toBeLessThan(text.indexOf("process {"));
    expect(text).toContain("$mismatch = CompareRdpWireCertificate -Endpoint $result -Snapshot $reference");
  });
  it("without -SnapshotPath, a probe of this computer compares with the local binding, read once", () => {
    const text = body("Test-RdpEndpoint");
    expect(text).toMatch(/if \(\(\$null -eq \$reference\) -and \(TestRdpLocalTarget -Name \$result\.ComputerName\)\) \{/);
    expect(text).toContain("$localListener = GetRdpLocalListenerCertificate");
    expect(body("TestRdpLocalTarget")).toContain("$Name -in @('localhost', '127.0.0.1', '::1', '.')");
  });
  it("Test-RdpError0x904 ranks the probe and gateway findings with the causes", () => {
    const text = body("Test-RdpError0x904");
    expect(text).toContain("GetRdpProbeFindings -Snapshot $snapshot -TimeoutMs $ProbeTimeoutMs");
    expect(text).toContain("$gatewayFindings = @(GetRdpGatewayFindings -GatewayName $GatewayName -TimeoutMs $ProbeTimeoutMs)");
  });
});
