// The Pester Integration suites (pester/Commands/TestRdpEndpoint.Tests.ps1, TestRdGateway.Tests.ps1) probe the
// same real peers as vitest: this starts the lab (test/peers/lab.ts) for the Pester run, passes the ports in the
// RDP_LAB_* variables those suites read, and stops every peer afterwards. Without the peers the suites skip.
import { labUnavailableReason, startLab, type PeerLab } from '../../test/peers/lab.ts';

export interface PesterLab {
  readonly env: Record<string, string>;
  readonly note: string;
  stop(): Promise<void>;
}

export async function startPesterLab(): Promise<PesterLab> {
  const reason = labUnavailableReason();
  if (reason !== null) return { env: {}, note: `peer lab not started: ${reason}`, stop: async () => {} };
  let lab: PeerLab;
  try {
    lab = await startLab({ shadow: true, fakes: false, rdg: true });
  } catch (e) {
    return { env: {}, note: `peer lab failed to start: ${(e as Error).message}`, stop: async () => {} };
  }
  const env: Record<string, string> = {
    RDP_LAB_HOST: '127.0.0.1',
    RDP_LAB_XRDP_PORT: String(lab.xrdp['neg-valid'].port),
    RDP_LAB_XRDP_RDP_PORT: String(lab.xrdp['rdp-only'].port),
    RDP_LAB_XRDP_NOCERT_PORT: String(lab.xrdp['tls-nocert'].port),
    RDP_LAB_RDG_PORT: String(lab.rdg.healthy.port),
  };
  const nla = lab.shadow['shadow-nla'];
  if (nla !== undefined) env.RDP_LAB_SHADOW_NLA_PORT = String(nla.port);
  return { env, note: `peer lab up for Pester: ${Object.keys(env).length - 1} ports`, stop: () => lab.stop() };
}
