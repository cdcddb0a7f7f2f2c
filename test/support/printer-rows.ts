/**
 * The printer's row table: one or more rows per node kind of `PrintableNode` (codegen/print/printer.ts).
 * Shared by test/printer-nodes.test.ts (which prints and parses every row) and test/printer-completeness.test.ts
 * (which checks that every printer case has a row, and that every row names a printer case).
 *
 * A row is `[name, { given, want, parse? }]`:
 * - `name` starts with the node kind that `given()` returns (the completeness test checks this);
 * - `given` builds the node through the `ps` builders only, never as a hand-written object;
 * - `want` is the exact text of `renderDoc(printNode(given()))`, written with "\n" where the output has CRLF.
 */
import { ps } from "../../src/ir/index.js";
import type { PrintableNode } from "../../codegen/print/printer.js";

export interface PrinterRow {
  readonly given: () => PrintableNode;
  readonly want: string;
  /**
   * How the printed text is checked with tree-sitter. By default it is parsed as it stands. `wrap` puts a
   * fragment that is not a script on its own (an argument, a parameter, a lone comment) into a minimal valid
   * context. `skip` is for output that is valid PowerShell but hits a false error of the tree-sitter grammar.
   * toolchain.md pitfall 13 lists a one-line `switch` with several clauses and `break outer`/`continue outer`;
   * the printer never prints either (switch clauses always get their own lines, and there are no labels).
   * Found while writing this table, and handled by `wrap`/`skip` below:
   * - a script with no statement at all (only comments, or nothing) is an ERROR;
   * - a script-level `param()` with no statement after it is a MISSING node;
   * - an empty script block (`{}`, `{ }`, or `{` and `}` on two lines) is a MISSING node.
   */
  readonly parse?: { readonly wrap: (printed: string) => string } | { readonly skip: string };
  /**
   * A printer or IR bug found by this row: the print test runs as `it.fails` (so it starts failing, and must be
   * turned back into a plain row, once the bug is fixed); `parseFails` does the same for the parse test.
   */
  readonly bug?: { readonly note: string; readonly parseFails?: true };
}

/** Lines joined with "\n", plus the final newline every rendered doc ends with. */
export const out = (...lines: readonly string[]): string => `${lines.join("\n")}\n`;

/** The printed text is a command argument: check it as one. */
const asArgument = { wrap: (t: string) => `Write-Output ${t}` } as const;
/** Inside a function, so the `param()` is followed by something (see `parse` above). */
const inFunction = (body: string) => `function Test-Wrap {\r\n${body}}\r\n`;
/** The printed text is a parameter: check it inside `param( ... )`. */
const inParamBlock = { wrap: (t: string) => inFunction(`param(\r\n${t})\r\n`) } as const;
/** The printed text is only comments (or nothing): give the script a statement. */
const beforeStatement = { wrap: (t: string) => `${t}exit 0\r\n` } as const;

const { str, num, hex, v, bool, nil } = ps;
const say = (s: string) => ps.pipelineStatement(str(s));

/** A parameter with every feature the printer knows, shared by the ParameterDefinition and function rows. */
const computerNameParameter = () =>
  ps.parameter("ComputerName", {
    type: "string[]",
    mandatory: true,
    position: 0,
    valueFromPipeline: true,
    valueFromPipelineByPropertyName: true,
    aliases: ["CN", "Server"],
    validations: [{ kind: "ValidateNotNullOrEmpty" }, { kind: "ValidateCount", min: 1, max: 16 }],
  });

const source = { sources: ["src/targets/b.ts", "src/catalog/a.ts"], purpose: "Row table sample" };

