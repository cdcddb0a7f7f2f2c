/**
 * Printers for functions, parameters, comment-based help and whole files.
 */
import type { DataFile, ModuleFile, ScriptFile } from "../../src/ir/index.js";
import type {
  CmdletBinding, FunctionDefinition, HelpComment, ParameterAttribute, ParameterDefinition, SourceInfo, Validation,
} from "../../src/ir/nodes-functions.js";
import { BLANK, concat, type Doc, indent, KEPT_BLANK, lines, prefix, text, trimBlankEdges } from "./doc.js";
import { escapeHelpBodyLine, quoteKey, quoteString } from "./escape.js";
import { printExpression, printNode, printStatements } from "./printer.js";

export function printCmdletBinding(n: CmdletBinding): Doc {
  const args: string[] = [];
  if (n.supportsShouldProcess) args.push("SupportsShouldProcess");
  if (n.confirmImpact !== undefined) args.push(`ConfirmImpact = ${quoteString(n.confirmImpact)}`);
  if (n.defaultParameterSetName !== undefined) args.push(`DefaultParameterSetName = ${quoteString(n.defaultParameterSetName)}`);
  return text(`[CmdletBinding(${args.join(", ")})]`);
}

export function printParameterAttribute(n: ParameterAttribute): Doc {
  const args: string[] = [];
  if (n.mandatory) args.push("Mandatory");
  if (n.position !== undefined) args.push(`Position = ${n.position}`);
  if (n.valueFromPipeline) args.push("ValueFromPipeline");
  if (n.valueFromPipelineByPropertyName) args.push("ValueFromPipelineByPropertyName");
  if (n.parameterSetName !== undefined) args.push(`ParameterSetName = ${quoteString(n.parameterSetName)}`);
  return args.length === 0 ? [] : text(`[Parameter(${args.join(", ")})]`);
}

function printValidation(v: Validation): string {
  switch (v.kind) {
    case "ValidateNotNullOrEmpty": return "[ValidateNotNullOrEmpty()]";
    case "ValidateSet": return `[ValidateSet(${v.values.map(quoteString).join(", ")})]`;
    case "ValidatePattern": return `[ValidatePattern(${quoteString(v.pattern)})]`;
    case "ValidateRange": return `[ValidateRange(${v.min}, ${v.max})]`;
    case "ValidateLength": return `[ValidateLength(${v.min}, ${v.max})]`;
    case "ValidateCount": return `[ValidateCount(${v.min}, ${v.max})]`;
  }
}

export function printParameter(n: ParameterDefinition): Doc {
  const name = n.defaultValue === undefined ? text(`$${n.name}`) : concat(text(`$${n.name} = `), "", printExpression(n.defaultValue));
  return lines(
    n.attributes.flatMap((a) => printNode(a)),
    n.validations.map((v) => ({ depth: 0, text: printValidation(v) })),
    n.aliases.length === 0 ? [] : text(`[Alias(${n.aliases.map(quoteString).join(", ")})]`),
    n.type === undefined ? [] : printNode(n.type),
    name,
  );
}

/** `param(...)` with a blank line between parameters, the layout most hand-written modules use. */
function printParamBlock(parameters: readonly ParameterDefinition[]): Doc {
  if (parameters.length === 0) return text("param()");
  const body = parameters.flatMap((p, i) => {
    const doc = printNode(p);
    const withComma = i < parameters.length - 1 ? [...doc.slice(0, -1), { ...doc[doc.length - 1]!, text: `${doc[doc.length - 1]!.text},` }] : doc;
    return i === 0 ? withComma : [BLANK, ...withComma];
  });
  return lines(text("param("), indent(body), text(")"));
}

function helpSection(keyword: string, body: readonly string[]): Doc {
  if (body.length === 0) return [];
  return lines(text(keyword), indent(body.map((l) => (l === "" ? BLANK : { depth: 0, text: escapeHelpBodyLine(l) }))), [BLANK]);
}

