/**
 * The P-findings of the endpoint probe (Test-RdpEndpoint in the module, `rdp-doctor probe` in Node). The module
 * emits this table as data (codegen/targets/module/endpoint/finding-function.ts), so both sides give the same Id,
 * Name, Title, Side, Status, Reason and Fix; only Evidence is built at run time. Layouts and recorded peer answers:
 * protocol-probe.md s3/s4; negotiation failure codes: MS-RDPBCGR 2.2.1.2.2.
 *
 * A healthy endpoint has no findings. Verdict is the worst finding: any Fail gives "Failed", any Warn "Warning".
 */
import type { Confidence, Side, Status } from "../model/cause.js";
import type { Finding } from "../model/finding.js";
import { probeFinding, type ProbeFindingDefinition } from "./probe-finding-table.js";
import type { EndpointResult } from "./endpoint-result.js";
import { SOURCES } from "../catalog/shared/sources.js";

/** MS-RDPBCGR 2.2.1.2.2 RDP_NEG_FAILURE (the same page src/decode/tables/negotiation-failures.ts cites). */
const MS_RDPBCGR_NEGOTIATION_URL = SOURCES.R5.url;
const RDP_CERT_URL = SOURCES.R11.url;


const def = (Id: string, Name: string, Side: Side, Status: Status, Confidence: Confidence, Title: string, Reason: string, Fix: string[]): ProbeFindingDefinition =>
  ({ Id, Name, Title, Side, Status, Confidence, Reason, Fix });

