// Completeness in both directions (Babel's printer check): the node kinds declared in src/ir/nodes-*.ts, the
// `case`s of the printer's one switch, and the rows of the printer table must all be the same set.
// Sources are read with the TypeScript parser, not with regular expressions, so formatting cannot fool the check.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PRINTER_ROWS } from "./support/printer-rows.js";

const ROOT = join(import.meta.dirname, "..");

const parse = (name: string, text: string): ts.SourceFile => ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
const sourceFile = (relative: string): ts.SourceFile => parse(relative, readFileSync(join(ROOT, relative), "utf8"));

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The string labels of the `case`s of the first `switch` inside the function `functionName`. */
function switchCases(file: ts.SourceFile, functionName: string): string[] {
  let fn: ts.FunctionDeclaration | undefined;
  walk(file, (n) => {
    if (ts.isFunctionDeclaration(n) && n.name?.text === functionName) fn ??= n;
  });
  if (!fn) throw new Error(`${file.fileName}: no function ${functionName}`);
  let found: ts.SwitchStatement | undefined;
  walk(fn, (n) => {
    if (ts.isSwitchStatement(n)) found ??= n;
  });
  if (!found) throw new Error(`${functionName}: no switch`);
  return found.caseBlock.clauses.flatMap((c) => {
    if (!ts.isCaseClause(c)) return [];
    if (!ts.isStringLiteral(c.expression)) throw new Error(`${functionName}: case ${c.expression.getText()} is not a string literal`);
    return [c.expression.text];
  });
}

interface DeclaredKind {
  readonly kind: string;
  /** The type alias or interface that declares it. */
  readonly owner: string;
}

/** Every `kind: "X"` property with a string literal type in a file, with the declaration it belongs to. */
function declaredKinds(file: ts.SourceFile): DeclaredKind[] {
  const out: DeclaredKind[] = [];
  walk(file, (n) => {
    if (!ts.isPropertySignature(n) || !ts.isIdentifier(n.name) || n.name.text !== "kind" || !n.type) return;
    if (!ts.isLiteralTypeNode(n.type) || !ts.isStringLiteral(n.type.literal)) return;
    let owner: ts.Node = n.parent;
    while (!ts.isInterfaceDeclaration(owner) && !ts.isTypeAliasDeclaration(owner)) owner = owner.parent;
    out.push({ kind: n.type.literal.text, owner: owner.name.text });
  });
  return out;
}

const nodeFiles = readdirSync(join(ROOT, "src/ir")).filter((f) => /^nodes-.*\.ts$/.test(f)).sort();
const declared = nodeFiles.flatMap((f) => declaredKinds(sourceFile(join("src/ir", f))));
/** `Validation` members are attributes printed by printValidation, not nodes of the printer's switch. */
const validationKinds = declared.filter((d) => d.owner === "Validation").map((d) => d.kind).sort();
const nodeKinds = declared.filter((d) => d.owner !== "Validation").map((d) => d.kind).sort();
const printerCases = switchCases(sourceFile("codegen/print/printer.ts"), "printNode");
const rowKinds: string[] = PRINTER_ROWS.map(([, row]) => row.given().kind);

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

describe("printer completeness", () => {
  it("reads the three node files and a plausible number of kinds", () => {
    expect(nodeFiles).toEqual(["nodes-expressions.ts", "nodes-functions.ts", "nodes-statements.ts"]);
    // A broken extraction would give an empty set and make every comparison below pass vacuously.
    expect(nodeKinds.length).toBeGreaterThanOrEqual(40);
    expect(printerCases.length).toBeGreaterThanOrEqual(40);
  });

  it("extracts what it should from a synthetic printer and node file (negative control)", () => {
    const nodes = parse("n.ts", 'interface A { readonly kind: "A" }\ntype V = { kind: "V" } | { readonly kind: "W"; n: 1 };\ninterface C { kind: "C" }');
    const printer = parse("p.ts", 'function printNode(n) {\n  switch (n.kind) {\n    case "A": return 1;\n    case "B":\n    default: return 2;\n  }\n}');
    expect(declaredKinds(nodes)).toEqual([
      { kind: "A", owner: "A" },
      { kind: "V", owner: "V" },
      { kind: "W", owner: "V" },
      { kind: "C", owner: "C" },
    ]);
    expect(switchCases(printer, "printNode")).toEqual(["A", "B"]);
  });

  it("declares each node kind once", () => {
    expect(nodeKinds).toEqual(sorted(nodeKinds));
  });

  it("has no duplicate case in the printer switch", () => {
    expect([...printerCases].sort()).toEqual(sorted(printerCases));
  });

  it("has a printer case for every declared node kind", () => {
    expect(nodeKinds.filter((k) => !printerCases.includes(k))).toEqual([]);
  });

  it("has no printer case for a kind that is not declared", () => {
    expect(printerCases.filter((k) => !nodeKinds.includes(k))).toEqual([]);
  });

  it("has a printer-table row for every printer case", () => {
    expect(printerCases.filter((k) => !rowKinds.includes(k))).toEqual([]);
  });

  it("has no printer-table row for a kind without a printer case", () => {
    expect(sorted(rowKinds.filter((k) => !printerCases.includes(k)))).toEqual([]);
  });

  it("names every row after the kind its node has", () => {
    const misnamed = PRINTER_ROWS.filter(([name, row]) => name.split(" ")[0] !== row.given().kind).map(([name]) => name);
    expect(misnamed).toEqual([]);
  });

  it("prints every Validation kind in printValidation, and back", () => {
    const cases = switchCases(sourceFile("codegen/print/print-functions.ts"), "printValidation");
    expect([...cases].sort()).toEqual(validationKinds);
    expect(validationKinds).toEqual([
      "ValidateCount", "ValidateLength", "ValidateNotNullOrEmpty", "ValidatePattern", "ValidateRange", "ValidateSet",
    ]);
  });

  it("shows every Validation kind in some row's expected output", () => {
    const wanted = PRINTER_ROWS.map(([, row]) => row.want).join("\n");
    expect(validationKinds.filter((k) => !wanted.includes(`[${k}(`))).toEqual([]);
  });
});
