/**
 * probeEndpoint and `rdp-doctor probe` against the real peer lab on 127.0.0.1 (test/peers/lab.ts): every xrdp
 * scenario, the shadow NLA scenarios, every fault peer, enumeration (no false NLA on xrdp, pitfall P7) and the
 * timeout bounds. Assertions are on values; times are only printed. Expected answers: protocol-probe.md s3.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProbe } from "../cli/probe-command.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthyServer } from "./fixture-cases/base.js";
import type { EndpointResult } from "../src/probe/endpoint-result.js";
import { enumerateProtocols } from "../src/probe/enumerate.js";
import { probeEndpoint } from "../src/probe/probe-endpoint.js";
import { labUnavailableReason, startLab, type PeerLab } from "./peers/lab.js";

const SKIP = labUnavailableReason();
const ids = (r: EndpointResult) => r.Findings.map((f) => f.Id);
const evidence = (r: EndpointResult, id: string) => r.Findings.find((f) => f.Id === id)?.Evidence ?? {};

describe.skipIf(SKIP !== null)(`probeEndpoint on the peer lab${SKIP ? ` (SKIPPED: ${SKIP})` : ""}`, () => {
  let lab: PeerLab;
  const probe = (port: number, opts: { timeoutMs?: number; enumerate?: boolean } = {}) => probeEndpoint("127.0.0.1", port, { timeoutMs: 2000, ...opts });

  beforeAll(async () => { lab = await startLab(); }, 30_000);
  afterAll(async () => { await lab?.stop(); });

  describe("xrdp scenarios", () => {
    it("neg-valid: SSL, TLS 1.3, self-signed RSA-2048 that matches 127.0.0.1; no NLA -> Warning", async () => {
      const r = await probe(lab.xrdp["neg-valid"].port);
      expect(r).toMatchObject({ Reachable: true, Stage: "Done", SelectedProtocol: "SSL", TlsVersion: "TLS 1.3", CipherSuite: "TLS_AES_256_GCM_SHA384", Verdict: "Warning", AcceptedProtocols: null });
      expect(r.Certificate).toMatchObject({ Subject: "O=ProbeLab, CN=localhost", IsSelfSigned: true, IsExpired: false, KeySize: 2048, SignatureAlgorithm: "sha256RSA", NameMatches: true });
      expect(ids(r)).toEqual(["P12", "P17"]);
      expect(r.TimingsMs.Dns).toBeNull();
      expect(r.TimingsMs.Tls).not.toBeNull();
    });
    it("neg-expired: TLS completes, P15 Expired", async () => {
      const r = await probe(lab.xrdp["neg-expired"].port);
      expect(r.Certificate).toMatchObject({ NotAfter: "2021-01-01T00:00:00.000Z", IsExpired: true });
      expect(evidence(r, "P15")["Certificate.Validity"]).toBe("Expired");
    });
    it.each(["rdp-only", "neg-nocert"] as const)("%s: Standard RDP Security, no TLS stage", async (name) => {
      const r = await probe(lab.xrdp[name].port);
      expect(r).toMatchObject({ Stage: "Done", SelectedProtocol: "RDP", TlsVersion: null, Certificate: null, Verdict: "Warning" });
      expect(ids(r)).toEqual(["P11"]);
      expect(r.TimingsMs.Tls).toBeNull();
    });
    it("tls-valid: Windows-like certificate detected as self-signed, name mismatch for 127.0.0.1", async () => {
      const r = await probe(lab.xrdp["tls-valid"].port);
      expect(r.Certificate).toMatchObject({ Subject: "CN=WIN-RDPHOST01", IsSelfSigned: true, NameMatches: false });
      expect(ids(r)).toEqual(["P12", "P17", "P18"]);
    });
    it("tls-nocert: SSL_CERT_NOT_ON_SERVER, pointing at C05-C07", async () => {
      const r = await probe(lab.xrdp["tls-nocert"].port);
      expect(r).toMatchObject({ Stage: "X224", NegotiationFailure: "SSL_CERT_NOT_ON_SERVER", SelectedProtocol: null, Verdict: "Failed" });
      expect(evidence(r, "P08")).toMatchObject({ "X224.FailureCode": 3, "Catalog.Causes": ["C05", "C06", "C07"] });
    });
    it("tls-cachain: EC leaf from a private CA is not self-signed", async () => {
      const r = await probe(lab.xrdp["tls-cachain"].port);
      expect(r.Certificate).toMatchObject({ IsSelfSigned: false, KeyAlgorithm: "ECDSA", KeySize: 256, Issuer: "O=ProbeLab, CN=Probe Test Root CA" });
      expect(ids(r)).toEqual(["P12"]);
    });
    it("neg-badkey: TLS fails and the diagnosis connection sees the server abort (broken server key)", async () => {
      const r = await probe(lab.xrdp["neg-badkey"].port);
      expect(r).toMatchObject({ Stage: "Tls", SelectedProtocol: "SSL", TlsVersion: null, Verdict: "Failed" });
      expect(evidence(r, "P13")).toMatchObject({ "Tls.Diagnosis": "BrokenServerKey", "Diagnosis.Behaviour": "ServerAborts", "Diagnosis.AfterConfirm": "McsDisconnect" });
    });
    it("tls10-weak: TLS 1.0 reported, not refused; RSA-1024 and SHA-1 flagged", async () => {
      const r = await probe(lab.xrdp["tls10-weak"].port);
      expect(r).toMatchObject({ Stage: "Done", TlsVersion: "TLS 1.0", Verdict: "Warning" });
      expect(r.Certificate).toMatchObject({ KeySize: 1024, SignatureAlgorithm: "sha1RSA" });
      expect(ids(r)).toEqual(expect.arrayContaining(["P14", "P19", "P20"]));
    });
    it("a host name goes through DNS (localhost from /etc/hosts)", async () => {
      const r = await probeEndpoint("localhost", lab.xrdp["neg-valid"].port, { timeoutMs: 2000 });
      expect(r.TimingsMs.Dns).not.toBeNull();
      expect(r.Certificate?.NameMatches).toBe(true);
    });
  });

  describe("enumeration", () => {
    it("xrdp negotiate: RDP and SSL accepted, HYBRID not (the server answers a CredSSP offer with SSL)", async () => {
      const r = await probe(lab.xrdp["neg-valid"].port, { enumerate: true });
      expect(r.AcceptedProtocols).toEqual(["RDP", "SSL"]);
      expect(evidence(r, "P12")).toMatchObject({ "Enumeration.Offer 0x03 (HYBRID)": "selected SSL", "Enumeration.Offer 0x10 (RDSAAD)": "MCS disconnect (rn-user-requested)" });
    });
    it("xrdp tls-only: only SSL; a legacy request is confirmed and then dropped", async () => {
      const r = await probe(lab.xrdp["tls-valid"].port, { enumerate: true });
      expect(r.AcceptedProtocols).toEqual(["SSL"]);
      expect(evidence(r, "P12")["Enumeration.Legacy (no RDP_NEG_REQ)"]).toBe("confirm without negotiation data, then MCS disconnect (rn-user-requested)");
    });
    it("xrdp neg-badkey: SSL confirmed then aborted does not count", async () => {
      expect((await probe(lab.xrdp["neg-badkey"].port, { enumerate: true })).AcceptedProtocols).toEqual(["RDP"]);
    });
    it("shadow /sec:nla: HYBRID accepted, everything else refused", async (ctx) => {
      if (lab.shadowSkipReason) return ctx.skip(lab.shadowSkipReason);
      expect((await probe(lab.shadow["shadow-nla"]!.port, { enumerate: true })).AcceptedProtocols).toEqual(["HYBRID"]);
    });
  });

  describe("shadow NLA scenarios", () => {
    it("/sec:nla: HYBRID selected, TLS completes, no NLA warning", async (ctx) => {
      if (lab.shadowSkipReason) return ctx.skip(lab.shadowSkipReason);
      const r = await probe(lab.shadow["shadow-nla"]!.port);
      expect(r).toMatchObject({ Stage: "Done", SelectedProtocol: "HYBRID", TlsVersion: "TLS 1.3" });
      expect(ids(r)).not.toContain("P12");
    });
    it("/sec:nla answers every non-CredSSP offer with HYBRID_REQUIRED_BY_SERVER (enumeration answers)", async (ctx) => {
      if (lab.shadowSkipReason) return ctx.skip(lab.shadowSkipReason);
      const outcomes = await enumerateProtocols("127.0.0.1", lab.shadow["shadow-nla"]!.port, 2000);
      const answers = Object.fromEntries(outcomes.map((o) => [o.offer.label, o.answer]));
      expect(answers["Offer 0x01 (SSL)"]).toBe("failure HYBRID_REQUIRED_BY_SERVER");
      expect(answers["Offer 0x00 (RDP)"]).toBe("failure HYBRID_REQUIRED_BY_SERVER");
      expect(answers["Offer 0x03 (HYBRID)"]).toBe("selected HYBRID");
    });
    it("/sec:rdp: SSL_NOT_ALLOWED_BY_SERVER", async (ctx) => {
      if (lab.shadowSkipReason) return ctx.skip(lab.shadowSkipReason);
      const r = await probe(lab.shadow["shadow-rdp"]!.port);
      expect(r).toMatchObject({ Stage: "X224", NegotiationFailure: "SSL_NOT_ALLOWED_BY_SERVER", Verdict: "Failed" });
    });
  });

  describe.concurrent("fault peers", () => {
    it("closed port: nothing listening (P02)", async () => {
      const r = await probe(lab.fakes.closed.port);
      expect(r).toMatchObject({ Reachable: false, Stage: "Tcp", Verdict: "Failed" });
      expect(ids(r)).toEqual(["P02"]);
    });
    it("full backlog: SYN dropped, filtered (P03) within the timeout", async () => {
      const r = await probe(lab.fakes["full-backlog"].port, { timeoutMs: 300 });
      expect(r).toMatchObject({ Reachable: false, Stage: "Tcp" });
      expect(ids(r)).toEqual(["P03"]);
      console.log(`full-backlog probe with timeoutMs 300: ${r.TimingsMs.Total} ms`);
    });
    it("silent peer: no X.224 answer (P05), bounded by timeoutMs 300", async () => {
      const r = await probe(lab.fakes.silent.port, { timeoutMs: 300 });
      expect(r).toMatchObject({ Reachable: true, Stage: "X224", Verdict: "Failed" });
      expect(ids(r)).toEqual(["P05"]);
      console.log(`silent probe with timeoutMs 300: ${r.TimingsMs.Total} ms`);
    });
    it("reset peer: reset after the request (P06, End Reset)", async () => {
      const r = await probe(lab.fakes.reset.port);
      expect(ids(r)).toEqual(["P06"]);
      expect(evidence(r, "P06")["X224.End"]).toBe("Reset");
    });
    it.each([
      ["SSH", () => lab.fakes.ssh.port, "SSH"], ["HTTP", () => lab.fakes.http.port, "HTTP"],
      ["TLS server", () => lab.fakes.tls.port, "TLS"], ["RD Gateway", () => lab.rdg.healthy.port, "TLS"],
    ] as const)("%s: wrong protocol (P07) naming the service", async (_name, portOf, sniffed) => {
      const port = portOf();
      const r = await probe(port);
      expect(ids(r), `port ${port}`).toEqual(["P07"]);
      expect(evidence(r, "P07")["Port.Sniffed"]).toBe(sniffed);
    });
    it("TLS server: the direct TLS check names RD Gateway among the likely services", async () => {
      const tls = await probe(lab.fakes.tls.port);
      expect(evidence(tls, "P07")["DirectTls.Version"]).toMatch(/^TLS 1\.[23]$/);
      expect(String(evidence(tls, "P07")["Port.Service"])).toContain("RD Gateway");
    });
  });

  describe("rdp-doctor probe", () => {
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runProbe(args, (s) => out.push(s), () => {});
      return { code, out: out.join("\n") };
    };
    it("exit 0 for a Warning endpoint, with a few human lines", async () => {
      const r = await run(`127.0.0.1:${lab.xrdp["neg-valid"].port}`);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^127\.0\.0\.1:\d+: Warning \(stage Done; selected SSL; TLS 1\.3 TLS_AES_256_GCM_SHA384\) in [\d.]+ ms\n  certificate O=ProbeLab, CN=localhost, RSA 2048 sha256RSA/);
      expect(r.out).toContain("Warn P12  Network Level Authentication is not enforced");
    });
    it("exit 3 when any endpoint Failed; --json prints an array in target order", async () => {
      const r = await run("--json", "--timeout", "1000", `127.0.0.1:${lab.xrdp["rdp-only"].port}`, "127.0.0.1", "--port", String(lab.xrdp["tls-nocert"].port));
      expect(r.code).toBe(3);
      const results = JSON.parse(r.out) as EndpointResult[];
      expect(results.map((x) => [x.Port, x.Verdict])).toEqual([[lab.xrdp["rdp-only"].port, "Warning"], [lab.xrdp["tls-nocert"].port, "Failed"]]);
    });
    it("exit 3 for a closed port", async () => {
      expect((await run(`127.0.0.1:${lab.fakes.closed.port}`)).code).toBe(3);
    });
    it("--snapshot compares the certificate on the wire with the server's binding (P21 when it differs)", async () => {
      const target = `127.0.0.1:${lab.xrdp["neg-valid"].port}`;
      const [wire] = JSON.parse((await run("--json", target)).out) as EndpointResult[];
      const dir = mkdtempSync(join(tmpdir(), "probe-snapshot-"));
      const write = (hash: string) => {
        const snapshot = healthyServer();
        snapshot.Listener.WmiCertificateHash = hash;
        const file = join(dir, `${hash.slice(0, 6)}.json`);
        writeFileSync(file, JSON.stringify(snapshot));
        return file;
      };
      const same = await run("--json", "--snapshot", write(wire!.Certificate!.Thumbprint.toLowerCase()), target);
      expect((JSON.parse(same.out) as EndpointResult[])[0]!.Findings.map((f) => f.Id)).not.toContain("P21");
      const other = await run("--json", "--snapshot", write("AB".repeat(20)), target);
      expect(other.code).toBe(3);
      const [result] = JSON.parse(other.out) as EndpointResult[];
      expect(result!.Verdict).toBe("Failed");
      expect(result!.Findings.find((f) => f.Id === "P21")?.Evidence).toMatchObject({ WireThumbprint: wire!.Certificate!.Thumbprint, ConfiguredThumbprint: "AB".repeat(20) });
    });
  });
});
