/**
 * PsWriter: renders a layout Doc to text through code-block-writer, steering clear of its known hazards
 * (toolchain.md pitfall 6, anchors-aesthetics.md §A2).
 *
 * code-block-writer lexes what it writes as JavaScript to decide when to indent. On PowerShell that lexer is
 * wrong: a backtick opens a "template literal", `\'` hides a closing quote, `/*` opens a comment, and each
 * makes later lines lose their indentation. PowerShell lexing is the printer's job, so the writer switches
 * that lexer off and uses the library only for indentation and newlines. `test/ps-writer.test.ts` feeds it
 * every known hazard, so an upgrade that renames the hook fails the build instead of the output.
 *
 * Other hazards are closed by construction: no here-strings (no IR node; RawScript refuses them), no
 * backtick line continuations (the printer splats instead), and no `quote()` (escape.ts quotes everything).
 */
import CodeBlockWriter from "code-block-writer";
import type { Doc } from "./doc.js";

class PowerShellCodeBlockWriter extends CodeBlockWriter {
  /** Replaces the library's JavaScript lexer state machine (internal hook, pinned at code-block-writer 13.0.3). */
  _updateInternalState(_text: string): void {
    // Intentionally empty: see the file comment.
  }
}

export const NEWLINE = "\r\n";

export class PsWriterError extends Error {
  override readonly name = "PsWriterError";
}

function checkLine(text: string): void {
  if (/[\r\n]/.test(text)) throw new PsWriterError(`line contains a line break: ${JSON.stringify(text)}`);
  if (/[^\x20-\x7E]/.test(text)) throw new PsWriterError(`line is not printable ASCII: ${JSON.stringify(text)}`);
  if (/\s$/.test(text)) throw new PsWriterError(`line has trailing whitespace: ${JSON.stringify(text)}`);
}

/** Drops leading and trailing blank lines and collapses runs of blank lines to one, keeping KEPT_BLANK lines. */
export function normalizeBlankLines(doc: Doc): Doc {
  const out = doc.filter((line, i) => line.text !== "" || line.kept === true || (i > 0 && doc[i - 1]!.text !== ""));
  while (out.length > 0 && out[0]!.text === "") out.shift();
  while (out.length > 0 && out[out.length - 1]!.text === "") out.pop();
  return out;
}

/** Renders a whole file: 4-space indentation, CRLF, a final CRLF, no BOM. */
export function renderDoc(doc: Doc): string {
  const writer = new PowerShellCodeBlockWriter({ indentNumberOfSpaces: 4, newLine: NEWLINE, useTabs: false });
  for (const line of normalizeBlankLines(doc)) {
    if (line.text === "") {
      writer.blankLine();
      continue;
    }
    checkLine(line.text);
    writer.setIndentationLevel(line.depth);
    writer.writeLine(line.text);
  }
  return writer.toString();
}
