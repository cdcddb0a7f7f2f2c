import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { termServiceMissing } from "../shared/common-rules.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { SOURCES } from "../shared/sources.js";

const CREDSSP_KEY = "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters";
const ORACLE = "CredSsp.AllowEncryptionOracle.Effective";

/** Mitigated (1), -WhatIf first: the only lowering this cause proposes, and only for the time of patching (R16). */
const SET_MITIGATED = `Set-ItemProperty -Path '${CREDSSP_KEY}' -Name AllowEncryptionOracle -Value 1 -Type DWord`;

/**
 * Network Level Authentication fails in CredSSP: the two ends disagree on the CredSSP version, or the server cannot reach its domain.
 *
 * With NLA the client authenticates through CredSSP before a session exists. Since the May 2018 CredSSP update
 * (CVE-2018-0886) a patched computer set to Force Updated Clients (AllowEncryptionOracle 0) refuses an
 * unpatched peer; the client logs LsaSrv 6041 in the System log and shows the 'CredSSP encryption oracle
 * remediation' error. A broken domain secure channel makes NLA fail with 'LSA cannot be contacted' or
 * 0x1807. These are a differential for 0x904: the dialog or the code differs (the 0x?07 codes).
 * The repair patches both ends and repairs the secure channel. Where an unpatched peer must connect while it
 * is being patched, set AllowEncryptionOracle to 1 (Mitigated) for that time and back afterwards. Never set 2
 * (Vulnerable): it re-opens CVE-2018-0886. CredSSP policy changes need a reboot.
 *
 * @see https://support.microsoft.com/help/4093492
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections
 */
export const c10CredSspNla: Cause = {
  id: "C10",
  name: "Server.CredSsp.NegotiationFailure",
  title: "NLA / CredSSP failure (encryption oracle, secure channel)",
  side: "Server",
  sourceFile: "src/catalog/server/c10-credssp-nla.ts",
  exportName: "c10CredSspNla",
  evidence: [
    "CredSsp.AllowEncryptionOracle",
    "CredSsp.DisableDomainCreds",
    "Listener.UserAuthentication",
    "Host.PartOfDomain",
    "Host.SecureChannelOk",
    eventEvidence("Events.CredSsp6041", PROVIDER.lsaSrv, [6041]),
  ],
  policySettings: ["CredSsp.AllowEncryptionOracle"],
  // The 0x?07 disconnect reasons are CredSSP/NLA outcomes (causes-catalog.md section 1a); extended 10 and 768
  // are refused or invalid credentials (section 1b). 0x904 is not listed: C10 is a differential for it.
  codes: {
    disconnect: [0x807, 0xa07, 0xb07, 0xc07, 0xd07, 0xe07, 0xf07, 0x1207, 0x1607, 0x1707, 0x1807, 0x1b07, 0x1c07, 0x2107, 0x2207],
    extended: [0x0, 0xa, 0x300],
    negotiationFailure: [],
  },
  rules: [
    {
      // Client-side 6041 still matters on a computer without the RDP server role.
      status: "NotApplicable",
      when: when.and(termServiceMissing, when.not(eventSeen(PROVIDER.lsaSrv, [6041]))),
      confidence: "High",
      reason: "TermService is not installed and no CredSSP negotiation failure (LsaSrv 6041) was logged, so NLA is not in use here.",
    },
    {
      status: "Unknown",
      when: when.or(when.isNotNull("CredSsp.Error"), when.eq("CredSsp.AllowEncryptionOracle.Source", "Unknown")),
      confidence: "Low",
      reason: "The CredSSP settings could not be read; run elevated to judge them.",
    },
    {
      status: "Fail",
      when: eventSeen(PROVIDER.lsaSrv, [6041]),
      confidence: "High",
      reason: "LsaSrv logged 6041: CredSSP could not agree on a protocol version with the remote computer, so one end lacks the CVE-2018-0886 update. Patch it; do not set AllowEncryptionOracle to 2.",
    },
    {
      status: "Fail",
      when: when.and(when.eq("Host.PartOfDomain", true), when.eq("Host.SecureChannelOk", false)),
      confidence: "High",
      reason: "The domain secure channel is broken (Test-ComputerSecureChannel is False), so NLA cannot reach a domain controller ('LSA cannot be contacted', 0x1807).",
    },
    {
      // Section 3, item 7: not a cause of the failure, but a security hole the admin must hear about.
      status: "Warn",
      when: when.eq(ORACLE, 2),
      confidence: "High",
      reason: "AllowEncryptionOracle is 2 (Vulnerable), which re-opens CVE-2018-0886. Patch both ends and set 1 (Mitigated) at most, then 0.",
    },
    {
      status: "Warn",
      when: when.eq("CredSsp.DisableDomainCreds.Value", 1),
      confidence: "Low",
      reason: "Lsa\\disabledomaincreds is 1: saved domain credentials cannot be used for network logons, so mstsc must prompt and saved RDP credentials fail.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "No CredSSP version failures were logged, the domain secure channel works, and AllowEncryptionOracle is not Vulnerable.",
  },
  fix: {
    steps: [
      `Get-ItemProperty -Path '${CREDSSP_KEY}' -ErrorAction SilentlyContinue | Select-Object -Property AllowEncryptionOracle`,
      "Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'LsaSrv'; Id = 6041 } -MaxEvents 5 -ErrorAction SilentlyContinue",
      "Get-HotFix | Sort-Object -Property InstalledOn -Descending | Select-Object -First 5",
      "Test-ComputerSecureChannel -Verbose",
      "Test-ComputerSecureChannel -Repair -WhatIf",
      "Test-ComputerSecureChannel -Repair",
      "reg export \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters\" \"$env:TEMP\\RdpDoctor-CredSSP-C10.reg\" /y",
      `${SET_MITIGATED} -WhatIf`,
      SET_MITIGATED,
    ],
    risks: ["SecurityLowering", "Reboot"],
    undo: "After both ends are patched, restore the old AllowEncryptionOracle: reg import \"$env:TEMP\\RdpDoctor-CredSSP-C10.reg\" (or delete the value if it was absent), then reboot. Never set 2 (Vulnerable).",
  },
  sources: [SOURCES.R13, SOURCES.R16, SOURCES.R17],
};
