import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { TERMSERVICE_NOT_INSTALLED } from "../shared/common-rules.js";
import { eventEvidence, eventSeen, PROVIDER } from "../shared/events.js";
import { noModernTls, schannelOff, tls13Available } from "../shared/security-conditions.js";
import { SOURCES } from "../shared/sources.js";

const PROTOCOLS = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols";
const CIPHER_ORDER = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";

/** Set-ItemProperty for one TLS 1.2 switch, -WhatIf first (test/catalog-safety.test.ts). */
function tls12Switch(role: "Server" | "Client", name: "Enabled" | "DisabledByDefault", value: 0 | 1): string[] {
  const step = `Set-ItemProperty -Path '${PROTOCOLS}\\TLS 1.2\\${role}' -Name ${name} -Value ${value} -Type DWord`;
  return [`${step} -WhatIf`, step];
}

/**
 * TLS 1.2 is switched off, or no cipher suite is shared, so the TLS handshake under RDP fails.
 *
 * RDP runs inside TLS (or CredSSP over TLS). When SCHANNEL has TLS 1.2 disabled for the server or client role
 * (Enabled=0 or DisabledByDefault=1; an absent key means the OS default) and TLS 1.3 is not available, or a
 * 'SSL Cipher Suite Order' policy leaves no suite both ends share, the handshake fails: Schannel logs 36871
 * (state 10013: policy disabled the TLS versions), 36874 (no common cipher suite) or 36888 (fatal alert) and
 * the client reports 0x904. Windows Server 2008 R2 and Windows 7 need KB3080079 before RDP can use TLS 1.1/1.2.
 * The repair enables TLS 1.2 for both roles, resets a bad cipher-order policy to Not configured (in the GPO
 * that sets it, if any), and needs a reboot. It never re-enables TLS 1.0 or 1.1: that lowers security for
 * every TLS service on the computer.
 *
 * @see https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/dn786445(v=ws.11)
 * @see https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton
 */
