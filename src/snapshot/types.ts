/**
 * The diagnostic snapshot: everything the catalog reads, gathered once on the host by Get-RdpDiagnosticSnapshot
 * into one plain object (JSON with -Path). Analyzers are pure functions over it, in PowerShell and in Node.
 *
 * These interfaces are the contract. codegen/schema turns them into the JSON Schema shipped in dist-ps, so every
 * property's JSDoc is also its schema description. Rules for the shape:
 * - PascalCase names, as PowerShell objects have them; registry value names keep their own spelling.
 * - Dates are ISO-8601 UTC strings; hashes are upper-case hex without spaces.
 * - A value that could not be read is `null`, and the section's `Error` (or the value's own) says why
 *   ("access denied", "wrong type: String"). Collection never stops on an error.
 * Bump SNAPSHOT_SCHEMA_VERSION on any change that is not a pure addition.
 */

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** A registry value read as a number (REG_DWORD). */
export interface DwordValue {
  /** The value; null when the value is absent, unreadable or of another type. */
  Value: number | null;
  /** Why Value is null when the value exists: "access denied", "wrong type: String". Null when read or absent. */
  Error: string | null;
}

/** Where an effective setting comes from. */
export type SettingSource = "Policy" | "Local" | "Default" | "Unknown";

/**
 * A REG_DWORD setting that Group Policy can override: the local value, its copy under
 * HKLM\SOFTWARE\Policies, and which one wins. The policy value wins whenever it is present.
 */
export interface PolicyDword {
  /** Value under the local (non-policy) key; null when absent. */
  Local: number | null;
  /** Value under HKLM\SOFTWARE\Policies; null when the policy is not configured. */
  Policy: number | null;
  /** Policy, else Local, else the documented Windows default (null when there is none). */
  Effective: number | null;
  /** Which of the three Effective came from; Unknown when a read failed. */
  Source: SettingSource;
  /** Why a value could not be read (access denied, wrong type); null when both reads worked. */
  Error: string | null;
}

export interface HostInfo {
  /** OS version as major.minor.build, e.g. "10.0.20348". */
  OSVersion: string | null;
  /** Win32_OperatingSystem.Caption, e.g. "Microsoft Windows Server 2022 Datacenter". */
  OSCaption: string | null;
  /** Win32_OperatingSystem.ProductType: Workstation (1), DomainController (2) or Server (3). */
  ProductType: "Workstation" | "DomainController" | "Server" | null;
  /** Whether the collector ran elevated; without it several reads are Unknown. */
  IsElevated: boolean;
  /** $PSVersionTable.PSVersion of the collecting session. */
  PSVersion: string;
  /** Whether the computer is joined to a domain (Win32_ComputerSystem.PartOfDomain). */
  PartOfDomain: boolean | null;
  /** Test-ComputerSecureChannel; null when not domain-joined or not tested. */
  SecureChannelOk: boolean | null;
  /** Whether the RD Connection Broker role service is installed; deleting the certificate pin is unsafe there. */
  IsConnectionBroker: boolean | null;
  /** Whether the RD Session Host role service is installed (licensing applies only there). */
  IsSessionHost: boolean | null;
  /** HKLM\SYSTEM\Setup\SystemSetupInProgress: 1 while the machine is in Sysprep/OOBE state. */
  SystemSetupInProgress: DwordValue;
  /** HKLM\SYSTEM\Setup\OOBEInProgress. */
  OobeInProgress: DwordValue;
  /** HKLM\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy\Enabled. */
  FipsAlgorithmPolicy: DwordValue;
  Error: string | null;
}

/** A Windows service by name. */
export interface ServiceState {
  Name: string;
  /** ServiceController status, or "Missing" when the service is not installed. */
  Status: "Running" | "Stopped" | "StartPending" | "StopPending" | "Paused" | "Missing" | "Unknown";
  /** Automatic, Manual or Disabled; null when missing or unreadable. */
  StartType: "Automatic" | "Manual" | "Disabled" | "Boot" | "System" | null;
  Error: string | null;
}

/** Whether RDP connections are allowed at all (C01). */
export interface ConnectionsInfo {
  /** fDenyTSConnections: 0 allows connections. Local key Control\Terminal Server; policy key Policies\...\Terminal Services. */
  DenyTSConnections: PolicyDword;
  /** WMI Win32_TerminalServiceSetting.AllowTSConnections (1 = allowed). */
  AllowTSConnections: number | null;
  Error: string | null;
}

/** Who owns a TCP port in the Listen state. */
export interface PortOwner {
  Port: number;
  /** Whether anything listens on the port (any local address). */
  Listening: boolean | null;
  ProcessId: number | null;
  /** Process image name, e.g. "svchost". */
  ProcessName: string | null;
  /** Services hosted in that process (Win32_Service.ProcessId), e.g. ["TermService"]. */
  ServiceNames: string[];
  Error: string | null;
}

