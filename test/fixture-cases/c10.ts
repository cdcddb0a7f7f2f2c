import type { CauseFixtures } from "./case.js";
import { dword, eventGroup, policyDword, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

const credssp6041 = eventGroup(PROVIDER.lsaSrv, 6041, 4);

export const fixtures: CauseFixtures = {
  cause: "C10",
  cases: [
    { name: "pass-healthy", description: "AllowEncryptionOracle at its default (Mitigated), secure channel OK, no 6041.", expected: "Pass", patch: () => {} },
    {
      name: "pass-force-updated",
      description: "Force Updated Clients (0) by Group Policy with every peer patched: hardened, not a fault.",
      expected: "Pass",
      patch: (s) => {
        s.CredSsp.AllowEncryptionOracle = policyDword(null, 0, 1);
      },
    },
    {
      name: "fail-oracle-mismatch",
      description: "This patched computer is set to Force Updated Clients and logged LsaSrv 6041 connecting to an unpatched server.",
      expected: "Fail",
      patch: (s) => {
        s.CredSsp.AllowEncryptionOracle = policyDword(0, null, 1);
        s.Events.Groups.push(credssp6041);
      },
    },
    {
      name: "fail-secure-channel",
      description: "The domain secure channel is broken; the client shows 0x1807 (no authenticating authority).",
      expected: "Fail",
      errorCode: 0x1807,
      patch: (s) => {
        s.Host.SecureChannelOk = false;
      },
    },
    {
      name: "warn-vulnerable",
      description: "A guide set AllowEncryptionOracle to 2 (Vulnerable); connections work, CVE-2018-0886 is open.",
      expected: "Warn",
      patch: (s) => {
        s.CredSsp.AllowEncryptionOracle = policyDword(2, null, 1);
      },
    },
    {
      name: "warn-disable-domain-creds",
      description: "Lsa\\disabledomaincreds is 1, so saved RDP credentials cannot be used.",
      expected: "Warn",
      patch: (s) => {
        s.CredSsp.DisableDomainCreds = dword(1);
      },
    },
    {
      name: "unknown-unreadable",
      description: "The CredSSP settings could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.CredSsp.AllowEncryptionOracle = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" };
        s.CredSsp.Error = "access denied";
      },
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed and no CredSSP failures were logged.",
      expected: "NotApplicable",
      patch: withoutTermService,
    },
  ],
};
