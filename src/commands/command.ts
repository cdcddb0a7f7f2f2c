/**
 * A public command of the module. Its JSDoc (read by codegen/docs with ts-morph) is its help text:
 * the description becomes .SYNOPSIS (first sentence) and .DESCRIPTION, `@param` tags become .PARAMETER,
 * `@example` tags .EXAMPLE (code, a blank line, then remarks), `@outputs` .OUTPUTS and `@see` .LINK.
 */
import type { ConfirmImpact, ParameterDefinition } from "../ir/index.js";

export interface CommandDefinition {
  readonly name: string;
  readonly sourceFile: string;
  readonly exportName: string;
  readonly outputType: string;
  readonly parameters: readonly ParameterDefinition[];
  /** The parameter set used when none is named on the command line. */
  readonly defaultParameterSetName?: string;
  /** Set for commands that change state; they get SupportsShouldProcess. */
  readonly confirmImpact?: ConfirmImpact;
}