/** Comment-based help, keywords in the order Get-Help prints them (about_Comment_Based_Help). */
export function printHelp(n: HelpComment): Doc {
  const body = lines(
    helpSection(".SYNOPSIS", [n.synopsis]),
    helpSection(".DESCRIPTION", n.description),
    ...n.parameters.map((p) => helpSection(`.PARAMETER ${p.name}`, p.text)),
    ...n.examples.map((ex) => helpSection(".EXAMPLE", [...ex.code, ...(ex.remarks.length ? [""] : []), ...ex.remarks])),
    helpSection(".OUTPUTS", n.outputs),
    helpSection(".NOTES", n.notes),
    ...n.links.map((l) => helpSection(".LINK", [l])),
  );
  // The trailing blank of the last section would leave an empty line before `#>`.
  const trimmed = body[body.length - 1]?.text === "" ? body.slice(0, -1) : body;
  return lines(text("<#"), trimmed, text("#>"));
}

function printBindingAndParams(binding: CmdletBinding | undefined, outputTypes: readonly string[], parameters: readonly ParameterDefinition[]): Doc {
  const hasParams = binding !== undefined || parameters.length > 0;
  return lines(
    binding === undefined ? [] : printNode(binding),
    outputTypes.map((t) => ({ depth: 0, text: `[OutputType(${quoteString(t)})]` })),
    hasParams ? printParamBlock(parameters) : [],
  );
}

export function printFunction(n: FunctionDefinition): Doc {
  const named = (name: string, body: Doc | undefined): Doc => (body === undefined ? [] : lines([BLANK], text(`${name} {`), indent(body), text("}")));
  const hasBlocks = n.begin !== undefined || n.process !== undefined;
  const body = lines(
    n.help === undefined ? [] : printNode(n.help),
    printBindingAndParams(n.cmdletBinding, n.outputTypes, n.parameters),
    hasBlocks
      ? lines(named("begin", n.begin && printStatements(n.begin)), named("process", n.process && printStatements(n.process)), named("end", n.end.length === 0 ? undefined : printStatements(n.end)))
      : lines([BLANK], printStatements(n.end)),
  );
  // Blank lines around every function keep a module readable without BlankLine nodes in the IR; inside, none at
  // the edges (a function with neither help nor parameters would otherwise open with one).
  return lines([BLANK], text(`function ${n.name} {`), indent(trimBlankEdges(body)), text("}"), [BLANK]);
}

/** The first lines of every generated file: what it is, where it came from, how to regenerate it. */
function printHeader(source: SourceInfo): Doc {
  return lines(
    text("# Generated by RdpDoctor. Do not edit: change the TypeScript sources and run 'npm run build'."),
    text(`# Purpose: ${source.purpose}`),
    source.sources.map((s) => ({ depth: 0, text: `# Source: ${s}` })),
    [BLANK],
  );
}

export function printScriptFile(n: ScriptFile): Doc {
  // about_Comment_Based_Help: script help followed directly by a function needs two blank lines, or Get-Help
  // reads it as the function's help.
  const functionFollows = n.requiresVersion === undefined && n.cmdletBinding === undefined && n.parameters.length === 0
    && n.statements.find((st) => st.kind !== "BlankLine")?.kind === "FunctionDefinition";
  return lines(
    printHeader(n.source),
    n.help === undefined ? [] : lines(printNode(n.help), functionFollows ? [KEPT_BLANK, KEPT_BLANK] : [BLANK]),
    n.requiresVersion === undefined ? [] : text(`#Requires -Version ${n.requiresVersion}`),
    printBindingAndParams(n.cmdletBinding, [], n.parameters),
    [BLANK],
    printStatements(n.statements),
  );
}

export function printModuleFile(n: ModuleFile): Doc {
  return lines(printHeader(n.source), printStatements(n.statements));
}

export function printDataFile(n: DataFile): Doc {
  const entries = n.entries.flatMap((e) => prefix(`${quoteKey(e.key)} = `, printExpression(e.value)));
  return lines(printHeader(n.source), text("@{"), indent(entries), text("}"));
}

