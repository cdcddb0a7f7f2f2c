/**
 * Builders for functions, parameters, comment-based help and files.
 */
import type { Expression } from "../nodes-expressions.js";
import type {
  CmdletBinding, ConfirmImpact, DataFile, FunctionDefinition, HelpComment, HelpExample, ModuleFile,
  ParameterAttribute, ParameterDefinition, ScriptFile, SourceInfo, Validation,
} from "../nodes-functions.js";
import type { Statement } from "../nodes-statements.js";
import {
  assertAscii, assertCommentText, assertFunctionName, assertNonEmpty, assertParameterName, assertUnique, IrValidationError,
} from "../validate.js";
import { typeName } from "./expressions.js";

export function cmdletBinding(options: {
  supportsShouldProcess?: boolean;
  confirmImpact?: ConfirmImpact;
  defaultParameterSetName?: string;
} = {}): CmdletBinding {
  const supportsShouldProcess = options.supportsShouldProcess ?? false;
  if (options.confirmImpact !== undefined && !supportsShouldProcess) {
    throw new IrValidationError("ConfirmImpact only means something with SupportsShouldProcess");
  }
  if (options.defaultParameterSetName !== undefined) assertAscii(options.defaultParameterSetName, "Parameter set name");
  return {
    kind: "CmdletBinding",
    supportsShouldProcess,
    confirmImpact: options.confirmImpact,
    defaultParameterSetName: options.defaultParameterSetName,
  };
}

export interface ParameterOptions {
  type?: string;
  mandatory?: boolean;
  position?: number;
  valueFromPipeline?: boolean;
  valueFromPipelineByPropertyName?: boolean;
  parameterSetName?: string;
  aliases?: readonly string[];
  validations?: readonly Validation[];
  defaultValue?: Expression;
}

export function parameter(name: string, options: ParameterOptions = {}): ParameterDefinition {
  assertParameterName(name);
  for (const a of options.aliases ?? []) assertParameterName(a);
  if (options.mandatory && options.defaultValue !== undefined) {
    throw new IrValidationError(`Parameter ${name}: a mandatory parameter cannot have a default value`);
  }
  if (options.type === "switch" && options.defaultValue !== undefined) {
    throw new IrValidationError(`Parameter ${name}: switches default to $false and take no default value`);
  }
  if (options.position !== undefined && (!Number.isInteger(options.position) || options.position < 0)) {
    throw new IrValidationError(`Parameter ${name}: position must be a non-negative integer`);
  }
  const attribute: ParameterAttribute = {
    kind: "ParameterAttribute",
    mandatory: options.mandatory ?? false,
    position: options.position,
    valueFromPipeline: options.valueFromPipeline ?? false,
    valueFromPipelineByPropertyName: options.valueFromPipelineByPropertyName ?? false,
    parameterSetName: options.parameterSetName,
  };
  const validations = options.validations ?? [];
  for (const v of validations) assertValidation(name, v);
  return {
    kind: "ParameterDefinition",
    name,
    type: options.type === undefined ? undefined : typeName(options.type),
    attributes: [attribute],
    aliases: options.aliases ?? [],
    validations,
    defaultValue: options.defaultValue,
  };
}

function assertValidation(parameterName: string, v: Validation): void {
  const where = `Parameter ${parameterName} ${v.kind}`;
  switch (v.kind) {
    case "ValidateSet":
      assertNonEmpty(v.values, where);
      v.values.forEach((s) => assertAscii(s, where));
      return;
    case "ValidatePattern":
      assertAscii(v.pattern, where);
      return;
    case "ValidateRange":
    case "ValidateLength":
    case "ValidateCount":
      if (!(Number.isFinite(v.min) && Number.isFinite(v.max) && v.min <= v.max)) {
        throw new IrValidationError(`${where}: needs finite min <= max`);
      }
      return;
    case "ValidateNotNullOrEmpty":
      return;
  }
}

function assertProse(lines: readonly string[], what: string): void {
  for (const l of lines) assertCommentText(l, what);
}

