/**
 * MS-RDPBCGR 2.2.5.1.1 errorInfo values, part 3: the RDP-specific codes 0x1111-0x1195 (short security and
 * info packets, monitor layout, graphics, Standard RDP Security encryption).
 *
 * Source R3: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c
 * 0x1120-0x1125 repeat the checks of 0x1116-0x111B at a later point of parsing; the spec words them alike.
 * FreeRDP also defines ERRINFO_PEER_DISCONNECTED (0x1196); the spec does not, so it is left out.
 */
import { entriesFrom, type CodeEntry } from "./types.js";

const r3 = entriesFrom("R3");
const tooShort = (code: number, n: number, what: string): CodeEntry =>
  r3(code, `ERRINFO_SECURITYDATATOOSHORT${n}`, `${what} is too short.`);
const extendedInfo = (field: string): string => `The Extended Info Packet, read up to its ${field},`;

export const ERRINFO_SECURITY: readonly CodeEntry[] = [
  tooShort(0x1111, 2, "A Basic Security Header"),
  tooShort(0x1112, 3, "A Non-FIPS or FIPS Security Header"),
  tooShort(0x1113, 4, "The Security Exchange PDU"),
  tooShort(0x1114, 5, "The Info Packet, read up to its strings (domain, user, password, shell, directory),"),
  tooShort(0x1115, 6, "The Info Packet, read up to its fixed-size fields,"),
  tooShort(0x1116, 7, extendedInfo("client address family and length")),
  tooShort(0x1117, 8, extendedInfo("client address")),
  tooShort(0x1118, 9, extendedInfo("client directory length")),
  tooShort(0x1119, 10, extendedInfo("client directory")),
  tooShort(0x111a, 11, extendedInfo("client time zone")),
  tooShort(0x111b, 12, extendedInfo("client session ID")),
  tooShort(0x111c, 13, extendedInfo("performance flags")),
  tooShort(0x111d, 14, extendedInfo("auto-reconnect cookie length")),
  tooShort(0x111e, 15, extendedInfo("auto-reconnect cookie")),
  r3(0x111f, "ERRINFO_SECURITYDATATOOSHORT16", "The auto-reconnect cookie in the Extended Info Packet is longer than 128 bytes."),
  tooShort(0x1120, 17, extendedInfo("client address family and length (second check)")),
  tooShort(0x1121, 18, extendedInfo("client address (second check)")),
  tooShort(0x1122, 19, extendedInfo("client directory length (second check)")),
  tooShort(0x1123, 20, extendedInfo("client directory (second check)")),
  tooShort(0x1124, 21, extendedInfo("client time zone (second check)")),
  tooShort(0x1125, 22, extendedInfo("client session ID (second check)")),
  tooShort(0x1126, 23, "The Client Info PDU data"),
  r3(0x1129, "ERRINFO_BADMONITORDATA", "The monitor count in the Client Monitor Data is not valid."),
  r3(0x112a, "ERRINFO_VCDECOMPRESSEDREASSEMBLEFAILED", "Reassembling decompressed virtual channel data failed (bad buffer, or larger than the chunk size)."),
  r3(0x112b, "ERRINFO_VCDATATOOLONG", "A virtual channel PDU is larger than the negotiated chunk size."),
  r3(0x112c, "ERRINFO_BAD_FRAME_ACK_DATA", "A Frame Acknowledge PDU is too short."),
  r3(0x112d, "ERRINFO_GRAPHICSMODENOTSUPPORTED", "The server does not support the graphics mode the client asked for."),
  r3(0x112e, "ERRINFO_GRAPHICSSUBSYSTEMRESETFAILED", "The server could not reset its graphics subsystem."),
  r3(0x112f, "ERRINFO_GRAPHICSSUBSYSTEMFAILED", "The server's graphics subsystem failed and cannot encode graphics."),
  r3(0x1130, "ERRINFO_TIMEZONEKEYNAMELENGTHTOOSHORT", "The time zone key name length in the Extended Info Packet is too short."),
  r3(0x1131, "ERRINFO_TIMEZONEKEYNAMELENGTHTOOLONG", "The time zone key name length in the Extended Info Packet is too long."),
  r3(0x1132, "ERRINFO_DYNAMICDSTDISABLEDFIELDMISSING", "The dynamic daylight time field is missing from the Extended Info Packet."),
  r3(0x1133, "ERRINFO_VCDECODINGERROR", "Processing dynamic virtual channel data failed."),
  r3(0x1134, "ERRINFO_VIRTUALDESKTOPTOOLARGE", "The client's virtual desktop (all monitors together) is larger than the server allows."),
  r3(0x1135, "ERRINFO_MONITORGEOMETRYVALIDATIONFAILED", "The client's monitor layout failed validation."),
  r3(0x1136, "ERRINFO_INVALIDMONITORCOUNT", "The client sent more monitors than the server allows."),
  r3(0x1191, "ERRINFO_UPDATESESSIONKEYFAILED", "Updating the session keys of Standard RDP Security failed."),
  r3(0x1192, "ERRINFO_DECRYPTFAILED", "Decrypting a message protected by Standard RDP Security failed."),
  r3(0x1193, "ERRINFO_ENCRYPTFAILED", "Encrypting a message with Standard RDP Security failed."),
  r3(0x1194, "ERRINFO_ENCPKGMISMATCH", "The data was encrypted with a different method than the one negotiated."),
  r3(0x1195, "ERRINFO_DECRYPTFAILED2", "Unencrypted data arrived in a stream that Standard RDP Security should encrypt."),
];
