/**
 * The sources of the decoding tables, with the tags used in /work/shared/research/causes-catalog.md section 4
 * ([P] R-tags are primary Microsoft sources, S-tags are secondary).
 */
import { SOURCES } from "../../catalog/shared/sources.js";

export const DECODE_SOURCES = {
  /** IMsTscAxEvents::OnDisconnected, discReason values (the dialog's "Error code"). */
  R1: SOURCES.R1.url,
  /** ExtendedDisconnectReasonCode enumeration (the dialog's "Extended error code"). */
  R2: SOURCES.R2.url,
  /** MS-RDPBCGR 2.2.5.1.1 Set Error Info PDU Data, errorInfo values. */
  R3: SOURCES.R3.url,
  /** MS-RDPBCGR 2.2.1.2.2 RDP Negotiation Failure, failureCode values. */
  R5: SOURCES.R5.url,
  /** GitHub issues with real mstsc dialogs showing codes the R1 list lacks (stascorp/rdpwrap#571, anhkgg/SuperRDP#38). */
  S9: "https://github.com/anhkgg/SuperRDP/issues/38",
} as const;

export type SourceTag = keyof typeof DECODE_SOURCES;

/** Secondary sources report what was seen, not what is specified; decoders say so. */
export const isSecondarySource = (tag: SourceTag): boolean => tag.startsWith("S");
