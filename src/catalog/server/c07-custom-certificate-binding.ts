import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { keyReadableByNetworkService, SID, usableServerCertificate } from "../shared/security-conditions.js";
import { SOURCES } from "../shared/sources.js";

const TS_SETTING = "Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-Tcp'\"";
const RDP_TCP_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";
const BOUND_KEY = "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<KeyFile>";

/** A custom certificate is pinned: the RDP-Tcp registry pin is set, or WMI reports a GPO (2) or custom (3) binding. */
const customBinding = when.or(
  when.isNotNull("Listener.SslCertificateSha1Hash"),
  when.in("Listener.WmiCertificateHashType", [2, 3]),
);

/**
 * The certificate the listener is bound to: the thumbprint WMI reports, or the registry pin when WMI could not be
 * read. Both are upper-case hex like CertificateInfo.Thumbprint; -eq is case-insensitive on both sides anyway.
 */
const isBound = when.or(
  when.compareToRoot("Thumbprint", "eq", "Listener.WmiCertificateHash"),
  when.and(when.isNull("Listener.WmiCertificateHash"), when.compareToRoot("Thumbprint", "eq", "Listener.SslCertificateSha1Hash")),
);

/**
 * The listener is bound to a custom certificate that it cannot use: missing, expired, without Server Authentication, or with a private key NETWORK SERVICE cannot read.
 *
 * A custom certificate is bound through the RDP-Tcp value SSLCertificateSHA1Hash (WMI Win32_TSGeneralSetting
 * SSLCertificateSHA1Hash, type 3) or a Group Policy template (type 2). The certificate must be in the
 * computer's Personal store with the Server Authentication purpose, a private key and a valid date, and
 * NETWORK SERVICE (TermService) must be able to read that key. Otherwise the listener logs 1051, 1052 or 1055
 * and falls back to the self-signed certificate, or the handshake fails with 0x904 (extended 0x7).
 * The repair, in Microsoft's order of preference: grant NETWORK SERVICE Read on the bound key only, or rebind
 * to a good certificate with Set-CimInstance. Deleting SSLCertificateSHA1Hash to fall back to the self-signed
 * certificate is a last resort this tool does not script, and never on an RD Connection Broker, where
 * Microsoft warns against it. The rules judge the bound certificate itself (the Personal-store certificate whose
 * thumbprint equals the binding), not just any certificate in the store. CNG keys live in
 * %ProgramData%\Microsoft\Crypto\Keys instead of RSA\MachineKeys.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine
 */
