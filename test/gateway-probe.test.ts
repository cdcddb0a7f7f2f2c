/**
 * The Node gateway probe (src/probe/gateway) and `rdp-doctor gateway` against the raw-TLS RD Gateway mock variants
 * of test/peers/rdg-mock.ts (protocol-probe.md section 8), plus the pure judging rules with fixed clocks.
 * Skipped as a whole when the peer lab cannot start here (test/peers/lab.ts labUnavailableReason).
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGatewayTarget, runGatewayCommand } from "../cli/gateway-command.js";
import { GATEWAY_RESULT_PROPERTIES, type GatewayResult } from "../src/probe/gateway-result.js";
import { describeCertificate } from "../src/probe/gateway/certificate.js";
import { judgeAnswer, judgeCertificate, parseAnswerHead } from "../src/probe/gateway/judge.js";
import { probeGateway } from "../src/probe/gateway/probe-gateway.js";
import { labUnavailableReason, startLab, type PeerLab } from "./peers/lab.js";
import { freePort } from "./peers/port-utils.js";
import type { RdgMode } from "./peers/rdg-mock.js";

const SKIP = labUnavailableReason();
if (SKIP) console.warn(`gateway-probe.test.ts skipped: ${SKIP}`);

const ids = (r: GatewayResult): string[] => r.Findings.map((f) => f.Id);

describe("gateway answer judging (no network)", () => {
  it("parses status, schemes and framing of the healthy HTTP.sys answer", () => {
    const head = parseAnswerHead("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\nContent-Length: 0");
    expect(head).toMatchObject({ HttpStatus: 401, AuthSchemes: ["Negotiate", "NTLM"], HasContentLength: true });
    expect(judgeAnswer(head)).toBeNull();
  });
  it.each([
    ["HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0", "G15"],
    ["HTTP/1.1 302 Found\r\nLocation: /login\r\nContent-Length: 0", "G14"],
    ["HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: NTLM\r\nConnection: close", null],
    ["HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: NTLM\r\nTransfer-Encoding: chunked", null],
  ])("judges %j as %s", (text, id) => {
    expect(judgeAnswer(parseAnswerHead(text))?.Id ?? null).toBe(id);
  });
  it("splits HOST[:PORT] targets", () => {
    expect(parseGatewayTarget("gw.contoso.test")).toEqual({ host: "gw.contoso.test", port: 443 });
    expect(parseGatewayTarget("gw:8443")).toEqual({ host: "gw", port: 8443 });
    expect(parseGatewayTarget("[::1]:444")).toEqual({ host: "::1", port: 444 });
    expect(parseGatewayTarget("fe80::1")).toEqual({ host: "fe80::1", port: 443 });
    expect(() => parseGatewayTarget("gw:99999")).toThrow(/1\.\.65535/);
  });
});

describe.skipIf(SKIP !== null)(`gateway probe against the RD Gateway mocks${SKIP ? ` (SKIPPED: ${SKIP})` : ""}`, () => {
  let lab: PeerLab;
  const port = (mode: RdgMode): number => lab.rdg[mode].port;
  const trusted = (): string[] => [readFileSync(lab.certs.valid.cert, "utf8")];
  const probe = (mode: RdgMode, timeoutMs = 3000) => probeGateway("127.0.0.1", { port: port(mode), timeoutMs, extraCa: trusted() });

  beforeAll(async () => {
    lab = await startLab({ shadow: false, fakes: false, rdg: true });
  }, 30_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it("healthy: 401 offering Negotiate and NTLM, trusted certificate, no findings", async () => {
    const r = await probe("healthy");
    expect(Object.keys(r)).toEqual([...GATEWAY_RESULT_PROPERTIES]);
    expect(r).toMatchObject({ Verdict: "Healthy", Stage: "Done", Reachable: true, HttpStatus: 401, AuthSchemes: ["Negotiate", "NTLM"] });
    expect(ids(r)).toEqual([]);
    expect(r.TlsVersion).toMatch(/^TLS 1\.[23]$/);
    const pem = new X509Certificate(readFileSync(lab.certs.valid.cert));
    expect(r.Certificate).toMatchObject({
      Subject: "O=ProbeLab, CN=localhost", ChainTrusted: true, NameMatches: true, IsExpired: false,
      Thumbprint: pem.fingerprint.replace(/:/g, ""), NotAfter: new Date(pem.validTo).toISOString(),
    });
  });
  it("sends RDG_OUT_DATA with the mstsc headers", async () => {
    const before = lab.rdg.healthy.requests.length;
    await probe("healthy");
    const head = lab.rdg.healthy.requests[before]!;
    expect(head.method).toBe("RDG_OUT_DATA");
    expect(head.target).toBe("/remoteDesktopGateway/");
    expect(head.headers).toMatchObject({ host: "127.0.0.1", connection: "Keep-Alive", "content-length": "0", "user-agent": "MS-RPC" });
    expect(head.headers["rdg-connection-id"]).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(head.headers["rdg-correlation-id"]).toMatch(/^\{[0-9a-f-]{36}\}$/);
  });
  it("healthy answer but a self-signed certificate this machine does not trust: G06, Failed", async () => {
    const r = await probeGateway("127.0.0.1", { port: port("healthy"), timeoutMs: 3000 });
    expect(r).toMatchObject({ Verdict: "Failed", HttpStatus: 401, AuthSchemes: ["Negotiate", "NTLM"] });
    expect(r.Certificate?.ChainTrusted).toBe(false);
    expect(ids(r)).toEqual(["G06"]);
  });
  it.each([
    ["nocl", 401, ["Negotiate"], "G08", "Done"],
    ["reset", null, [], "G09", "Http"],
    ["garbage", null, [], "G10", "Http"],
    ["503", 503, [], "G12", "Done"],
    ["nogw", 404, [], "G13", "Done"],
  ] as const)("%s: HttpStatus %s, schemes %j, finding %s", async (mode, status, schemes, id, stage) => {
    const r = await probe(mode);
    expect(r).toMatchObject({ Verdict: "Failed", Reachable: true, HttpStatus: status, AuthSchemes: schemes, Stage: stage });
    expect(ids(r)).toEqual([id]);
    expect(r.Findings[0]).toMatchObject({ Side: "Gateway", Status: "Fail", PolicyManaged: false, MatchesErrorCode: null });
  });
  it("hang: no answer within the timeout is G11", async () => {
    const r = await probe("hang", 300);
    expect(r).toMatchObject({ Verdict: "Failed", HttpStatus: null, AuthSchemes: [], Stage: "Http" });
    expect(ids(r)).toEqual(["G11"]);
  });
  it("a closed port is G02 at the Tcp stage, not reachable", async () => {
    const r = await probeGateway("127.0.0.1", { port: await freePort(), timeoutMs: 1000 });
    expect(r).toMatchObject({ Verdict: "Failed", Reachable: false, Stage: "Tcp", Certificate: null, TlsVersion: null });
    expect(ids(r)).toEqual(["G02"]);
  });
  it("a plain-text service is G03 at the Tls stage", async () => {
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => { accepted.push(s); s.on("error", () => {}); s.end("SSH-2.0-OpenSSH_9.6\r\n"); });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const r = await probeGateway("127.0.0.1", { port: (server.address() as net.AddressInfo).port, timeoutMs: 1000 });
      expect(r).toMatchObject({ Verdict: "Failed", Reachable: true, Stage: "Tls" });
      expect(ids(r)).toEqual(["G03"]);
    } finally {
      // The half-closed server side may never see 'close' after the client's TLS alert; close() would wait for it.
      for (const s of accepted) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });
  it("certificate findings: expired (G04 alone), expiring soon (G05), name mismatch (G07)", () => {
    const expired = new X509Certificate(readFileSync(lab.certs.expired.cert));
    const e = describeCertificate(expired, "xrdp-expired.test", false, new Date("2024-06-01T00:00:00Z"));
    expect(e).toMatchObject({ IsExpired: true, NotAfter: "2021-01-01T00:00:00.000Z", NotBefore: "2020-01-01T00:00:00.000Z", NameMatches: true });
    expect(e.DaysLeft).toBe(-1247);
    expect(judgeCertificate(e, "xrdp-expired.test", "CERT_HAS_EXPIRED").map((f) => f.Id)).toEqual(["G04"]);
    const soon = describeCertificate(expired, "xrdp-expired.test", true, new Date("2020-12-20T00:00:00Z"));
    expect(soon.DaysLeft).toBe(12);
    expect(judgeCertificate(soon, "xrdp-expired.test", null).map((f) => f.Id)).toEqual(["G05"]);
    const winlike = new X509Certificate(readFileSync(lab.certs.winlike.cert));
    const w = describeCertificate(winlike, "gw.contoso.test", true, new Date(winlike.validFrom));
    expect(w.NameMatches).toBe(false);
    expect(judgeCertificate(w, "gw.contoso.test", null).map((f) => f.Id)).toEqual(["G07"]);
  });

  describe("rdp-doctor gateway", () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runGatewayCommand(args, (s) => out.push(s), (s) => err.push(s));
      return { code, out: out.join("\n"), err: err.join("\n") };
    };
    it("exits 0 for a healthy gateway and prints the result shape with --json", async () => {
      const r = await run([`127.0.0.1:${port("healthy")}`, "--json", "--timeout", "3000", "--ca-file", lab.certs.valid.cert]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ Verdict: "Healthy", HttpStatus: 401, AuthSchemes: ["Negotiate", "NTLM"] });
    });
    it("exits 3 for a failed gateway and names the finding", async () => {
      const r = await run([`127.0.0.1:${port("nogw")}`, "--timeout", "3000"]);
      expect(r.code).toBe(3);
      expect(r.out).toContain("G13");
      expect(r.out).toContain("G06");
    });
    it.each([[[]], [["a", "b"]], [["gw", "--timeout", "soon"]], [["gw", "--bogus"]], [["gw:0"]], [["gw", "--ca-file", "/nonexistent/ca.pem"]]])(
      "exits 2 for bad usage %j", async (args) => {
        const r = await run(args);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/^rdp-doctor gateway: /);
      },
    );
  });
});
