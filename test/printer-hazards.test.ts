// The code-block-writer hazards (toolchain.md pitfall 6, anchors-aesthetics.md A2): code-block-writer lexes what it
// writes as JavaScript, so a backtick, `\'`, `/*` or a quote in PowerShell text could make every later line lose its
// indentation. ps-writer.ts switches that lexer off. This suite prints every such hazard inside an indented function
// body, in literals, comments, help and raw lines, and checks the text after each one; then it tests renderDoc.
import CodeBlockWriter from "code-block-writer";
import { describe, expect, it } from "vitest";
import { BLANK, type Doc, indent } from "../codegen/print/doc.js";
import { printFile, printNode } from "../codegen/print/printer.js";
import { PsWriterError, renderDoc } from "../codegen/print/ps-writer.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import { ps } from "../src/ir/index.js";
import type { Statement } from "../src/ir/index.js";

/** `[label, value, exact printed literal]`. */
const HAZARDS: readonly (readonly [string, string, string])[] = [
  ["ASCII single quote", "'", "''''"],
  ["U+2018 left single quote", "\u2018", "([string][char]0x2018)"],
  ["U+2019 right single quote (apostrophe)", "it\u2019s", "('it' + [char]0x2019 + 's')"],
  ["U+201A low single quote", "\u201A", "([string][char]0x201A)"],
  ["U+201B reversed single quote", "\u201B", "([string][char]0x201B)"],
  ["double quote", '"', `'"'`],
  ["U+201C left double quote", "\u201C", "([string][char]0x201C)"],
  ["U+201D right double quote", "\u201D", "([string][char]0x201D)"],
  ["all quotes in a row", `'"\u2018\u2019\u201A\u201B\u201C\u201D'`, `('''"' + [char]0x2018 + [char]0x2019 + [char]0x201A + [char]0x201B + [char]0x201C + [char]0x201D + '''')`],
  ["dollar", "$", "'$'"],
  ["subexpression opener", "$(Get-Date)", "'$(Get-Date)'"],
  ["braced variable", "${env:x}", "'${env:x}'"],
  ["backtick alone", "`", "'`'"],
  ["backtick at the end", "abc`", "'abc`'"],
  ["backtick before a quote", "`'", "'`'''"],
  ["backtick-escaped double quote", 'say `"hi`"', `'say \`"hi\`"'`],
  ["hash", "#", "'#'"],
  ["block comment opener", "<#", "'<#'"],
  ["block comment closer", "#>", "'#>'"],
  ["JS block comment opener", "/*", "'/*'"],
  ["JS block comment closer", "*/", "'*/'"],
  ["JS line comment", "// x", "'// x'"],
  ["open brace", "{", "'{'"],
  ["close brace", "}", "'}'"],
  ["trailing backslash", "C:\\temp\\", "'C:\\temp\\'"],
  ["backslash before a quote", "\\'", "'\\'''"],
  ["LF", "\n", "([string][char]0x000A)"],
  ["CRLF inside text", "a\r\nb", "('a' + [char]0x000D + [char]0x000A + 'b')"],
  ["CR", "\r", "([string][char]0x000D)"],
  ["tab", "a\tb", "('a' + [char]0x0009 + 'b')"],
  ["NUL", "\0", "([string][char]0x0000)"],
  ["e acute", "caf\u00e9", "('caf' + [char]0x00E9)"],
  ["CJK", "\u4e2d\u6587", "([string][char]0x4E2D + [char]0x6587)"],
  ["emoji (surrogate pair)", "\u{1F600}!", "([string][char]0xD83D + [char]0xDE00 + '!')"],
  ["lone high surrogate", "\uD800x", "([string][char]0xD800 + 'x')"],
  ["lone low surrogate", "x\uDC00", "('x' + [char]0xDC00)"],
  ["here-string opener", "@'", "'@'''"],
  ["here-string closer", "'@", "'''@'"],
];

