import type { CauseFixtures } from "./case.js";
import { eventGroup, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";
import type { RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

const everyone = (s: RdpDiagnosticSnapshot) => s.Certificates.MachineKeysAcl.find((r) => r.Sid === "S-1-1-0")!;

export const fixtures: CauseFixtures = {
  cause: "C06",
  cases: [
    { name: "pass-healthy", description: "The folder ACL as the RDP articles describe it (Administrators Full, Everyone Read and Write) and the documented RDP key-file ACL.", expected: "Pass", patch: () => {} },
    {
      name: "pass-kb278381-acl",
      description: "The folder ACL exactly as KB278381 lists it (Everyone special rights without Synchronize; Administrators Full Control also inherited): healthy too.",
      expected: "Pass",
      patch: (s) => {
        everyone(s).Rights = "Write, Read";
        s.Certificates.MachineKeysAcl.find((r) => r.Sid === "S-1-5-32-544")!.Inherits = true;
      },
    },
    {
      name: "fail-everyone-write-missing",
      description: "Everyone lost 'create files / write data' on MachineKeys; renewal of the still-valid certificate fails (1058 Access is denied).",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        everyone(s).Rights = "Read, Synchronize";
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1058, 3));
      },
    },
    {
      name: "fail-administrators-missing",
      description: "The Administrators entry was removed from MachineKeys; the certificate cannot be created (1057).",
      expected: "Fail",
      patch: (s) => {
        s.Certificates.MachineKeysAcl = s.Certificates.MachineKeysAcl.filter((r) => r.Sid !== "S-1-5-32-544");
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1057, 2));
      },
    },
    {
      name: "fail-rdp-key-acl",
      description: "The RDP key file lost NETWORK SERVICE Read; Schannel 36870 (0x8009030D) is logged, the certificate itself is valid.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        const cert = s.Certificates.RemoteDesktop[0]!;
        cert.KeyAcl = cert.KeyAcl.filter((r) => r.Sid !== "S-1-5-20");
        s.Events.Groups.push(eventGroup(PROVIDER.schannel, 36870, 4, "10001"));
      },
    },
    {
      name: "fail-network-service-denied",
      description: "A Deny entry for NETWORK SERVICE on the RDP key file overrides its Read grant.",
      expected: "Fail",
      patch: (s) => {
        s.Certificates.RemoteDesktop[0]!.KeyAcl.push({ Sid: "S-1-5-20", Rights: "Read, Synchronize", Type: "Deny", Inherits: false });
        s.Events.Groups.push(eventGroup(PROVIDER.schannel, 36870, 1, "10001"));
      },
    },
    {
      name: "warn-broad-grant",
      description: "A guide's script gave Everyone inherited Full Control on MachineKeys: connections work, every machine key is exposed.",
      expected: "Warn",
      patch: (s) => {
        Object.assign(everyone(s), { Rights: "FullControl", Inherits: true });
      },
    },
    {
      name: "unknown-access-denied",
      description: "Not elevated: the MachineKeys ACL could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Host.IsElevated = false;
        s.Certificates.MachineKeysAcl = [];
        s.Certificates.MachineKeysOwner = null;
        s.Certificates.MachineKeysError = "access denied";
      },
    },
    {
      name: "unknown-key-acl-unreadable",
      description: "The folder ACL is fine but the RDP key file's ACL could not be read.",
      expected: "Unknown",
      patch: (s) => {
        const cert = s.Certificates.RemoteDesktop[0]!;
        cert.KeyAcl = [];
        cert.KeyError = "access denied";
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
