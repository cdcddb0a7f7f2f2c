// Property test of codegen/print/escape.ts quoteString: for 10,000+ seeded random strings, the printed literal is
// printable ASCII and evaluates back to exactly the input. No real pwsh can run here, so all literals go into ONE
// script (`$v0 = <literal>` per line), tree-sitter parses it once, and test/support/ps-literal-eval.ts evaluates
// each right-hand side from the syntax tree by the PowerShell language rules. pester/General/Escape.Tests.ps1
// repeats the round trip with the real engine, from fixtures this file (re)generates from the same seed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeSingleQuotedContent, quoteString } from "../codegen/print/escape.js";
import { printFile } from "../codegen/print/printer.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import { ps } from "../src/ir/index.js";
import { decodeVerbatimString, evaluateAssignments, PsEvalError, type PsValue } from "./support/ps-literal-eval.js";

const ROOT = join(import.meta.dirname, "..");
const FIXTURE_DIR = join(ROOT, "test", "fixtures", "escape");
const LITERALS_FILE = join(FIXTURE_DIR, "literals.ps1");
const EXPECTED_FILE = join(FIXTURE_DIR, "expected.json");
const PESTER_FILE = join(ROOT, "pester", "General", "Escape.Tests.ps1");

const SEED = 0x5eed_0904;
const RANDOM_COUNT = 10_000;
const FIXTURE_COUNT = 2_000;
const MAX_LENGTH = 40;

/** mulberry32: a tiny seeded PRNG, so every run (and the committed fixtures) see the same strings. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SINGLE_QUOTES = ["'", "\u2018", "\u2019", "\u201A", "\u201B"];
const DOUBLE_QUOTES = ['"', "\u201C", "\u201D", "\u201E"];
/** ASCII characters and sequences with a meaning somewhere in PowerShell (or in code-block-writer's JS lexer). */
const ASCII_SPECIALS = ["$", "`", "#", "<#", "#>", "{", "}", "\\", "$(", "${", "@'", "'@", '@"', '"@', "/*", "*/", "//", "''", "`'", "\\'"];
const ASCII_PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ";

type Draw = (random: () => number) => string;
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const codeUnit = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** `[weight, draw]`: ASCII-only categories, then the rest. */
const ASCII_CATEGORIES: readonly (readonly [number, Draw])[] = [
  [30, (r) => pick(r, [...ASCII_PLAIN])],
  [14, (r) => pick(r, ASCII_SPECIALS)],
  [4, () => "'"],
  [3, () => '"'],
];
const OTHER_CATEGORIES: readonly (readonly [number, Draw])[] = [
  [8, (r) => pick(r, SINGLE_QUOTES)],
  [4, (r) => pick(r, DOUBLE_QUOTES)],
  // C0 controls and DEL.
  [8, (r) => (r() < 0.9 ? String.fromCharCode(codeUnit(r, 0x00, 0x1f)) : "\x7f")],
  // Latin-1 supplement (NEL, NBSP, soft hyphen, letters).
  [6, (r) => String.fromCharCode(codeUnit(r, 0x80, 0xff))],
  // The rest of the BMP outside the surrogate range, with a few notorious ones.
  [6, (r) => (r() < 0.2 ? pick(r, ["\u2028", "\u2029", "\ufeff", "\uffff", "\u200b"]) : String.fromCharCode(r() < 0.5 ? codeUnit(r, 0x100, 0xd7ff) : codeUnit(r, 0xe000, 0xffff)))],
  // Astral characters: a surrogate pair.
  [5, (r) => String.fromCodePoint(codeUnit(r, 0x10000, 0x10ffff))],
  // Lone surrogates (two in a row may happen to form a pair, which is fine).
  [3, (r) => String.fromCharCode(r() < 0.5 ? codeUnit(r, 0xd800, 0xdbff) : codeUnit(r, 0xdc00, 0xdfff))],
];

function drawFrom(random: () => number, categories: readonly (readonly [number, Draw])[]): string {
  const total = categories.reduce((sum, [w]) => sum + w, 0);
  let x = random() * total;
  for (const [w, draw] of categories) {
    if ((x -= w) < 0) return draw(random);
  }
  return categories[categories.length - 1]![1](random);
}

