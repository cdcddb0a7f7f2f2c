/**
 * Decodes the two numbers of the mstsc error dialog: the disconnect reason ("Error code") and the optional
 * extended reason ("Extended error code"), using the tables in ./tables and the causes catalog.
 *
 * The result's property names are the PowerShell ones (PascalCase): Resolve-RdpErrorCode returns an object
 * with exactly these properties (codegen/targets/module/resolve-error-code-function.ts), so JSON from either
 * side looks the same.
 */
import type { Cause, Side } from "../model/cause.js";
import { CATALOG } from "../catalog/index.js";
import { formatHex } from "./parse.js";
import {
  DISCONNECT_TABLE, ERRINFO_TABLE, EXTENDED_PROTOCOL_RANGE, EXTENDED_TABLE, type CodeEntry,
} from "./tables/index.js";

export interface CodeReference {
  readonly Code: number;
  readonly Hex: string;
  readonly Name: string;
}

export interface PlausibleCause {
  readonly Id: string;
  readonly Name: string;
  readonly Title: string;
  readonly Side: Side;
}

export interface ErrorCodeInfo {
  readonly Code: number;
  readonly Hex: string;
  readonly Name: string | null;
  readonly Meaning: string | null;
  readonly Known: boolean;
  readonly Source: string | null;
  /** For an unknown code: the nearest documented codes below and above (one or two); else empty. */
  readonly Neighbours: readonly CodeReference[];
  /** The code ends in 0x07, the pattern of the CredSSP/NLA (SSL_ERR_*) outcomes. */
  readonly CredSspOutcome: boolean;
  readonly ExtendedCode: number | null;
  readonly ExtendedHex: string | null;
  readonly ExtendedName: string | null;
  readonly ExtendedMeaning: string | null;
  readonly ExtendedKnown: boolean | null;
  readonly ExtendedSource: string | null;
  readonly ExtendedNeighbours: readonly CodeReference[];
  /** The MS-RDPBCGR errorInfo with the same value as the extended code (the server's reason, passed through). */
  readonly ErrorInfo: string | null;
  readonly ErrorInfoMeaning: string | null;
  /** Catalog causes that list every code given (the rule of src/model/analyze.ts matchesErrorCode). */
  readonly PlausibleCauses: readonly PlausibleCause[];
  readonly Notes: readonly string[];
}

/**
 * Inference from causes-catalog.md section 1a: the SSL_ERR_* codes all end in 0x07. They come from the
 * CredSSP/NLA logon, which runs inside TLS, so the TLS stage worked.
 */
export const CREDSSP_OUTCOME_NOTE =
  "Codes ending in 0x07 are CredSSP/NLA logon outcomes: TLS was already set up, so certificate causes are unlikely.";

/** Inference from causes-catalog.md section 0: the extended values equal to an errorInfo value are that value. */
export const ERRINFO_MIRROR_NOTE =
  "The extended code equals a server errorInfo value (MS-RDPBCGR 2.2.5.1.1), so the server probably sent that reason; this is an inference from the matching tables.";

/** causes-catalog.md section 3 item 1: a common misreading of extended 0x7. */
export const NOT_WIN32_NOTE =
  "Extended codes are not Win32 error codes (for example, extended 0x7 is not ERROR_ARENA_TRASHED).";

export const findEntry = (table: readonly CodeEntry[], code: number): CodeEntry | undefined =>
  table.find((e) => e.code === code);

const reference = (e: CodeEntry): CodeReference => ({ Code: e.code, Hex: formatHex(e.code), Name: e.name });

/** The nearest documented codes below and above `code`; the tables are sorted by code. */
export function neighboursOf(table: readonly CodeEntry[], code: number): CodeReference[] {
  const below = table.filter((e) => e.code < code).at(-1);
  const above = table.find((e) => e.code > code);
  return [below, above].filter((e): e is CodeEntry => e !== undefined).map(reference);
}

/** A cause is plausible when it lists every code given; the extended code is optional. */
export function isPlausibleCause(cause: Cause, code: number, extended: number | null): boolean {
  return cause.codes.disconnect.includes(code) && (extended === null || cause.codes.extended.includes(extended));
}

interface ExtendedPart {
  readonly entry: CodeEntry | undefined;
  readonly inProtocolRange: boolean;
}

function extendedPart(extended: number): ExtendedPart {
  const entry = findEntry(EXTENDED_TABLE, extended);
  const inProtocolRange = entry === undefined && extended > EXTENDED_PROTOCOL_RANGE.first && extended < EXTENDED_PROTOCOL_RANGE.last;
  return { entry, inProtocolRange };
}

export function decode(code: number, extended: number | null = null, causes: readonly Cause[] = CATALOG): ErrorCodeInfo {
  const entry = findEntry(DISCONNECT_TABLE, code);
  const credSsp = code % 256 === 0x07;
  const ext = extended === null ? undefined : extendedPart(extended);
  const extKnown = ext === undefined ? null : ext.entry !== undefined || ext.inProtocolRange;
  const errorInfo = extended === null ? undefined : findEntry(ERRINFO_TABLE, extended);
  const notes = [
    ...(credSsp ? [CREDSSP_OUTCOME_NOTE] : []),
    ...(errorInfo !== undefined && extended !== 0 ? [ERRINFO_MIRROR_NOTE] : []),
    ...(extended !== null ? [NOT_WIN32_NOTE] : []),
  ];
  return {
    Code: code,
    Hex: formatHex(code),
    Name: entry?.name ?? null,
    Meaning: entry?.meaning ?? null,
    Known: entry !== undefined,
    Source: entry?.source ?? null,
    Neighbours: entry === undefined ? neighboursOf(DISCONNECT_TABLE, code) : [],
    CredSspOutcome: credSsp,
    ExtendedCode: extended,
    ExtendedHex: extended === null ? null : formatHex(extended),
    ExtendedName: ext?.entry?.name ?? (ext?.inProtocolRange ? EXTENDED_PROTOCOL_RANGE.name : null),
    ExtendedMeaning: ext?.entry?.meaning ?? (ext?.inProtocolRange ? EXTENDED_PROTOCOL_RANGE.meaning : null),
    ExtendedKnown: extKnown,
    ExtendedSource: ext === undefined || extKnown === false ? null : ext.entry?.source ?? "R2",
    ExtendedNeighbours: extended !== null && extKnown === false ? neighboursOf(EXTENDED_TABLE, extended) : [],
    ErrorInfo: errorInfo?.name ?? null,
    ErrorInfoMeaning: errorInfo?.meaning ?? null,
    PlausibleCauses: causes
      .filter((c) => isPlausibleCause(c, code, extended))
      .map((c) => ({ Id: c.id, Name: c.name, Title: c.title, Side: c.side })),
    Notes: notes,
  };
}
