/**
 * The real-peer lab (test/peers/*): every peer starts, answers an X.224 Connection Request exactly as recorded in
 * protocol-probe.md s3, the fault fakes and RD Gateway mocks behave as specified (s3 "Non-RDP peers", s8), and every
 * process is gone afterwards. Skipped as a whole when xrdp is not installed (node scripts/peers/install-peers.mjs).
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CA_SUBJECT_CN, EXPIRED_NOT_AFTER, EXPIRED_NOT_BEFORE, WINLIKE_CN } from './peers/certificates.js';
import { labUnavailableReason, startLab, type PeerLab } from './peers/lab.js';
import { isListening, pidAlive } from './peers/port-utils.js';
import {
  DPU, LEGACY_CC, SHADOW_FAIL, SHADOW_HYBRID, XRDP_FAIL_NO_CERT, XRDP_FAIL_SSL_REQUIRED, XRDP_RDP, XRDP_SSL,
} from './peers/recorded-answers.js';
import { rdgExchange, tlsProbe } from './peers/test-clients.js';
import { PROTOCOL, exchangeX224, hex } from './peers/x224.js';

const SKIP = labUnavailableReason();
if (SKIP) console.warn(`peers.test.ts skipped: ${SKIP}`);

describe.skipIf(SKIP !== null)(`real RDP peers on 127.0.0.1${SKIP ? ` (SKIPPED: ${SKIP})` : ''}`, () => {
  let lab: PeerLab;
  const fileStart = Date.now();

  beforeAll(async () => {
    lab = await startLab();
    console.log(`peer lab up: ${JSON.stringify(lab.timings)}`);
  }, 30_000);

  afterAll(async () => {
    await lab?.stop();
    console.log(`peers.test.ts wall time: ${Date.now() - fileStart} ms`);
  });

  describe('xrdp', () => {
    it('neg-valid selects PROTOCOL_SSL and serves a self-signed RSA-2048 cert over TLS 1.3', async () => {
      expect(hex((await exchangeX224(lab.xrdp['neg-valid'].port)).firstTpkt)).toBe(XRDP_SSL);
      const t = await tlsProbe(lab.xrdp['neg-valid'].port);
      expect(t.version).toBe('TLSv1.3');
      expect(t.cert.subject).toContain('CN=localhost');
      expect(t.cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    });

    it('neg-expired selects SSL and completes TLS with the 2020-2021 certificate', async () => {
      expect(hex((await exchangeX224(lab.xrdp['neg-expired'].port)).firstTpkt)).toBe(XRDP_SSL);
      const t = await tlsProbe(lab.xrdp['neg-expired'].port);
      expect(new Date(t.cert.validFrom).toISOString()).toBe(EXPIRED_NOT_BEFORE);
      expect(new Date(t.cert.validTo).toISOString()).toBe(EXPIRED_NOT_AFTER);
      expect(t.authError).toBe('CERT_HAS_EXPIRED');
    });

    it('rdp-only selects PROTOCOL_RDP even for an SSL offer (never SSL_NOT_ALLOWED, P4)', async () => {
      expect(hex((await exchangeX224(lab.xrdp['rdp-only'].port)).firstTpkt)).toBe(XRDP_RDP);
      expect(hex((await exchangeX224(lab.xrdp['rdp-only'].port, { requestedProtocols: PROTOCOL.SSL })).firstTpkt)).toBe(XRDP_RDP);
    });

    it('tls-valid selects SSL, rejects an RDP-only offer with SSL_REQUIRED_BY_SERVER, and confirms+drops a legacy CR', async () => {
      const port = lab.xrdp['tls-valid'].port;
      expect(hex((await exchangeX224(port)).firstTpkt)).toBe(XRDP_SSL);
      const rdpOnly = await exchangeX224(port, { requestedProtocols: PROTOCOL.RDP });
      expect(hex(rdpOnly.firstTpkt)).toBe(XRDP_FAIL_SSL_REQUIRED);
      expect(rdpOnly.confirm).toMatchObject({ kind: 'NegotiationFailure', name: 'SSL_REQUIRED_BY_SERVER' });
      const legacy = await exchangeX224(port, { requestedProtocols: null, lingerMs: 150 });
      expect(hex(legacy.bytes)).toBe(LEGACY_CC + DPU);
    });

    it('tls-valid serves the Windows-like cert that checkIssued(self) misses (P5)', async () => {
      const t = await tlsProbe(lab.xrdp['tls-valid'].port);
      expect(t.cert.subject).toBe(`CN=${WINLIKE_CN}`);
      expect(t.cert.issuer).toBe(t.cert.subject);
      expect(t.cert.checkIssued(t.cert)).toBe(false);
      expect(t.cert.verify(t.cert.publicKey)).toBe(true);
    });

    it('tls-nocert answers SSL_CERT_NOT_ON_SERVER (3)', async () => {
      const x = await exchangeX224(lab.xrdp['tls-nocert'].port);
      expect(hex(x.firstTpkt)).toBe(XRDP_FAIL_NO_CERT);
      expect(x.confirm).toMatchObject({ kind: 'NegotiationFailure', name: 'SSL_CERT_NOT_ON_SERVER' });
    });

    it('neg-nocert silently falls back to PROTOCOL_RDP', async () => {
      expect(hex((await exchangeX224(lab.xrdp['neg-nocert'].port)).firstTpkt)).toBe(XRDP_RDP);
    });

    it('tls-cachain serves an EC P-256 leaf issued by the private root', async () => {
      expect(hex((await exchangeX224(lab.xrdp['tls-cachain'].port)).firstTpkt)).toBe(XRDP_SSL);
      const t = await tlsProbe(lab.xrdp['tls-cachain'].port);
      expect(t.cert.issuer).toContain(`CN=${CA_SUBJECT_CN}`);
      expect(t.cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      expect(t.authError).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    });

    it('neg-badkey confirms SSL, then sends an MCS Disconnect Provider Ultimatum and closes', async () => {
      const x = await exchangeX224(lab.xrdp['neg-badkey'].port, { lingerMs: 300 });
      expect(hex(x.bytes)).toBe(XRDP_SSL + DPU);
      expect(x.after).toMatchObject({ kind: 'McsDisconnect', reason: 'rn-user-requested' });
      expect(x.closedByPeer).toBe(true);
    });

    it('tls10-weak negotiates TLS 1.0 with an RSA-1024 cert', async () => {
      expect(hex((await exchangeX224(lab.xrdp['tls10-weak'].port)).firstTpkt)).toBe(XRDP_SSL);
      const t = await tlsProbe(lab.xrdp['tls10-weak'].port);
      expect(t.version).toBe('TLSv1');
      expect(t.cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    });

    it('answers requestedProtocols > 0xb with a DPU instead of a CC', async () => {
      const x = await exchangeX224(lab.xrdp['neg-valid'].port, { requestedProtocols: PROTOCOL.RDSAAD });
      expect(hex(x.firstTpkt)).toBe(DPU);
      expect(x.confirm.kind).toBe('McsDisconnect');
    });
  });

  describe('freerdp-shadow-cli (NLA codes)', () => {
    const shadow = (name: 'shadow-nla' | 'shadow-default' | 'shadow-rdp' | 'shadow-tls') => {
      if (lab.shadowSkipReason) return null;
      return lab.shadow[name]!.port;
    };

    it('/sec:nla selects PROTOCOL_HYBRID for 0x0B and answers HYBRID_REQUIRED_BY_SERVER to SSL', async (ctx) => {
      const port = shadow('shadow-nla');
      if (port === null) return ctx.skip(`shadow peer unavailable: ${lab.shadowSkipReason}`);
      expect(hex((await exchangeX224(port)).firstTpkt)).toBe(SHADOW_HYBRID);
      const fail = await exchangeX224(port, { requestedProtocols: PROTOCOL.SSL });
      expect(hex(fail.firstTpkt)).toBe(SHADOW_FAIL(5));
      expect(fail.confirm).toMatchObject({ kind: 'NegotiationFailure', name: 'HYBRID_REQUIRED_BY_SERVER' });
    });

    it('/sec:rdp answers SSL_NOT_ALLOWED_BY_SERVER to an SSL offer', async (ctx) => {
      const port = shadow('shadow-rdp');
      if (port === null) return ctx.skip(`shadow peer unavailable: ${lab.shadowSkipReason}`);
      const x = await exchangeX224(port, { requestedProtocols: PROTOCOL.SSL });
      expect(hex(x.firstTpkt)).toBe(SHADOW_FAIL(2));
      expect(x.confirm).toMatchObject({ kind: 'NegotiationFailure', name: 'SSL_NOT_ALLOWED_BY_SERVER' });
    });

    it('/sec:tls answers SSL_REQUIRED_BY_SERVER to an RDP offer; default picks SSL and refuses RDSTLS', async (ctx) => {
      const tlsPort = shadow('shadow-tls');
      const defPort = shadow('shadow-default');
      if (tlsPort === null || defPort === null) return ctx.skip(`shadow peer unavailable: ${lab.shadowSkipReason}`);
      expect(hex((await exchangeX224(tlsPort, { requestedProtocols: PROTOCOL.RDP })).firstTpkt)).toBe(SHADOW_FAIL(1));
      const def = await exchangeX224(defPort, { requestedProtocols: PROTOCOL.SSL | PROTOCOL.HYBRID });
      expect(def.confirm).toMatchObject({ kind: 'NegotiationResponse', selectedProtocol: PROTOCOL.SSL, flags: 0x03 });
      expect(hex((await exchangeX224(defPort, { requestedProtocols: PROTOCOL.RDSTLS })).firstTpkt)).toBe(SHADOW_FAIL(2));
    });
  });

  describe.concurrent('fault peers', () => {
    it('closed port refuses', async () => {
      expect(await exchangeX224(lab.fakes.closed.port)).toMatchObject({ connected: false, error: 'ECONNREFUSED' });
    });
    it('silent peer accepts and never answers', async () => {
      const x = await exchangeX224(lab.fakes.silent.port, { timeoutMs: 250 });
      expect(x).toMatchObject({ connected: true, timedOut: true, error: null, closedByPeer: false });
      expect(x.bytes.length).toBe(0);
    });
    it('reset peer sends RST after the CR', async () => {
      expect((await exchangeX224(lab.fakes.reset.port)).error).toBe('ECONNRESET');
    });
    it('SSH peer greets with a banner', async () => {
      const x = await exchangeX224(lab.fakes.ssh.port);
      expect(x.confirm.kind).toBe('NotTpkt');
      expect(x.bytes.toString('latin1')).toMatch(/^SSH-2\.0-/);
    });
    it('HTTP peer answers 400', async () => {
      expect((await exchangeX224(lab.fakes.http.port)).bytes.toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
    });
    it('TLS-only peer closes on the CR but completes a direct handshake', async () => {
      const x = await exchangeX224(lab.fakes.tls.port, { timeoutMs: 1000 });
      expect(x.closedByPeer || x.error !== null).toBe(true);
      expect(x.confirm.kind === 'NegotiationResponse' || x.confirm.kind === 'NegotiationFailure').toBe(false);
      const version = await new Promise<string | null>((resolve, reject) => {
        const t = tls.connect({ host: '127.0.0.1', port: lab.fakes.tls.port, rejectUnauthorized: false }, () => { resolve(t.getProtocol()); t.destroy(); });
        t.on('error', reject);
      });
      expect(version).toMatch(/^TLSv1\.[23]$/);
    });
    it('full-backlog peer lets connect() time out (SYN dropped, P11)', async () => {
      const x = await exchangeX224(lab.fakes['full-backlog'].port, { timeoutMs: 400 });
      expect(x).toMatchObject({ connected: false, timedOut: true, error: null });
      expect(x.bytes.length).toBe(0);
    });
  });

  describe.concurrent('RD Gateway mock', () => {
    it('healthy: 401 offering Negotiate and NTLM, request parsed as RDG_OUT_DATA', async () => {
      const r = await rdgExchange(lab.rdg.healthy.port);
      expect(r.text).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
      expect(r.text).toContain('WWW-Authenticate: Negotiate\r\n');
      expect(r.text).toContain('WWW-Authenticate: NTLM\r\n');
      expect(r.text).toContain('Content-Length: 0\r\n');
      expect(lab.rdg.healthy.requests[0]).toMatchObject({ method: 'RDG_OUT_DATA', target: '/remoteDesktopGateway/' });
    });
    it('nocl: 401 without Content-Length, keeps the connection open', async () => {
      const r = await rdgExchange(lab.rdg.nocl.port);
      expect(r.text).toMatch(/^HTTP\/1\.1 401 /);
      expect(r.text.toLowerCase()).not.toContain('content-length');
      expect(r.closed).toBe(false);
    });
    it('reset: RST after the request head', async () => {
      expect((await rdgExchange(lab.rdg.reset.port)).error).toBe('ECONNRESET');
    });
    it('garbage: a non-HTTP status line', async () => {
      expect((await rdgExchange(lab.rdg.garbage.port)).text.startsWith('\x00\x01garbage')).toBe(true);
    });
    it('hang: no answer at all', async () => {
      expect(await rdgExchange(lab.rdg.hang.port)).toMatchObject({ text: '', closed: false, error: null });
    });
    it('503 and 404 status lines', async () => {
      expect((await rdgExchange(lab.rdg['503'].port)).text).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
      expect((await rdgExchange(lab.rdg.nogw.port)).text).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    });
  });

  it('stops every peer: PIDs gone, ports closed', async () => {
    const procs = lab.processes();
    expect(procs.length).toBeGreaterThanOrEqual(10); // 9 xrdp + backlog child (+ 4 shadow + Xvfb)
    for (const p of procs) expect(pidAlive(p.pid), `${p.name} pid ${p.pid} alive before stop`).toBe(true);
    await lab.stop();
    for (const p of procs) {
      expect(pidAlive(p.pid), `${p.name} pid ${p.pid} still alive`).toBe(false);
      if (p.port !== null) expect(isListening(p.port), `${p.name} port ${p.port} still listens`).toBe(false);
    }
  });
});
