/**
 * The RdpDoctor script module: `RdpDoctor.psm1` (every function inlined, no dot-sourcing at import) and
 * `RdpDoctor.psd1` with explicit export lists (platform-limits.md MD1: wildcards or omissions make import
 * parse the whole module and break under WDAC).
 */
import { ps } from "../../../src/ir/index.js";
import type { DataFile, FunctionDefinition, ModuleFile } from "../../../src/ir/index.js";
import type { Cause } from "../../../src/model/cause.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { buildResolveFunction, CAUSE_FUNCTION_HELPERS } from "../cause-functions.js";
import { INPUT_HELPERS } from "./input-helpers.js";
import { RUNSPACE_FUNCTIONS } from "./endpoint/probe-function.js";
import {
  compareRdpWireCertificate, getRdpGatewayFindings, getRdpLocalListenerCertificate, getRdpProbeFindings, testRdpLocalTarget,
} from "./wire-certificate-function.js";
import { PUBLIC_COMMANDS } from "./public-commands.js";

export const MODULE_NAME = "RdpDoctor";
/** Fixed forever: a module's GUID identifies it across versions (about_Module_Manifests). */
export const MODULE_GUID = "5b0b7e2c-4f0a-4c35-9a53-0c9d7f1e6a41";

export interface ModuleInput {
  readonly version: string;
  readonly causes: readonly Cause[];
  readonly docs: DocReader;
}

function publicFunctions(input: ModuleInput): FunctionDefinition[] {
  return PUBLIC_COMMANDS.map((c) => c.build(input.causes, input.docs));
}

const commandSources = (): string[] => PUBLIC_COMMANDS.map((c) => c.definition.sourceFile);

export function buildModuleFile(input: ModuleInput): ModuleFile {
  const probeJoins = [compareRdpWireCertificate, getRdpProbeFindings, getRdpGatewayFindings, testRdpLocalTarget, getRdpLocalListenerCertificate];
  const privates = [...input.causes.map(buildResolveFunction), ...CAUSE_FUNCTION_HELPERS, ...INPUT_HELPERS, ...RUNSPACE_FUNCTIONS, ...probeJoins];
  const publics = publicFunctions(input);
  const byName = (a: FunctionDefinition, b: FunctionDefinition) => a.name.localeCompare(b.name);
  return ps.moduleFile({
    source: {
      purpose: "The RdpDoctor module: diagnosis of Remote Desktop error 0x904 and its relatives.",
      sources: ["codegen/targets/module/module-files.ts", ...input.causes.map((c) => c.sourceFile), ...commandSources()],
    },
    statements: [
      ...privates.sort(byName),
      ...publics.sort(byName),
      ps.pipelineStatement(ps.command("Export-ModuleMember", {
        Function: ps.arrayLiteral(publics.map((f) => ps.str(f.name))),
        Cmdlet: ps.arrayLiteral([]),
        Variable: ps.arrayLiteral([]),
        Alias: ps.arrayLiteral([]),
      })),
    ],
  });
}


export function buildManifest(input: ModuleInput): DataFile {
  const exported = PUBLIC_COMMANDS.map((c) => c.definition.name).sort();
  return ps.dataFile({
    source: { purpose: "Module manifest of RdpDoctor.", sources: ["codegen/targets/module/module-files.ts"] },
    entries: [
      { key: "RootModule", value: ps.str(`${MODULE_NAME}.psm1`) },
      { key: "ModuleVersion", value: ps.str(input.version) },
      { key: "GUID", value: ps.str(MODULE_GUID) },
      { key: "Author", value: ps.str("RdpDoctor contributors") },
      { key: "CompanyName", value: ps.str("RdpDoctor") },
      { key: "Copyright", value: ps.str("(c) RdpDoctor contributors. MIT License.") },
      { key: "Description", value: ps.str("Finds and safely repairs the causes of Remote Desktop error 0x904 (extended 0x7) and its relatives, with evidence.") },
      { key: "PowerShellVersion", value: ps.str("5.1") },
      { key: "CompatiblePSEditions", value: ps.strings(["Desktop", "Core"]) },
      { key: "FunctionsToExport", value: ps.strings(exported) },
      { key: "CmdletsToExport", value: ps.arrayLiteral([]) },
      { key: "VariablesToExport", value: ps.arrayLiteral([]) },
      { key: "AliasesToExport", value: ps.arrayLiteral([]) },
      {
        key: "PrivateData",
        value: ps.hashtable({ PSData: ps.hashtable({ Tags: ps.strings(["RDP", "RemoteDesktop", "Troubleshooting", "Windows"]) }) }),
      },
    ],
  });
}