export const ENDPOINT_FINDINGS = [
  def("P01", "Endpoint.Dns.NameNotResolved", "Network", "Fail", "High", "The computer name does not resolve",
    "DNS gave no address for the name, so the client cannot open a connection.",
    ["Resolve-DnsName -Name <computer>", "Check the name in the .rdp file or connect by IP address for a test"]),
  def("P02", "Endpoint.Tcp.Refused", "Network", "Fail", "High", "The RDP port refuses the connection",
    "The TCP connection was actively refused: nothing listens on this port (TermService stopped, another port configured) or a firewall rejects it.",
    ["Get-Service -Name TermService (on the server)", "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name PortNumber (on the server)"]),
  def("P03", "Endpoint.Tcp.TimedOut", "Network", "Fail", "Medium", "The RDP port does not answer",
    "The TCP handshake got no answer within the timeout: a firewall or network security group drops the packets, the route is wrong, or the host is down.",
    ["Test-NetConnection -ComputerName <computer> -Port 3389", "Check the Windows Firewall rule 'Remote Desktop - User Mode (TCP-In)' and any NSG or perimeter firewall"]),
  def("P04", "Endpoint.Tcp.Failed", "Network", "Fail", "Medium", "The TCP connection fails",
    "The TCP connection failed with a socket error other than refused or timed out, usually no route to the host or network.",
    ["Test-NetConnection -ComputerName <computer> -Port 3389 -TraceRoute"]),
  def("P05", "Endpoint.X224.NoAnswer", "Server", "Fail", "Medium", "No X.224 answer to the connection request",
    "The port accepted TCP but sent no Connection Confirm within the timeout. A hung Remote Desktop service or a proxy that waits for something else does this.",
    ["Restart-Service -Name TermService -WhatIf (on the server; ends active sessions)", "Check for a proxy or port forwarder in front of the server"]),
  def("P06", "Endpoint.X224.ConnectionClosed", "Server", "Fail", "High", "The connection is closed after the connection request",
    "The peer closed or reset the connection instead of answering the X.224 Connection Request; the client shows this as error 0x904. The listener rejects the connection (for example a broken listener certificate) or a device in the path drops RDP.",
    ["Get-WinEvent -LogName System -MaxEvents 50 | Where-Object ProviderName -like '*TermService*' (on the server)", "Check the RDP listener certificate (Test-RdpError0x904 on the server)"]),
  def("P07", "Endpoint.X224.NotRdp", "Network", "Fail", "High", "Another service answers on this port",
    "The answer is not an X.224 TPKT: the port belongs to another service (TLS, SSH, HTTP or a banner protocol), such as an RD Gateway, a web server or a port forwarder.",
    ["Connect to the RDP port itself (default 3389), or use the RD Gateway setting of the client for a gateway"]),
  def("P08", "Endpoint.X224.NegotiationFailure", "Server", "Fail", "High", "The server refuses the offered security protocols",
    "The server answered RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2.2): the security protocols the client offered do not fit the server's Security Layer and NLA settings, or its certificate is missing.",
    [
      "SSL_CERT_NOT_ON_SERVER: run Test-RdpError0x904 on the server; the certificate causes C05-C07 explain it",
      "SSL_REQUIRED_BY_SERVER, SSL_NOT_ALLOWED_BY_SERVER, HYBRID_REQUIRED_BY_SERVER: compare the server's SecurityLayer and UserAuthentication (Get-RdpDiagnosticSnapshot, cause C09) with the client's settings",
    ]),
  def("P09", "Endpoint.X224.McsDisconnect", "Server", "Fail", "Medium", "The server disconnects at once",
    "The server answered with an MCS Disconnect Provider Ultimatum instead of a Connection Confirm, which an RDP server sends for requests it rejects or when its TLS setup fails.",
    ["Check the server's event log and listener certificate (Test-RdpError0x904 on the server)"]),
  def("P10", "Endpoint.X224.Unexpected", "Server", "Fail", "Low", "The X.224 answer is not a Connection Confirm",
    "The answer is a well-formed TPKT but neither a Connection Confirm nor a disconnect, which no RDP server sends as its first answer.",
    ["Check for a proxy or port forwarder in front of the server"]),
  def("P11", "Endpoint.Security.StandardRdpSecurity", "Server", "Warn", "High", "The server uses Standard RDP Security",
    "The server selected Standard RDP Security (no TLS, no Network Level Authentication). Current clients warn, and the server cannot be authenticated.",
    ["Set SecurityLayer to 2 (TLS) and UserAuthentication to 1 (NLA) on the server, by Group Policy where it is managed"]),
  def("P12", "Endpoint.Security.NoNla", "Server", "Warn", "High", "Network Level Authentication is not enforced",
    "CredSSP (NLA) was offered but the server selected TLS only, so the logon screen is reachable before authentication.",
    ["Enable 'Require user authentication for remote connections by using Network Level Authentication' on the server"]),
  def("P13", "Endpoint.Tls.HandshakeFailed", "Server", "Fail", "High", "The TLS handshake fails",
    "The server selected TLS but the handshake failed: the listener certificate or its private key is unusable, or client and server share no TLS version or cipher suite.",
    ["Check the RDP listener certificate and its private key permissions (Test-RdpError0x904 on the server)", "Compare the enabled TLS versions (SCHANNEL registry keys) on both sides"]),
  def("P14", "Endpoint.Tls.DeprecatedVersion", "Server", "Warn", "High", "The server negotiates TLS 1.0 or 1.1",
    "TLS 1.0 and 1.1 are deprecated; clients with them disabled fail to connect to this server.",
    ["Enable TLS 1.2 on the server (SCHANNEL registry keys; older systems also need the TLS 1.2 update for RDP)"]),
  def("P15", "Endpoint.Certificate.Expired", "Server", "Warn", "High", "The listener certificate has expired",
    "The certificate the RDP listener presents is outside its validity period; clients warn, and clients that enforce server authentication refuse to connect.",
    ["Renew the certificate, or delete the expired self-signed one so Remote Desktop creates a new one"]),
  def("P16", "Endpoint.Certificate.ExpiresSoon", "Server", "Warn", "High", "The listener certificate expires within 30 days",
    "Once it expires clients warn or refuse to connect.",
    ["Renew the certificate before it expires"]),
  def("P17", "Endpoint.Certificate.SelfSigned", "Server", "Warn", "Low", "The listener certificate is self-signed",
    "The certificate is self-signed (the Windows default), so clients cannot authenticate the server and show a certificate warning.",
    ["Issue the RDP listener a certificate from a CA the clients trust (Group Policy Server Authentication Certificate Template)"]),
  def("P18", "Endpoint.Certificate.NameMismatch", "Server", "Warn", "Medium", "The listener certificate does not name this host",
    "The name connected to is neither the subject CN nor a subject alternative name of the certificate, so clients warn about a name mismatch.",
    ["Connect with the name in the certificate, or reissue the certificate with this name as a SAN"]),
  def("P19", "Endpoint.Certificate.WeakKey", "Server", "Warn", "High", "The listener certificate has a weak key",
    "The RSA key is shorter than 2048 bits, which current TLS stacks refuse.",
    ["Reissue the certificate with an RSA key of at least 2048 bits"]),
  def("P20", "Endpoint.Certificate.WeakSignature", "Server", "Warn", "High", "The listener certificate has a weak signature",
    "The certificate is signed with SHA-1 or MD5, which current TLS stacks refuse.",
    ["Reissue the certificate with a SHA-256 signature"]),
  def("P21", "Endpoint.Certificate.NotConfigured", "Network", "Fail", "High", "The certificate on the wire is not the server's own",
    "The endpoint presents a certificate other than the one the server is configured with (its SSLCertificateSHA1Hash binding, or the 'Remote Desktop' store). Something between client and server terminates TLS: an RDP proxy, a PAM tool, a TLS-inspecting middlebox, or another machine answering for this name (causes-catalog.md C16).",
    ["Test-RdpEndpoint -ComputerName <server> | Select-Object -ExpandProperty Certificate", "Probe again from the server's own subnet, or on the server itself, and compare the thumbprints", "Check the path for RDP proxies, PAM tools and TLS inspection"]),
] as const satisfies readonly ProbeFindingDefinition[];

export type EndpointFindingId = (typeof ENDPOINT_FINDINGS)[number]["Id"];

export const ENDPOINT_FINDING_SOURCES: readonly string[] = [MS_RDPBCGR_NEGOTIATION_URL, RDP_CERT_URL];

/** RSA keys shorter than this give P19. */
export const MIN_RSA_KEY_BITS = 2048;

/** The full Finding for an id, with the run-time evidence. */
export function endpointFinding(id: EndpointFindingId, evidence: Record<string, unknown>): Finding {
  return probeFinding(ENDPOINT_FINDINGS.find((f) => f.Id === id)!, evidence, ENDPOINT_FINDING_SOURCES);
}

