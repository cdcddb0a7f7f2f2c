import type { CauseFixtures } from "./case.js";
import { customCertificate, eventGroup, pinCustomCertificate, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

export const fixtures: CauseFixtures = {
  cause: "C05",
  cases: [
    { name: "pass-healthy", description: "One valid self-signed certificate with its key; no errors logged.", expected: "Pass", patch: () => {} },
    {
      name: "fail-expired",
      description: "The only certificate expired on 2026-10-01 and was not renewed.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        s.Certificates.RemoteDesktop[0]!.NotAfter = "2026-10-01T08:00:00.0000000Z";
      },
    },
    {
      name: "fail-missing",
      description: "The 'Remote Desktop' store is empty.",
      expected: "Fail",
      patch: (s) => {
        s.Certificates.RemoteDesktop = [];
      },
    },
    {
      name: "fail-no-private-key",
      description: "The certificate is valid but lost its private key.",
      expected: "Fail",
      patch: (s) => {
        const cert = s.Certificates.RemoteDesktop[0]!;
        cert.HasPrivateKey = false;
        cert.PrivateKeyReadable = false;
        cert.KeyFile = null;
        cert.KeyAcl = [];
      },
    },
    {
      name: "fail-renewal-events",
      description: "The certificate looks fine but RemoteConnectionManager logged 1058 (renewal failed) twice.",
      expected: "Fail",
      patch: (s) => {
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1058, 2));
      },
    },
    {
      name: "warn-expiring",
      description: "The certificate expires in 3 days.",
      expected: "Warn",
      patch: (s) => {
        s.Certificates.RemoteDesktop[0]!.NotAfter = "2026-11-25T08:00:00.0000000Z";
      },
    },
    {
      name: "unknown-access-denied",
      description: "Not elevated: the store could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Host.IsElevated = false;
        s.Certificates.RemoteDesktop = [];
        s.Certificates.RemoteDesktopError = "access denied";
      },
    },
    {
      name: "notapplicable-custom",
      description: "A custom certificate is bound (HashType 3), so the self-signed one is not used.",
      expected: "NotApplicable",
      patch: (s) => {
        pinCustomCertificate(s, customCertificate(s));
        // The unused self-signed certificate expired; that must not count against C05.
        s.Certificates.RemoteDesktop[0]!.NotAfter = "2026-10-01T08:00:00.0000000Z";
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
