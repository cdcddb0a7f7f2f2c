import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { termServiceMissing } from "../shared/common-rules.js";
import { SOURCES } from "../shared/sources.js";

const RCM_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM";
const BACKUP = "$env:USERPROFILE\\RdpDoctor-RCM.reg";
// The four values of causes-catalog.md C14 (R17, R22). Only these values go: the key also holds subkeys such as
// Licensing Core and GracePeriod, which must stay untouched (section 3 item 13).
const VALUE_NAMES = "'Certificate', 'X509 Certificate', 'X509 Certificate ID', 'X509 Certificate2'";
const REMOVE_VALUES = `Remove-ItemProperty -Path '${RCM_KEY}' -Name ${VALUE_NAMES}`;

const present = when.eq("Present", true);

/**
 * The proprietary certificate values under Terminal Server\RCM, used by Standard RDP Security and licensing, are corrupt.
 *
 * Remote Desktop Services keeps a proprietary server certificate in four registry values (Certificate,
 * X509 Certificate, X509 Certificate ID, X509 Certificate2) under HKLM\SYSTEM\CurrentControlSet\Control\Terminal
 * Server\RCM on Windows Server 2012 and later. When they are damaged the client reports "Because of a security
 * error, the client could not connect". Windows recreates the values when they are missing at startup.
 * The repair exports the RCM key, deletes only those four values and reboots. It never touches the RCM subkeys.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-disconnected
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections
 */
export const c14RcmCertificateValues: Cause = {
  id: "C14",
  name: "Server.RcmCertificate.Corrupt",
  title: "Proprietary RDP certificate values under Terminal Server\\RCM corrupt",
  side: "Server",
  sourceFile: "src/catalog/server/c14-rcm-certificate-values.ts",
  exportName: "c14RcmCertificateValues",
  evidence: ["Rcm.CertificateValues", "Rcm.Error", "Host.OSVersion"],
  policySettings: [],
  // The "security error" disconnect reasons of causes-catalog.md table 1a: InvalidSecurityData 0x406,
  // InvalidEncryption 0x506, InvalidServerSecurityInfo 0x606, ServerCertificateUnpackErr 0x706,
  // InternalSecurityError 0x906. No extended code is documented for it; 0 is "no information".
  codes: { disconnect: [0x406, 0x506, 0x606, 0x706, 0x906], extended: [0x0], negotiationFailure: [] },
  rules: [
    {
      status: "NotApplicable",
      when: termServiceMissing,
      confidence: "High",
      reason: "The Remote Desktop Services service (TermService) is not installed, so there is no proprietary server certificate.",
    },
    {
      // Windows Server 2012 is 6.2; on 2003 the values lived under TermService\Parameters (causes-catalog.md C14).
      status: "NotApplicable",
      when: when.version("Host.OSVersion", "lt", "6.2"),
      confidence: "Medium",
      reason: "Windows older than Server 2012 keeps these values elsewhere; this check reads only the Terminal Server\\RCM location.",
    },
    {
      status: "Unknown",
      when: when.or(when.isNotNull("Rcm.Error"), when.count("Rcm.CertificateValues", "eq", 0)),
      confidence: "Low",
      reason: "The certificate values under Terminal Server\\RCM could not be read; run elevated to judge them.",
    },
    {
      status: "Fail",
      when: when.any("Rcm.CertificateValues", when.and(present, when.compare("Length", "le", 0))),
      confidence: "High",
      reason: "At least one proprietary certificate value under Terminal Server\\RCM is present but empty.",
    },
    {
      // A partial set cannot be used; Windows regenerates the values only when they are all gone.
      status: "Fail",
      when: when.and(
        when.count("Rcm.CertificateValues", "gt", 0, present),
        when.count("Rcm.CertificateValues", "gt", 0, when.eq("Present", false)),
      ),
      confidence: "Medium",
      reason: "Only some of the four proprietary certificate values under Terminal Server\\RCM are present; the set is incomplete.",
    },
    {
      status: "Warn",
      when: when.count("Rcm.CertificateValues", "eq", 0, present),
      confidence: "Low",
      reason: "None of the four proprietary certificate values exist; Windows recreates them at the next start, so reboot if they were deleted.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "Medium",
    reason: "All four proprietary certificate values under Terminal Server\\RCM are present and not empty.",
  },
  fix: {
    steps: [
      `Get-ItemProperty -Path '${RCM_KEY}' | Select-Object -Property ${VALUE_NAMES}`,
      `reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM" "${BACKUP}" /y`,
      `Test-Path -Path "${BACKUP}"`,
      `${REMOVE_VALUES} -WhatIf`,
      REMOVE_VALUES,
      "Restart-Computer -WhatIf",
      "Restart-Computer",
    ],
    risks: ["Reboot"],
    undo: `reg import "${BACKUP}" and reboot: that restores the four values as they were.`,
  },
  sources: [SOURCES.R17, SOURCES.R22],
};
