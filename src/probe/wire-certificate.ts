/**
 * Compares the certificate an endpoint presents on the wire with what the server itself is configured to present
 * (issue 4, "local runs"): the listener binding (Win32_TSGeneralSetting hash, else the SSLCertificateSHA1Hash pin)
 * or, without one, the 'Remote Desktop' store. A mismatch means something else terminates TLS (C16).
 * The module's CompareRdpWireCertificate (codegen/targets/module/wire-certificate-function.ts) mirrors this.
 */
import type { Finding } from "../model/finding.js";
import type { EndpointResult } from "./endpoint-result.js";
import { endpointFinding } from "./endpoint-findings.js";

interface SnapshotCertificates {
  readonly Listener?: { readonly WmiCertificateHash?: string | null; readonly SslCertificateSha1Hash?: string | null };
  readonly Certificates?: { readonly RemoteDesktop?: readonly { readonly Thumbprint: string }[] };
}

const upper = (s: string | null | undefined): string | null => (typeof s === "string" && s !== "" ? s.toUpperCase() : null);

export function compareWireCertificate(endpoint: Pick<EndpointResult, "Certificate">, snapshot: SnapshotCertificates): Finding | null {
  const wire = upper(endpoint.Certificate?.Thumbprint);
  if (wire === null) return null;
  const configured = upper(snapshot.Listener?.WmiCertificateHash) ?? upper(snapshot.Listener?.SslCertificateSha1Hash);
  const store = (snapshot.Certificates?.RemoteDesktop ?? []).map((c) => c.Thumbprint.toUpperCase());
  const expected = configured === null ? store : [configured];
  if (expected.length === 0 || expected.includes(wire)) return null;
  return endpointFinding("P21", { WireThumbprint: wire, ConfiguredThumbprint: configured, RemoteDesktopStore: store });
}
