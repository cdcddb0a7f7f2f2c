import type { CauseFixtures } from "./case.js";
import { dword, eventGroup, policyDword, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

const rcm1050 = eventGroup(PROVIDER.rcm, 1050, 2);

export const fixtures: CauseFixtures = {
  cause: "C09",
  cases: [
    { name: "pass-healthy", description: "SecurityLayer 2, UserAuthentication 1, MinEncryptionLevel 3, negotiation on.", expected: "Pass", patch: () => {} },
    {
      name: "pass-fips-with-tls",
      description: "FIPS policy on with the TLS security layer: TLS carries the encryption, nothing contradicts.",
      expected: "Pass",
      patch: (s) => {
        s.Host.FipsAlgorithmPolicy = dword(1);
        s.Listener.MinEncryptionLevel = policyDword(4, null, 2);
      },
    },
    {
      name: "fail-nla-with-rdp-security",
      description: "A guide set SecurityLayer 0 and left NLA on; RemoteConnectionManager logged 1050.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        s.Listener.SecurityLayer = policyDword(0, null, 1);
        s.Events.Groups.push(rcm1050);
      },
    },
    {
      name: "fail-fips-rdp-security",
      description: "FIPS policy on with Standard RDP Security and NLA off: clients without FIPS encryption are denied (extended 0x8).",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x8,
      patch: (s) => {
        s.Host.FipsAlgorithmPolicy = dword(1);
        s.Listener.SecurityLayer = policyDword(0, null, 1);
        s.Listener.UserAuthentication = policyDword(0, null, 1);
      },
    },
    {
      name: "fail-policy-rdp-security",
      description: "Group Policy forces the RDP security layer and turns NLA off; a local fix would be reverted.",
      expected: "Fail",
      patch: (s) => {
        s.Listener.SecurityLayer = policyDword(2, 0, 1);
        s.Listener.UserAuthentication = policyDword(1, 0, 1);
      },
    },
    {
      name: "fail-invalid-value",
      description: "Someone used the class page's 1-3 numbering and wrote SecurityLayer 3.",
      expected: "Fail",
      patch: (s) => {
        s.Listener.SecurityLayer = policyDword(3, null, 1);
      },
    },
    {
      name: "warn-negotiate",
      description: "SecurityLayer 1 (Negotiate), the Windows default: works, but weaker than Microsoft's target.",
      expected: "Warn",
      patch: (s) => {
        s.Listener.SecurityLayer = policyDword(null, null, 1);
      },
    },
    {
      name: "warn-negotiation-off",
      description: "fAllowSecProtocolNegotiation is 0.",
      expected: "Warn",
      patch: (s) => {
        s.Listener.fAllowSecProtocolNegotiation = dword(0);
      },
    },
    {
      name: "unknown-unreadable",
      description: "The RDP-Tcp security values could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Listener.SecurityLayer = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" };
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
