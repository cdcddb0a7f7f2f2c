/**
 * The printer: one exhaustive `switch (node.kind)`; each case hands off to a `print<Kind>` in a family file.
 * Adding a node kind without a case is a compile error (assertNever), and test/printer-completeness.test.ts
 * checks that every kind also has a test row.
 */
import type { Expression, PsFile, Statement, TypeName } from "../../src/ir/index.js";
import type {
  CmdletBinding, HelpComment, ParameterAttribute, ParameterDefinition,
} from "../../src/ir/nodes-functions.js";
import type { CommandArgument, CommandCall, Pipeline } from "../../src/ir/nodes-statements.js";
import type { Doc } from "./doc.js";
import * as e from "./print-expressions.js";
import * as s from "./print-statements.js";
import * as f from "./print-functions.js";
import { renderDoc } from "./ps-writer.js";

/** Every node kind the printer knows; the union the switch must cover. */
export type PrintableNode =
  | Expression
  | Statement
  | PsFile
  | TypeName
  | Pipeline
  | CommandCall
  | CommandArgument
  | CmdletBinding
  | ParameterDefinition
  | ParameterAttribute
  | HelpComment;

export function assertNever(node: never): never {
  throw new Error(`printer: unhandled node ${JSON.stringify(node)}`);
}

export function printNode(node: PrintableNode): Doc {
  switch (node.kind) {
    // Expressions
    case "StringLiteral": return e.printStringLiteral(node);
    case "NumberLiteral": return e.printNumberLiteral(node);
    case "BooleanLiteral": return e.printBooleanLiteral(node);
    case "NullLiteral": return e.printNullLiteral();
    case "VariableExpression": return e.printVariable(node);
    case "MemberAccess": return e.printMemberAccess(node);
    case "InvokeMember": return e.printInvokeMember(node);
    case "IndexExpression": return e.printIndex(node);
    case "HashtableLiteral": return e.printHashtable(node);
    case "ArrayLiteral": return e.printArray(node);
    case "PsCustomObject": return e.printPsCustomObject(node);
    case "BinaryExpression": return e.printBinary(node);
    case "UnaryExpression": return e.printUnary(node);
    case "CastExpression": return e.printCast(node);
    case "TypeLiteral": return e.printTypeLiteral(node);
    case "TypeName": return e.printTypeName(node);
    case "ParenExpression": return e.printParen(node);
    case "SubExpression": return e.printSubExpression(node);
    case "ScriptBlockExpression": return e.printScriptBlock(node);
    // Commands and pipelines
    case "Pipeline": return s.printPipeline(node);
    case "CommandCall": return s.printCommandCall(node);
    case "NamedArgument": return s.printNamedArgument(node);
    case "PositionalArgument": return s.printPositionalArgument(node);
    case "SplatArgument": return s.printSplat(node);
    // Statements
    case "PipelineStatement": return s.printPipelineStatement(node);
    case "AssignmentStatement": return s.printAssignment(node);
    case "IfStatement": return s.printIf(node);
    case "ForeachStatement": return s.printForeach(node);
    case "SwitchStatement": return s.printSwitch(node);
    case "TryStatement": return s.printTry(node);
    case "ReturnStatement": return s.printReturn(node);
    case "ThrowStatement": return s.printThrow(node);
    case "ExitStatement": return s.printExit(node);
    case "BreakStatement": return s.printBreak();
    case "ContinueStatement": return s.printContinue();
    case "LineComment": return s.printLineComment(node);
    case "BlankLine": return s.printBlankLine();
    case "RawScript": return s.printRawScript(node);
    // Functions and files
    case "FunctionDefinition": return f.printFunction(node);
    case "CmdletBinding": return f.printCmdletBinding(node);
    case "ParameterDefinition": return f.printParameter(node);
    case "ParameterAttribute": return f.printParameterAttribute(node);
    case "HelpComment": return f.printHelp(node);
    case "ScriptFile": return f.printScriptFile(node);
    case "ModuleFile": return f.printModuleFile(node);
    case "DataFile": return f.printDataFile(node);
    default: return assertNever(node);
  }
}

/** Typed entry points used by the family files, so recursion always goes through the one switch. */
export const printExpression = (node: Expression): Doc => printNode(node);
export const printStatements = (nodes: readonly Statement[]): Doc => nodes.flatMap((n) => printNode(n));

/** A whole file as text: CRLF, ASCII, no BOM, no trailing whitespace, ending in a newline. */
export function printFile(file: PsFile): string {
  return renderDoc(printNode(file));
}
