/**
 * Conditions over ACLs, certificates and SCHANNEL switches, shared by the TLS and security causes (C05-C10).
 * ACL rules come from the snapshot by SID (AccessRule.Sid), never by localized account name, and their Rights
 * are .NET FileSystemRights strings such as "FullControl" or "Write, Read, Synchronize".
 */
import type { EvidenceItem } from "../../model/cause.js";
import type { Condition } from "../../model/condition.js";
import { when } from "../../model/condition.js";
import { eventEvidence, PROVIDER } from "./events.js";

/** Well-known SIDs; commands use them with icacls' `*SID` form, so no localized name is ever needed. */
export const SID = {
  everyone: "S-1-1-0",
  system: "S-1-5-18",
  networkService: "S-1-5-20",
  administrators: "S-1-5-32-544",
} as const;

/**
 * Groups whose grants reach a process running as NETWORK SERVICE (TermService): the account itself and the
 * groups every service token holds (SERVICE S-1-5-6, Authenticated Users S-1-5-11, Users S-1-5-32-545, Everyone).
 */
export const NETWORK_SERVICE_TOKEN_SIDS: readonly string[] = [SID.networkService, "S-1-5-6", "S-1-5-11", "S-1-5-32-545", SID.everyone];

/**
 * Patterns over the FileSystemRights string. .NET names combined flags by their largest named parts, so each
 * pattern lists every name that includes the wanted right ("Read" = ReadData + attributes + ReadPermissions;
 * "Write" = WriteData + AppendData + attributes). Word boundaries keep "Read" from matching "ReadAttributes".
 */
export const RIGHTS = {
  /** Can read a key file's data. */
  read: "\\b(FullControl|Modify|ReadAndExecute|Read|ReadData)\\b",
  /** "Create files / write data" on a folder (KB278381's Everyone right on MachineKeys, causes-catalog.md C06). */
  createFiles: "\\b(FullControl|Modify|Write|WriteData|CreateFiles)\\b",
  fullControl: "\\bFullControl\\b",
  /** More than the rights Microsoft documents for NETWORK SERVICE or Everyone (section 3, item 4). */
  broad: "\\b(FullControl|Modify|ChangePermissions|TakeOwnership)\\b",
} as const;

/** An Allow rule in the ACL at `aclPath` gives one of `sids` rights matching `rights`. */
function aclGrants(aclPath: string, sids: readonly string[], rights: string): Condition {
  return when.any(aclPath, when.and(when.in("Sid", sids), when.eq("Type", "Allow"), when.matches("Rights", rights)));
}

/** A Deny rule in the ACL at `aclPath` takes rights matching `rights` from one of `sids`. Deny wins over Allow. */
function aclDenies(aclPath: string, sids: readonly string[], rights: string): Condition {
  return when.any(aclPath, when.and(when.in("Sid", sids), when.eq("Type", "Deny"), when.matches("Rights", rights)));
}

/** The ACL lets one of `sids` exercise `rights`: granted and not denied. */
export function aclAllows(aclPath: string, sids: readonly string[], rights: string): Condition {
  return when.and(aclGrants(aclPath, sids, rights), when.not(aclDenies(aclPath, sids, rights)));
}

/**
 * The MachineKeys folder lets Windows write new machine keys: Administrators Full Control and the Everyone
 * 'create files / write data' right (KB278381, R15; causes-catalog.md C06). Exported so C05 can defer to C06.
 */
export const machineKeysFolderHealthy: Condition = when.and(
  aclAllows("Certificates.MachineKeysAcl", [SID.administrators], RIGHTS.fullControl),
  aclAllows("Certificates.MachineKeysAcl", [SID.everyone], RIGHTS.createFiles),
);

/**
 * Inside a CertificateInfo item: a certificate a TLS listener can present today. Server Authentication EKU (or
 * none), a private key, and within its validity period (causes-catalog.md C07, R11).
 */
export const usableServerCertificate: Condition = when.and(
  when.eq("ServerAuthentication", true),
  when.eq("HasPrivateKey", true),
  when.ne("PrivateKeyReadable", false),
  when.daysUntil("NotAfter", "gt", 0),
  when.daysUntil("NotBefore", "le", 0),
);

/** Inside a CertificateInfo item: its key ACL was read and lets NETWORK SERVICE (TermService) read the key (R9). */
export const keyReadableByNetworkService: Condition = when.and(
  when.isNull("KeyError"),
  aclAllows("KeyAcl", NETWORK_SERVICE_TOKEN_SIDS, RIGHTS.read),
);

/**
 * Evidence entries for the events that say the RDP certificate could not be created or renewed, or its key could
 * not be read: RemoteConnectionManager 1057/1058 and Schannel 36870 (C05, C06).
 */
export const CERTIFICATE_KEY_EVENT_EVIDENCE: readonly EvidenceItem[] = [
  eventEvidence("Events.Rcm1057And1058", PROVIDER.rcm, [1057, 1058]),
  eventEvidence("Events.Schannel36870", PROVIDER.schannel, [36870]),
];

/** File name prefix of the self-signed RDP certificate's key container in MachineKeys (R9). */
export const RDP_KEY_FILE_PREFIX = "f686aace6942fb7f7ceb231212eef4a4_";

/** Inside a CertificateInfo item: its key is the RDP self-signed key container. */
export const isRdpKeyFile: Condition = when.matches("KeyFile", `^${RDP_KEY_FILE_PREFIX}`);

/**
 * SCHANNEL switch for one protocol and role is off: an absent key means the OS default, so only an explicit
 * Enabled=0 or DisabledByDefault=1 counts (causes-catalog.md C08).
 */
export function schannelOff(protocol: string, role: "Server" | "Client"): Condition {
  return when.any("Schannel.Protocols", when.and(
    when.eq("Protocol", protocol),
    when.eq("Role", role),
    when.or(when.eq("Enabled", 0), when.eq("DisabledByDefault", 1)),
  ));
}

/**
 * TLS 1.3 is available for `role`: Windows Server 2022 (10.0.20348) and Windows 11 ship it on by default, and
 * RDP may use it (MS-RDPBCGR 5.4.5 lists TLS 1.3 among RDP's external security protocols); older builds lack it.
 */
export function tls13Available(role: "Server" | "Client"): Condition {
  return when.and(when.version("Host.OSVersion", "ge", "10.0.20348"), when.not(schannelOff("TLS 1.3", role)));
}

/** TLS 1.2 is switched off for `role` and TLS 1.3 cannot stand in for it. */
export function noModernTls(role: "Server" | "Client"): Condition {
  return when.and(schannelOff("TLS 1.2", role), when.not(tls13Available(role)));
}
