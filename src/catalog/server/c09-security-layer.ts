import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { SOURCES } from "../shared/sources.js";

const RDP_TCP = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";
const SETTINGS = ["Listener.SecurityLayer", "Listener.UserAuthentication", "Listener.MinEncryptionLevel"] as const;

/** Microsoft's target values (R9), each set with -WhatIf first (test/catalog-safety.test.ts). */
function setRdpTcp(name: string, value: number): string[] {
  const step = `Set-ItemProperty -Path '${RDP_TCP}' -Name ${name} -Value ${value} -Type DWord`;
  return [`${step} -WhatIf`, step];
}

const layer = "Listener.SecurityLayer.Effective";
/** FIPS algorithm policy on, or the encryption level set to FIPS (4). */
const fipsOn = when.or(when.eq("Host.FipsAlgorithmPolicy.Value", 1), when.eq("Listener.MinEncryptionLevel.Effective", 4));

/**
 * The listener's security layer, Network Level Authentication or encryption level contradict each other or what the client can do.
 *
 * SecurityLayer (0 = Standard RDP Security, 1 = Negotiate, 2 = TLS), UserAuthentication (1 = NLA) and
 * MinEncryptionLevel (1 Low, 2 Client compatible, 3 High, 4 FIPS) decide how a connection is secured. NLA
 * needs TLS or CredSSP, so NLA with Standard RDP Security is inconsistent (event 1050); Standard RDP Security
 * with the FIPS policy denies clients that cannot do FIPS encryption. On the wire these show as
 * RDP_NEG_FAILURE codes 1, 2, 5 or 6. Group Policy wins over the RDP-Tcp values; the finding says when it
 * sets them.
 * The repair sets Microsoft's target: SecurityLayer 2, UserAuthentication 1, MinEncryptionLevel 3. Lowering
 * them (RDP security, NLA off, Low encryption) removes server authentication and weakens encryption: it is
 * only a short diagnostic, with an automatic revert scheduled before the change, and never a fix.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/win32-tsgeneralsetting-setsecuritylayer
 */
export const c09SecurityLayer: Cause = {
  id: "C09",
  name: "Server.Listener.SecurityLayerMismatch",
  title: "Security layer, NLA, encryption level or FIPS mismatch",
  side: "Server",
  sourceFile: "src/catalog/server/c09-security-layer.ts",
  exportName: "c09SecurityLayer",
  evidence: [
    ...SETTINGS,
    "Listener.fAllowSecProtocolNegotiation",
    "Host.FipsAlgorithmPolicy",
    eventEvidence("Events.Rcm1050", PROVIDER.rcm, [1050]),
  ],
  policySettings: [...SETTINGS],
  // NEG failures 1, 2, 5 and 6 identify the mismatch (causes-catalog.md C09, section 1c); Standard RDP
  // Security failures show as 0x406/0x506/0x606 (section 1a), FIPS denials as extended 0x8 (section 1b).
  codes: { disconnect: [0x904, 0x406, 0x506, 0x606], extended: [0x0, 0x7, 0x8], negotiationFailure: [1, 2, 5, 6] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      status: "Unknown",
      when: when.or(...SETTINGS.flatMap((s) => [when.eq(`${s}.Source`, "Unknown"), when.isNull(`${s}.Effective`)])),
      confidence: "Low",
      reason: "SecurityLayer, UserAuthentication or MinEncryptionLevel could not be read; run elevated to judge the security settings.",
    },
    {
      status: "Fail",
      when: when.or(
        when.not(when.in(layer, [0, 1, 2])),
        when.not(when.in("Listener.UserAuthentication.Effective", [0, 1])),
        when.not(when.in("Listener.MinEncryptionLevel.Effective", [1, 2, 3, 4])),
      ),
      confidence: "High",
      reason: "SecurityLayer, UserAuthentication or MinEncryptionLevel holds a value outside the documented range (R14; the class page's 1-3 numbering of SecurityLayer is wrong).",
    },
    {
      status: "Fail",
      when: when.and(when.eq(layer, 0), when.eq("Listener.UserAuthentication.Effective", 1)),
      confidence: "High",
      reason: "Network Level Authentication is required, but the security layer is Standard RDP Security (0); NLA needs TLS or CredSSP, so the settings contradict each other.",
    },
    {
      status: "Fail",
      when: when.and(when.eq(layer, 0), fipsOn),
      confidence: "High",
      reason: "Standard RDP Security (SecurityLayer 0) with FIPS encryption: clients that cannot use FIPS-compliant RDP encryption are denied (extended code 0x8).",
    },
    {
      status: "Fail",
      when: when.eq(layer, 0),
      confidence: "Medium",
      reason: "The listener accepts only Standard RDP Security (SecurityLayer 0): clients that request TLS or NLA get SSL_NOT_ALLOWED_BY_SERVER, and the server is never authenticated.",
    },
    {
      status: "Warn",
      when: eventSeen(PROVIDER.rcm, [1050]),
      confidence: "Medium",
      reason: "RemoteConnectionManager logged 1050: inconsistent security settings were corrected automatically; check which policy or tool sets them.",
    },
    {
      status: "Warn",
      when: when.eq("Listener.fAllowSecProtocolNegotiation.Value", 0),
      confidence: "Medium",
      reason: "fAllowSecProtocolNegotiation is 0, so the listener does not negotiate the security protocol with the client; the healthy value is 1.",
    },
    {
      status: "Warn",
      when: when.or(
        when.eq(layer, 1),
        when.eq("Listener.UserAuthentication.Effective", 0),
        when.eq("Listener.MinEncryptionLevel.Effective", 1),
      ),
      confidence: "Low",
      reason: "Weaker than Microsoft's target (SecurityLayer 2, UserAuthentication 1, MinEncryptionLevel 3): Negotiate, NLA off or Low encryption lets a client skip server authentication.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "The security layer, NLA and encryption level are consistent and at or above Microsoft's target (TLS, NLA on, High).",
  },
  fix: {
    steps: [
      `Get-ItemProperty -Path '${RDP_TCP}' | Select-Object -Property SecurityLayer, UserAuthentication, MinEncryptionLevel, fAllowSecProtocolNegotiation`,
      "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -ErrorAction SilentlyContinue | Select-Object -Property SecurityLayer, UserAuthentication, MinEncryptionLevel",
      "reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\" \"$env:TEMP\\RdpDoctor-RDP-Tcp-C09.reg\" /y",
      ...setRdpTcp("SecurityLayer", 2),
      ...setRdpTcp("UserAuthentication", 1),
      ...setRdpTcp("MinEncryptionLevel", 3),
      ...setRdpTcp("fAllowSecProtocolNegotiation", 1),
    ],
    risks: ["ServiceRestart"],
    undo: "reg import \"$env:TEMP\\RdpDoctor-RDP-Tcp-C09.reg\"; some changes apply only after a TermService restart or reboot. Never keep SecurityLayer 0, UserAuthentication 0 or MinEncryptionLevel 1 as a fix; as a diagnostic, schedule the revert first.",
  },
  sources: [SOURCES.R9, SOURCES.R13, SOURCES.R14],
};
