/**
 * Function, parameter, help and file nodes of the PowerShell IR.
 */
import type { Expression, TypeName } from "./nodes-expressions.js";
import type { Statement } from "./nodes-statements.js";

export type ConfirmImpact = "None" | "Low" | "Medium" | "High";

/** `[CmdletBinding(...)]`. */
export interface CmdletBinding {
  readonly kind: "CmdletBinding";
  readonly supportsShouldProcess: boolean;
  readonly confirmImpact: ConfirmImpact | undefined;
  readonly defaultParameterSetName: string | undefined;
}

/** One `[ValidateX(...)]` attribute; arguments are constants because attribute arguments must be. */
export type Validation =
  | { readonly kind: "ValidateNotNullOrEmpty" }
  | { readonly kind: "ValidateSet"; readonly values: readonly string[] }
  | { readonly kind: "ValidateRange"; readonly min: number; readonly max: number }
  | { readonly kind: "ValidatePattern"; readonly pattern: string }
  | { readonly kind: "ValidateLength"; readonly min: number; readonly max: number }
  | { readonly kind: "ValidateCount"; readonly min: number; readonly max: number };

/** The `[Parameter(...)]` attribute; one per parameter set. */
export interface ParameterAttribute {
  readonly kind: "ParameterAttribute";
  readonly mandatory: boolean;
  readonly position: number | undefined;
  readonly valueFromPipeline: boolean;
  readonly valueFromPipelineByPropertyName: boolean;
  readonly parameterSetName: string | undefined;
}

export interface ParameterDefinition {
  readonly kind: "ParameterDefinition";
  readonly name: string;
  readonly type: TypeName | undefined;
  readonly attributes: readonly ParameterAttribute[];
  readonly aliases: readonly string[];
  readonly validations: readonly Validation[];
  readonly defaultValue: Expression | undefined;
}

export interface HelpExample {
  /** The command line(s) shown first in the example. */
  readonly code: readonly string[];
  readonly remarks: readonly string[];
}

/** Comment-based help (about_Comment_Based_Help); every field is ASCII prose, escaped by the printer. */
export interface HelpComment {
  readonly kind: "HelpComment";
  readonly synopsis: string;
  readonly description: readonly string[];
  readonly parameters: readonly { readonly name: string; readonly text: readonly string[] }[];
  readonly examples: readonly HelpExample[];
  readonly outputs: readonly string[];
  readonly notes: readonly string[];
  readonly links: readonly string[];
}

/**
 * `function Verb-Noun { <# help #> [CmdletBinding()] [OutputType()] param() begin/process/end }`.
 * Without begin/process/end blocks the `end` statements are printed as the plain body.
 */
export interface FunctionDefinition {
  readonly kind: "FunctionDefinition";
  readonly name: string;
  readonly help: HelpComment | undefined;
  readonly cmdletBinding: CmdletBinding | undefined;
  readonly outputTypes: readonly string[];
  readonly parameters: readonly ParameterDefinition[];
  readonly begin: readonly Statement[] | undefined;
  readonly process: readonly Statement[] | undefined;
  readonly end: readonly Statement[];
}

/** Where a generated file came from; printed as its header so a reader knows what to edit instead. */
export interface SourceInfo {
  readonly sources: readonly string[];
  readonly purpose: string;
}

/** A `.ps1` script; `help`, binding and params sit at the top so a signature block cannot separate them. */
export interface ScriptFile {
  readonly kind: "ScriptFile";
  readonly source: SourceInfo;
  readonly help: HelpComment | undefined;
  readonly requiresVersion: string | undefined;
  readonly cmdletBinding: CmdletBinding | undefined;
  readonly parameters: readonly ParameterDefinition[];
  readonly statements: readonly Statement[];
}

/** A `.psm1` script module. */
export interface ModuleFile {
  readonly kind: "ModuleFile";
  readonly source: SourceInfo;
  readonly statements: readonly Statement[];
}

/** A `.psd1` data file: one hashtable, restricted to constants (it is read in restricted language mode). */
export interface DataFile {
  readonly kind: "DataFile";
  readonly source: SourceInfo;
  readonly entries: readonly { readonly key: string; readonly value: Expression }[];
}

export type PsFile = ScriptFile | ModuleFile | DataFile;
