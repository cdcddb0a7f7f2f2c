/**
 * The sources of the decoding tables, with the tags used in /work/shared/research/causes-catalog.md section 4
 * ([P] R-tags are primary Microsoft sources, S-tags are secondary).
 */
export const DECODE_SOURCES = {
  /** IMsTscAxEvents::OnDisconnected, discReason values (the dialog's "Error code"). */
  R1: "https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected",
  /** ExtendedDisconnectReasonCode enumeration (the dialog's "Extended error code"). */
  R2: "https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode",
  /** MS-RDPBCGR 2.2.5.1.1 Set Error Info PDU Data, errorInfo values. */
  R3: "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c",
  /** MS-RDPBCGR 2.2.1.2.2 RDP Negotiation Failure, failureCode values. */
  R5: "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761",
  /** GitHub issues with real mstsc dialogs showing codes the R1 list lacks (stascorp/rdpwrap#571, anhkgg/SuperRDP#38). */
  S9: "https://github.com/anhkgg/SuperRDP/issues/38",
} as const;

export type SourceTag = keyof typeof DECODE_SOURCES;

/** Secondary sources report what was seen, not what is specified; decoders say so. */
export const isSecondarySource = (tag: SourceTag): boolean => tag.startsWith("S");
