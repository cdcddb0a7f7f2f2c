import type { CauseFixtures } from "./case.js";
import { FIXTURE_NOW } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

const rcm = (id: number, count: number) => ({
  Log: "System", Provider: PROVIDER.rcm, Id: id, Detail: null, Count: count, LastSeen: FIXTURE_NOW,
});

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
        s.Events.Groups.push(rcm(1058, 2));
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
        const custom = {
          ...s.Certificates.RemoteDesktop[0]!,
          Thumbprint: "9C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D",
          Issuer: "CN=Contoso Issuing CA 01, DC=contoso, DC=local",
          NotAfter: "2027-09-01T08:00:00.0000000Z",
          SelfSigned: false,
          KeyFile: "0a1b2c3d4e5f60718293a4b5c6d7e8f9_6b1c3a0e-5d2f-4c1b-9a8e-7f6e5d4c3b2a",
        };
        s.Certificates.My = [custom];
        s.Listener.WmiCertificateHashType = 3;
        s.Listener.WmiCertificateHash = custom.Thumbprint;
        s.Listener.SslCertificateSha1Hash = custom.Thumbprint;
        // The unused self-signed certificate expired; that must not count against C05.
        s.Certificates.RemoteDesktop[0]!.NotAfter = "2026-10-01T08:00:00.0000000Z";
      },
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed.",
      expected: "NotApplicable",
      patch: (s) => {
        s.Services[0] = { Name: "TermService", Status: "Missing", StartType: null, Error: null };
      },
    },
  ],
};
