import type { CauseFixtures } from "./case.js";
import { customCertificate, eventGroup, pinCustomCertificate, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";
import type { CertificateInfo, RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

/** Binds a CA-issued certificate from the Personal store, as R11 does; returns it for further patching. */
function bindCustom(s: RdpDiagnosticSnapshot): CertificateInfo {
  const custom: CertificateInfo = {
    ...customCertificate(s),
    NotBefore: "2026-03-01T08:00:00.0000000Z",
    KeyAcl: [
      { Sid: "S-1-5-18", Rights: "FullControl", Type: "Allow", Inherits: false },
      { Sid: "S-1-5-32-544", Rights: "FullControl", Type: "Allow", Inherits: false },
      { Sid: "S-1-5-20", Rights: "Read, Synchronize", Type: "Allow", Inherits: false },
    ],
  };
  pinCustomCertificate(s, custom);
  return custom;
}

export const fixtures: CauseFixtures = {
  cause: "C07",
  cases: [
    {
      name: "pass-custom-bound",
      description: "A valid CA-issued Server Authentication certificate is bound and NETWORK SERVICE can read its key.",
      expected: "Pass",
      patch: (s) => {
        bindCustom(s);
      },
    },
    {
      name: "fail-expired",
      description: "The bound custom certificate expired on 2026-10-01; the listener logged 1051 and fell back.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        bindCustom(s).NotAfter = "2026-10-01T08:00:00.0000000Z";
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1051, 5));
      },
    },
    {
      name: "fail-renewed-but-pin-not-updated",
      description: "The certificate was renewed (new thumbprint, valid) but the pin still names the old one, which is gone; a store-wide check would call this healthy.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        const renewed = bindCustom(s);
        renewed.Thumbprint = "1122334455667788990011223344556677889900";
      },
    },
    {
      name: "fail-bound-expired-next-to-valid",
      description: "The bound certificate expired while a newer valid one sits next to it in the Personal store, not yet bound.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        const bound = bindCustom(s);
        bound.NotAfter = "2026-10-01T08:00:00.0000000Z";
        s.Certificates.My.push({ ...bound, Thumbprint: "1122334455667788990011223344556677889900", NotAfter: "2028-01-01T08:00:00.0000000Z" });
      },
    },
    {
      name: "fail-expired-on-broker",
      description: "Same expiry on an RD Connection Broker: the fix must rebind, never delete the pin (R9).",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        s.Host.IsConnectionBroker = true;
        bindCustom(s).NotAfter = "2026-10-01T08:00:00.0000000Z";
      },
    },
    {
      name: "fail-no-server-auth",
      description: "The bound certificate has only the Client Authentication purpose.",
      expected: "Fail",
      patch: (s) => {
        bindCustom(s).ServerAuthentication = false;
      },
    },
    {
      name: "fail-binding-not-valid",
      description: "The pin points at a certificate that was deleted; WMI reports SSLCertificateSHA1HashType 0.",
      expected: "Fail",
      patch: (s) => {
        bindCustom(s);
        s.Certificates.My = [];
        s.Listener.WmiCertificateHashType = 0;
      },
    },
    {
      name: "fail-no-network-service-read",
      description: "The bound key gives only SYSTEM and Administrators access; RemoteConnectionManager logged 1055.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        const custom = bindCustom(s);
        custom.KeyAcl = custom.KeyAcl.filter((r) => r.Sid !== "S-1-5-20");
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1055, 3));
      },
    },
    {
      name: "fail-fallback-events",
      description: "The Personal store also holds a good certificate, but the listener logged 1051: the pinned one is not usable.",
      expected: "Fail",
      patch: (s) => {
        const custom = bindCustom(s);
        s.Certificates.My.push({ ...custom, Thumbprint: "1111111111111111111111111111111111111111", Subject: "CN=web.contoso.local" });
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1051, 2));
      },
    },
    {
      name: "warn-expiring",
      description: "The bound certificate expires in 9 days.",
      expected: "Warn",
      patch: (s) => {
        bindCustom(s).NotAfter = "2026-12-01T08:00:00.0000000Z";
      },
    },
    {
      name: "unknown-store-denied",
      description: "A custom certificate is pinned, but the Personal store could not be read.",
      expected: "Unknown",
      patch: (s) => {
        bindCustom(s);
        s.Certificates.My = [];
        s.Certificates.MyError = "access denied";
      },
    },
    {
      name: "unknown-key-acl-unreadable",
      description: "The bound certificate is valid but its key ACL could not be read.",
      expected: "Unknown",
      patch: (s) => {
        const custom = bindCustom(s);
        custom.KeyAcl = [];
        custom.KeyError = "access denied";
      },
    },
    {
      name: "notapplicable-self-signed",
      description: "The healthy base: the self-signed certificate is in use (HashType 1, no pin).",
      expected: "NotApplicable",
      patch: () => {},
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed.",
      expected: "NotApplicable",
      patch: withoutTermService,
    },
  ],
};
