import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import {
  aclAllows, CERTIFICATE_KEY_EVENT_EVIDENCE, isRdpKeyFile, machineKeysFolderHealthy, NETWORK_SERVICE_TOKEN_SIDS, RDP_KEY_FILE_PREFIX, RIGHTS, SID,
} from "../shared/security-conditions.js";
import { SOURCES } from "../shared/sources.js";

const MACHINE_KEYS = "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys";
const RDP_KEY = `${MACHINE_KEYS}\\${RDP_KEY_FILE_PREFIX}*`;

/** The RDP key file's documented ACL: SYSTEM Full Control and NETWORK SERVICE Read (R9). */
const rdpKeyAclHealthy = when.and(
  aclAllows("KeyAcl", [SID.system], RIGHTS.fullControl),
  aclAllows("KeyAcl", NETWORK_SERVICE_TOKEN_SIDS, RIGHTS.read),
);

/**
 * The MachineKeys folder ACL, or the ACL of the RDP certificate's key file, no longer lets Windows create or read the RDP key.
 *
 * Windows keeps machine private keys as files in %ProgramData%\Microsoft\Crypto\RSA\MachineKeys. When the
 * folder loses the Everyone 'create files / write data' right or Administrators' Full Control, Windows
 * cannot write a new key, so the RDP self-signed certificate cannot be created or renewed (events 1057/1058,
 * Schannel 36870 with 0x8009030D) and the client reports 0x904, often with extended code 0x7. When the RDP
 * key file (f686aace6942fb7f7ceb231212eef4a4_*) loses SYSTEM Full Control or NETWORK SERVICE Read, the
 * listener cannot open its key. Both Microsoft descriptions of the folder ACL (Everyone special rights, this
 * folder only, and 'Administrators Full, Everyone Read and Write') are healthy.
 * The repair saves the ACLs with icacls /save first, then restores only the folder's own entries and the one
 * RDP key file, by SID. It never recurses into the folder (each key has its own ACL), never takes ownership
 * recursively, never renames MachineKeys, and never gives NETWORK SERVICE or Everyone Full Control or Modify:
 * the keys of IIS, RD Gateway, SQL Server and others live in the same folder.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/windows-security/default-permissions-machinekeys-folders
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine
 */
export const c06MachineKeysAcl: Cause = {
  id: "C06",
  name: "Server.MachineKeys.AccessControl",
  title: "MachineKeys folder ACL or RDP key-file ACL broken",
  side: "Server",
  sourceFile: "src/catalog/server/c06-machinekeys-acl.ts",
  exportName: "c06MachineKeysAcl",
  evidence: [
    "Certificates.MachineKeysAcl",
    "Certificates.MachineKeysOwner",
    "Certificates.MachineKeysError",
    { label: "Certificates.RdpKeyFiles", path: "Certificates.RemoteDesktop", where: isRdpKeyFile },
    ...CERTIFICATE_KEY_EVENT_EVIDENCE,
  ],
  policySettings: [],
  // Same codes as C05: a key that cannot be written or read breaks the listener's TLS credential
  // (causes-catalog.md section 0, S9), and no usable certificate answers NEG failure 3 (section 1c).
  codes: { disconnect: [0x904], extended: [0x0, 0x7], negotiationFailure: [3] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      status: "Unknown",
      when: when.isNotNull("Certificates.MachineKeysError"),
      confidence: "Low",
      reason: "The MachineKeys folder ACL could not be read; run elevated to judge it.",
    },
    {
      // KB278381 (R15): Administrators Full Control and Everyone 'create files / write data', this folder only.
      // The folder rule comes before the key-file Unknown: it does not need the key file's ACL.
      status: "Fail",
      when: when.not(machineKeysFolderHealthy),
      confidence: "High",
      reason: "The MachineKeys folder ACL lacks Administrators Full Control or the Everyone 'create files / write data' right, so Windows cannot write the RDP certificate's key.",
    },
    {
      status: "Unknown",
      when: when.any("Certificates.RemoteDesktop", when.and(isRdpKeyFile, when.isNotNull("KeyError"))),
      confidence: "Low",
      reason: "The ACL of the RDP key file (f686aace6942fb7f7ceb231212eef4a4_*) could not be read; run elevated to judge it.",
    },
    {
      status: "Fail",
      when: when.any("Certificates.RemoteDesktop", when.and(isRdpKeyFile, when.not(rdpKeyAclHealthy))),
      confidence: "High",
      reason: "The RDP key file (f686aace6942fb7f7ceb231212eef4a4_*) lacks SYSTEM Full Control or NETWORK SERVICE Read, so the listener cannot open its private key.",
    },
    {
      // Section 3, item 4: leftovers of recursive or broad grants expose every machine private key.
      status: "Warn",
      when: when.any("Certificates.MachineKeysAcl", when.and(
        when.in("Sid", [SID.everyone, SID.networkService]),
        when.eq("Type", "Allow"),
        when.or(when.eq("Inherits", true), when.matches("Rights", RIGHTS.broad)),
      )),
      confidence: "Medium",
      reason: "Everyone or NETWORK SERVICE has Full Control, Modify or inherited rights on MachineKeys; that exposes every machine private key. Restore the documented 'this folder only' entries.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "The MachineKeys folder gives Administrators Full Control and Everyone 'create files / write data', and the RDP key file gives SYSTEM Full Control and NETWORK SERVICE Read.",
  },
  fix: {
    steps: [
      // For each icacls change: read-only look, then the backup, then the change (native tools have no -WhatIf).
      `icacls "${MACHINE_KEYS}"`,
      `icacls "${MACHINE_KEYS}" /save "$env:TEMP\\RdpDoctor-MachineKeys-folder.acl"`,
      // No (OI)(CI): the grant stays on the folder itself ("this folder only", R15); /grant:r replaces the
      // SID's explicit entry, which also removes broad rights added by earlier scripts.
      `icacls "${MACHINE_KEYS}" /grant:r "*${SID.administrators}:(F)" "*${SID.everyone}:(RD,RA,REA,WD,AD,WA,WEA,RC)"`,
      `icacls "${RDP_KEY}"`,
      `icacls "${RDP_KEY}" /save "$env:TEMP\\RdpDoctor-RdpKeyFile.acl"`,
      `icacls "${RDP_KEY}" /grant:r "*${SID.system}:(F)" "*${SID.networkService}:(R)"`,
      "Restart-Service -Name SessionEnv -WhatIf",
      "Restart-Service -Name SessionEnv",
      "Get-ChildItem -Path 'Cert:\\LocalMachine\\Remote Desktop'",
    ],
    risks: [],
    undo: "icacls restores a saved ACL relative to the parent folder: icacls \"$env:ProgramData\\Microsoft\\Crypto\\RSA\" /restore \"$env:TEMP\\RdpDoctor-MachineKeys-folder.acl\", then icacls \"$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\" /restore \"$env:TEMP\\RdpDoctor-RdpKeyFile.acl\". Never rename MachineKeys or recurse into it: other services' keys live there.",
  },
  sources: [SOURCES.R9, SOURCES.R12, SOURCES.R15],
};
