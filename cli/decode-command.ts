/**
 * `rdp-doctor decode X [--extended Y] [--json]`: what the two numbers of the mstsc error dialog mean, and which
 * catalog causes fit them. Exit codes: 0 decoded (also for an unknown code, which is an answer), 2 bad input.
 */
import { parseArgs } from "node:util";
import { decode, type CodeReference, type ErrorCodeInfo } from "../src/decode/decode.js";
import { ErrorCodeInputError, parseErrorCode } from "../src/decode/parse.js";

export const DECODE_USAGE = `Usage: rdp-doctor decode CODE [--extended CODE] [--json]

Decodes the "Error code" of the Remote Desktop error dialog (and its "Extended error code")
and lists the RdpDoctor catalog causes that fit. Codes are hex (0x904) or decimal (2308).

  --extended CODE   the dialog's "Extended error code"
  --json            print the decoded object as JSON (same properties as Resolve-RdpErrorCode)`;

export interface DecodeCommandOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const CONSOLE: DecodeCommandOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

const neighbourText = (refs: readonly CodeReference[]): string =>
  refs.map((r) => `${r.Hex} ${r.Name}`).join(", ");

function codeLines(label: string, hex: string, code: number, known: boolean, name: string | null, meaning: string | null,
  neighbours: readonly CodeReference[]): string[] {
  if (!known) {
    const near = neighbours.length === 0 ? "" : ` Nearest documented: ${neighbourText(neighbours)}.`;
    return [`${label} ${hex} (${code}) is unknown.${near}`];
  }
  return [`${label} ${hex} (${code}): ${name}`, `  ${meaning}`];
}

/** A few lines for a person; --json gives the whole object. */
export function formatDecoded(info: ErrorCodeInfo): string[] {
  const lines = codeLines("Error code", info.Hex, info.Code, info.Known, info.Name, info.Meaning, info.Neighbours);
  if (info.ExtendedCode !== null) {
    lines.push(...codeLines("Extended code", info.ExtendedHex!, info.ExtendedCode, info.ExtendedKnown === true,
      info.ExtendedName, info.ExtendedMeaning, info.ExtendedNeighbours));
    if (info.ErrorInfo !== null) lines.push(`  Server errorInfo with the same value: ${info.ErrorInfo}: ${info.ErrorInfoMeaning}`);
  }
  const causes = info.PlausibleCauses.map((c) => `${c.Id} ${c.Title}`);
  lines.push(causes.length === 0 ? "Plausible causes: none in the catalog lists these codes." : "Plausible causes:");
  lines.push(...causes.map((c) => `  ${c}`));
  lines.push(...info.Notes.map((n) => `Note: ${n}`));
  return lines;
}

export function runDecodeCommand(argv: readonly string[], io: DecodeCommandOutput = CONSOLE): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { extended: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    io.err(`rdp-doctor decode: ${(err as Error).message}\n${DECODE_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.out(DECODE_USAGE), 0);
  if (positionals.length !== 1) {
    io.err(`rdp-doctor decode: expected one CODE, got ${positionals.length}.\n${DECODE_USAGE}`);
    return 2;
  }
  let info: ErrorCodeInfo;
  try {
    const code = parseErrorCode(positionals[0]!, "CODE");
    const extended = values.extended === undefined ? null : parseErrorCode(values.extended, "--extended");
    info = decode(code, extended);
  } catch (err) {
    if (!(err instanceof ErrorCodeInputError)) throw err;
    io.err(`rdp-doctor decode: ${err.message}`);
    return 2;
  }
  if (values.json) io.out(JSON.stringify(info, null, 2));
  else formatDecoded(info).forEach((l) => io.out(l));
  return 0;
}
