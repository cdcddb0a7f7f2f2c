/**
 * The G-findings of the gateway probe (table in src/probe/gateway-result.ts). The module emits this table as data,
 * so both sides give the same Id, Name, Title, Status, Reason and Fix; only Evidence is built at run time.
 */
import type { Confidence, Status } from "../../model/cause.js";
import type { Finding } from "../../model/finding.js";
import { probeFinding, type ProbeFindingDefinition } from "../probe-finding-table.js";

export const MS_TSGU_URL = "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-tsgu/";
const GATEWAY_CERT_URL = "https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/rds-plan-access-from-anywhere";

/** A gateway row: every G-finding is on the gateway, so the table leaves Side out. */
type GatewayFindingDefinition = Omit<ProbeFindingDefinition, "Side">;

const def = (Id: string, Name: string, Status: Status, Confidence: Confidence, Title: string, Reason: string, Fix: string[]): GatewayFindingDefinition =>
  ({ Id, Name, Title, Status, Confidence, Reason, Fix });

export const GATEWAY_FINDINGS = [
  def("G01", "Gateway.Dns.NameNotResolved", "Fail", "High", "The gateway name does not resolve",
    "DNS gave no address for the gateway name, so mstsc cannot even open a connection.",
    ["Resolve-DnsName -Name <gateway>", "Check the RD Gateway name in the .rdp file or the RD Web feed"]),
  def("G02", "Gateway.Tcp.Unreachable", "Fail", "High", "The gateway port does not accept TCP connections",
    "The TCP connection was refused or timed out: a firewall, a wrong port, or the gateway (or the load balancer in front of it) is down.",
    ["Test-NetConnection -ComputerName <gateway> -Port <port>", "Get-Service -Name TSGateway (on the gateway)"]),
  def("G03", "Gateway.Tls.HandshakeFailed", "Fail", "High", "TLS to the gateway fails",
    "The TLS handshake failed: the port is not an HTTPS listener, or client and gateway share no TLS version or cipher suite.",
    ["netsh http show sslcert (on the gateway: is a certificate bound to 0.0.0.0:443?)", "Compare the enabled TLS versions (SCHANNEL registry keys) on both sides"]),
  def("G04", "Gateway.Certificate.Expired", "Fail", "High", "The gateway certificate has expired",
    "mstsc refuses an RD Gateway whose certificate is outside its validity period; there is no way to continue.",
    ["Renew the certificate and select it in RD Gateway Manager (or Set-RDCertificate -Role RDGateway)"]),
  def("G05", "Gateway.Certificate.ExpiresSoon", "Warn", "High", "The gateway certificate expires within 30 days",
    "Once it expires every client fails to connect through this gateway.",
    ["Renew the certificate and select it in RD Gateway Manager (or Set-RDCertificate -Role RDGateway)"]),
  def("G06", "Gateway.Certificate.Untrusted", "Fail", "High", "This computer does not trust the gateway certificate",
    "The certificate chain does not build to a root this computer trusts; mstsc refuses such a gateway (unlike an RD Session Host, there is no Connect anyway).",
    ["Use a certificate from a CA the clients trust", "Or deploy the issuing root to the clients (Group Policy or certutil -addstore Root)"]),
  def("G07", "Gateway.Certificate.NameMismatch", "Fail", "High", "The gateway certificate does not name this host",
    "The name the client connects to is neither the subject CN nor a subject alternative name of the certificate, so mstsc refuses it.",
    ["Connect with the name in the certificate, or reissue the certificate with this name as a SAN"]),
  def("G08", "Gateway.Http.NoContentLength", "Fail", "Medium", "The 401 answer has no Content-Length",
    "A keep-alive answer without Content-Length or chunked encoding cannot be delimited, so clients wait until they time out. HTTP.sys never answers like this: a reverse proxy or load balancer rewrote the answer.",
    ["Configure the proxy or load balancer to pass RDG_OUT_DATA / RDG_IN_DATA through unchanged (or use TCP pass-through / SSL bridging)"]),
  def("G09", "Gateway.Http.ConnectionClosed", "Fail", "Medium", "The connection is closed after the RDG_OUT_DATA request",
    "The peer reset or closed the connection before any HTTP answer. A WAF or load balancer that rejects the non-standard RDG_OUT_DATA method does this.",
    ["Allow the RDG_OUT_DATA and RDG_IN_DATA methods (and WebSocket upgrades) on the WAF or load balancer"]),
  def("G10", "Gateway.Http.NotHttp", "Fail", "High", "The answer is not HTTP",
    "The bytes after the TLS handshake are not an HTTP status line: another service listens on this port, not an RD Gateway.",
    ["Check which service owns the port on the gateway: Get-NetTCPConnection -LocalPort 443 -State Listen"]),
  def("G11", "Gateway.Http.NoAnswer", "Fail", "Medium", "No HTTP answer within the timeout",
    "The request was sent but no complete answer came back. A proxy that buffers the request body or holds unknown methods is the usual cause.",
    ["Bypass the proxy or load balancer for a test (connect to the gateway's own address)", "Disable request buffering for the RD Gateway path on the proxy"]),
  def("G12", "Gateway.Http.ServiceUnavailable", "Fail", "High", "The gateway answers 503 Service Unavailable",
    "HTTP.sys or a load balancer answered 503: the Remote Desktop Gateway service (TSGateway) or its IIS application pool is not serving, or the load balancer has no healthy backend.",
    ["Get-Service -Name TSGateway | Start-Service -WhatIf", "Check the RDWebAccess / RDG application pools in IIS Manager"]),
  def("G13", "Gateway.Http.NotFound", "Fail", "High", "The gateway answers 404 Not Found",
    "A web server answered, but it has no /remoteDesktopGateway/ endpoint: IIS without the RD Gateway role, or a proxy routing to the wrong backend.",
    ["Get-WindowsFeature -Name RDS-Gateway (on the gateway)", "Check the proxy's routing rule for /remoteDesktopGateway/"]),
  def("G14", "Gateway.Http.UnexpectedStatus", "Fail", "Medium", "The gateway answers with an unexpected HTTP status",
    "An RD Gateway answers an unauthenticated RDG_OUT_DATA with 401. Another status means something else answers: a reverse proxy or WAF (redirect to a login page, 400/405 for an unknown method) or a different web application.",
    ["Bypass the proxy for a test, or publish the gateway with pass-through"]),
  def("G15", "Gateway.Http.NoWindowsAuthentication", "Fail", "Medium", "The 401 answer offers neither Negotiate nor NTLM",
    "mstsc authenticates to the gateway with Negotiate or NTLM only. A 401 offering other schemes comes from a pre-authenticating reverse proxy, not from the gateway.",
    ["Publish the gateway without pre-authentication, or with pass-through of Windows authentication"]),
] as const satisfies readonly GatewayFindingDefinition[];

export type GatewayFindingId = (typeof GATEWAY_FINDINGS)[number]["Id"];

export const GATEWAY_FINDING_SOURCES: readonly string[] = [MS_TSGU_URL, GATEWAY_CERT_URL];

/** The full Finding for an id, with the run-time evidence. */
export function gatewayFinding(id: GatewayFindingId, evidence: Record<string, unknown>): Finding {
  return probeFinding({ ...GATEWAY_FINDINGS.find((f) => f.Id === id)!, Side: "Gateway" }, evidence, GATEWAY_FINDING_SOURCES);
}