export function help(input: {
  synopsis: string;
  description?: readonly string[];
  parameters?: readonly { name: string; text: readonly string[] }[];
  examples?: readonly HelpExample[];
  outputs?: readonly string[];
  notes?: readonly string[];
  links?: readonly string[];
}): HelpComment {
  assertCommentText(input.synopsis, "Help synopsis");
  const node: HelpComment = {
    kind: "HelpComment",
    synopsis: input.synopsis,
    description: input.description ?? [],
    parameters: input.parameters ?? [],
    examples: input.examples ?? [],
    outputs: input.outputs ?? [],
    notes: input.notes ?? [],
    links: input.links ?? [],
  };
  assertProse(node.description, "Help description");
  node.parameters.forEach((p) => {
    assertParameterName(p.name);
    assertProse(p.text, `Help for parameter ${p.name}`);
  });
  node.examples.forEach((e) => {
    assertNonEmpty(e.code, "Help example code");
    assertProse(e.code, "Help example code");
    assertProse(e.remarks, "Help example remarks");
  });
  assertProse(node.outputs, "Help outputs");
  assertProse(node.notes, "Help notes");
  assertProse(node.links, "Help links");
  return node;
}

export function functionDefinition(input: {
  name: string;
  help?: HelpComment;
  cmdletBinding?: CmdletBinding;
  outputTypes?: readonly string[];
  parameters?: readonly ParameterDefinition[];
  begin?: readonly Statement[];
  process?: readonly Statement[];
  end?: readonly Statement[];
}): FunctionDefinition {
  assertFunctionName(input.name);
  const parameters = input.parameters ?? [];
  assertUnique(parameters.map((p) => p.name), `Parameter of ${input.name}`);
  const outputTypes = input.outputTypes ?? [];
  outputTypes.forEach((t) => assertAscii(t, "OutputType"));
  if (input.help) {
    // Help that documents a parameter the function lacks is stale; Get-Help would silently drop it.
    const declared = new Set(parameters.map((p) => p.name.toLowerCase()));
    for (const p of input.help.parameters) {
      if (!declared.has(p.name.toLowerCase())) throw new IrValidationError(`${input.name}: help documents unknown parameter ${p.name}`);
    }
  }
  if (parameters.some((p) => p.attributes.some((a) => a.valueFromPipeline || a.valueFromPipelineByPropertyName)) && !input.process) {
    throw new IrValidationError(`${input.name}: pipeline input needs a process block`);
  }
  return {
    kind: "FunctionDefinition",
    name: input.name,
    help: input.help,
    cmdletBinding: input.cmdletBinding,
    outputTypes,
    parameters,
    begin: input.begin,
    process: input.process,
    end: input.end ?? [],
  };
}

function sourceInfo(source: SourceInfo): SourceInfo {
  assertNonEmpty(source.sources, "Source list");
  source.sources.forEach((s) => assertCommentText(s, "Source path"));
  assertCommentText(source.purpose, "File purpose");
  return { sources: [...source.sources].sort(), purpose: source.purpose };
}

export function scriptFile(input: {
  source: SourceInfo;
  help?: HelpComment;
  requiresVersion?: string;
  cmdletBinding?: CmdletBinding;
  parameters?: readonly ParameterDefinition[];
  statements: readonly Statement[];
}): ScriptFile {
  if (input.requiresVersion !== undefined && !/^\d+\.\d+$/.test(input.requiresVersion)) {
    throw new IrValidationError(`#Requires -Version ${input.requiresVersion} is not a version`);
  }
  const parameters = input.parameters ?? [];
  assertUnique(parameters.map((p) => p.name), "Script parameter");
  return {
    kind: "ScriptFile",
    source: sourceInfo(input.source),
    help: input.help,
    requiresVersion: input.requiresVersion,
    cmdletBinding: input.cmdletBinding,
    parameters,
    statements: input.statements,
  };
}

export function moduleFile(input: { source: SourceInfo; statements: readonly Statement[] }): ModuleFile {
  return { kind: "ModuleFile", source: sourceInfo(input.source), statements: input.statements };
}

/** Module manifests are read in restricted language mode: only constants, and no [char] escapes, may appear. */
function assertConstant(value: Expression, where: string): void {
  switch (value.kind) {
    case "StringLiteral":
      return assertAscii(value.value, where);
    case "NumberLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
      return;
    case "ArrayLiteral":
      return value.items.forEach((i) => assertConstant(i, where));
    case "HashtableLiteral":
      return value.entries.forEach((e) => assertConstant(e.value, `${where}.${e.key}`));
    default:
      throw new IrValidationError(`${where}: a data file may only hold constants, got ${value.kind}`);
  }
}

export function dataFile(input: { source: SourceInfo; entries: readonly { key: string; value: Expression }[] }): DataFile {
  assertUnique(input.entries.map((e) => e.key), "Data file key");
  input.entries.forEach((e) => assertConstant(e.value, e.key));
  return { kind: "DataFile", source: sourceInfo(input.source), entries: input.entries };
}
