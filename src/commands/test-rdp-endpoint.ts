import { ps } from "../ir/index.js";
import type { CommandDefinition } from "./command.js";

/**
 * Probes RDP endpoints from this computer the way the Remote Desktop client starts a connection and reports, stage
 * by stage, where it breaks.
 *
 * For each computer the probe resolves the name (DNS), opens TCP to the port, sends the X.224 Connection Request
 * that mstsc sends (offering TLS and CredSSP), reads the Connection Confirm, and, when the server selects TLS or
 * CredSSP, completes a TLS handshake on the same connection to read the certificate. It sends no credentials and
 * accepts any certificate: it reports the certificate, it does not trust it. Computers are probed in parallel
 * (up to -ThrottleLimit at a time, in a runspace pool) and results come back in input order. Every network wait
 * is bounded by -TimeoutMs. Needs no administrator rights.
 *
 * Each result (RdpDoctor.EndpointResult) has these properties:
 * ComputerName: the name or address as given.
 * Port: the TCP port probed.
 * Reachable: True when the TCP connection was accepted.
 * Stage: the stage reached (Done) or the one that failed: Dns, Tcp, X224 or Tls.
 * SelectedProtocol: the security protocol the server selected in its RDP_NEG_RSP (RDP, SSL, HYBRID, RDSTLS,
 * HYBRID_EX or RDSAAD, MS-RDPBCGR 2.2.1.2.1); RDP also for a legacy Connection Confirm without negotiation data.
 * NegotiationFailure: the RDP_NEG_FAILURE code name when the server refused, for example SSL_CERT_NOT_ON_SERVER
 * (MS-RDPBCGR 2.2.1.2.2).
 * TlsVersion: the negotiated TLS version, for example "TLS 1.2".
 * CipherSuite: the cipher suite name where PowerShell 7 knows it; on Windows PowerShell 5.1 the cipher algorithm,
 * its strength and the hash algorithm.
 * Certificate: the server certificate with Subject, Issuer, Thumbprint (SHA-1, as certlm.msc shows it), NotBefore
 * and NotAfter (UTC, ISO 8601 with milliseconds), IsExpired, IsSelfSigned, KeyAlgorithm, KeySize, SignatureAlgorithm,
 * SubjectAlternativeNames and NameMatches (whether the name connected to is in the certificate).
 * AcceptedProtocols: with -Enumerate, the protocols the server selected when each was offered on its own.
 * Findings: what is wrong or weak, in the same shape as Test-RdpError0x904's findings (Id P01 to P20).
 * Verdict: Healthy, Warning or Failed, from the worst finding.
 * TimingsMs: milliseconds spent in Dns, Tcp, X224 and Tls, and the Total.
 *
 * @param ComputerName Names or IP addresses of the RDP servers. Accepts pipeline input, also from objects with a
 * ComputerName property.
 * @param Port The TCP port of the RDP listener, 3389 unless the server was changed.
 * @param Enumerate Also offer each security protocol on its own connection and list the ones the server accepts
 * (AcceptedProtocols). A server that answers CredSSP with TLS does not count as accepting CredSSP.
 * @param TimeoutMs The limit for each network wait (DNS, TCP connect, each read and write), in milliseconds.
 * @param ThrottleLimit How many computers are probed at the same time.
 * @param SnapshotPath The server's own snapshot (Get-RdpDiagnosticSnapshot -Path). The certificate on the wire is
 * compared with the one the server is configured with; a different one is finding P21 (something in the path
 * terminates TLS). Without it, a probe of this computer itself (localhost, its name or FQDN) compares with the
 * local binding and 'Remote Desktop' store.
 * @example
 * Test-RdpEndpoint -ComputerName rdsh01.contoso.com
 *
 * Probes one server on port 3389 and shows where the connection breaks, the selected protocol and the certificate.
 * @example
 * 'rdsh01', 'rdsh02', '10.0.0.5' | Test-RdpEndpoint -Enumerate | Format-Table -Property ComputerName, Verdict, Stage, SelectedProtocol, AcceptedProtocols
 *
 * Probes three endpoints in parallel and lists which security protocols each accepts.
 * @example
 * Test-RdpEndpoint -ComputerName rdsh01 -Port 3390 -TimeoutMs 10000 | Select-Object -ExpandProperty Findings
 *
 * Probes a non-default port over a slow link and shows the findings with their reasons and fixes.
 * @outputs RdpDoctor.EndpointResult
 * @see https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761
 * @see https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations
 */
export const testRdpEndpoint: CommandDefinition = {
  name: "Test-RdpEndpoint",
  sourceFile: "src/commands/test-rdp-endpoint.ts",
  exportName: "testRdpEndpoint",
  outputType: "RdpDoctor.EndpointResult",
  parameters: [
    ps.parameter("ComputerName", {
      type: "string[]", mandatory: true, position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true,
      validations: [{ kind: "ValidateNotNullOrEmpty" }],
    }),
    ps.parameter("Port", { type: "int", defaultValue: ps.num(3389), validations: [{ kind: "ValidateRange", min: 1, max: 65535 }] }),
    ps.parameter("Enumerate", { type: "switch" }),
    ps.parameter("TimeoutMs", { type: "int", defaultValue: ps.num(3000), validations: [{ kind: "ValidateRange", min: 100, max: 60000 }] }),
    ps.parameter("ThrottleLimit", { type: "int", defaultValue: ps.num(16), validations: [{ kind: "ValidateRange", min: 1, max: 64 }] }),
    ps.parameter("SnapshotPath", { type: "string", validations: [{ kind: "ValidateNotNullOrEmpty" }] }),
  ],
};
