/**
 * RDP_NEG_FAILURE failureCode: the server's answer in the X.224 Connection Confirm when it cannot agree on a
 * security protocol. Seen in packet captures and FreeRDP/Remmina logs, never in the mstsc dialog.
 *
 * Source R5: MS-RDPBCGR 2.2.1.2.2,
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761
 */
import { entriesFrom, type CodeEntry } from "./types.js";

const r5 = entriesFrom("R5");

export const NEGOTIATION_FAILURES: readonly CodeEntry[] = [
  r5(1, "SSL_REQUIRED_BY_SERVER", "The server requires TLS or CredSSP (the client offered only Standard RDP Security); if the client asked only for CredSSP, the server supports only TLS."),
  r5(2, "SSL_NOT_ALLOWED_BY_SERVER", "The server allows only Standard RDP Security (SecurityLayer 0) and no TLS or CredSSP."),
  r5(3, "SSL_CERT_NOT_ON_SERVER", "The server has no usable TLS certificate to authenticate itself."),
  r5(4, "INCONSISTENT_FLAGS", "The security protocols the client requested contradict each other."),
  r5(5, "HYBRID_REQUIRED_BY_SERVER", "The server requires CredSSP (Network Level Authentication)."),
  r5(6, "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER", "The server requires TLS with client certificate authentication."),
];
