/**
 * MS-RDPBCGR 2.2.5.1.1 errorInfo values (the server's Set Error Info PDU), part 1: the protocol-independent,
 * licensing and Connection Broker codes (0x0-0x412).
 *
 * Source R3: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c
 * There is no errorInfo 0x8; 0xF-0x1A were added in later revisions of the spec.
 */
import { entriesFrom, type CodeEntry } from "./types.js";

const r3 = entriesFrom("R3");

export const ERRINFO_GENERAL: readonly CodeEntry[] = [
  r3(0x0, "ERRINFO_NONE", "No error; the code is to be ignored."),
  r3(0x1, "ERRINFO_RPC_INITIATED_DISCONNECT", "An admin tool on the server, run from another session, disconnected the session."),
  r3(0x2, "ERRINFO_RPC_INITIATED_LOGOFF", "An admin tool on the server, run from another session, forced a logoff."),
  r3(0x3, "ERRINFO_IDLE_TIMEOUT", "The server's idle session time limit ran out."),
  r3(0x4, "ERRINFO_LOGON_TIMEOUT", "The server's active session time limit ran out."),
  r3(0x5, "ERRINFO_DISCONNECTED_BY_OTHERCONNECTION", "Another user connected and took over, so this connection was dropped."),
  r3(0x6, "ERRINFO_OUT_OF_MEMORY", "The server ran out of memory."),
  r3(0x7, "ERRINFO_SERVER_DENIED_CONNECTION", "The server denied the connection."),
  r3(0x9, "ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES", "The user lacks the access rights needed to connect."),
  r3(0xa, "ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED", "The server refuses saved credentials; the user must type them for each connection."),
  r3(0xb, "ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER", "An admin tool running in the user's own session disconnected it."),
  r3(0xc, "ERRINFO_LOGOFF_BY_USER", "The user logged off the session on the server."),
  r3(0xf, "ERRINFO_CLOSE_STACK_ON_DRIVER_NOT_READY", "The server's display driver was not ready in time, so the connection was closed."),
  r3(0x10, "ERRINFO_SERVER_DWM_CRASH", "The Desktop Window Manager in the remote session stopped unexpectedly."),
  r3(0x11, "ERRINFO_CLOSE_STACK_ON_DRIVER_FAILURE", "The server's display driver failed to start, so the connection was closed."),
  r3(0x12, "ERRINFO_CLOSE_STACK_ON_DRIVER_IFACE_FAILURE", "The server's display driver started, but the remoting stack could not use it."),
  r3(0x17, "ERRINFO_SERVER_WINLOGON_CRASH", "Winlogon in the remote session stopped unexpectedly."),
  r3(0x18, "ERRINFO_SERVER_CSRSS_CRASH", "CSRSS in the remote session stopped unexpectedly."),
  r3(0x19, "ERRINFO_SERVER_SHUTDOWN", "The server is shutting down."),
  r3(0x1a, "ERRINFO_SERVER_REBOOT", "The server is restarting."),
  r3(0x100, "ERRINFO_LICENSE_INTERNAL", "Internal error in the server's licensing component."),
  r3(0x101, "ERRINFO_LICENSE_NO_LICENSE_SERVER", "No Remote Desktop license server could be found to issue a license."),
  r3(0x102, "ERRINFO_LICENSE_NO_LICENSE", "No client access license (CAL) is available for this server."),
  r3(0x103, "ERRINFO_LICENSE_BAD_CLIENT_MSG", "The server received a licensing message from the client that is not valid."),
  r3(0x104, "ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE", "The license stored on the client was modified."),
  r3(0x105, "ERRINFO_LICENSE_BAD_CLIENT_LICENSE", "The license stored on the client has a format that is not valid."),
  r3(0x106, "ERRINFO_LICENSE_CANT_FINISH_PROTOCOL", "Network problems broke off the licensing exchange."),
  r3(0x107, "ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL", "The client ended the licensing exchange early."),
  r3(0x108, "ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION", "A licensing message was encrypted incorrectly."),
  r3(0x109, "ERRINFO_LICENSE_CANT_UPGRADE_LICENSE", "The license stored on the client could not be upgraded or renewed."),
  r3(0x10a, "ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS", "The server is not licensed to accept remote connections."),
  r3(0x400, "ERRINFO_CB_DESTINATION_NOT_FOUND", "The Connection Broker could not find the target endpoint."),
  r3(0x402, "ERRINFO_CB_LOADING_DESTINATION", "The target endpoint is disconnecting from the Connection Broker."),
  r3(0x404, "ERRINFO_CB_REDIRECTING_TO_DESTINATION", "Redirecting the connection to the target endpoint failed."),
  r3(0x405, "ERRINFO_CB_SESSION_ONLINE_VM_WAKE", "Waking the target virtual machine failed."),
  r3(0x406, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT", "Starting the target virtual machine failed."),
  r3(0x407, "ERRINFO_CB_SESSION_ONLINE_VM_NO_DNS", "The IP address of the target virtual machine could not be found."),
  r3(0x408, "ERRINFO_CB_DESTINATION_POOL_NOT_FREE", "No endpoint is free in the Connection Broker's pool."),
  r3(0x409, "ERRINFO_CB_CONNECTION_CANCELLED", "Processing of the connection was cancelled."),
  r3(0x410, "ERRINFO_CB_CONNECTION_ERROR_INVALID_SETTINGS", "The routing token settings in the client's X.224 Connection Request could not be validated."),
  r3(0x411, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT_TIMEOUT", "Starting the target virtual machine timed out."),
  r3(0x412, "ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED", "Session monitoring failed while the target virtual machine was starting."),
];
