/**
 * MS-RDPBCGR 2.2.5.1.1 errorInfo values, part 2: the RDP-specific protocol codes 0x10C9-0x10F8 (malformed or
 * out-of-sequence PDUs, capabilities, virtual channels). Seen by admins mainly as "internal protocol error"
 * (the extended code's protocol range, 4096-32767).
 *
 * Source R3: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c
 */
import { entriesFrom, type CodeEntry } from "./types.js";

const r3 = entriesFrom("R3");

export const ERRINFO_PROTOCOL: readonly CodeEntry[] = [
  r3(0x10c9, "ERRINFO_UNKNOWNPDUTYPE2", "A received Share Data Header has an unknown pduType2."),
  r3(0x10ca, "ERRINFO_UNKNOWNPDUTYPE", "A received Share Control Header has an unknown pduType."),
  r3(0x10cb, "ERRINFO_DATAPDUSEQUENCE", "A slow-path data PDU arrived out of sequence."),
  r3(0x10cd, "ERRINFO_CONTROLPDUSEQUENCE", "A slow-path non-data PDU arrived out of sequence."),
  r3(0x10ce, "ERRINFO_INVALIDCONTROLPDUACTION", "A Control PDU has an action field that is not valid."),
  r3(0x10cf, "ERRINFO_INVALIDINPUTPDUTYPE", "An input event has a message type or event code that is not valid."),
  r3(0x10d0, "ERRINFO_INVALIDINPUTPDUMOUSE", "A mouse input event has pointer flags that are not valid."),
  r3(0x10d1, "ERRINFO_INVALIDREFRESHRECTPDU", "A Refresh Rect PDU is not valid."),
  r3(0x10d2, "ERRINFO_CREATEUSERDATAFAILED", "The server could not build the user data of its GCC Conference Create Response."),
  r3(0x10d3, "ERRINFO_CONNECTFAILED", "The Channel Connection phase of the connection sequence failed."),
  r3(0x10d4, "ERRINFO_CONFIRMACTIVEWRONGSHAREID", "The client's Confirm Active PDU has a wrong shareId."),
  r3(0x10d5, "ERRINFO_CONFIRMACTIVEWRONGORIGINATOR", "The client's Confirm Active PDU has a wrong originatorId."),
  r3(0x10da, "ERRINFO_PERSISTENTKEYPDUBADLENGTH", "A Persistent Key List PDU is too short to process."),
  r3(0x10db, "ERRINFO_PERSISTENTKEYPDUILLEGALFIRST", "A second Persistent Key List PDU was marked as the first one."),
  r3(0x10dc, "ERRINFO_PERSISTENTKEYPDUTOOMANYTOTALKEYS", "A Persistent Key List PDU announced more than 262144 bitmap cache entries in total."),
  r3(0x10dd, "ERRINFO_PERSISTENTKEYPDUTOOMANYCACHEKEYS", "A Persistent Key List PDU announced more keys than a bitmap cache can hold."),
  r3(0x10de, "ERRINFO_INPUTPDUBADLENGTH", "An input event PDU is too short to process."),
  r3(0x10df, "ERRINFO_BITMAPCACHEERRORPDUBADLENGTH", "A Bitmap Cache Error PDU is too short to process."),
  r3(0x10e0, "ERRINFO_SECURITYDATATOOSHORT", "The signature (or FIPS) fields of a fast-path input PDU are too short."),
  r3(0x10e1, "ERRINFO_VCHANNELDATATOOSHORT", "Virtual channel data (in the Client Network Data or a channel PDU header) is too short."),
  r3(0x10e2, "ERRINFO_SHAREDATATOOSHORT", "A Control PDU, Font List PDU or slow-path PDU header is too short."),
  r3(0x10e3, "ERRINFO_BADSUPRESSOUTPUTPDU", "A Suppress Output PDU is too short or has an allowDisplayUpdates value that is not valid."),
  r3(0x10e5, "ERRINFO_CONFIRMACTIVEPDUTOOSHORT", "The Confirm Active PDU is too short to process."),
  r3(0x10e7, "ERRINFO_CAPABILITYSETTOOSMALL", "A capability set is too short to read its type and length."),
  r3(0x10e8, "ERRINFO_CAPABILITYSETTOOLARGE", "A capability set claims to be longer than the data received."),
  r3(0x10e9, "ERRINFO_NOCURSORCACHE", "The client's Pointer Capability Set asks for no pointer cache at all."),
  r3(0x10ea, "ERRINFO_BADCAPABILITIES", "The server did not accept the capabilities in the client's Confirm Active PDU."),
  r3(0x10ec, "ERRINFO_VIRTUALCHANNELDECOMPRESSIONERR", "Decompressing a virtual channel PDU failed."),
  r3(0x10ed, "ERRINFO_INVALIDVCCOMPRESSIONTYPE", "A virtual channel PDU names a compression package that is not valid."),
  r3(0x10ef, "ERRINFO_INVALIDCHANNELID", "A virtual channel PDU uses an MCS channel ID that is not valid."),
  r3(0x10f0, "ERRINFO_VCHANNELSTOOMANY", "The client asked for more than 31 static virtual channels."),
  r3(0x10f3, "ERRINFO_REMOTEAPPSNOTENABLED", "The session hosts only RemoteApp programs, but the client did not ask for RemoteApp (INFO_RAIL)."),
  r3(0x10f4, "ERRINFO_CACHECAPNOTSET", "The client sent a Persistent Key List PDU without the Revision 2 Bitmap Cache Capability Set."),
  r3(0x10f5, "ERRINFO_BITMAPCACHEERRORPDUBADLENGTH2", "A Bitmap Cache Error PDU's block count does not match its data."),
  r3(0x10f6, "ERRINFO_OFFSCRCACHEERRORPDUBADLENGTH", "An Offscreen Bitmap Cache Error PDU is too short to process."),
  r3(0x10f7, "ERRINFO_DNGCACHEERRORPDUBADLENGTH", "A DrawNineGrid Cache Error PDU is too short to process."),
  r3(0x10f8, "ERRINFO_GDIPLUSPDUBADLENGTH", "A GDI+ Error PDU is too short to process."),
];
