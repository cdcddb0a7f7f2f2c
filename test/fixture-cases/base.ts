/**
 * Base snapshots the fixture cases patch: a healthy Windows Server 2022 RD Session Host that is also where the
 * admin runs mstsc. Typed as RdpDiagnosticSnapshot, so a change to the snapshot contract breaks the fixtures at
 * compile time instead of silently.
 */
import { PROVIDER } from "../../src/catalog/shared/events.js";
import type { CertificateInfo, DwordValue, EventGroup, PolicyDword, RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

/** Every fixture is judged at this instant (the snapshot's CollectedAt). */
export const FIXTURE_NOW = "2026-11-22T12:00:00.0000000Z";

export const dword = (value: number | null): DwordValue => ({ Value: value, Error: null });

export function policyDword(local: number | null, policy: number | null, fallback: number | null): PolicyDword {
  const source = policy !== null ? "Policy" : local !== null ? "Local" : "Default";
  return { Local: local, Policy: policy, Effective: policy ?? local ?? fallback, Source: source, Error: null };
}

/** Event logs the fixtures' event groups come from. */
export const EVENT_LOG = {
  system: "System",
  rcmAdmin: "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin",
  rcmOperational: "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational",
  rdpCoreTsOperational: "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
  rdpClientOperational: "Microsoft-Windows-TerminalServices-RDPClient/Operational",
} as const;

/** One Events.Groups entry; the System log and last seen at FIXTURE_NOW unless told otherwise. */
export function eventGroup(
  provider: string, id: number, count: number, detail: string | null = null, log: string = EVENT_LOG.system, lastSeen: string = FIXTURE_NOW,
): EventGroup {
  return { Log: log, Provider: provider, Id: id, Detail: detail, Count: count, LastSeen: lastSeen };
}

/** Patch: TermService is not installed (the first service of the healthy base). */
export function withoutTermService(s: RdpDiagnosticSnapshot): void {
  s.Services[0] = { Name: "TermService", Status: "Missing", StartType: null, Error: null };
}

/** Thumbprint of the CA-issued certificate the custom-binding cases pin (C05, C07). */
const CUSTOM_THUMBPRINT = "9C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D";

/** A CA-issued copy of the snapshot's self-signed RDP certificate, with its own key file; not yet in any store. */
export function customCertificate(s: RdpDiagnosticSnapshot): CertificateInfo {
  return {
    ...s.Certificates.RemoteDesktop[0]!,
    Thumbprint: CUSTOM_THUMBPRINT,
    Issuer: "CN=Contoso Issuing CA 01, DC=contoso, DC=local",
    NotAfter: "2027-09-01T08:00:00.0000000Z",
    SelfSigned: false,
    KeyFile: "0a1b2c3d4e5f60718293a4b5c6d7e8f9_6b1c3a0e-5d2f-4c1b-9a8e-7f6e5d4c3b2a",
  };
}

/** Puts `custom` alone in the Personal store and pins it to RDP-Tcp (HashType 3 = custom, R11). */
export function pinCustomCertificate(s: RdpDiagnosticSnapshot, custom: CertificateInfo): void {
  s.Certificates.My = [custom];
  s.Listener.WmiCertificateHashType = 3;
  s.Listener.WmiCertificateHash = custom.Thumbprint;
  s.Listener.SslCertificateSha1Hash = custom.Thumbprint;
}

const RDP_THUMBPRINT = "3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A";

export function healthyServer(): RdpDiagnosticSnapshot {
  return {
    SchemaVersion: 1,
    ComputerName: "RDSH01",
    CollectedAt: FIXTURE_NOW,
    Redacted: false,
    Host: {
      OSVersion: "10.0.20348",
      OSCaption: "Microsoft Windows Server 2022 Datacenter",
      ProductType: "Server",
      IsElevated: true,
      PSVersion: "5.1.20348.2849",
      PartOfDomain: true,
      SecureChannelOk: true,
      IsConnectionBroker: false,
      IsSessionHost: true,
      SystemSetupInProgress: dword(0),
      OobeInProgress: dword(0),
      FipsAlgorithmPolicy: dword(0),
      Error: null,
    },
    Services: [
      { Name: "TermService", Status: "Running", StartType: "Manual", Error: null },
      { Name: "UmRdpService", Status: "Running", StartType: "Manual", Error: null },
      { Name: "SessionEnv", Status: "Running", StartType: "Manual", Error: null },
      { Name: "CertPropSvc", Status: "Running", StartType: "Manual", Error: null },
      { Name: "KeyIso", Status: "Running", StartType: "Manual", Error: null },
      { Name: "CryptSvc", Status: "Running", StartType: "Automatic", Error: null },
    ],
    Connections: { DenyTSConnections: policyDword(0, null, 1), AllowTSConnections: 1, Error: null },
    Listener: {
      KeyPresent: true,
      State: "Listen",
      fEnableWinStation: dword(1),
      PortNumber: dword(3389),
      SecurityLayer: policyDword(2, null, 1),
      UserAuthentication: policyDword(1, null, 1),
      MinEncryptionLevel: policyDword(3, null, 2),
      fAllowSecProtocolNegotiation: dword(1),
      MaxInstanceCount: policyDword(4294967295, null, null),
      SelfSignedCertStore: "Remote Desktop",
      SslCertificateSha1Hash: null,
      WmiCertificateHashType: 1,
      WmiCertificateHash: RDP_THUMBPRINT,
      PortOwner: { Port: 3389, Listening: true, ProcessId: 1184, ProcessName: "svchost", ServiceNames: ["TermService"], Error: null },
      Error: null,
    },
    Certificates: {
      RemoteDesktop: [{
        Thumbprint: RDP_THUMBPRINT,
        Subject: "CN=RDSH01.contoso.local",
        Issuer: "CN=RDSH01.contoso.local",
        NotBefore: "2026-06-01T08:00:00.0000000Z",
        NotAfter: "2026-12-01T08:00:00.0000000Z",
        HasPrivateKey: true,
        PrivateKeyReadable: true,
        ServerAuthentication: true,
        SelfSigned: true,
        KeyFile: "f686aace6942fb7f7ceb231212eef4a4_6b1c3a0e-5d2f-4c1b-9a8e-7f6e5d4c3b2a",
        KeyAcl: [
          { Sid: "S-1-5-18", Rights: "FullControl", Type: "Allow", Inherits: false },
          { Sid: "S-1-5-20", Rights: "Read, Synchronize", Type: "Allow", Inherits: false },
        ],
        KeyError: null,
      }],
      RemoteDesktopError: null,
      My: [],
      MyError: null,
      MachineKeysAcl: [
        { Sid: "S-1-5-32-544", Rights: "FullControl", Type: "Allow", Inherits: false },
        { Sid: "S-1-1-0", Rights: "Write, Read, Synchronize", Type: "Allow", Inherits: false },
      ],
      MachineKeysOwner: "S-1-5-32-544",
      MachineKeysError: null,
      ProgramDataPath: "%SystemDrive%\\ProgramData",
    },
    Schannel: { Protocols: [], CipherSuitePolicy: null, Error: null },
    Firewall: {
      Profiles: [
        { Name: "Domain", Enabled: true, Active: true },
        { Name: "Private", Enabled: true, Active: false },
        { Name: "Public", Enabled: true, Active: false },
      ],
      Rules: [
        { Name: "RemoteDesktop-UserMode-In-TCP", Enabled: true, Profiles: ["Any"], Action: "Allow", Protocol: "TCP", LocalPorts: ["3389"] },
        { Name: "RemoteDesktop-UserMode-In-UDP", Enabled: true, Profiles: ["Any"], Action: "Allow", Protocol: "UDP", LocalPorts: ["3389"] },
      ],
      Error: null,
    },
    Limits: { MaxOutstandingConnections: dword(null), SessionCount: 3, Error: null },
    Licensing: { Mode: policyDword(null, 4, null), Servers: ["LIC01.contoso.local"], GraceDaysLeft: null, Error: null },
    Rcm: {
      CertificateValues: [
        { Name: "Certificate", Present: true, Length: 184 },
        { Name: "X509 Certificate", Present: true, Length: 1152 },
        { Name: "X509 Certificate ID", Present: true, Length: 40 },
        { Name: "X509 Certificate2", Present: true, Length: 1250 },
      ],
      Error: null,
    },
    CredSsp: { AllowEncryptionOracle: policyDword(null, null, 1), DisableDomainCreds: dword(null), Error: null },
    Client: {
      MsLicensingPresent: true,
      MsLicensingReadable: true,
      MsLicensingStoreCount: 1,
      ClientDisableUdp: policyDword(null, null, 0),
      RdgClientTransport: dword(null),
      CredentialTargets: ["TERMSRV/rdsh02.contoso.local"],
      Error: null,
    },
    Events: {
      Days: 7,
      Groups: [
        // The listener's accept events (RdpCoreTS 131, RemoteConnectionManager 261), last seen 20 minutes ago.
        eventGroup(PROVIDER.rdpCoreTs, 131, 12, null, EVENT_LOG.rdpCoreTsOperational, "2026-11-22T11:40:00.0000000Z"),
        eventGroup(PROVIDER.rcm, 261, 12, null, EVENT_LOG.rcmOperational, "2026-11-22T11:40:00.0000000Z"),
      ],
      Errors: [],
    },
  };
}
