/**
 * ExtendedDisconnectReasonCode: the dialog's "Extended error code" (IMsRdpClient::ExtendedDisconnectReason).
 *
 * Source R2: https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode (live page).
 * The MicrosoftDocs/win32 repository copy says exDiscReasonLogoffByUser = 2, a typo: the live page and the
 * matching ERRINFO_LOGOFF_BY_USER (0xC) both give 12 (causes-catalog.md section 1b).
 *
 * Values 0-7, 9-12 and 256-266 equal the MS-RDPBCGR errorInfo values one to one; 8 and 267 exist only here.
 */
import { entriesFrom, type CodeEntry } from "./types.js";

const r2 = entriesFrom("R2");

export const EXTENDED_REASONS: readonly CodeEntry[] = [
  r2(0, "exDiscReasonNoInfo", "No extended information is available."),
  r2(1, "exDiscReasonAPIInitiatedDisconnect", "An application (for example an admin tool on the server) disconnected the session."),
  r2(2, "exDiscReasonAPIInitiatedLogoff", "An application logged the session off."),
  r2(3, "exDiscReasonServerIdleTimeout", "The server disconnected the client after the idle time limit."),
  r2(4, "exDiscReasonServerLogonTimeout", "The server disconnected the client after the connection time limit."),
  r2(5, "exDiscReasonReplacedByOtherConnection", "Another connection took over this session."),
  r2(6, "exDiscReasonOutOfMemory", "Out of memory."),
  r2(7, "exDiscReasonServerDeniedConnection", "The server denied the connection."),
  r2(8, "exDiscReasonServerDeniedConnectionFips", "The server denied the connection for security reasons (FIPS)."),
  r2(9, "exDiscReasonServerInsufficientPrivileges", "The user lacks the rights to connect to the server."),
  r2(10, "exDiscReasonServerFreshCredsRequired", "The server wants freshly typed credentials, not saved ones."),
  r2(11, "exDiscReasonRpcInitiatedDisconnectByUser", "Activity in the user's own session disconnected it."),
  r2(12, "exDiscReasonLogoffByUser", "The user logged off, which ended the session."),
  r2(256, "exDiscReasonLicenseInternal", "Internal licensing error."),
  r2(257, "exDiscReasonLicenseNoLicenseServer", "No license server was available."),
  r2(258, "exDiscReasonLicenseNoLicense", "No valid license was available."),
  r2(259, "exDiscReasonLicenseErrClientMsg", "The server received a licensing message that is not valid."),
  r2(260, "exDiscReasonLicenseHwidDoesntMatchLicense", "The hardware ID does not match the one in the license."),
  r2(261, "exDiscReasonLicenseErrClientLicense", "The client's license is in error."),
  r2(262, "exDiscReasonLicenseCantFinishProtocol", "Network problems broke off the licensing exchange."),
  r2(263, "exDiscReasonLicenseClientEndedProtocol", "The client ended the licensing exchange early."),
  r2(264, "exDiscReasonLicenseErrClientEncryption", "A licensing message was encrypted incorrectly."),
  r2(265, "exDiscReasonLicenseCantUpgradeLicense", "The client's access license could not be upgraded or renewed."),
  r2(266, "exDiscReasonLicenseNoRemoteConnections", "The server is not licensed to accept remote connections."),
  r2(267, "exDiscReasonLicenseCreatingLicStoreAccDenied", "Access was denied while the client created the registry key of its license store."),
  r2(768, "exDiscReasonRdpEncInvalidCredentials", "The credentials are not valid."),
  r2(4096, "exDiscReasonProtocolRangeStart", "First value of the range of internal protocol errors; the server event log has details."),
  r2(32767, "exDiscReasonProtocolRangeEnd", "Last value of the range of internal protocol errors."),
];

/**
 * Values strictly between exDiscReasonProtocolRangeStart and ...End have no symbol of their own. R2 calls them
 * internal protocol errors; the name below is our label for the range, not an official symbol.
 */
export const EXTENDED_PROTOCOL_RANGE = {
  first: 4096,
  last: 32767,
  name: "exDiscReasonProtocolRange",
  meaning: "An internal protocol error (range 4096-32767); the server event log has details.",
} as const;
