/**
 * The one escaping path for every literal the printer emits. Nothing else in the code base quotes PowerShell.
 *
 * Rules, and where they come from:
 * - Single-quoted strings only: they expand nothing (`$`, backtick, `"` are plain characters), so the only
 *   character that needs care is the quote itself (about_Quoting_Rules).
 * - PowerShell's tokenizer treats five characters as single quotes: ' U+2018 U+2019 U+201A U+201B
 *   (PowerShell/PowerShell engine/parser/CharTraits.cs, IsSingleQuote). Inside a single-quoted string any of
 *   them must be doubled; the tokenizer keeps the second of a pair. Doubling only the ASCII one is wrong.
 * - Output is ASCII-only (platform-limits.md §0 rule 2): every code unit outside printable ASCII, including
 *   control characters (a raw newline would also be rewritten to CRLF) and each half of a surrogate pair, is
 *   printed as a `[char]0xNNNN` expression concatenated to the quoted runs.
 */

/** The characters PowerShell accepts as single quotes. */
export const SINGLE_QUOTE_CHARS: readonly string[] = ["'", "\u2018", "\u2019", "\u201A", "\u201B"];
const SINGLE_QUOTES = new RegExp(`[${SINGLE_QUOTE_CHARS.join("")}]`, "g");

const PRINTABLE_ASCII = /^[\x20-\x7E]$/;

/** Body of a single-quoted string with every single-quote character doubled (no surrounding quotes). */
export function escapeSingleQuotedContent(text: string): string {
  return text.replace(SINGLE_QUOTES, (q) => q + q);
}

/** `[char]0x00E9`: one UTF-16 code unit as a char expression. */
export function charCodeExpression(codeUnit: number): string {
  return `[char]0x${codeUnit.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A PowerShell expression whose value is exactly `value`.
 * Plain printable ASCII gives `'...'`; anything else gives a parenthesized concatenation such as
 * `('caf' + [char]0x00E9)`, whose first operand is a string so `+` concatenates instead of adding numbers.
 */
export function quoteString(value: string): string {
  const parts: string[] = [];
  let run = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (PRINTABLE_ASCII.test(ch)) {
      run += ch;
      continue;
    }
    if (run !== "") parts.push(`'${escapeSingleQuotedContent(run)}'`);
    run = "";
    parts.push(charCodeExpression(value.charCodeAt(i)));
  }
  if (run !== "" || parts.length === 0) parts.push(`'${escapeSingleQuotedContent(run)}'`);
  if (parts.length === 1 && parts[0]!.startsWith("'")) return parts[0]!;
  // A leading [char] must be made a string, or `[char] + 'x'` would try to convert 'x' to a char.
  if (parts[0]!.startsWith("[char]")) parts[0] = `[string]${parts[0]}`;
  return `(${parts.join(" + ")})`;
}

/** True when `quoteString` would print a plain single-quoted literal (usable where only constants may go). */
export function isPlainAsciiLiteral(value: string): boolean {
  return /^[\x20-\x7E]*$/.test(value);
}

/**
 * Text inside `<# ... #>` help. `#>` would end the block early and `<#` is confusing inside it, so a space is
 * put between the two characters; PowerShell's own CodeGeneration.EscapeBlockCommentContent uses a backtick
 * instead, which Get-Help would then show to the reader.
 */
export function escapeBlockCommentLine(text: string): string {
  return text.replace(/#>/g, "# >").replace(/<#/g, "< #");
}

/**
 * A help body line must not look like a help keyword: Get-Help treats `^\s*\.\w+` as one, and an unknown
 * keyword (`.NET is required`) invalidates the whole help block (HelpCommentsParser). Such lines are quoted.
 */
export function escapeHelpBodyLine(text: string): string {
  const escaped = escapeBlockCommentLine(text);
  return /^\s*\.\w/.test(escaped) ? escaped.replace(/^(\s*)(\S+)/, "$1'$2'") : escaped;
}

/** A hashtable key or member name: bare when it is an identifier, else quoted through the same path. */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : quoteString(key);
}
