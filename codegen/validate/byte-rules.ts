/**
 * The byte rules every generated PowerShell file obeys, in one place: the build checks them before writing,
 * and the signer again before signing, since it may be handed files from elsewhere.
 */

function lineCol(bytes: Uint8Array, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/**
 * Why we refuse instead of signing anyway (toolchain.md pitfalls 15-16,
 * platform-limits.md rule 2):
 * - Windows PowerShell 5.1 decodes a BOM-less file in the ANSI code page while
 *   osslsigncode decodes UTF-8, so any byte > 0x7F can hash differently on
 *   Windows -> HashMismatch, even though osslsigncode's own verify says "ok".
 * - The PowerShell SIP hashes the text with CRLF line ends; osslsigncode hashes
 *   the bytes as they are, so an LF (or lone CR) file signs "fine" here and
 *   fails on Windows. osslsigncode also appends a CRLF block, mixing endings.
 * - A BOM is hashed as U+FEFF, and tools that add/strip it break the hash; the
 *   project's format is ASCII + CRLF + no BOM everywhere.
 * Returns a description of the first problem, or undefined if the bytes are fine.
 */
export function findEncodingProblem(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "starts with a UTF-8 byte order mark";
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return "starts with a UTF-16 byte order mark";
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b > 0x7f) return `non-ASCII byte 0x${b.toString(16).toUpperCase()} at ${lineCol(bytes, i)}`;
    if (b === 0x0a && bytes[i - 1] !== 0x0d) return `bare LF (not preceded by CR) at ${lineCol(bytes, i)}`;
    if (b === 0x0d && bytes[i + 1] !== 0x0a) return `lone CR (not followed by LF) at ${lineCol(bytes, i)}`;
  }
  return undefined;
}

/**
 * The full rule set for a generated file: the encoding rules above, plus no trailing whitespace and a final
 * CRLF (house style, and the before-stop check). Returns the first violation, if any.
 */
export function findByteProblem(content: string): string | undefined {
  const bytes = Buffer.from(content, "utf8");
  const encoding = findEncodingProblem(bytes);
  if (encoding !== undefined) return encoding;
  const trailing = content.search(/[ \t]\r\n/);
  if (trailing >= 0) return `trailing whitespace at ${lineCol(bytes, trailing)}`;
  if (!content.endsWith("\r\n")) return "does not end with CRLF";
  return undefined;
}
