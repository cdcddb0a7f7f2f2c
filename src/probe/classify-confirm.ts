/**
 * Turns the answer to mstsc's Connection Request into findings (protocol-probe.md s3, s4 step 3). A close, reset or
 * TLS record instead of a Connection Confirm triggers the direct-TLS check on a fresh connection, which tells a
 * TLS-only service (HTTPS, RD Gateway, TLS proxy) from a dropped connection. Finding ids: probe-endpoint.ts table.
 */
import type { Finding } from "../model/finding.js";
import { directTlsCheck, tlsVersionName, type ConfirmExchange } from "./connection.js";
import { endpointFinding } from "./endpoint-findings.js";
import { windowsDistinguishedName } from "./certificate.js";
import { MSTSC_REQUESTED_PROTOCOLS, PROTOCOL_FLAGS, type ProtocolName } from "./endpoint-result.js";
import { NEG_FAILURE_CAUSES, SERVICE_DESCRIPTION, bytesPreview } from "./probe-findings.js";
import { negotiationFailureMeaning, type SniffedProtocol } from "./x224.js";

export interface ProbeContext { address: string; host: string; port: number; timeoutMs: number }

export interface ConfirmVerdict {
  findings: Finding[];
  selectedProtocol: ProtocolName | null;
  negotiationFailure: string | null;
  /** Nothing more to probe on this connection (Standard RDP Security). */
  done: boolean;
  /** The server selected a protocol that begins with a TLS handshake on this socket. */
  startTls: boolean;
}

/** Selected protocols that start with a TLS handshake (MS-RDPBCGR 5.4.5: TLS, CredSSP over TLS, RDSTLS, RDSAAD). */
const TLS_PROTOCOLS = new Set<number>([PROTOCOL_FLAGS.SSL, PROTOCOL_FLAGS.HYBRID, PROTOCOL_FLAGS.RDSTLS, PROTOCOL_FLAGS.HYBRID_EX, PROTOCOL_FLAGS.RDSAAD]);

function wrongProtocol(sniffed: SniffedProtocol, bytes: Buffer, extra: Record<string, unknown> = {}): Finding {
  const preview = bytesPreview(bytes);
  return endpointFinding("P07", { "Port.Sniffed": sniffed, "Port.Service": SERVICE_DESCRIPTION[sniffed], "X224.FirstBytesHex": preview.hex, "X224.FirstBytesText": preview.text, ...extra });
}

/** X.224 failed by close/reset, or answered with a TLS record: a fresh direct-TLS handshake tells a TLS-only service (s4 step 3). */
async function classifyNonAnswer(x: ConfirmExchange, { address, host, port, timeoutMs }: ProbeContext): Promise<Finding> {
  const sniffedTls = x.parse.kind === "NotTpkt" && x.parse.sniffed === "TLS";
  const direct = await directTlsCheck(address, host, port, timeoutMs);
  if (direct.ok) {
    return wrongProtocol("TLS", x.bytes, { "DirectTls.Version": tlsVersionName(direct.protocol), "DirectTls.Subject": direct.certificate ? windowsDistinguishedName(direct.certificate.subject) : null });
  }
  if (sniffedTls) return wrongProtocol("TLS", x.bytes, { "DirectTls.Error": direct.error });
  return endpointFinding("P06", { "X224.End": x.end, "X224.Error": x.error, "DirectTls.Error": direct.error });
}

export async function classifyConfirm(x: ConfirmExchange, ctx: ProbeContext): Promise<ConfirmVerdict> {
  const out: ConfirmVerdict = { findings: [], selectedProtocol: null, negotiationFailure: null, done: false, startTls: false };
  const p = x.parse;
  const timeoutMs = ctx.timeoutMs;
  const answerHex = x.bytes.subarray(0, 64).toString("hex");
  switch (p.kind) {
    case "Truncated":
      if (x.end === "Timeout" && p.have === 0) out.findings.push(endpointFinding("P05", { "X224.TimeoutMs": timeoutMs }));
      else if (x.end === "Timeout") out.findings.push(endpointFinding("P10", { "X224.Detail": `only ${p.have} of ${p.need ?? "?"} bytes arrived`, "X224.AnswerHex": answerHex }));
      else out.findings.push(await classifyNonAnswer(x, ctx));
      break;
    case "NotTpkt":
      out.findings.push(p.sniffed === "TLS" ? await classifyNonAnswer(x, ctx) : wrongProtocol(p.sniffed, x.bytes));
      break;
    case "NegotiationFailure":
      out.negotiationFailure = p.name;
      out.findings.push(endpointFinding("P08", {
        "X224.NegotiationFailure": p.name, "X224.FailureCode": p.code, "X224.FailureMeaning": negotiationFailureMeaning(p.code),
        "Catalog.Causes": NEG_FAILURE_CAUSES[p.name] ?? [],
      }));
      break;
    case "McsDisconnect":
      out.findings.push(endpointFinding("P09", { "X224.DisconnectReason": p.reason, "X224.AnswerHex": answerHex }));
      break;
    case "Unexpected":
      out.findings.push(endpointFinding("P10", { "X224.Detail": p.detail, "X224.AnswerHex": answerHex }));
      break;
    case "LegacyConfirm":
      out.selectedProtocol = "RDP";
      out.findings.push(endpointFinding("P11", { "X224.SelectedProtocol": "RDP", "X224.LegacyConfirm": true }));
      out.done = true;
      break;
    case "NegotiationResponse": {
      const single = (p.selectedProtocol & (p.selectedProtocol - 1)) === 0;
      const offered = p.selectedProtocol === 0 || (p.selectedProtocol & ~MSTSC_REQUESTED_PROTOCOLS) === 0;
      // The server must select one protocol the client offered (MS-RDPBCGR 2.2.1.2.1); anything else is a broken peer.
      if (p.protocolName === null || !offered || !single) {
        out.findings.push(endpointFinding("P10", { "X224.Detail": `selectedProtocol 0x${p.selectedProtocol.toString(16)} was not offered`, "X224.AnswerHex": answerHex }));
        break;
      }
      out.selectedProtocol = p.protocolName;
      if (p.protocolName === "RDP") {
        out.findings.push(endpointFinding("P11", { "X224.SelectedProtocol": "RDP", "X224.LegacyConfirm": false }));
        out.done = true;
        break;
      }
      if (p.protocolName === "SSL") out.findings.push(endpointFinding("P12", { "X224.SelectedProtocol": "SSL", "X224.Offered": "SSL|HYBRID|HYBRID_EX" }));
      if (TLS_PROTOCOLS.has(p.selectedProtocol)) out.startTls = true;
      break;
    }
  }
  return out;
}