/** The RDP-Tcp WinStation and its listener (C02, C03, C07, C09, C11). */
export interface ListenerInfo {
  /** Whether HKLM\...\Terminal Server\WinStations\RDP-Tcp exists. */
  KeyPresent: boolean | null;
  /** qwinsta state of rdp-tcp: Listen when healthy; Missing when not listed. */
  State: "Listen" | "Down" | "Missing" | null;
  fEnableWinStation: DwordValue;
  PortNumber: DwordValue;
  /** 0 = RDP Security, 1 = Negotiate, 2 = TLS (registry and SetSecurityLayer numbering, R14). */
  SecurityLayer: PolicyDword;
  /** 1 = Network Level Authentication required. */
  UserAuthentication: PolicyDword;
  /** 1 Low, 2 Client compatible, 3 High, 4 FIPS. */
  MinEncryptionLevel: PolicyDword;
  fAllowSecProtocolNegotiation: DwordValue;
  /** RDP-Tcp MaxInstanceCount and the "Limit number of connections" policy (MaxInstanceCount). */
  MaxInstanceCount: PolicyDword;
  /** RDP-Tcp\SelfSignedCertStore; healthy value "Remote Desktop" (absent means the default). */
  SelfSignedCertStore: string | null;
  /** RDP-Tcp\SSLCertificateSHA1Hash (REG_BINARY) as hex; null when not set. */
  SslCertificateSha1Hash: string | null;
  /** Win32_TSGeneralSetting.SSLCertificateSHA1HashType: 0 not valid, 1 self-signed, 2 GPO template, 3 custom. */
  WmiCertificateHashType: number | null;
  /** Win32_TSGeneralSetting.SSLCertificateSHA1Hash: the thumbprint the listener uses. */
  WmiCertificateHash: string | null;
  /** The process listening on PortNumber. */
  PortOwner: PortOwner;
  Error: string | null;
}

/** One access rule of an ACL, by SID (never by localized account name). */
export interface AccessRule {
  /** SID, e.g. S-1-5-20 for NETWORK SERVICE, S-1-1-0 for Everyone. */
  Sid: string;
  /** FileSystemRights as the .NET enum string, e.g. "FullControl" or "Read, Synchronize". */
  Rights: string;
  /** Allow or Deny. */
  Type: "Allow" | "Deny";
  /** Whether the rule applies to child objects (InheritanceFlags not None). */
  Inherits: boolean;
}

/** A certificate as the analyzers need it. */
export interface CertificateInfo {
  Thumbprint: string;
  Subject: string;
  Issuer: string;
  NotBefore: string;
  NotAfter: string;
  HasPrivateKey: boolean;
  /** Whether the private key could be opened by the collector; null when not tried. */
  PrivateKeyReadable: boolean | null;
  /** Whether the EKU list is empty or includes Server Authentication (1.3.6.1.5.5.7.3.1). */
  ServerAuthentication: boolean;
  /** Subject equals issuer. */
  SelfSigned: boolean;
  /** File name of the CNG/CAPI key container under MachineKeys, when found. */
  KeyFile: string | null;
  /** ACL of the key file, by SID. */
  KeyAcl: AccessRule[];
  KeyError: string | null;
}

/** Certificate stores and the MachineKeys folder (C05, C06, C07). */
export interface CertificatesInfo {
  /** Cert:\LocalMachine\Remote Desktop. */
  RemoteDesktop: CertificateInfo[];
  RemoteDesktopError: string | null;
  /** Cert:\LocalMachine\My. Only certificates with a private key are listed. */
  My: CertificateInfo[];
  MyError: string | null;
  /** %ProgramData%\Microsoft\Crypto\RSA\MachineKeys folder ACL, by SID. */
  MachineKeysAcl: AccessRule[];
  /** Owner SID of the MachineKeys folder. */
  MachineKeysOwner: string | null;
  MachineKeysError: string | null;
  /** HKLM\...\ProfileList\ProgramData; healthy value %SystemDrive%\ProgramData. */
  ProgramDataPath: string | null;
}

/** SCHANNEL protocol switches for one protocol and role. An absent key means the OS default. */
export interface SchannelProtocol {
  /** "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3", "SSL 3.0". */
  Protocol: string;
  Role: "Server" | "Client";
  Enabled: number | null;
  DisabledByDefault: number | null;
}

export interface SchannelInfo {
  Protocols: SchannelProtocol[];
  /** The "SSL Cipher Suite Order" policy (Functions value), or null when not configured. */
  CipherSuitePolicy: string[] | null;
  Error: string | null;
}

export interface FirewallProfile {
  Name: "Domain" | "Private" | "Public";
  Enabled: boolean;
  /** Whether a network currently uses this profile. */
  Active: boolean;
}

/** A firewall rule, matched by Name (display names are localized). */
export interface FirewallRule {
  /** e.g. RemoteDesktop-UserMode-In-TCP. */
  Name: string;
  Enabled: boolean;
  /** Profiles the rule covers: Any, or Domain/Private/Public. */
  Profiles: string[];
  Action: "Allow" | "Block";
  Protocol: string | null;
  /** Local ports, e.g. ["3389"] or ["RPC"]. */
  LocalPorts: string[];
}