/** Comment lines full of hazards; comments are printed as they are (ASCII), so they must not disturb layout. */
const COMMENT_HAZARDS = [
  "ends with #>",
  "<# opens nothing",
  "backtick at the end `",
  "/* not a block",
  "*/ not an end",
  "// not a line comment",
  "'unbalanced single",
  '"unbalanced double',
  "{ open brace",
  "} close brace",
  "C:\\temp\\",
  "$(not expanded) ${env:x}",
];

/** Raw lines with hazards that only RawScript can carry (the IR never prints them itself). */
const RAW_HAZARDS = [
  'Write-Output "say `"hi`" /* not a comment"',
  "$p = 'C:\\temp\\'",
  'Write-Output "`$notAVariable"',
  "$q = 'it''s'",
];

const HELP_HAZARDS = ["Ends with #>", "Has <# inside", "Backtick ` and /* and */ and //", "Quote ' and \" and { }", "C:\\temp\\"];

const I2 = " ".repeat(8);
const I3 = " ".repeat(12);

/** The function under test, built from the tables, and the exact text expected from it. */
function hazardFunction(): { statements: Statement[]; expected: string[] } {
  const body: Statement[] = [];
  const lines: string[] = [];
  HAZARDS.forEach(([, value, printed], i) => {
    body.push(ps.assign(ps.v(`h${i}`), ps.str(value)), ps.assign(ps.v(`after${i}`), ps.num(i)));
    lines.push(`${I2}$h${i} = ${printed}`, `${I2}$after${i} = ${i}`);
  });
  HAZARDS.forEach(([, value, printed], i) => {
    body.push(ps.pipelineStatement(ps.command("Write-Output", [ps.positionalArg(ps.str(value))])), ps.assign(ps.v(`arg${i}`), ps.num(i)));
    lines.push(`${I2}Write-Output ${printed}`, `${I2}$arg${i} = ${i}`);
  });
  COMMENT_HAZARDS.forEach((c, i) => {
    body.push(ps.comment(c), ps.assign(ps.v(`comment${i}`), ps.num(i)));
    lines.push(`${I2}# ${c}`, `${I2}$comment${i} = ${i}`);
  });
  body.push(ps.rawScript(RAW_HAZARDS, "hazard lines only raw text can hold"), ps.assign(ps.v("afterRaw"), ps.num(1)));
  lines.push(`${I2}# Raw PowerShell: hazard lines only raw text can hold`, ...RAW_HAZARDS.map((l) => `${I2}${l}`), `${I2}$afterRaw = 1`);
  // One hashtable with every hazard as a value: one level deeper.
  body.push(ps.assign(ps.v("table"), ps.hashtable(HAZARDS.map(([, value], i) => ({ key: `K${i}`, value: ps.str(value) })))));
  lines.push(`${I2}$table = @{`, ...HAZARDS.map(([, , printed], i) => `${I3}K${i} = ${printed}`), `${I2}}`);
  body.push(ps.assign(ps.v("afterTable"), ps.num(1)));
  lines.push(`${I2}$afterTable = 1`);

  const fn = ps.functionDefinition({
    name: "Test-Hazard",
    help: ps.help({ synopsis: "Hazards.", description: HELP_HAZARDS }),
    cmdletBinding: ps.cmdletBinding(),
    parameters: [ps.parameter("Text", { type: "string", defaultValue: ps.str("`'\u2019#>") })],
    end: [ps.ifThen(ps.bool(true), body), ps.assign(ps.v("end"), ps.num(1))],
  });
  const expected = [
    "# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'.",
    "# Purpose: Writer hazards",
    "# Source: test/printer-hazards.test.ts",
    "",
    "function Test-Hazard {",
    "    <#",
    "    .SYNOPSIS",
    "        Hazards.",
    "",
    "    .DESCRIPTION",
    "        Ends with # >",
    "        Has < # inside",
    "        Backtick ` and /* and */ and //",
    "        Quote ' and \" and { }",
    "        C:\\temp\\",
    "    #>",
    "    [CmdletBinding()]",
    "    param(",
    "        [string]",
    "        $Text = ('`''' + [char]0x2019 + '#>')",
    "    )",
    "",
    "    if ($true) {",
    ...lines,
    "    }",
    "    $end = 1",
    "}",
  ];
  return { statements: [fn, ps.pipelineStatement(ps.command("Test-Hazard"))], expected: [...expected, "", "Test-Hazard"] };
}

