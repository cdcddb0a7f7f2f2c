/**
 * Printers for commands, pipelines and statements. Blocks use OTBS: `} elseif (...) {` and `} catch {` on the
 * closing line, which is valid in scripts and modules and is what PSScriptAnalyzer's CodeFormattingOTBS wants.
 */
import type { Expression } from "../../src/ir/index.js";
import type {
  AssignmentStatement, CommandCall, ExitStatement, ForeachStatement, IfStatement, LineComment, NamedArgument,
  Pipeline, PipelineStatement, PositionalArgument, RawScript, ReturnStatement, SplatArgument, SwitchStatement,
  ThrowStatement, TryStatement,
} from "../../src/ir/nodes-statements.js";
import { BLANK, concat, type Doc, flat, indent, join, lines, prefix, suffix, text } from "./doc.js";
import { printExpression, printNode, printStatements } from "./printer.js";

/**
 * In argument mode PowerShell reads `[int]$x` or `$a + 1` as text, not as an expression, so anything but a
 * simple value is wrapped in parentheses (about_Parsing).
 */
const ARGUMENT_SAFE = new Set<Expression["kind"]>([
  "StringLiteral", "NumberLiteral", "BooleanLiteral", "NullLiteral", "VariableExpression", "HashtableLiteral",
  "ArrayLiteral", "ParenExpression", "SubExpression", "ScriptBlockExpression",
]);

function rootOf(e: Expression): Expression {
  return e.kind === "MemberAccess" || e.kind === "InvokeMember" || e.kind === "IndexExpression" ? rootOf(e.target) : e;
}

function printArgumentValue(value: Expression): Doc {
  const doc = printExpression(value);
  // `$x.Name` is fine as an argument; `[Type]::Name` is not, so postfix chains are judged by their root.
  // `[ordered]@{...}` starts with `[`, which argument mode reads as text like any cast.
  const orderedHashtable = value.kind === "HashtableLiteral" && value.ordered;
  const safe = !orderedHashtable && (ARGUMENT_SAFE.has(value.kind) || (value !== rootOf(value) && rootOf(value).kind === "VariableExpression"));
  return safe ? doc : suffix(prefix("(", doc), ")");
}

export function printNamedArgument(n: NamedArgument): Doc {
  if (n.value === undefined) return text(`-${n.name}`);
  return concat(text(`-${n.name}`), n.colon ? ":" : " ", printArgumentValue(n.value));
}

export const printPositionalArgument = (n: PositionalArgument): Doc => printArgumentValue(n.value);
export const printSplat = (n: SplatArgument): Doc => text(`@${n.variable}`);

export function printCommandCall(n: CommandCall): Doc {
  return join([text(n.name), ...n.args.map((a) => printNode(a))], " ");
}

export function printPipeline(n: Pipeline): Doc {
  return join(n.elements.map((el) => printNode(el)), " | ");
}

export const printPipelineStatement = (n: PipelineStatement): Doc => printNode(n.pipeline);

export function printAssignment(n: AssignmentStatement): Doc {
  const target = n.type === undefined ? printNode(n.target) : concat(printNode(n.type), "", printNode(n.target));
  return concat(target, ` ${n.operator} `, printNode(n.value));
}

/** `head (condition) {` for if/elseif/foreach/switch, with the condition possibly spanning lines. */
function openWith(keyword: string, condition: Doc, open = "("): Doc {
  return suffix(prefix(open === "" ? `${keyword} ` : `${keyword} ${open}`, condition), ") {");
}

export function printIf(n: IfStatement): Doc {
  const out: Doc[] = [];
  n.clauses.forEach((clause, i) => {
    const head = openWith(i === 0 ? "if" : "elseif", printNode(clause.condition));
    out.push(i === 0 ? head : prefix("} ", head), indent(printStatements(clause.body)));
  });
  if (n.elseBody !== undefined) out.push(text("} else {"), indent(printStatements(n.elseBody)));
  out.push(text("}"));
  return lines(...out);
}

export function printForeach(n: ForeachStatement): Doc {
  return lines(openWith(`foreach ($${n.variable} in`, printNode(n.iterable), ""), indent(printStatements(n.body)), text("}"));
}

export function printSwitch(n: SwitchStatement): Doc {
  const options = n.options.map((o) => ` -${o}`).join("");
  const clauses = n.clauses.flatMap((c) => lines(suffix(printExpression(c.pattern), " {"), indent(printStatements(c.body)), text("}")));
  const fallback = n.defaultBody === undefined ? [] : lines(text("default {"), indent(printStatements(n.defaultBody)), text("}"));
  return lines(openWith(`switch${options}`, printNode(n.subject)), indent(lines(clauses, fallback)), text("}"));
}

export function printTry(n: TryStatement): Doc {
  const out: Doc[] = [text("try {"), indent(printStatements(n.body))];
  for (const c of n.catches) {
    const types = c.types.map((t) => flat(printNode(t))).join(", ");
    out.push(text(types === "" ? "} catch {" : `} catch ${types} {`), indent(printStatements(c.body)));
  }
  if (n.finallyBody !== undefined) out.push(text("} finally {"), indent(printStatements(n.finallyBody)));
  out.push(text("}"));
  return lines(...out);
}

export const printReturn = (n: ReturnStatement): Doc => (n.value === undefined ? text("return") : prefix("return ", printNode(n.value)));
export const printThrow = (n: ThrowStatement): Doc => (n.value === undefined ? text("throw") : prefix("throw ", printNode(n.value)));
export const printExit = (n: ExitStatement): Doc => (n.code === undefined ? text("exit") : prefix("exit ", printExpression(n.code)));
export const printBreak = (): Doc => text("break");
export const printContinue = (): Doc => text("continue");
export const printLineComment = (n: LineComment): Doc => n.lines.map((l) => ({ depth: 0, text: l === "" ? "#" : `# ${l}` }));
export const printBlankLine = (): Doc => [BLANK];

export function printRawScript(n: RawScript): Doc {
  return [{ depth: 0, text: `# Raw PowerShell: ${n.reason}` }, ...n.lines.map((l) => ({ depth: 0, text: l.replace(/\s+$/, "") }))];
}
