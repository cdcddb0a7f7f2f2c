/**
 * One documented code of an RDP error namespace. The tables in this folder are the one source of truth for
 * decoding: the CLI decodes with them in Node and the module emits them as PowerShell data.
 */
import type { SourceTag } from "./sources.js";

export interface CodeEntry {
  readonly code: number;
  /** The official symbol, exactly as the source spells it (e.g. disconnectReasonAtClientWinsockFDCLOSE). */
  readonly name: string;
  /** A short ASCII meaning in our own words; never the source's prose copied. */
  readonly meaning: string;
  /** Where the entry comes from; tags starting with "S" are secondary (seen in the field, not documented). */
  readonly source: SourceTag;
}

/** Builds entries of one table that all share a source, so each table row stays one line. */
export const entriesFrom = (source: SourceTag) => (code: number, name: string, meaning: string): CodeEntry => ({
  code, name, meaning, source,
});
