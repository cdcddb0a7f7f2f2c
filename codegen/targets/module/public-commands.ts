/**
 * The module's public commands: each pairs its definition (name, parameters, JSDoc help) with the target that
 * builds its function. FunctionsToExport is derived from this list, so it is always explicit and complete.
 */
import type { FunctionDefinition } from "../../../src/ir/index.js";
import type { Cause } from "../../../src/model/cause.js";
import type { CommandDefinition } from "../../../src/commands/command.js";
import { getRdpDiagnosticSnapshot } from "../../../src/commands/get-rdp-diagnostic-snapshot.js";
import { testRdpError0x904 } from "../../../src/commands/test-rdp-error-0x904.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { buildSnapshotFunction } from "./snapshot-function.js";
import { buildTestRdpErrorFunction } from "./test-rdp-error-function.js";
import { resolveRdpErrorCodeCommand } from "./resolve-error-code-function.js";
import { testRdGatewayCommand } from "./gateway/test-rd-gateway-function.js";
import { testRdpEndpointCommand } from "./endpoint/test-rdp-endpoint-function.js";

export interface PublicCommand {
  readonly definition: CommandDefinition;
  readonly build: (causes: readonly Cause[], docs: DocReader) => FunctionDefinition;
}

export const PUBLIC_COMMANDS: readonly PublicCommand[] = [
  { definition: getRdpDiagnosticSnapshot, build: (_causes, docs) => buildSnapshotFunction(getRdpDiagnosticSnapshot, docs) },
  { definition: testRdpError0x904, build: (causes, docs) => buildTestRdpErrorFunction(testRdpError0x904, causes, docs) },
  resolveRdpErrorCodeCommand,
  testRdGatewayCommand,
  testRdpEndpointCommand,
];
