/**
 * Help text must be ASCII (comments cannot hold [char] escapes, and the output is ASCII-only). Typographic
 * characters that editors insert are mapped to their ASCII forms; anything else is an error that names the
 * source, so nobody ships a silently mangled help page.
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u2018": "'", "\u2019": "'", "\u201A": "'", "\u201B": "'",
  "\u201C": "\"", "\u201D": "\"", "\u201E": "\"",
  "\u2013": "-", "\u2014": "-", "\u2212": "-",
  "\u2026": "...", "\u00A0": " ", "\u2192": "->", "\u2264": "<=", "\u2265": ">=",
};

export function toAsciiProse(line: string, where: string): string {
  // Markdown code spans read fine without their backticks in Get-Help output.
  const plain = line.replace(/`([^`]*)`/g, "$1").replace(/\t/g, "    ");
  const mapped = [...plain].map((ch) => REPLACEMENTS[ch] ?? ch).join("");
  const bad = mapped.match(/[^\x20-\x7E]/);
  if (bad) throw new Error(`${where}: help text has a non-ASCII character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} in ${JSON.stringify(line)}`);
  return mapped;
}
