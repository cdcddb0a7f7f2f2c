import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { eventSeen, PROVIDER } from "../shared/events.js";
import { CERTIFICATE_KEY_EVENT_EVIDENCE, machineKeysFolderHealthy } from "../shared/security-conditions.js";
import { SOURCES } from "../shared/sources.js";

/**
 * The RDP listener's self-signed certificate is expired, missing, or cannot be created or renewed.
 *
 * Remote Desktop Services presents a self-signed certificate from the 'Remote Desktop' machine store unless
 * a custom certificate is bound. When that certificate has expired, lost its private key, or cannot be
 * renewed (RemoteConnectionManager events 1057/1058, Schannel 36870 with 0x8009030D), the TLS handshake
 * fails and the client reports 0x904, often with extended code 0x7.
 * The repair deletes only that one certificate and lets Windows make a new one. It never renames the
 * MachineKeys folder, which would cut every machine certificate off from its private key.
 *
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine
 */
export const c05ListenerCertificate: Cause = {
  id: "C05",
  name: "Server.ListenerCertificate.SelfSigned",
  title: "RDP self-signed certificate expired, missing, or cannot be renewed",
  side: "Server",
  sourceFile: "src/catalog/server/c05-listener-certificate.ts",
  exportName: "c05ListenerCertificate",
  evidence: [
    "Listener.WmiCertificateHashType",
    "Listener.WmiCertificateHash",
    "Certificates.RemoteDesktop",
    "Certificates.RemoteDesktopError",
    ...CERTIFICATE_KEY_EVENT_EVIDENCE,
  ],
  policySettings: [],
  // Field reports tie 0x904/0x7 to server TLS-credential failures (causes-catalog.md section 0, S9); a missing
  // certificate also answers RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER (3) on the wire (section 1c).
  codes: { disconnect: [0x904], extended: [0x0, 0x7], negotiationFailure: [3] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      // Win32_TSGeneralSetting.SSLCertificateSHA1HashType: 1 = default self-signed, 2 = Group Policy template,
      // 3 = custom (causes-catalog.md C05, R11). Custom bindings are cause C07's business.
      status: "NotApplicable",
      when: when.in("Listener.WmiCertificateHashType", [2, 3]),
      confidence: "High",
      reason: "A custom or Group Policy certificate is bound (SSLCertificateSHA1HashType is 2 or 3); the self-signed certificate is not in use. See C07.",
    },
    {
      status: "Unknown",
      when: when.isNotNull("Certificates.RemoteDesktopError"),
      confidence: "Low",
      reason: "The 'Remote Desktop' certificate store could not be read; run elevated to judge the listener certificate.",
    },
    {
      // Deleting the certificate (this cause's fix) cannot help while Windows cannot write a new key: C06 first.
      status: "Warn",
      when: when.not(machineKeysFolderHealthy),
      confidence: "Medium",
      reason: "The certificate cannot be created or renewed while the MachineKeys folder ACL is broken; repair that first (C06), then re-check this one.",
    },
    {
      status: "Fail",
      when: when.count("Certificates.RemoteDesktop", "eq", 0),
      confidence: "High",
      reason: "The 'Remote Desktop' store holds no certificate, so the listener has no certificate to present.",
    },
    {
      status: "Fail",
      when: when.none("Certificates.RemoteDesktop", when.and(when.daysUntil("NotAfter", "gt", 0), when.eq("HasPrivateKey", true))),
      confidence: "High",
      reason: "No certificate in the 'Remote Desktop' store is both unexpired and has its private key.",
    },
    {
      status: "Fail",
      when: when.or(eventSeen(PROVIDER.rcm, [1057, 1058]), eventSeen(PROVIDER.schannel, [36870])),
      confidence: "Medium",
      reason: "Recent events say the certificate could not be created or renewed, or its private key could not be read (RemoteConnectionManager 1057/1058, Schannel 36870).",
    },
    {
      status: "Warn",
      when: when.none("Certificates.RemoteDesktop", when.daysUntil("NotAfter", "gt", 7)),
      confidence: "Medium",
      reason: "The listener certificate expires within 7 days and has not been renewed yet.",
    },
    {
      status: "Warn",
      when: when.count("Certificates.RemoteDesktop", "gt", 1),
      confidence: "Low",
      reason: "The 'Remote Desktop' store holds more than one certificate; stale ones can block renewal ('object already exists', event 1058).",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "The 'Remote Desktop' store holds one valid self-signed certificate with its private key, and no creation or renewal errors were logged.",
  },
  fix: {
    steps: [
      "Get-ChildItem -Path 'Cert:\\LocalMachine\\Remote Desktop' | Select-Object -Property Thumbprint, NotAfter, HasPrivateKey",
      "Remove-Item -Path 'Cert:\\LocalMachine\\Remote Desktop\\<Thumbprint>' -WhatIf",
      "Remove-Item -Path 'Cert:\\LocalMachine\\Remote Desktop\\<Thumbprint>'",
      "Restart-Service -Name SessionEnv -WhatIf",
      "Restart-Service -Name SessionEnv",
      "Get-ChildItem -Path 'Cert:\\LocalMachine\\Remote Desktop'",
    ],
    risks: ["ClientsSeeNewCertificate"],
    undo: "Not needed: Windows regenerates the self-signed certificate. If no new certificate appears, check the MachineKeys ACL (C06); never rename the MachineKeys folder.",
  },
  sources: [SOURCES.R8, SOURCES.R9, SOURCES.R10, SOURCES.R12],
};
