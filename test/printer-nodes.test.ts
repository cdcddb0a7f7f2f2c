// The printer, node kind by node kind: every row of test/support/printer-rows.ts is printed and compared exactly,
// then parsed with tree-sitter. Then the builders' validation: what they must refuse, and with which message.
import { describe, expect, it } from "vitest";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import { IrValidationError, ps } from "../src/ir/index.js";
import { PRINTER_ROWS, type PrinterRow } from "./support/printer-rows.js";

const print = (row: PrinterRow): string => renderDoc(printNode(row.given()));

describe("printNode: one row per node kind", () => {
  for (const [name, row] of PRINTER_ROWS) {
    it(`prints ${name}`, () => {
      // The writer's newline is fixed at CRLF; `want` is written with "\n".
      expect(print(row)).toBe(row.want.replace(/\n/g, "\r\n"));
    });
  }
});

describe("printNode: every row parses with tree-sitter", () => {
  for (const [name, row] of PRINTER_ROWS) {
    const parse = row.parse;
    if (parse && "skip" in parse) {
      // A false error of the tree-sitter grammar on valid PowerShell (see PrinterRow.parse).
      it.skip(`parses ${name} (skipped: ${parse.skip})`, () => {});
      continue;
    }
    it(`parses ${name}`, async () => {
      const printed = print(row);
      const source = parse ? parse.wrap(printed) : printed;
      const { problems } = await parsePowerShell(source);
      expect(problems).toEqual([]);
    });
  }
});

/** `[name, build, error class, exact message]`: each builder call must throw exactly this. */
const REJECTED: readonly (readonly [string, () => unknown, typeof IrValidationError | TypeErrorConstructor, string])[] = [
  [
    "a function with the verb Build (PowerShell 6+, not 5.1)",
    () => ps.functionDefinition({ name: "Build-Thing" }),
    IrValidationError,
    `Function name "Build-Thing" is not valid: 'Build' is not an approved verb in Windows PowerShell 5.1 (Get-Verb)`,
  ],
  [
    "a function with the verb Deploy (PowerShell 6+, not 5.1)",
    () => ps.functionDefinition({ name: "Deploy-Thing" }),
    IrValidationError,
    `Function name "Deploy-Thing" is not valid: 'Deploy' is not an approved verb in Windows PowerShell 5.1 (Get-Verb)`,
  ],
  [
    "a lower-case private helper name",
    () => ps.functionDefinition({ name: "helper" }),
    IrValidationError,
    `Function name "helper" is not valid: private helpers are two or more PascalCase words without a hyphen, and not a keyword`,
  ],
  [
    "the alias gci as a command",
    () => ps.command("gci"),
    IrValidationError,
    `Command name "gci" is not valid: call commands by their full Verb-Noun name (no aliases) or as name.exe`,
  ],
  [
    "the alias where as a command",
    () => ps.command("where"),
    IrValidationError,
    `Command name "where" is not valid: call commands by their full Verb-Noun name (no aliases) or as name.exe`,
  ],
  [
    "the alias % as a command",
    () => ps.command("%"),
    IrValidationError,
    `Command name "%" is not valid: call commands by their full Verb-Noun name (no aliases) or as name.exe`,
  ],
  [
    "a variable name with a dash",
    () => ps.variable("my-var"),
    IrValidationError,
    `Variable name "my-var" is not valid: use letters, digits and _ (not starting with a digit)`,
  ],
  [
    "$true as a variable",
    () => ps.variable("true"),
    IrValidationError,
    `Variable name "true" is not valid: use the BooleanLiteral/NullLiteral builders`,
  ],
  [
    "$Null as a variable (case-insensitive)",
    () => ps.variable("Null"),
    IrValidationError,
    `Variable name "Null" is not valid: use the BooleanLiteral/NullLiteral builders`,
  ],
  [
    "a non-ASCII comment",
    () => ps.comment("caf\u00e9"),
    IrValidationError,
    `Comment line "caf\u00e9" is not valid: comments must be printable ASCII on a single line`,
  ],
  [
    "a comment with a line break",
    () => ps.comment("one\ntwo"),
    IrValidationError,
    `Comment line "one\\ntwo" is not valid: comments must be printable ASCII on a single line`,
  ],
  [
    "parameter names differing only in case",
    () => ps.functionDefinition({ name: "Get-Thing", parameters: [ps.parameter("ComputerName"), ps.parameter("Computername")] }),
    IrValidationError,
    `Parameter of Get-Thing "Computername" is not valid: is declared twice (PowerShell names are case-insensitive)`,
  ],
  [
    "hashtable keys differing only in case",
    () => ps.hashtable([{ key: "Name", value: ps.num(1) }, { key: "NAME", value: ps.num(2) }]),
    IrValidationError,
    `Hashtable key "NAME" is not valid: is declared twice (PowerShell names are case-insensitive)`,
  ],
  [
    "a variable in a DataFile",
    () => ps.dataFile({ source: { sources: ["a.ts"], purpose: "p" }, entries: [{ key: "Path", value: ps.v("x") }] }),
    IrValidationError,
    "Path: a data file may only hold constants, got VariableExpression",
  ],
  [
    "a non-ASCII string nested in a DataFile",
    () =>
      ps.dataFile({
        source: { sources: ["a.ts"], purpose: "p" },
        entries: [{ key: "PrivateData", value: ps.hashtable({ Tags: ps.arrayLiteral([ps.str("caf\u00e9")]) }) }],
      }),
    IrValidationError,
    `PrivateData.Tags "caf\u00e9" is not valid: must be printable ASCII (it is printed where no [char] escape can go)`,
  ],
  [
    "a single-quoted here-string in RawScript",
    () => ps.rawScript(["$x = @'", "text", "'@"], "needs a here-string"),
    TypeError,
    `Raw script line "$x = @'" must not open or close a here-string`,
  ],
  [
    "a double-quoted here-string in RawScript",
    () => ps.rawScript(['$x = @"', "text", '"@'], "needs a here-string"),
    TypeError,
    'Raw script line "$x = @\\"" must not open or close a here-string',
  ],
  [
    "a backtick continuation in RawScript",
    () => ps.rawScript(["Get-Item `", "    -Path 'x'"], "long line"),
    TypeError,
    'Raw script line "Get-Item `" must not end in a backtick continuation; use splatting',
  ],
  [
    "a non-ASCII RawScript line",
    () => ps.rawScript(["'caf\u00e9'"], "accent"),
    TypeError,
    `Raw script line "'caf\u00e9'" must be printable ASCII`,
  ],
  [
    "a type name with a statement separator",
    () => ps.cast("string; Remove-Item", ps.v("x")),
    IrValidationError,
    `Type name "string; Remove-Item" is not valid: expected a .NET type name such as 'string[]' or 'System.IO.File'`,
  ],
  [
    "an expression after the first pipeline element",
    () => ps.pipeline(ps.command("Get-Item"), ps.v("x")),
    TypeError,
    "Pipeline element VariableExpression must be a command after the first position",
  ],
  [
    "a catch-all before a typed catch",
    () => ps.tryStatement([], [{ body: [] }, { types: ["System.Exception"], body: [] }]),
    TypeError,
    "A catch-all clause must be the last catch",
  ],
  [
    "a non-constant switch pattern",
    () => ps.switchStatement(ps.v("x"), [{ pattern: ps.v("y"), body: [] }]),
    TypeError,
    "Switch pattern must be a constant, got VariableExpression",
  ],
  [
    "a mandatory parameter with a default",
    () => ps.parameter("Name", { mandatory: true, defaultValue: ps.str("x") }),
    IrValidationError,
    "Parameter Name: a mandatory parameter cannot have a default value",
  ],
  [
    "ConfirmImpact without SupportsShouldProcess",
    () => ps.cmdletBinding({ confirmImpact: "High" }),
    IrValidationError,
    "ConfirmImpact only means something with SupportsShouldProcess",
  ],
  [
    "pipeline input without a process block",
    () => ps.functionDefinition({ name: "Get-Thing", parameters: [ps.parameter("Path", { valueFromPipeline: true })] }),
    IrValidationError,
    "Get-Thing: pipeline input needs a process block",
  ],
  [
    "help for a parameter the function lacks",
    () => ps.functionDefinition({ name: "Get-Thing", help: ps.help({ synopsis: "s", parameters: [{ name: "Path", text: [] }] }) }),
    IrValidationError,
    "Get-Thing: help documents unknown parameter Path",
  ],
  [
    "a negative hex number",
    () => ps.hex(-1),
    IrValidationError,
    "Hex number -1 is not valid: must be a non-negative integer",
  ],
];