export interface FirewallInfo {
  Profiles: FirewallProfile[];
  /** Rules of the "Remote Desktop" group (resource @FirewallAPI.dll,-28752) and any rule for the RDP port. */
  Rules: FirewallRule[];
  Error: string | null;
}

/** Connection limits (C11). */
export interface LimitsInfo {
  /** HKLM\...\Terminal Server\MaxOutstandingConnections; absent means the built-in default. */
  MaxOutstandingConnections: DwordValue;
  /** Count of RDP sessions in any state (qwinsta), for comparison with the limits. */
  SessionCount: number | null;
  Error: string | null;
}

/** RD licensing on a Session Host (C12). */
export interface LicensingInfo {
  /** LicensingMode: 2 per device, 4 per user; policy value and RCM\Licensing Core value. */
  Mode: PolicyDword;
  /** License servers: the LicenseServers policy, else SpecifiedLicenseServers. */
  Servers: string[];
  /** Days left in the grace period (Win32_TerminalServiceSetting.GetGracePeriodDays); null when unknown. */
  GraceDaysLeft: number | null;
  Error: string | null;
}

/** The proprietary (Standard RDP Security) certificate values under Terminal Server\RCM (C14). */
export interface RcmCertificateValue {
  /** "Certificate", "X509 Certificate", "X509 Certificate ID" or "X509 Certificate2". */
  Name: string;
  Present: boolean;
  /** Length in bytes of the REG_BINARY data; null when absent. */
  Length: number | null;
}

export interface RcmInfo {
  CertificateValues: RcmCertificateValue[];
  Error: string | null;
}

/** CredSSP and LSA settings (C10). */
export interface CredSspInfo {
  /** Policies\System\CredSSP\Parameters\AllowEncryptionOracle: 0 Force Updated, 1 Mitigated, 2 Vulnerable. */
  AllowEncryptionOracle: PolicyDword;
  /** Lsa\disabledomaincreds: 1 blocks saved domain credentials. */
  DisableDomainCreds: DwordValue;
  Error: string | null;
}

/** Client-side state, read on the computer running mstsc (C13, C15). */
export interface ClientInfo {
  /** HKLM\SOFTWARE\Microsoft\MSLicensing exists. */
  MsLicensingPresent: boolean | null;
  /** The collector could open it; false means access denied (the client cannot store a license). */
  MsLicensingReadable: boolean | null;
  /** Number of Store\LICENSE00x subkeys. */
  MsLicensingStoreCount: number | null;
  /** Policies\...\Terminal Services\Client\fClientDisableUDP (1 = TCP only). */
  ClientDisableUdp: PolicyDword;
  /** HKCU\Software\Microsoft\Terminal Server Client\RDGClientTransport (1 = RPC over HTTP to RD Gateway). */
  RdgClientTransport: DwordValue;
  /** Saved credential targets named TERMSRV/*, by target name only (cmdkey /list). */
  CredentialTargets: string[];
  Error: string | null;
}

/**
 * Events of the last EventDays days, grouped by log, provider, ID and detail. Messages are not kept: they carry
 * user and host names and would blow the output limits of unattended channels.
 */
export interface EventGroup {
  /** Log name, e.g. System or Microsoft-Windows-TerminalServices-RDPClient/Operational. */
  Log: string;
  /** Provider name, e.g. Schannel or Microsoft-Windows-TerminalServices-RemoteConnectionManager. */
  Provider: string;
  Id: number;
  /**
   * The one event field that matters for this ID, as text: the disconnect reason of RDPClient 1026, the alert
   * code of Schannel 36888, the error state of Schannel 36870/36871, the HRESULT of RdpCoreTS 226. Else null.
   */
  Detail: string | null;
  Count: number;
  /** Time of the newest event of the group. */
  LastSeen: string;
}

export interface EventsInfo {
  /** How many days back the logs were read. */
  Days: number;
  Groups: EventGroup[];
  /** Logs that could not be read, with the reason ("System: access denied"). */
  Errors: string[];
}

/** The whole snapshot. */
export interface RdpDiagnosticSnapshot {
  /** Version of this format; readers refuse versions they do not know. */
  SchemaVersion: number;
  /** Computer name (a placeholder when redacted). */
  ComputerName: string;
  /** When the snapshot was taken, ISO-8601 UTC. */
  CollectedAt: string;
  /** Whether host names, IP addresses and user names were replaced with placeholders. */
  Redacted: boolean;
  Host: HostInfo;
  /** TermService, UmRdpService, SessionEnv, CertPropSvc, KeyIso, CryptSvc, in that order. */
  Services: ServiceState[];
  Connections: ConnectionsInfo;
  Listener: ListenerInfo;
  Certificates: CertificatesInfo;
  Schannel: SchannelInfo;
  Firewall: FirewallInfo;
  Limits: LimitsInfo;
  Licensing: LicensingInfo;
  Rcm: RcmInfo;
  CredSsp: CredSspInfo;
  Client: ClientInfo;
  Events: EventsInfo;
}
