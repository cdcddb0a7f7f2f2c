import type { CauseFixtures } from "./case.js";
import { eventGroup, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";
import type { RdpDiagnosticSnapshot, SchannelProtocol } from "../../src/snapshot/types.js";

const schannel = (id: number, count: number, detail: string | null) => eventGroup(PROVIDER.schannel, id, count, detail);

const off = (protocol: string, role: "Server" | "Client"): SchannelProtocol => ({ Protocol: protocol, Role: role, Enabled: 0, DisabledByDefault: 1 });
const on = (protocol: string, role: "Server" | "Client"): SchannelProtocol => ({ Protocol: protocol, Role: role, Enabled: 1, DisabledByDefault: 0 });

/** Windows Server 2019: no TLS 1.3 in SCHANNEL. */
function server2019(s: RdpDiagnosticSnapshot): void {
  s.Host.OSVersion = "10.0.17763";
  s.Host.OSCaption = "Microsoft Windows Server 2019 Datacenter";
  s.Host.PSVersion = "5.1.17763.6189";
}

export const fixtures: CauseFixtures = {
  cause: "C08",
  cases: [
    { name: "pass-healthy", description: "SCHANNEL at OS defaults (no Protocols keys), no cipher-order policy, no Schannel errors.", expected: "Pass", patch: () => {} },
    {
      name: "pass-legacy-tls-disabled",
      description: "Hardened: TLS 1.0/1.1 off and TLS 1.2 explicitly on for both roles; disabling old versions is not a fault.",
      expected: "Pass",
      patch: (s) => {
        s.Schannel.Protocols = ["TLS 1.0", "TLS 1.1"].flatMap((p) => [off(p, "Server"), off(p, "Client")]);
        s.Schannel.Protocols.push(on("TLS 1.2", "Server"), on("TLS 1.2", "Client"));
      },
    },
    {
      name: "fail-tls12-server-off",
      description: "Server 2019 with TLS 1.2 disabled for the server role by a hardening script gone wrong; Schannel logs 36871 state 10013.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        server2019(s);
        s.Schannel.Protocols = [off("TLS 1.0", "Server"), off("TLS 1.1", "Server"), off("TLS 1.2", "Server")];
        s.Events.Groups.push(schannel(36871, 14, "10013"));
      },
    },
    {
      name: "fail-tls12-client-off",
      description: "Server 2019 where mstsc also runs: TLS 1.2 DisabledByDefault=1 for the client role, TLS 1.0/1.1 off.",
      expected: "Fail",
      patch: (s) => {
        server2019(s);
        s.Schannel.Protocols = [off("TLS 1.0", "Client"), off("TLS 1.1", "Client"), { Protocol: "TLS 1.2", Role: "Client", Enabled: null, DisabledByDefault: 1 }];
      },
    },
    {
      name: "fail-credential-10013",
      description: "Protocol keys at defaults, but Schannel logged 36871 state 10013 (for example a policy limiting the suites).",
      expected: "Fail",
      patch: (s) => {
        s.Events.Groups.push(schannel(36871, 6, "10013"));
      },
    },
    {
      name: "fail-cipher-policy",
      description: "A cipher-order policy lists only ECDSA suites while the RDP certificate is RSA; Schannel logs 36874.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        s.Schannel.CipherSuitePolicy = ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"];
        s.Events.Groups.push(schannel(36874, 9, null));
      },
    },
    {
      name: "warn-tls13-only",
      description: "Server 2022 with TLS 1.2 off for the server role: only TLS 1.3 is left, which older clients lack.",
      expected: "Warn",
      patch: (s) => {
        s.Schannel.Protocols = [off("TLS 1.2", "Server")];
      },
    },
    {
      name: "warn-fatal-alerts",
      description: "Schannel 36888 with alert 70 (protocol_version) was logged; no setting is visibly wrong.",
      expected: "Warn",
      patch: (s) => {
        s.Events.Groups.push(schannel(36888, 3, "70"));
      },
    },
    {
      name: "unknown-schannel-unreadable",
      description: "The SCHANNEL keys could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Schannel.Error = "access denied";
      },
    },
    {
      name: "notapplicable-rdp-security",
      description: "The listener uses Standard RDP Security (SecurityLayer 0), so TLS is never negotiated (C09 judges that).",
      expected: "NotApplicable",
      patch: (s) => {
        s.Listener.SecurityLayer = { Local: 0, Policy: null, Effective: 0, Source: "Local", Error: null };
        s.Listener.UserAuthentication = { Local: 0, Policy: null, Effective: 0, Source: "Local", Error: null };
      },
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed.",
      expected: "NotApplicable",
      patch: withoutTermService,
    },
  ],
};
