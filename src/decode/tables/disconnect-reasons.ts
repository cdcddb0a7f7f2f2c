/**
 * mstsc disconnect reasons: the dialog's "Error code" and the "Reason=" of client event 1026.
 *
 * Source R1: IMsTscAxEvents::OnDisconnected, discReason
 * (https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected), complete as of the
 * 2018-05-31 page. Source S9: two codes real dialogs show that R1 lacks (causes-catalog.md section 0); their names
 * are ours, because Microsoft publishes none.
 *
 * Codes ending in 0x07 are the CredSSP/NLA (SSL_ERR_*) outcomes; see CREDSSP_OUTCOME_NOTE in ../decode.ts.
 */
import { entriesFrom, type CodeEntry } from "./types.js";

const r1 = entriesFrom("R1");
const s9 = entriesFrom("S9");

export const DISCONNECT_REASONS: readonly CodeEntry[] = [
  r1(0x0, "disconnectReasonNoInfo", "No information about the disconnection is available."),
  r1(0x1, "disconnectReasonLocalNotError", "The local side disconnected on purpose; not an error."),
  r1(0x2, "disconnectReasonRemoteByUser", "The remote user disconnected; not an error."),
  r1(0x3, "disconnectReasonByServer", "The server disconnected the session; not an error by itself."),
  s9(0x4, "UndocumentedSessionEndedByError", "Not in Microsoft's list. Seen when the remote session could not start and the client says the session ended because of an error."),
  r1(0x104, "disconnectReasonDNSLookupFailed", "The DNS lookup of the server name failed."),
  r1(0x106, "disconnectReasonOutOfMemory", "The client ran out of memory."),
  r1(0x108, "disconnectReasonConnectionTimedOut", "The connection attempt timed out."),
  r1(0x204, "disconnectReasonSocketConnectFailed", "The TCP connect to the server failed: nothing answered on the port, or it was blocked."),
  r1(0x206, "disconnectReasonOutOfMemory2", "The client ran out of memory."),
  r1(0x208, "disconnectReasonHostNotFound", "The host was not found."),
  r1(0x304, "disconnectReasonWinsockSendFailed", "Sending on the socket failed."),
  r1(0x306, "disconnectReasonOutOfMemory3", "The client ran out of memory."),
  r1(0x308, "disconnectReasonInvalidIPAddr", "The IP address given is not valid."),
  r1(0x404, "disconnectReasonSocketRecvFailed", "Receiving on the socket failed."),
  r1(0x406, "disconnectReasonInvalidSecurityData", "The security data is not valid."),
  r1(0x408, "disconnectReasonInternalError", "Internal error in the client."),
  r1(0x506, "disconnectReasonInvalidEncryption", "The encryption method given is not valid."),
  r1(0x508, "disconnectReasonDNSLookupFailed2", "The DNS lookup failed."),
  r1(0x604, "disconnectReasonGetHostByNameFailed", "Resolving the host name (gethostbyname) failed."),
  r1(0x606, "disconnectReasonInvalidServerSecurityInfo", "The server's security data is not valid."),
  r1(0x608, "disconnectReasonTimerError", "Internal timer error in the client."),
  r1(0x704, "disconnectReasonTimeoutOccurred", "A time-out occurred."),
  r1(0x706, "disconnectReasonServerCertificateUnpackErr", "The client could not unpack the server certificate."),
  s9(0x708, "UndocumentedConsoleSessionInProgress", "Not in Microsoft's list. Seen when the client tries to open a second console session, for example to its own computer."),
  r1(0x804, "disconnectReasonInvalidIP", "The IP address given is bad."),
  r1(0x807, "SSL_ERR_LOGON_FAILURE", "The logon failed (CredSSP/NLA): wrong user name or password."),
  r1(0x808, "disconnectReasonLicensingFailed", "The license negotiation failed."),
  r1(0x904, "disconnectReasonAtClientWinsockFDCLOSE", "Socket closed: the connection was accepted, then closed by the server or by something on the path."),
  r1(0x906, "disconnectReasonInternalSecurityError", "Internal security error."),
  r1(0x908, "disconnectReasonLicensingTimeout", "The licensing exchange timed out."),
  r1(0xa06, "disconnectReasonInternalSecurityError2", "Internal security error."),
  r1(0xa07, "SSL_ERR_NO_SUCH_USER", "The user account does not exist (CredSSP/NLA)."),
  r1(0xb06, "disconnectReasonEncryptionError", "Encryption error."),
  r1(0xb07, "SSL_ERR_ACCOUNT_DISABLED", "The user account is disabled (CredSSP/NLA)."),
  r1(0xc06, "disconnectReasonDecryptionError", "Decryption error."),
  r1(0xc07, "SSL_ERR_ACCOUNT_RESTRICTION", "An account restriction prevents the logon (CredSSP/NLA)."),
  r1(0xc08, "disconnectReasonClientDecompressionError", "The client could not decompress data."),
  r1(0xd07, "SSL_ERR_ACCOUNT_LOCKED_OUT", "The user account is locked out (CredSSP/NLA)."),
  r1(0xe07, "SSL_ERR_ACCOUNT_EXPIRED", "The user account has expired (CredSSP/NLA)."),
  r1(0xf07, "SSL_ERR_PASSWORD_EXPIRED", "The password has expired (CredSSP/NLA)."),
  r1(0x1207, "SSL_ERR_PASSWORD_MUST_CHANGE", "The password must be changed before the first logon (CredSSP/NLA)."),
  r1(0x1607, "SSL_ERR_DELEGATION_POLICY", "Policy does not allow delegating credentials to this server (CredSSP/NLA)."),
  r1(0x1707, "SSL_ERR_POLICY_NTLM_ONLY", "Credentials may only be delegated after mutual authentication, which NTLM-only cannot give (CredSSP/NLA)."),
  r1(0x1807, "SSL_ERR_NO_AUTHENTICATING_AUTHORITY", "No authority could be reached to authenticate: wrong domain, unreachable domain controller, or broken trust (CredSSP/NLA)."),
  r1(0x1b07, "SSL_ERR_CERT_EXPIRED", "The certificate received has expired (CredSSP/NLA)."),
  r1(0x1c07, "SSL_ERR_SMARTCARD_WRONG_PIN", "A wrong smart card PIN was entered (CredSSP/NLA)."),
  r1(0x2107, "SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER", "The server does not accept saved credentials; type them again (CredSSP/NLA)."),
  r1(0x2207, "SSL_ERR_SMARTCARD_CARD_BLOCKED", "The smart card is blocked (CredSSP/NLA)."),
];