/** One random string of 0..40 code units; a quarter of them ASCII-only, so plain literals are well covered. */
function randomString(random: () => number): string {
  const length = Math.floor(random() * (MAX_LENGTH + 1));
  const categories = random() < 0.25 ? ASCII_CATEGORIES : [...ASCII_CATEGORIES, ...OTHER_CATEGORIES];
  let s = "";
  while (s.length < length) s += drawFrom(random, categories);
  return s.length > MAX_LENGTH ? s.slice(0, MAX_LENGTH) : s;
}

/** Hand-picked edge cases first, then the random ones. */
const EDGE_CASES = [
  "", " ", "'", "''", "'''", ...SINGLE_QUOTES.slice(1), "\u2019\u2019", "'\u2019", "\u2018'", "it's", "it\u2019s",
  '"', '""', "$", "`", "``", "`'", "#", "<#", "#>", "<##>", "{", "}", "\\", "C:\\temp\\", "\\'",
  "\0", "\n", "\r", "\r\n", "\t", "\x7f", "\u0085", "\u00a0", "\u00e9", "\u2028", "\ufeff", "\uffff",
  "\ud800", "\udfff", "\udbff\udfff", "\udfff\udbff", "\u{1F600}", "a\u{1F600}b", "\u00e9t\u00e9", "x".repeat(MAX_LENGTH),
];

