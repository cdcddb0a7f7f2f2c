/**
 * The part every public command's function definition shares: its name, comment-based help from the command's
 * JSDoc, [CmdletBinding()] (with the command's default parameter set, if it has one), [OutputType] and the
 * parameters. Spread it into ps.functionDefinition and add the blocks.
 */
import { ps } from "../../../src/ir/index.js";
import type { CommandDefinition } from "../../../src/commands/command.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { helpFromDoc } from "../../docs/jsdoc.js";

/** `extraDescription` lines are appended to the help's .DESCRIPTION. */
export function publicFunctionHead(command: CommandDefinition, docs: DocReader, extraDescription: readonly string[] = []) {
  const doc = docs.read(command.sourceFile, command.exportName);
  return {
    name: command.name,
    help: helpFromDoc(doc, command.parameters.map((p) => p.name), extraDescription),
    cmdletBinding: ps.cmdletBinding({ defaultParameterSetName: command.defaultParameterSetName }),
    outputTypes: [command.outputType],
    parameters: command.parameters,
  };
}