describe("builders validate their input", () => {
  for (const [name, build, errorClass, message] of REJECTED) {
    it(`rejects ${name}`, () => {
      let caught: unknown;
      try {
        build();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(errorClass);
      expect((caught as Error).message).toBe(message);
    });
  }

  it("names the offending line when RawScript refuses a here-string in the middle", () => {
    expect(() => ps.rawScript(["$x = 1", "$y = @'", "text", "'@"], "needs a here-string")).toThrow(`"$y = @'"`);
  });

  it("names NaN and Infinity when rejecting them (JSON.stringify would print null)", () => {
    expect(() => ps.num(Number.NaN)).toThrow(new IrValidationError("Number NaN is not valid: must be finite"));
    expect(() => ps.num(Number.POSITIVE_INFINITY)).toThrow("Number Infinity is not valid: must be finite");
  });

  it.each(["ForEach", "ElseIf", "DynamicParam", "InlineScript"])("rejects a private helper named after the keyword %s", (name) => {
    expect(() => ps.command(name)).toThrow(IrValidationError);
    expect(() => ps.functionDefinition({ name, end: [] })).toThrow(/not a keyword/);
  });

  it("shows why: at the start of a statement ForEach is the foreach keyword, so such a call would not parse", async () => {
    const { problems } = await parsePowerShell("ForEach\r\n");
    expect(problems.map((p) => `${p.kind}@${p.line}:${p.column}`)).toEqual(["ERROR@1:1", "ERROR@1:8"]);
  });

  it("rejects comment and help text with trailing whitespace at the builder, naming the text", () => {
    expect(() => ps.comment("x ")).toThrow(new IrValidationError('Comment line "x " is not valid: must not end in whitespace'));
    expect(() => ps.help({ synopsis: "Synopsis. " })).toThrow(/"Synopsis\. " is not valid: must not end in whitespace/);
  });
});