export const c08TlsProtocolCipher: Cause = {
  id: "C08",
  name: "Server.Schannel.ProtocolMismatch",
  title: "TLS protocol or cipher suite mismatch",
  side: "Server",
  sourceFile: "src/catalog/server/c08-tls-protocol-cipher.ts",
  exportName: "c08TlsProtocolCipher",
  evidence: [
    "Host.OSVersion",
    "Schannel.Protocols",
    "Schannel.CipherSuitePolicy",
    "Schannel.Error",
    "Listener.SecurityLayer",
    eventEvidence("Events.Schannel36871To36888", PROVIDER.schannel, [36871, 36874, 36888]),
  ],
  policySettings: [],
  // A failed TLS handshake closes the socket after the server accepted it: 0x904 (causes-catalog.md section 0).
  // TLS failures happen after X.224 negotiation, so no RDP_NEG_FAILURE code points here.
  codes: { disconnect: [0x904], extended: [0x0, 0x7], negotiationFailure: [] },
  rules: [
    TERMSERVICE_NOT_INSTALLED,
    {
      // SecurityLayer 0 = Standard RDP Security (R14): the listener never negotiates TLS. C09 judges that.
      status: "NotApplicable",
      when: when.eq("Listener.SecurityLayer.Effective", 0),
      confidence: "High",
      reason: "The listener uses Standard RDP Security only (SecurityLayer 0), so TLS is not negotiated; see C09.",
    },
    {
      status: "Unknown",
      when: when.isNotNull("Schannel.Error"),
      confidence: "Low",
      reason: "The SCHANNEL protocol and cipher-suite settings could not be read; run elevated to judge them.",
    },
    {
      status: "Fail",
      when: when.or(noModernTls("Server"), noModernTls("Client")),
      confidence: "High",
      reason: "TLS 1.2 is disabled in SCHANNEL (Enabled=0 or DisabledByDefault=1) and TLS 1.3 is not available, so RDP has no modern TLS version. Enable TLS 1.2; do not re-enable TLS 1.0/1.1.",
    },
    {
      // 36871 state 10013: Microsoft attributes it to security policy disabling TLS versions (R12, R20).
      status: "Fail",
      when: eventSeen(PROVIDER.schannel, [36871], "10013"),
      confidence: "High",
      reason: "Schannel logged 36871 with state 10013: the TLS server credential could not be created because policy disables the TLS versions or ciphers it needs.",
    },
    {
      status: "Fail",
      when: when.and(eventSeen(PROVIDER.schannel, [36874]), when.isNotNull("Schannel.CipherSuitePolicy")),
      confidence: "High",
      reason: "Schannel logged 36874 (no common cipher suite) and an 'SSL Cipher Suite Order' policy restricts the suites; reset it to Not configured.",
    },
    {
      status: "Fail",
      when: eventSeen(PROVIDER.schannel, [36871, 36874]),
      confidence: "Medium",
      reason: "Schannel logged 36871 (TLS server credential could not be created) or 36874 (no common cipher suite).",
    },
    {
      status: "Warn",
      when: when.or(
        when.and(schannelOff("TLS 1.2", "Server"), tls13Available("Server")),
        when.and(schannelOff("TLS 1.2", "Client"), tls13Available("Client")),
      ),
      confidence: "Medium",
      reason: "TLS 1.2 is disabled in SCHANNEL; only TLS 1.3 is left, which clients and servers older than Windows 11 / Server 2022 lack.",
    },
    {
      // KB3080079 brings TLS 1.1/1.2 to RDP on 2008 R2 / Windows 7 (causes-catalog.md C08, S6).
      status: "Warn",
      when: when.and(when.version("Host.OSVersion", "lt", "6.2"), schannelOff("TLS 1.0", "Server")),
      confidence: "Medium",
      reason: "Windows 7 / Server 2008 R2 with TLS 1.0 disabled: RDP needs KB3080079 to use TLS 1.1/1.2; install it rather than re-enabling TLS 1.0.",
    },
    {
      // 36888 alert codes (RFC 5246 7.2): 40 handshake_failure, 70 protocol_version, 71 insufficient_security.
      status: "Warn",
      when: when.any("Events.Groups", when.and(
        when.eq("Provider", PROVIDER.schannel),
        when.eq("Id", 36888),
        when.in("Detail", ["40", "70", "71"]),
      )),
      confidence: "Low",
      reason: "Schannel sent fatal TLS alerts for a handshake, protocol version or security mismatch (36888 with alert 40, 70 or 71); any TLS service can cause them.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "High",
    reason: "TLS 1.2 is not disabled in SCHANNEL and no TLS credential, cipher-suite or protocol errors were logged.",
  },
  fix: {
    steps: [
      `Get-ChildItem -Path '${PROTOCOLS}' -Recurse | Get-ItemProperty`,
      `Get-ItemProperty -Path '${CIPHER_ORDER}' -Name Functions -ErrorAction SilentlyContinue`,
      "gpresult /h \"$env:TEMP\\RdpDoctor-gpresult.html\"",
      "reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\" \"$env:TEMP\\RdpDoctor-SCHANNEL-C08.reg\" /y",
      "reg export \"HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\" \"$env:TEMP\\RdpDoctor-CipherOrder-C08.reg\" /y",
      ...tls12Switch("Server", "Enabled", 1),
      ...tls12Switch("Server", "DisabledByDefault", 0),
      ...tls12Switch("Client", "Enabled", 1),
      ...tls12Switch("Client", "DisabledByDefault", 0),
      // Reset the cipher order to Not configured; a GPO that sets it would write it back (see gpresult above).
      `Remove-ItemProperty -Path '${CIPHER_ORDER}' -Name Functions -WhatIf`,
      `Remove-ItemProperty -Path '${CIPHER_ORDER}' -Name Functions`,
      "Get-HotFix -Id KB3080079 -ErrorAction SilentlyContinue",
    ],
    risks: ["Reboot"],
    undo: "reg import \"$env:TEMP\\RdpDoctor-SCHANNEL-C08.reg\" and reg import \"$env:TEMP\\RdpDoctor-CipherOrder-C08.reg\", then reboot. Never re-enable TLS 1.0/1.1 as a fix.",
  },
  sources: [SOURCES.R9, SOURCES.R12, SOURCES.R13, SOURCES.R20],
};
