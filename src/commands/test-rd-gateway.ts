import { ps } from "../ir/index.js";
import { GATEWAY_DEFAULT_PORT, GATEWAY_DEFAULT_TIMEOUT_MS } from "../probe/gateway-result.js";
import type { CommandDefinition } from "./command.js";

/**
 * Checks an RD Gateway the way mstsc first reaches it: DNS, TCP, TLS with the gateway certificate, then one RDG_OUT_DATA request.
 *
 * Error 0x904 through an RD Gateway is often not the gateway itself but a device in front of it. This command
 * sends the request mstsc sends first over the MS-TSGU HTTP transport (RDG_OUT_DATA /remoteDesktopGateway/,
 * unauthenticated) and judges the answer: a healthy gateway answers 401 offering Negotiate and/or NTLM. A reset,
 * a 401 without Content-Length, a timeout, bytes that are not HTTP, 503, 404 or another status each give a finding
 * that names what likely sits in the path (reverse proxy, load balancer, WAF, a web server without the RD Gateway
 * application). The certificate is checked as mstsc checks a gateway: expired, fewer than 30 days left, a chain
 * this computer does not trust, a name that does not match. It sends no credentials and changes nothing.
 * `rdp-doctor gateway HOST:PORT --json` gives the same object from Node.
 *
 * Output properties (RdpDoctor.GatewayResult):
 * ComputerName: the gateway name as given.
 * Port: the TCP port probed.
 * Reachable: True when the TCP connection was accepted.
 * Stage: the stage reached (Done: a complete HTTP answer head was read, whatever its status) or the one that
 * failed: Dns, Tcp, Tls or Http.
 * TlsVersion: the negotiated protocol, for example TLS 1.2; empty before the handshake completed.
 * Certificate: the gateway certificate, with Subject, Issuer, Thumbprint (SHA-1 hex), NotBefore and NotAfter
 * (ISO 8601 UTC), IsExpired, ChainTrusted (the chain builds to a root this computer trusts; revocation is not
 * checked), NameMatches (the name given matches the certificate) and DaysLeft (whole days until NotAfter).
 * HttpStatus: the status code of the answer, empty when no HTTP status line came back.
 * AuthSchemes: the scheme of each WWW-Authenticate header, for example Negotiate, NTLM.
 * Findings: one finding per problem (ids G01 to G15), with the same properties as the findings of
 * Test-RdpError0x904: Id, Name, Title, Side, Status, Confidence, Reason, Evidence, Fix and Sources.
 * Verdict: Healthy (no findings), Warning (only warnings) or Failed.
 * TimingsMs: milliseconds spent in Dns, Tcp, Tls and Http, and the Total.
 *
 * @param ComputerName The RD Gateway name as the clients use it (the name in the .rdp file or the RD Web feed),
 * so the certificate name check means the same as for mstsc. Accepts pipeline input.
 * @param Port The gateway's HTTPS port. Default 443.
 * @param TimeoutMs How long each stage (TCP connect, TLS handshake, HTTP answer) may take, in milliseconds. Default 5000.
 * @example
 * Test-RdGateway -ComputerName rdgw.contoso.com
 *
 * Probes the gateway on port 443; a healthy gateway gives Verdict Healthy, HttpStatus 401 and AuthSchemes Negotiate, NTLM.
 * @example
 * (Test-RdGateway -ComputerName rdgw.contoso.com).Findings | Format-List -Property Id, Title, Reason, Evidence, Fix
 *
 * Shows what is wrong, the evidence and what to do, for example G08 when a reverse proxy rewrote the 401 answer.
 * @example
 * 'rdgw1.contoso.com', 'rdgw2.contoso.com' | Test-RdGateway -Port 8443 -TimeoutMs 2000 | Format-Table -Property ComputerName, Verdict, Stage, HttpStatus
 *
 * Compares two gateways behind a load balancer, giving up on each stage after 2 seconds.
 * @example
 * (Test-RdGateway -ComputerName rdgw.contoso.com).Certificate | Format-List -Property Subject, NotAfter, DaysLeft, ChainTrusted, NameMatches
 *
 * Shows the certificate the clients see and whether this computer would accept it.
 * @outputs RdpDoctor.GatewayResult
 * @see https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-tsgu/
 * @see https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/rds-plan-access-from-anywhere
 */
export const testRdGateway: CommandDefinition = {
  name: "Test-RdGateway",
  sourceFile: "src/commands/test-rd-gateway.ts",
  exportName: "testRdGateway",
  outputType: "RdpDoctor.GatewayResult",
  parameters: [
    ps.parameter("ComputerName", {
      type: "string", mandatory: true, position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true,
      validations: [{ kind: "ValidateNotNullOrEmpty" }],
    }),
    ps.parameter("Port", {
      type: "int", defaultValue: ps.num(GATEWAY_DEFAULT_PORT), validations: [{ kind: "ValidateRange", min: 1, max: 65535 }],
    }),
    ps.parameter("TimeoutMs", {
      type: "int", defaultValue: ps.num(GATEWAY_DEFAULT_TIMEOUT_MS), validations: [{ kind: "ValidateRange", min: 1, max: 600000 }],
    }),
  ],
};