export const PRINTER_ROWS: readonly (readonly [string, PrinterRow])[] = [
  // ---- Literals ----------------------------------------------------------------------------------------
  ["StringLiteral (plain)", { given: () => str("plain text"), want: out("'plain text'") }],
  ["StringLiteral (empty)", { given: () => str(""), want: out("''") }],
  [
    "StringLiteral (quote doubled; $, backtick and double quote stay plain)",
    { given: () => str("it's $x `n \"q\""), want: out("'it''s $x `n \"q\"'") },
  ],
  [
    "StringLiteral (non-ASCII as [char] codes)",
    { given: () => str("caf\u00e9 \u2019"), want: out("('caf' + [char]0x00E9 + ' ' + [char]0x2019)") },
  ],
  [
    "StringLiteral (leading [char] made a string)",
    { given: () => str("\u00e9t\u00e9"), want: out("([string][char]0x00E9 + 't' + [char]0x00E9)") },
  ],
  [
    "StringLiteral (newline and surrogate pair)",
    { given: () => str("a\r\n\u{1F600}"), want: out("('a' + [char]0x000D + [char]0x000A + [char]0xD83D + [char]0xDE00)") },
  ],
  ["NumberLiteral (integer)", { given: () => num(42), want: out("42") }],
  ["NumberLiteral (negative real)", { given: () => num(-1.5), want: out("-1.5") }],
  ["NumberLiteral (hex)", { given: () => hex(0x904), want: out("0x904") }],
  ["NumberLiteral (hex, upper-case digits)", { given: () => hex(0xbeef), want: out("0xBEEF") }],
  [
    "NumberLiteral (hex above Int32.MaxValue keeps its value: printed in decimal, which PowerShell widens to Int64)",
    {
      given: () => hex(0x80070005),
      want: out("2147942405"),
    },
  ],
  ["BooleanLiteral (true)", { given: () => bool(true), want: out("$true") }],
  ["BooleanLiteral (false)", { given: () => bool(false), want: out("$false") }],
  ["NullLiteral", { given: () => nil(), want: out("$null") }],

  // ---- Variables and members -----------------------------------------------------------------------------
  ["VariableExpression (plain)", { given: () => v("count"), want: out("$count") }],
  ["VariableExpression (script scope)", { given: () => ps.variable("cache", "script"), want: out("$script:cache") }],
  ["VariableExpression (global scope)", { given: () => ps.variable("Setting", "global"), want: out("$global:Setting") }],
  ["VariableExpression (local scope)", { given: () => ps.variable("x", "local"), want: out("$local:x") }],
  ["VariableExpression (env)", { given: () => ps.variable("ComputerName", "env"), want: out("$env:ComputerName") }],
  ["VariableExpression (using)", { given: () => ps.variable("path", "using"), want: out("$using:path") }],
  ["MemberAccess (instance chain)", { given: () => ps.prop(v("svc"), "Status", "Name"), want: out("$svc.Status.Name") }],
  ["MemberAccess (static)", { given: () => ps.staticProp("Environment", "NewLine"), want: out("[Environment]::NewLine") }],
  ["MemberAccess (on a plain string)", { given: () => ps.memberAccess(str("abc"), "Length"), want: out("'abc'.Length") }],
  [
    "MemberAccess (on a compound target)",
    { given: () => ps.memberAccess(ps.cast("int", v("x")), "Count"), want: out("([int]$x).Count") },
  ],
  ["MemberAccess (on a number)", { given: () => ps.memberAccess(num(1), "Count"), want: out("(1).Count") }],
  [
    "InvokeMember (instance)",
    { given: () => ps.call(v("list"), "Add", str("x")), want: out("$list.Add('x')") },
  ],
  ["InvokeMember (no arguments)", { given: () => ps.call(v("s"), "Trim"), want: out("$s.Trim()") }],
  [
    "InvokeMember (static)",
    { given: () => ps.staticCall("System.IO.Path", "Combine", v("root"), str("a.txt")), want: out("[System.IO.Path]::Combine($root, 'a.txt')") },
  ],
  [
    "InvokeMember (binary argument wrapped)",
    {
      given: () => ps.staticCall("string", "Concat", ps.binary(str("{0}"), "-f", v("a")), num(1)),
      want: out("[string]::Concat(('{0}' -f $a), 1)"),
    },
  ],
  [
    "InvokeMember (generic type, constructor)",
    {
      given: () => ps.staticCall("System.Collections.Generic.List[string]", "new"),
      want: out("[System.Collections.Generic.List[string]]::new()"),
    },
  ],
  ["IndexExpression (number)", { given: () => ps.indexExpression(v("items"), num(0)), want: out("$items[0]") }],
  ["IndexExpression (string key)", { given: () => ps.indexExpression(v("h"), str("key")), want: out("$h['key']") }],
  [
    "IndexExpression (on a static member)",
    { given: () => ps.indexExpression(ps.staticProp("Environment", "Args"), num(-1)), want: out("[Environment]::Args[-1]") },
  ],

  // ---- Collections ---------------------------------------------------------------------------------------
  ["HashtableLiteral (empty)", { given: () => ps.hashtable({}), want: out("@{}") }],
  [
    "HashtableLiteral (ordered, quoted key)",
    {
      given: () => ps.hashtable({ Name: str("x"), "Content-Type": str("text/plain"), Count: num(2) }, { ordered: true }),
      want: out("[ordered]@{", "    Name = 'x'", "    'Content-Type' = 'text/plain'", "    Count = 2", "}"),
    },
  ],
  [
    "HashtableLiteral (multi-line nested)",
    {
      given: () => ps.hashtable({ A: num(1), Inner: ps.hashtable({ B: str("b"), Empty: ps.hashtable({}) }), List: ps.arrayLiteral([num(1), num(2)]) }),
      want: out("@{", "    A = 1", "    Inner = @{", "        B = 'b'", "        Empty = @{}", "    }", "    List = @(1, 2)", "}"),
    },
  ],
  ["ArrayLiteral (empty)", { given: () => ps.arrayLiteral([]), want: out("@()") }],
  [
    "ArrayLiteral (inline, operands wrapped)",
    {
      given: () => ps.arrayLiteral([num(1), str("a"), v("x"), ps.binary(v("a"), "+", num(1)), ps.unary("-not", v("b"))]),
      want: out("@(1, 'a', $x, ($a + 1), (-not $b))"),
    },
  ],
  ["ArrayLiteral (one element stays an array)", { given: () => ps.arrayLiteral([str("only")]), want: out("@('only')") }],
  [
    "ArrayLiteral (single command unwrapped)",
    { given: () => ps.arrayLiteral([ps.paren(ps.command("Get-ChildItem"))]), want: out("@(Get-ChildItem)") },
  ],
  [
    "ArrayLiteral (multi-line when an item spans lines)",
    {
      given: () => ps.arrayLiteral([ps.hashtable({ A: num(1) }), ps.hashtable({ A: num(2) })]),
      want: out("@(", "    @{", "        A = 1", "    },", "    @{", "        A = 2", "    }", ")"),
    },
  ],
  [
    "ArrayLiteral (multi-line when too long)",
    {
      given: () => ps.arrayLiteral([str("a".repeat(40)), str("b".repeat(40)), str("c".repeat(40))]),
      want: out("@(", `    '${"a".repeat(40)}',`, `    '${"b".repeat(40)}',`, `    '${"c".repeat(40)}'`, ")"),
    },
  ],
  [
    "ArrayLiteral (multi-line keeps array items as elements)",
    {
      given: () => ps.arrayLiteral([ps.arrayLiteral([str("a".repeat(50)), num(1)]), ps.arrayLiteral([str("b".repeat(50)), num(2)])]),
      want: out("@(", `    @('${"a".repeat(50)}', 1),`, `    @('${"b".repeat(50)}', 2)`, ")"),
    },
  ],
  [
    "PsCustomObject (with PSTypeName)",
    {
      given: () => ps.psCustomObject({ Name: str("x"), Ok: bool(true) }, "RdpDoctor.Result"),
      want: out("[pscustomobject]@{", "    PSTypeName = 'RdpDoctor.Result'", "    Name = 'x'", "    Ok = $true", "}"),
    },
  ],
  ["PsCustomObject (empty, no type)", { given: () => ps.psCustomObject({}), want: out("[pscustomobject]@{}") }],

  // ---- Operators -----------------------------------------------------------------------------------------
  ["BinaryExpression (comparison)", { given: () => ps.binary(v("a"), "-gt", num(1)), want: out("$a -gt 1") }],
  [
    "BinaryExpression (compound operand wrapped)",
    { given: () => ps.binary(ps.binary(v("a"), "+", num(1)), "-gt", num(2)), want: out("($a + 1) -gt 2") },
  ],
  [
    "BinaryExpression (same-operator chain stays flat)",
    { given: () => ps.chain("-and", [v("a"), v("b"), v("c")]), want: out("$a -and $b -and $c") },
  ],
  [
    "BinaryExpression (right-nested same operator keeps parentheses)",
    { given: () => ps.binary(v("a"), "-or", ps.binary(v("b"), "-or", v("c"))), want: out("$a -or ($b -or $c)") },
  ],
  [
    "BinaryExpression (non-associative chain keeps parentheses)",
    { given: () => ps.chain("-", [v("a"), v("b"), v("c")]), want: out("($a - $b) - $c") },
  ],
  [
    "BinaryExpression (string concatenation chain)",
    { given: () => ps.chain("+", [str("x"), v("y"), str("z")]), want: out("'x' + $y + 'z'") },
  ],
  [
    "BinaryExpression (format operator, unary operand)",
    {
      given: () => ps.binary(ps.binary(str("{0} items"), "-f", v("n")), "-and", ps.unary("-not", v("quiet"))),
      want: out("('{0} items' -f $n) -and (-not $quiet)"),
    },
  ],
  ["UnaryExpression (-not)", { given: () => ps.unary("-not", v("ok")), want: out("-not $ok") }],
  ["UnaryExpression (negation)", { given: () => ps.unary("-", v("x")), want: out("-$x") }],
  ["UnaryExpression (nested negation)", { given: () => ps.unary("-", ps.unary("-", v("x"))), want: out("-(-$x)") }],
  [
    "UnaryExpression (negation of a negative number)",
    {
      given: () => ps.unary("-", num(-1)),
      want: out("-(-1)"),
    },
  ],
  ["UnaryExpression (-join)", { given: () => ps.unary("-join", v("parts")), want: out("-join $parts") }],
  ["CastExpression (variable)", { given: () => ps.cast("int", v("x")), want: out("[int]$x") }],
  [
    "CastExpression (compound operand wrapped)",
    { given: () => ps.cast("string[]", ps.binary(v("a"), "+", v("b"))), want: out("[string[]]($a + $b)") },
  ],
  ["CastExpression (nested cast)", { given: () => ps.cast("string", ps.cast("char", num(65))), want: out("[string][char]65") }],
  ["TypeLiteral", { given: () => ps.typeLiteral("System.IO.File"), want: out("[System.IO.File]") }],
  ["TypeName (array)", { given: () => ps.typeName("string[]"), want: out("[string[]]") }],
  [
    "TypeName (generic)",
    { given: () => ps.typeName("System.Collections.Generic.Dictionary[string, int]"), want: out("[System.Collections.Generic.Dictionary[string, int]]") },
  ],
  [
    "ParenExpression (command)",
    { given: () => ps.paren(ps.command("Get-Item", { LiteralPath: str("C:\\x") })), want: out("(Get-Item -LiteralPath 'C:\\x')") },
  ],
  [
    "ParenExpression (pipeline)",
    { given: () => ps.paren(ps.pipeline(v("a"), ps.command("Measure-Object"))), want: out("($a | Measure-Object)") },
  ],
  ["SubExpression (single line)", { given: () => ps.subExpression([ps.pipelineStatement(ps.command("Get-Date"))]), want: out("$(Get-Date)") }],
  [
    "SubExpression (multi-line)",
    {
      given: () => ps.subExpression([ps.assign(v("x"), num(1)), ps.pipelineStatement(v("x"))]),
      want: out("$(", "    $x = 1", "    $x", ")"),
    },
  ],
  [
    "SubExpression (single comment stays multi-line)",
    {
      given: () => ps.subExpression([ps.comment("note")]),
      want: out("$(", "    # note", ")"),
    },
  ],
  [
    "SubExpression (blank lines collapse)",
    {
      given: () => ps.subExpression([say("a"), ps.blankLine(), ps.blankLine(), say("b")]),
      want: out("$(", "    'a'", "", "    'b'", ")"),
    },
  ],
  [
    "ScriptBlockExpression (single comment stays multi-line)",
    {
      given: () => ps.scriptBlock([ps.comment("note")]),
      want: out("{", "    # note", "}"),
      parse: { skip: "tree-sitter reports MISSING in a script block that holds only comments, as in an empty one; both are valid PowerShell" },
    },
  ],
  [
    "ScriptBlockExpression (empty)",
    { given: () => ps.scriptBlock([]), want: out("{}"), parse: { skip: "tree-sitter reports MISSING in any empty script block; {} is valid PowerShell" } },
  ],
  [
    "ScriptBlockExpression (inline)",
    { given: () => ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.prop(v("_"), "Name"), "-eq", str("x")))]), want: out("{ $_.Name -eq 'x' }") },
  ],
  ["ScriptBlockExpression (params only)", { given: () => ps.scriptBlock([], ["a", "b"]), want: out("{ param($a, $b) }") }],
  [
    "ScriptBlockExpression (multi-line with params)",
    {
      given: () => ps.scriptBlock([ps.returnStatement(ps.binary(v("a"), "+", num(1)))], ["a"]),
      want: out("{", "    param($a)", "    return $a + 1", "}"),
    },
  ],
  [
    "ScriptBlockExpression (multi-line when too long)",
    {
      given: () => ps.scriptBlock([say("x".repeat(100))]),
      want: out("{", `    '${"x".repeat(100)}'`, "}"),
    },
  ],

  // ---- Commands and pipelines ----------------------------------------------------------------------------
  [
    "CommandCall (an ordered hashtable argument is wrapped: argument mode reads a leading [ as text)",
    {
      given: () => ps.command("Write-Output", { InputObject: ps.hashtable({ A: num(1) }, { ordered: true }) }),
      want: out("Write-Output -InputObject ([ordered]@{", "    A = 1", "})"),
    },
  ],
  [
    "Pipeline (expression first)",
    {
      given: () =>
        ps.pipeline(
          v("items"),
          ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.prop(v("_"), "Enabled"))]))]),
          ps.command("Select-Object", { First: num(1) }),
        ),
      want: out("$items | Where-Object { $_.Enabled } | Select-Object -First 1"),
    },
  ],
  [
    "Pipeline (multi-line first element)",
    {
      given: () => ps.pipeline(ps.hashtable({ A: num(1) }), ps.command("ConvertTo-Json")),
      want: out("@{", "    A = 1", "} | ConvertTo-Json"),
    },
  ],
  [
    "CommandCall (named arguments and a switch)",
    { given: () => ps.command("Get-ChildItem", { Path: str("C:\\"), Recurse: true }), want: out("Get-ChildItem -Path 'C:\\' -Recurse") },
  ],
  [
    "CommandCall (native program)",
    {
      given: () => ps.command("reg.exe", [ps.positionalArg(str("query")), ps.positionalArg(str("HKLM\\SOFTWARE"))]),
      want: out("reg.exe 'query' 'HKLM\\SOFTWARE'"),
    },
  ],
  ["CommandCall (private helper, no arguments)", { given: () => ps.command("GetRdpState"), want: out("GetRdpState") }],
  [
    "CommandCall (multi-line argument)",
    {
      given: () => ps.command("New-Object", { TypeName: str("psobject"), Property: ps.hashtable({ A: num(1) }), Strict: true }),
      want: out("New-Object -TypeName 'psobject' -Property @{", "    A = 1", "} -Strict"),
    },
  ],
  ["NamedArgument (switch)", { given: () => ps.namedArg("Force"), want: out("-Force"), parse: asArgument }],
  ["NamedArgument (value)", { given: () => ps.namedArg("Name", str("x")), want: out("-Name 'x'"), parse: asArgument }],
  [
    "NamedArgument (colon form)",
    { given: () => ps.namedArg("Confirm", bool(false), { colon: true }), want: out("-Confirm:$false"), parse: asArgument },
  ],
  [
    "NamedArgument (cast value wrapped)",
    { given: () => ps.namedArg("Count", ps.cast("int", v("n"))), want: out("-Count ([int]$n)"), parse: asArgument },
  ],
  [
    "NamedArgument (colon form, compound value wrapped)",
    { given: () => ps.namedArg("WhatIf", ps.unary("-not", v("apply")), { colon: true }), want: out("-WhatIf:(-not $apply)"), parse: asArgument },
  ],
  ["PositionalArgument (string)", { given: () => ps.positionalArg(str("x")), want: out("'x'"), parse: asArgument }],
  ["PositionalArgument (negative number)", { given: () => ps.positionalArg(num(-1)), want: out("-1"), parse: asArgument }],
  ["PositionalArgument (cast wrapped)", { given: () => ps.positionalArg(ps.cast("int", v("x"))), want: out("([int]$x)"), parse: asArgument }],
  [
    "PositionalArgument (binary wrapped)",
    { given: () => ps.positionalArg(ps.binary(v("a"), "+", num(1))), want: out("($a + 1)"), parse: asArgument },
  ],
  [
    "PositionalArgument (static member wrapped)",
    { given: () => ps.positionalArg(ps.staticProp("Environment", "NewLine")), want: out("([Environment]::NewLine)"), parse: asArgument },
  ],
  [
    "PositionalArgument (static call wrapped)",
    { given: () => ps.positionalArg(ps.staticCall("IO.Path", "GetTempPath")), want: out("([IO.Path]::GetTempPath())"), parse: asArgument },
  ],
  [
    "PositionalArgument (type literal wrapped)",
    { given: () => ps.positionalArg(ps.typeLiteral("string")), want: out("([string])"), parse: asArgument },
  ],
  [
    "PositionalArgument (member of a variable stays bare)",
    { given: () => ps.positionalArg(ps.indexExpression(ps.prop(v("x"), "Items"), num(0))), want: out("$x.Items[0]"), parse: asArgument },
  ],
  [
    "PositionalArgument (member of a string wrapped)",
    { given: () => ps.positionalArg(ps.memberAccess(str("abc"), "Length")), want: out("('abc'.Length)"), parse: asArgument },
  ],
  ["SplatArgument", { given: () => ps.splat("params"), want: out("@params"), parse: asArgument }],

  // ---- Statements ----------------------------------------------------------------------------------------
  [
    "PipelineStatement",
    {
      given: () => ps.pipelineStatement(ps.command("Write-Verbose", [ps.namedArg("Message", str("x")), ps.splat("common")])),
      want: out("Write-Verbose -Message 'x' @common"),
    },
  ],
  ["AssignmentStatement (plain)", { given: () => ps.assign(v("x"), num(1)), want: out("$x = 1") }],
  ["AssignmentStatement (typed)", { given: () => ps.assign(v("count"), num(0), { type: "int" }), want: out("[int]$count = 0") }],
  ["AssignmentStatement (+=)", { given: () => ps.assign(v("list"), str("x"), { operator: "+=" }), want: out("$list += 'x'") }],
  ["AssignmentStatement (-=)", { given: () => ps.assign(v("n"), num(1), { operator: "-=" }), want: out("$n -= 1") }],
  [
    "AssignmentStatement (command value)",
    { given: () => ps.assign(v("items"), ps.command("Get-ChildItem", { Path: v("p") })), want: out("$items = Get-ChildItem -Path $p") },
  ],
  [
    "AssignmentStatement (member and index targets)",
    { given: () => ps.assign(ps.indexExpression(ps.prop(v("o"), "Map"), str("k")), nil()), want: out("$o.Map['k'] = $null") },
  ],
  [
    "IfStatement (if only)",
    { given: () => ps.ifThen(v("ok"), [ps.returnStatement(bool(true))]), want: out("if ($ok) {", "    return $true", "}") },
  ],
  [
    "IfStatement (if/elseif/else, OTBS)",
    {
      given: () =>
        ps.ifStatement(
          [
            { condition: ps.binary(v("a"), "-gt", num(1)), body: [say("big")] },
            { condition: ps.binary(v("a"), "-eq", num(1)), body: [say("one")] },
          ],
          [say("small")],
        ),
      want: out("if ($a -gt 1) {", "    'big'", "} elseif ($a -eq 1) {", "    'one'", "} else {", "    'small'", "}"),
    },
  ],
  [
    "IfStatement (command condition, empty body)",
    { given: () => ps.ifThen(ps.command("Test-Path", { LiteralPath: v("p") }), []), want: out("if (Test-Path -LiteralPath $p) {", "}") },
  ],
  [
    "ForeachStatement",
    {
      given: () => ps.foreachStatement("item", v("items"), [ps.pipelineStatement(ps.prop(v("item"), "Name"))]),
      want: out("foreach ($item in $items) {", "    $item.Name", "}"),
    },
  ],
  [
    "ForeachStatement (command iterable)",
    {
      given: () => ps.foreachStatement("f", ps.command("Get-ChildItem", { Filter: str("*.ps1") }), [ps.continueStatement()]),
      want: out("foreach ($f in Get-ChildItem -Filter '*.ps1') {", "    continue", "}"),
    },
  ],
  [
    "SwitchStatement (options and default)",
    {
      given: () =>
        ps.switchStatement(
          v("name"),
          [
            { pattern: str("a*"), body: [say("A"), ps.breakStatement()] },
            { pattern: str("b*"), body: [say("B")] },
          ],
          { switchOptions: ["Wildcard", "CaseSensitive"], defaultBody: [say("other")] },
        ),
      want: out(
        "switch -CaseSensitive -Wildcard ($name) {",
        "    'a*' {",
        "        'A'",
        "        break",
        "    }",
        "    'b*' {",
        "        'B'",
        "    }",
        "    default {",
        "        'other'",
        "    }",
        "}",
      ),
    },
  ],
  [
    "SwitchStatement (number and non-ASCII patterns, no default)",
    {
      given: () =>
        ps.switchStatement(v("code"), [
          { pattern: hex(0x904), body: [say("x")] },
          { pattern: str("caf\u00e9"), body: [] },
        ]),
      want: out("switch ($code) {", "    0x904 {", "        'x'", "    }", "    ('caf' + [char]0x00E9) {", "    }", "}"),
    },
  ],
  [
    "TryStatement (typed catch, catch-all, finally)",
    {
      given: () =>
        ps.tryStatement(
          [ps.pipelineStatement(ps.command("Get-Item", { LiteralPath: v("p"), ErrorAction: str("Stop") }))],
          [
            { types: ["System.IO.IOException", "System.UnauthorizedAccessException"], body: [say("io")] },
            { body: [ps.throwStatement()] },
          ],
          [say("done")],
        ),
      want: out(
        "try {",
        "    Get-Item -LiteralPath $p -ErrorAction 'Stop'",
        "} catch [System.IO.IOException], [System.UnauthorizedAccessException] {",
        "    'io'",
        "} catch {",
        "    throw",
        "} finally {",
        "    'done'",
        "}",
      ),
    },
  ],
  [
    "TryStatement (finally only)",
    { given: () => ps.tryStatement([say("a")], [], [say("b")]), want: out("try {", "    'a'", "} finally {", "    'b'", "}") },
  ],
  ["ReturnStatement (bare)", { given: () => ps.returnStatement(), want: out("return") }],
  ["ReturnStatement (value)", { given: () => ps.returnStatement(ps.command("Get-Date")), want: out("return Get-Date") }],
  ["ThrowStatement (rethrow)", { given: () => ps.throwStatement(), want: out("throw") }],
  ["ThrowStatement (message)", { given: () => ps.throwStatement(str("bad")), want: out("throw 'bad'") }],
  ["ExitStatement (bare)", { given: () => ps.exitStatement(), want: out("exit") }],
  ["ExitStatement (code)", { given: () => ps.exitStatement(num(3)), want: out("exit 3") }],
  ["BreakStatement", { given: () => ps.breakStatement(), want: out("break") }],
  ["ContinueStatement", { given: () => ps.continueStatement(), want: out("continue") }],
  [
    "LineComment (several lines, empty line, hazards)",
    { given: () => ps.comment("first", "", "'quote' #> <# `tick /* */"), want: out("# first", "#", "# 'quote' #> <# `tick /* */"), parse: beforeStatement },
  ],
  // A lone blank line is dropped at the edge of the document; see the SubExpression and ScriptFile rows for
  // blank lines between statements.
  ["BlankLine (alone renders as nothing)", { given: () => ps.blankLine(), want: "", parse: beforeStatement }],
  [
    "RawScript (reason comment, trailing whitespace trimmed)",
    {
      given: () => ps.rawScript(["$x = [Console]::Out", "$x.Flush()   "], "Console flush is not modelled"),
      want: out("# Raw PowerShell: Console flush is not modelled", "$x = [Console]::Out", "$x.Flush()"),
    },
  ],

  // ---- Functions, parameters, help -----------------------------------------------------------------------
  [
    "FunctionDefinition (full: help, binding, OutputType, params, begin/process/end)",
    {
      given: () =>
        ps.functionDefinition({
          name: "Repair-RdpThing",
          help: ps.help({
            synopsis: "Repairs the thing.",
            parameters: [{ name: "ComputerName", text: ["Target computers."] }],
          }),
          cmdletBinding: ps.cmdletBinding({ supportsShouldProcess: true, confirmImpact: "High" }),
          outputTypes: ["System.Management.Automation.PSObject"],
          parameters: [
            computerNameParameter(),
            ps.parameter("Port", { type: "int", defaultValue: num(3389), validations: [{ kind: "ValidateRange", min: 1, max: 65535 }] }),
            ps.parameter("Force", { type: "switch" }),
          ],
          begin: [ps.assign(v("results"), ps.arrayLiteral([]))],
          process: [
            ps.foreachStatement("name", v("ComputerName"), [
              ps.ifThen(ps.invokeMember(v("PSCmdlet"), "ShouldProcess", [v("name"), str("Repair")]), [
                ps.assign(v("results"), v("name"), { operator: "+=" }),
              ]),
            ]),
          ],
          end: [ps.returnStatement(v("results"))],
        }),
      want: out(
        "function Repair-RdpThing {",
        "    <#",
        "    .SYNOPSIS",
        "        Repairs the thing.",
        "",
        "    .PARAMETER ComputerName",
        "        Target computers.",
        "    #>",
        "    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]",
        "    [OutputType('System.Management.Automation.PSObject')]",
        "    param(",
        "        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]",
        "        [ValidateNotNullOrEmpty()]",
        "        [ValidateCount(1, 16)]",
        "        [Alias('CN', 'Server')]",
        "        [string[]]",
        "        $ComputerName,",
        "",
        "        [ValidateRange(1, 65535)]",
        "        [int]",
        "        $Port = 3389,",
        "",
        "        [switch]",
        "        $Force",
        "    )",
        "",
        "    begin {",
        "        $results = @()",
        "    }",
        "",
        "    process {",
        "        foreach ($name in $ComputerName) {",
        "            if ($PSCmdlet.ShouldProcess($name, 'Repair')) {",
        "                $results += $name",
        "            }",
        "        }",
        "    }",
        "",
        "    end {",
        "        return $results",
        "    }",
        "}",
      ),
    },
  ],
  [
    "FunctionDefinition (params, plain body)",
    {
      given: () =>
        ps.functionDefinition({
          name: "Get-RdpPort",
          cmdletBinding: ps.cmdletBinding(),
          parameters: [ps.parameter("Name", { type: "string", defaultValue: str("RDP-Tcp") })],
          end: [ps.returnStatement(v("Name"))],
        }),
      want: out(
        "function Get-RdpPort {",
        "    [CmdletBinding()]",
        "    param(",
        "        [string]",
        "        $Name = 'RDP-Tcp'",
        "    )",
        "",
        "    return $Name",
        "}",
      ),
    },
  ],
  [
    "FunctionDefinition (private helper, no parameters)",
    {
      given: () => ps.functionDefinition({ name: "GetRdpState", end: [say("x")] }),
      want: out("function GetRdpState {", "    'x'", "}"),
    },
  ],
  [
    "CmdletBinding (empty)",
    { given: () => ps.cmdletBinding(), want: out("[CmdletBinding()]"), parse: { wrap: (t: string) => inFunction(`${t}param()\r\n`) } },
  ],
  [
    "CmdletBinding (all options)",
    {
      given: () => ps.cmdletBinding({ supportsShouldProcess: true, confirmImpact: "Medium", defaultParameterSetName: "ByName" }),
      want: out("[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'ByName')]"),
      parse: { wrap: (t: string) => inFunction(`${t}param()\r\n`) },
    },
  ],
  [
    "ParameterDefinition (every attribute)",
    {
      given: () => computerNameParameter(),
      want: out(
        "[Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]",
        "[ValidateNotNullOrEmpty()]",
        "[ValidateCount(1, 16)]",
        "[Alias('CN', 'Server')]",
        "[string[]]",
        "$ComputerName",
      ),
      parse: inParamBlock,
    },
  ],
  [
    "ParameterDefinition (validations with quoting)",
    {
      given: () =>
        ps.parameter("Mode", {
          parameterSetName: "ByMode",
          validations: [
            { kind: "ValidateSet", values: ["Fast", "It's"] },
            { kind: "ValidatePattern", pattern: "^[a-z]+$" },
            { kind: "ValidateLength", min: 1, max: 8 },
          ],
          defaultValue: str("Fast"),
        }),
      want: out(
        "[Parameter(ParameterSetName = 'ByMode')]",
        "[ValidateSet('Fast', 'It''s')]",
        "[ValidatePattern('^[a-z]+$')]",
        "[ValidateLength(1, 8)]",
        "$Mode = 'Fast'",
      ),
      parse: inParamBlock,
    },
  ],
  ["ParameterDefinition (bare)", { given: () => ps.parameter("Path"), want: out("$Path"), parse: inParamBlock }],
  [
    "ParameterAttribute (all options)",
    {
      given: () =>
        ps.parameter("Id", { mandatory: true, position: 1, valueFromPipelineByPropertyName: true, parameterSetName: "ById" }).attributes[0]!,
      want: out("[Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName, ParameterSetName = 'ById')]"),
      parse: { wrap: (t: string) => inFunction(`param(\r\n${t}$Id)\r\n`) },
    },
  ],
  // Without any option the attribute prints nothing at all: `[Parameter()]` would only add noise.
  ["ParameterAttribute (no options prints nothing)", { given: () => ps.parameter("Id").attributes[0]!, want: "", parse: beforeStatement }],
  [
    "HelpComment (every section, escaping)",
    {
      given: () =>
        ps.help({
          synopsis: "Checks #> and <# safely.",
          description: ["First paragraph.", "", ".NET is required."],
          parameters: [{ name: "Path", text: ["The path."] }],
          examples: [{ code: ["Test-Thing -Path C:\\"], remarks: ["Checks C:."] }],
          outputs: ["System.Boolean"],
          notes: ["Generated."],
          links: ["https://example.invalid/a", "about_Thing"],
        }),
      want: out(
        "<#",
        ".SYNOPSIS",
        "    Checks # > and < # safely.",
        "",
        ".DESCRIPTION",
        "    First paragraph.",
        "",
        "    '.NET' is required.",
        "",
        ".PARAMETER Path",
        "    The path.",
        "",
        ".EXAMPLE",
        "    Test-Thing -Path C:\\",
        "",
        "    Checks C:.",
        "",
        ".OUTPUTS",
        "    System.Boolean",
        "",
        ".NOTES",
        "    Generated.",
        "",
        ".LINK",
        "    https://example.invalid/a",
        "",
        ".LINK",
        "    about_Thing",
        "#>",
      ),
      parse: beforeStatement,
    },
  ],

  // ---- Files ---------------------------------------------------------------------------------------------
  [
    "ScriptFile (help, #Requires, binding, params, statements)",
    {
      given: () =>
        ps.scriptFile({
          source,
          help: ps.help({ synopsis: "Runs the check." }),
          requiresVersion: "5.1",
          cmdletBinding: ps.cmdletBinding(),
          parameters: [ps.parameter("Quiet", { type: "switch" })],
          statements: [
            ps.assign(ps.variable("ErrorActionPreference"), str("Stop")),
            ps.blankLine(),
            ps.ifThen(v("Quiet"), [ps.exitStatement(num(0))]),
            ps.exitStatement(num(1)),
          ],
        }),
      want: out(
        "# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'.",
        "# Purpose: Row table sample",
        "# Source: src/catalog/a.ts",
        "# Source: src/targets/b.ts",
        "",
        "<#",
        ".SYNOPSIS",
        "    Runs the check.",
        "#>",
        "",
        "#Requires -Version 5.1",
        "[CmdletBinding()]",
        "param(",
        "    [switch]",
        "    $Quiet",
        ")",
        "",
        "$ErrorActionPreference = 'Stop'",
        "",
        "if ($Quiet) {",
        "    exit 0",
        "}",
        "exit 1",
      ),
    },
  ],
  [
    "ScriptFile (statements only)",
    {
      given: () => ps.scriptFile({ source, statements: [ps.exitStatement(num(0))] }),
      want: out(
        "# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'.",
        "# Purpose: Row table sample",
        "# Source: src/catalog/a.ts",
        "# Source: src/targets/b.ts",
        "",
        "exit 0",
      ),
    },
  ],
  [
    "ScriptFile (help followed by a function keeps two blank lines)",
    {
      given: () =>
        ps.scriptFile({
          source,
          help: ps.help({ synopsis: "Runs the check." }),
          statements: [
            ps.functionDefinition({ name: "GetRdpState", help: ps.help({ synopsis: "Returns the state." }), end: [ps.returnStatement(num(1))] }),
            ps.pipelineStatement(ps.command("GetRdpState")),
          ],
        }),
      want: out(
        "# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'.",
        "# Purpose: Row table sample",
        "# Source: src/catalog/a.ts",
        "# Source: src/targets/b.ts",
        "",
        "<#",
        ".SYNOPSIS",
        "    Runs the check.",
        "#>",
        "",
        "",
        "function GetRdpState {",
        "    <#",
        "    .SYNOPSIS",
        "        Returns the state.",
        "    #>",
        "",
        "    return 1",
        "}",
        "",
        "GetRdpState",
      ),
    },
  ],
  [
    "ModuleFile",
    {
      given: () =>
        ps.moduleFile({
          source,
          statements: [
            ps.assign(ps.variable("cache", "script"), ps.hashtable({})),
            ps.functionDefinition({
              name: "GetRdpState",
              help: ps.help({ synopsis: "Returns the cache." }),
              end: [ps.returnStatement(ps.variable("cache", "script"))],
            }),
            ps.pipelineStatement(ps.command("Export-ModuleMember", { Function: ps.arrayLiteral([]) })),
          ],
        }),
      want: out(
        "# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'.",
        "# Purpose: Row table sample",
        "# Source: src/catalog/a.ts",
        "# Source: src/targets/b.ts",
        "",
        "$script:cache = @{}",
        "",
        "function GetRdpState {",
        "    <#",
        "    .SYNOPSIS",
        "        Returns the cache.",
        "    #>",
        "",
        "    return $script:cache",
        "}",
        "",
        "Export-ModuleMember -Function @()",
      ),
    },
  ],
  [
    "DataFile (constants only)",
    {
      given: () =>
        ps.dataFile({
          source,
          entries: [
            { key: "ModuleVersion", value: str("0.1.0") },
            { key: "FunctionsToExport", value: ps.arrayLiteral([str("Test-Rdp"), str("Repair-Rdp")]) },
            { key: "PrivateData", value: ps.hashtable({ PSData: ps.hashtable({ Tags: ps.arrayLiteral([str("RDP")]) }) }) },
            { key: "Count", value: num(2) },
            { key: "Flag", value: bool(false) },
            { key: "Nothing", value: nil() },
          ],
        }),
      want: out(
        "# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'.",
        "# Purpose: Row table sample",
        "# Source: src/catalog/a.ts",
        "# Source: src/targets/b.ts",
        "",
        "@{",
        "    ModuleVersion = '0.1.0'",
        "    FunctionsToExport = @('Test-Rdp', 'Repair-Rdp')",
        "    PrivateData = @{",
        "        PSData = @{",
        "            Tags = @('RDP')",
        "        }",
        "    }",
        "    Count = 2",
        "    Flag = $false",
        "    Nothing = $null",
        "}",
      ),
    },
  ],
];