describe("writer hazards inside an indented function body", () => {
  const { statements, expected } = hazardFunction();
  const output = printFile(ps.moduleFile({ source: { sources: ["test/printer-hazards.test.ts"], purpose: "Writer hazards" }, statements }));
  const lines = output.split("\r\n");

  it("prints exactly the expected text", () => {
    expect(lines).toEqual([...expected, ""]);
  });

  it("is printable ASCII only", () => {
    expect(lines.filter((l) => /[^\x20-\x7E]/.test(l))).toEqual([]);
  });

  it("uses CRLF only and ends with one", () => {
    expect(output.endsWith("\r\n")).toBe(true);
    expect(output.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("has no trailing whitespace", () => {
    expect(lines.filter((l) => /\s$/.test(l))).toEqual([]);
  });

  it.each(HAZARDS.map(([label], i) => [label, i] as const))("keeps the indentation after a literal with %s", (_label, i) => {
    const assignment = lines.indexOf(`${I2}$h${i} = ${HAZARDS[i]![2]}`);
    expect(assignment).toBeGreaterThan(0);
    expect(lines[assignment + 1]).toBe(`${I2}$after${i} = ${i}`);
    const argument = lines.indexOf(`${I2}Write-Output ${HAZARDS[i]![2]}`);
    expect(argument).toBeGreaterThan(0);
    expect(lines[argument + 1]).toBe(`${I2}$arg${i} = ${i}`);
    expect(lines).toContain(`${I3}K${i} = ${HAZARDS[i]![2]}`);
  });

  it.each(COMMENT_HAZARDS.map((c, i) => [c, i] as const))("keeps the indentation after the comment %s", (c, i) => {
    const at = lines.indexOf(`${I2}# ${c}`);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`${I2}$comment${i} = ${i}`);
  });

  it("keeps the indentation after raw lines, help hazards, the hashtable and at the closing braces", () => {
    expect(lines[lines.indexOf(`${I2}${RAW_HAZARDS.at(-1)}`) + 1]).toBe(`${I2}$afterRaw = 1`);
    expect(lines[lines.indexOf("        C:\\temp\\") + 1]).toBe("    #>");
    expect(lines[lines.indexOf("    #>") + 1]).toBe("    [CmdletBinding()]");
    expect(lines[lines.indexOf(`${I2}$afterTable = 1`) - 1]).toBe(`${I2}}`);
    // The if's closing brace, the statement after it and the function's closing brace, at columns 5, 5 and 1.
    const close = lines.indexOf(`${I2}$afterTable = 1`) + 1;
    expect(lines.slice(close, close + 3)).toEqual(["    }", "    $end = 1", "}"]);
    expect(lines.slice(-3)).toEqual(["", "Test-Hazard", ""]);
  });

  it("parses with zero tree-sitter problems", async () => {
    const { problems } = await parsePowerShell(output);
    expect(problems).toEqual([]);
  });
});

describe("renderDoc", () => {
  const line = (depth: number, text: string) => ({ depth, text });

  it("indents by depth with four spaces and ends every line with CRLF", () => {
    expect(renderDoc([line(0, "a {"), line(1, "b {"), line(2, "c"), line(1, "}"), line(0, "}")])).toBe(
      "a {\r\n    b {\r\n        c\r\n    }\r\n}\r\n",
    );
  });

  it("renders an empty doc, or only blank lines, as nothing", () => {
    expect(renderDoc([])).toBe("");
    expect(renderDoc([BLANK, BLANK])).toBe("");
  });

  it("collapses runs of blank lines, trims them at the edges and never indents them", () => {
    const doc: Doc = [BLANK, BLANK, line(0, "a"), BLANK, BLANK, BLANK, ...indent([line(0, "b"), BLANK, line(0, "c")]), BLANK];
    expect(renderDoc(doc)).toBe("a\r\n\r\n    b\r\n\r\n    c\r\n");
  });

  it.each([
    ["LF", "a\nb", 'line contains a line break: "a\\nb"'],
    ["CR", "a\rb", 'line contains a line break: "a\\rb"'],
    ["CRLF", "a\r\nb", 'line contains a line break: "a\\r\\nb"'],
    ["non-ASCII", "caf\u00e9", 'line is not printable ASCII: "caf\u00e9"'],
    ["a tab", "a\tb", 'line is not printable ASCII: "a\\tb"'],
    ["NUL", "a\0", 'line is not printable ASCII: "a\\u0000"'],
    ["DEL", "a\x7f", 'line is not printable ASCII: "a\x7f"'],
    ["a trailing space", "a ", 'line has trailing whitespace: "a "'],
    ["only spaces", "   ", 'line has trailing whitespace: "   "'],
  ])("throws PsWriterError for a line with %s", (_what, text, message) => {
    let caught: unknown;
    try {
      renderDoc([line(1, text)]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PsWriterError);
    expect((caught as Error).message).toBe(message);
  });

  // The raw hazards from toolchain.md pitfall 6, straight into the writer: each is followed by an indented line
  // and a closing brace, which code-block-writer's JavaScript lexer would have mis-indented.
  it.each([
    ["a backtick line continuation", "Get-Item `"],
    ["a backtick-escaped quote", 'Write-Output "say `"hi`""'],
    ["a backslash before a quote", "$p = 'C:\\temp\\'"],
    ["a lone single quote", "# don't"],
    ["a lone double quote", '# say "'],
    ["a JS block comment opener", "Get-ChildItem ./*.ps1"],
    ["a JS line comment", "$u = 'https://example.invalid'"],
    ["a regex-looking division", "$half = $total / 2"],
    ["a block comment opener", "<# not closed here"],
    ["an open brace in a string", "$s = '{'"],
    ["a template-literal opener", "$t = '`${x}'"],
  ])("keeps indentation after %s", (_what, hazard) => {
    const doc: Doc = [line(0, "if ($x) {"), line(1, hazard), line(1, "$next = 1"), line(0, "}"), line(0, "$last = 1")];
    expect(renderDoc(doc)).toBe(`if ($x) {\r\n    ${hazard}\r\n    $next = 1\r\n}\r\n$last = 1\r\n`);
  });

  it("catches the hazard it guards against: a plain CodeBlockWriter (JavaScript lexer on) fails the same check", () => {
    // The same loop as renderDoc, without the override of _updateInternalState. If an upgrade of code-block-writer
    // renamed that hook, renderDoc would behave like this and the tests above would fail.
    const plain = (doc: Doc): string => {
      const writer = new CodeBlockWriter({ indentNumberOfSpaces: 4, newLine: "\r\n", useTabs: false });
      for (const l of doc) {
        writer.setIndentationLevel(l.depth);
        writer.writeLine(l.text);
      }
      return writer.toString();
    };
    const doc: Doc = [line(0, "if ($x) {"), line(1, "Get-Item `"), line(1, "$next = 1"), line(0, "}")];
    expect(plain(doc)).toBe("if ($x) {\r\n    Get-Item `\r\n$next = 1\r\n}\r\n");
    expect(renderDoc(doc)).toBe("if ($x) {\r\n    Get-Item `\r\n    $next = 1\r\n}\r\n");
  });

  it("matches printNode output for a statement after a hazard (printer and writer agree)", () => {
    const doc = printNode(ps.ifThen(ps.v("x"), [ps.comment("ends with `"), ps.assign(ps.v("y"), ps.str("`"))]));
    expect(renderDoc(doc)).toBe("if ($x) {\r\n    # ends with `\r\n    $y = '`'\r\n}\r\n");
  });
});