function generateStrings(): string[] {
  const random = mulberry32(SEED);
  const out = [...EDGE_CASES];
  for (let i = 0; i < RANDOM_COUNT; i++) out.push(randomString(random));
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

interface RoundTripFailure {
  readonly index: number;
  readonly input: string;
  readonly printed: string;
  readonly reason: string;
}

const showValue = (v: PsValue | undefined) => (v === undefined ? "nothing" : `${v.type} ${JSON.stringify(v.value)}`);

/**
 * The check itself, for any escaper: ASCII, then one batched parse, then evaluation from the tree. With
 * `perLiteral` each literal is parsed on its own, so a broken escaper gets one reason per input instead of one
 * error for the whole batch (used by the negative controls).
 */
async function roundTrip(
  escape: (s: string) => string,
  inputs: readonly string[],
  options: { perLiteral?: boolean } = {},
): Promise<{ failures: RoundTripFailure[]; timings: Record<string, number>; scriptChars: number }> {
  const failures: RoundTripFailure[] = [];
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const printed = inputs.map(escape);
  lap("quote");
  printed.forEach((p, index) => {
    if (!PRINTABLE_ASCII.test(p)) failures.push({ index, input: inputs[index]!, printed: p, reason: "not printable ASCII" });
  });
  const compare = (index: number, value: PsValue | undefined) => {
    if (value?.type === "string" && value.value === inputs[index]) return;
    failures.push({ index, input: inputs[index]!, printed: printed[index]!, reason: `evaluates to ${showValue(value)}` });
  };
  if (options.perLiteral) {
    for (const [index, p] of printed.entries()) {
      const { problems, root } = await parsePowerShell(`$v = ${p}\r\n`);
      if (problems.length > 0) {
        failures.push({ index, input: inputs[index]!, printed: p, reason: `syntax: ${problems.map((x) => x.kind).join(",")}` });
        continue;
      }
      try {
        compare(index, evaluateAssignments(root).get("$v"));
      } catch (e) {
        failures.push({ index, input: inputs[index]!, printed: p, reason: (e as Error).message });
      }
    }
    return { failures, timings, scriptChars: 0 };
  }
  const script = `${printed.map((p, i) => `$v${i} = ${p}`).join("\r\n")}\r\n`;
  const { problems, root } = await parsePowerShell(script);
  lap("parse");
  if (problems.length > 0) throw new Error(`the batched script has syntax problems: ${JSON.stringify(problems.slice(0, 10))}`);
  const values = evaluateAssignments(root);
  lap("evaluate");
  inputs.forEach((_, index) => compare(index, values.get(`$v${index}`)));
  if (values.size !== inputs.length) throw new Error(`evaluated ${values.size} assignments for ${inputs.length} literals`);
  return { failures, timings, scriptChars: script.length };
}

const STRINGS = generateStrings();

describe("quoteString round trip (property, tree-sitter + spec evaluator)", () => {
  it("draws every category of characters the brief names", () => {
    const all = STRINGS.join("");
    const has = (re: RegExp) => re.test(all);
    expect(STRINGS.length).toBe(EDGE_CASES.length + RANDOM_COUNT);
    expect(SINGLE_QUOTES.every((q) => all.includes(q))).toBe(true);
    expect(DOUBLE_QUOTES.every((q) => all.includes(q))).toBe(true);
    expect(ASCII_SPECIALS.every((q) => all.includes(q))).toBe(true);
    expect([...Array(0x20).keys(), 0x7f].every((c) => all.includes(String.fromCharCode(c)))).toBe(true);
    expect([has(/[\x80-\xff]/), has(/[\u0100-\ud7ff\ue000-\uffff]/), has(/[\ud800-\udbff][\udc00-\udfff]/)]).toEqual([true, true, true]);
    expect(has(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)).toBe(true);
    expect(Math.max(...STRINGS.map((s) => s.length))).toBe(MAX_LENGTH);
    expect(STRINGS.filter((s) => PRINTABLE_ASCII.test(s)).length).toBeGreaterThan(2_000);
  });

  it(`prints printable ASCII that evaluates back to exactly the input, for ${STRINGS.length} strings`, async () => {
    const { failures, timings, scriptChars } = await roundTrip(quoteString, STRINGS);
    console.log(
      `escape property: ${STRINGS.length} strings, one ${(scriptChars / 1e6).toFixed(1)} MB script; ` +
        Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(", "),
    );
    expect(failures.slice(0, 10)).toEqual([]);
  }, 120_000);
});

describe("the property test can fail (negative controls)", () => {
  // Doubling only the ASCII quote is the classic mistake: PowerShell also ends a string at U+2018..U+201B.
  const naive = (s: string) => `'${s.replace(/'/g, "''")}'`;

  it("rejects an escaper that doubles only the ASCII quote, on U+2019 input", async () => {
    const { failures } = await roundTrip(naive, ["it\u2019s", "plain"], { perLiteral: true });
    expect(failures.map((f) => [f.index, f.reason])).toEqual([
      [0, "not printable ASCII"],
      [0, `"'it\u2019s'": PowerShell ends this string at offset 3 (U+2019), before its last quote`],
    ]);
  });

  it("rejects an escaper that leaves a raw newline in the literal", async () => {
    const keepsControls = (s: string) => `'${escapeSingleQuotedContent(s)}'`;
    const { failures } = await roundTrip(keepsControls, ["a\nb", "a\r\nb"], { perLiteral: true });
    // A raw line break is not ASCII-printable; worse, git or an editor may rewrite it to CRLF and change the value.
    expect(failures.map((f) => [f.index, f.reason])).toEqual([
      [0, "not printable ASCII"],
      [1, "not printable ASCII"],
    ]);
  });

  it("rejects an escaper that drops the [string] cast before a leading [char]", async () => {
    const noCast = (s: string) => quoteString(s).replace("([string][char]", "([char]");
    const { failures } = await roundTrip(noCast, ["\u00e9t\u00e9", "\u00e9"], { perLiteral: true });
    expect(failures.map((f) => [f.index, f.reason.replace(/ at \d+:\d+/, "")])).toEqual([
      [0, `additive_expression "[char]0x00E9 + 't'" adds to a char; PowerShell only concatenates when the left operand is a string`],
      [1, 'evaluates to char "\u00e9"'],
    ]);
  });

  it("rejects an escaper that forgets to double the ASCII quote", async () => {
    const noDoubling = (s: string) => `'${s}'`;
    const { failures } = await roundTrip(noDoubling, ["it's", "fine"], { perLiteral: true });
    expect(failures.map((f) => [f.index, f.printed, f.reason])).toEqual([[0, "'it's'", "syntax: ERROR,ERROR"]]);
  });

  it("rejects an evaluator input it does not know instead of guessing (a double-quoted string)", async () => {
    const { failures } = await roundTrip((s) => `"${s}"`, ["x"], { perLiteral: true });
    expect(failures.map((f) => f.reason.replace(/ at \d+:\d+/, ""))).toEqual([`expandable_string_literal "\\"x\\"" is not a single-quoted string`]);
  });
});

describe("decodeVerbatimString (the PowerShell rule for single-quoted strings)", () => {
  it.each([
    ["''", ""],
    ["'a'", "a"],
    ["''''", "'"],
    ["'it''s'", "it's"],
    ["'\u2019\u2019'", "\u2019"],
    ["'\u2018\u2019'", "\u2019"], // any pair yields its second character
    ["'\u201B''", "'"],
    ["\u2018x\u2019", "x"], // any of the five can open and close
    ["'`$x\"'", '`$x"'],
  ])("decodes %s", (token, value) => {
    expect(decodeVerbatimString(token)).toBe(value);
  });

  it.each([["'it's'"], ["'\u2019'"], ["'a\u201A'"], ["'"], ["x"]])("rejects %s", (token) => {
    expect(() => decodeVerbatimString(token)).toThrow(PsEvalError);
  });
});

/** The two Pester fixture files, as they must be byte for byte. */
function fixtureFiles(): { literals: string; expected: string } {
  const strings = STRINGS.slice(0, FIXTURE_COUNT);
  const literals = printFile(
    ps.scriptFile({
      source: {
        sources: ["codegen/print/escape.ts", "test/escape-property.test.ts"],
        purpose: "Escape parity fixture; vitest regenerates it, pester/General/Escape.Tests.ps1 evaluates it",
      },
      statements: [
        ps.assign(ps.v("literals"), ps.staticCall("object[]", "new", ps.num(FIXTURE_COUNT))),
        ...strings.map((s, i) => ps.assign(ps.indexExpression(ps.v("literals"), ps.num(i)), ps.str(s))),
      ],
    }),
  );
  const utf16 = (s: string) => Buffer.from(s, "utf16le").toString("base64");
  const expected = `${JSON.stringify(
    {
      generatedBy: "test/escape-property.test.ts",
      seed: SEED,
      // Not "count": in PowerShell that would compete with the intrinsic Count property.
      literalCount: FIXTURE_COUNT,
      encoding: "base64 of UTF-16LE",
      strings: strings.map(utf16),
      singleQuotedContent: strings.map((s) => utf16(escapeSingleQuotedContent(s))),
    },
    null,
    2,
  )}\n`;
  return { literals, expected };
}

describe("Pester parity fixtures (test/fixtures/escape)", () => {
  const { literals, expected } = fixtureFiles();

  it("holds one $literals[i] = <quoteString> line per string, after the header, in ASCII and CRLF", () => {
    const lines = literals.split("\r\n");
    const first = lines.indexOf(`$literals = [object[]]::new(${FIXTURE_COUNT})`);
    expect(first).toBeGreaterThan(0);
    const body = lines.slice(first + 1, -1);
    expect(body).toEqual(STRINGS.slice(0, FIXTURE_COUNT).map((s, i) => `$literals[${i}] = ${quoteString(s)}`));
    expect(literals.replace(/\r\n/g, "")).toMatch(/^[\x20-\x7E]*$/);
  });

  it("parses with zero tree-sitter problems", async () => {
    const { problems } = await parsePowerShell(literals);
    expect(problems).toEqual([]);
  });

  it("are byte-identical to the committed files (written outside CI, compared in CI)", () => {
    const ci = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false" && process.env.CI !== "0";
    if (!ci) {
      mkdirSync(FIXTURE_DIR, { recursive: true });
      if (!existsSync(LITERALS_FILE) || readFileSync(LITERALS_FILE, "utf8") !== literals) writeFileSync(LITERALS_FILE, literals);
      if (!existsSync(EXPECTED_FILE) || readFileSync(EXPECTED_FILE, "utf8") !== expected) writeFileSync(EXPECTED_FILE, expected);
    }
    expect(existsSync(LITERALS_FILE) && readFileSync(LITERALS_FILE).equals(Buffer.from(literals, "utf8"))).toBe(true);
    expect(existsSync(EXPECTED_FILE) && readFileSync(EXPECTED_FILE).equals(Buffer.from(expected, "utf8"))).toBe(true);
  });
});

// Its syntax and bytes are checked with every other suite in test/pester-files.test.ts.
describe("pester/General/Escape.Tests.ps1", () => {
  const text = readFileSync(PESTER_FILE, "utf8");

  it("reads the fixtures this file writes, relative to $PSScriptRoot", () => {
    expect(text).toContain("-ChildPath '../../test/fixtures/escape'");
    expect(text).toContain("'literals.ps1'");
    expect(text).toContain("'expected.json'");
  });
});