export const c07CustomCertificateBinding: Cause = {
  id: "C07",
  name: "Server.ListenerCertificate.CustomBinding",
  title: "Custom RDP certificate binding broken",
  side: "Server",
  sourceFile: "src/catalog/server/c07-custom-certificate-binding.ts",
  exportName: "c07CustomCertificateBinding",
  evidence: [
    "Listener.SslCertificateSha1Hash",
    "Listener.WmiCertificateHash",
    "Listener.WmiCertificateHashType",
    "Certificates.My",
    "Certificates.MyError",
    "Host.IsConnectionBroker",
    eventEvidence("Events.Rcm1051To1055", PROVIDER.rcm, [1051, 1052, 1055]),
  ],
  policySettings: [],
  // A certificate the listener cannot use breaks TLS like C05 (causes-catalog.md section 0, S9); NEG failure 3
  // SSL_CERT_NOT_ON_SERVER points at C05-C07 (section 1c).
  codes: { disconnect: [0x904], extended: [0x0, 0x7], negotiationFailure: [3] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      // Type 1 = default self-signed (R11): that certificate is C05's business.
      status: "NotApplicable",
      when: when.and(when.not(customBinding), when.in("Listener.WmiCertificateHashType", [0, 1])),
      confidence: "High",
      reason: "No custom certificate is bound (no SSLCertificateSHA1Hash pin, SSLCertificateSHA1HashType is not 2 or 3); the self-signed certificate is in use. See C05.",
    },
    {
      status: "Unknown",
      when: when.not(customBinding),
      confidence: "Low",
      reason: "Win32_TSGeneralSetting could not be read and no registry pin is set, so it is unknown whether a custom certificate is bound.",
    },
    {
      status: "Unknown",
      when: when.isNotNull("Certificates.MyError"),
      confidence: "Low",
      reason: "The computer's Personal certificate store could not be read; run elevated to judge the bound certificate.",
    },
    {
      status: "Fail",
      when: when.eq("Listener.WmiCertificateHashType", 0),
      confidence: "High",
      reason: "A certificate is pinned, but Win32_TSGeneralSetting reports the binding as not valid (SSLCertificateSHA1HashType 0).",
    },
    {
      // The Personal store lists only certificates with a private key, so absent means missing or keyless.
      status: "Fail",
      when: when.none("Certificates.My", isBound),
      confidence: "High",
      reason: "The bound thumbprint is not in the Personal store with a private key: the pinned certificate was deleted, replaced at renewal, or lost its key.",
    },
    {
      status: "Fail",
      when: when.none("Certificates.My", when.and(isBound, usableServerCertificate)),
      confidence: "High",
      reason: "The bound certificate is expired, not yet valid, or lacks the Server Authentication purpose, so the listener cannot use it.",
    },
    {
      status: "Fail",
      // Judged only when the bound key's ACL was read; an unreadable one is Unknown below.
      when: when.none("Certificates.My", when.and(isBound, when.or(keyReadableByNetworkService, when.isNotNull("KeyError")))),
      confidence: "High",
      reason: "The bound certificate's private key cannot be read by NETWORK SERVICE, the account TermService runs as.",
    },
    {
      // RCM 1051 "no usable certificate, default used", 1055 "cannot access the private key" (R19).
      status: "Fail",
      when: eventSeen(PROVIDER.rcm, [1051, 1055]),
      confidence: "Medium",
      reason: "RemoteConnectionManager logged that it could not use the configured certificate or its private key (1051/1055) and fell back to the self-signed certificate.",
    },
    {
      // After the Fail rules on purpose: the events above decide even when the key ACL could not be read.
      status: "Unknown",
      when: when.none("Certificates.My", when.and(isBound, keyReadableByNetworkService)),
      confidence: "Low",
      reason: "The ACL of the bound certificate's private key could not be read, so it is unknown whether NETWORK SERVICE can read it; run elevated.",
    },
    {
      status: "Warn",
      when: when.or(
        eventSeen(PROVIDER.rcm, [1052]),
        when.none("Certificates.My", when.and(isBound, when.daysUntil("NotAfter", "gt", 14))),
      ),
      confidence: "Medium",
      reason: "The bound certificate expires within 14 days (or RemoteConnectionManager logged 1052); renew it and rebind before it lapses.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "The bound certificate is in the Personal store, valid, has Server Authentication, and NETWORK SERVICE can read its private key.",
  },
  fix: {
    steps: [
      `${TS_SETTING} | Select-Object -Property SSLCertificateSHA1Hash, SSLCertificateSHA1HashType`,
      "Get-ChildItem -Path 'Cert:\\LocalMachine\\My' | Select-Object -Property Thumbprint, Subject, NotAfter, HasPrivateKey, EnhancedKeyUsageList",
      `reg export "${RDP_TCP_KEY}" "$env:TEMP\\RdpDoctor-RDP-Tcp-C07.reg" /y`,
      // Preference 1 (R9): NETWORK SERVICE Read on the bound key only, never on the folder (section 3, item 4).
      `icacls "${BOUND_KEY}"`,
      `icacls "${BOUND_KEY}" /save "$env:TEMP\\RdpDoctor-BoundKey.acl"`,
      `icacls "${BOUND_KEY}" /grant "*${SID.networkService}:(R)"`,
      // Preference 2 (R11): rebind to a good certificate through WMI.
      `${TS_SETTING} | Set-CimInstance -Property @{ SSLCertificateSHA1Hash = '<Thumbprint>' } -WhatIf`,
      `${TS_SETTING} | Set-CimInstance -Property @{ SSLCertificateSHA1Hash = '<Thumbprint>' }`,
      `${TS_SETTING} | Select-Object -Property SSLCertificateSHA1Hash, SSLCertificateSHA1HashType`,
    ],
    risks: ["ClientsSeeNewCertificate"],
    undo: "reg import \"$env:TEMP\\RdpDoctor-RDP-Tcp-C07.reg\" restores the pin; icacls \"$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\" /restore \"$env:TEMP\\RdpDoctor-BoundKey.acl\" restores the key ACL. Do not delete SSLCertificateSHA1Hash on an RD Connection Broker (R9).",
  },
  sources: [SOURCES.R9, SOURCES.R11, SOURCES.R12],
};
