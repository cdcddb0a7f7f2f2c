import { ps } from "../ir/index.js";
import type { CommandDefinition } from "./command.js";

/**
 * Explains the two numbers of the Remote Desktop error dialog and lists the catalog causes that fit them.
 *
 * The "Error code" is the client's disconnect reason (for example 0x904, socket closed); the "Extended error
 * code" is the extended disconnect reason (for example 0x7, the server denied the connection). This command
 * looks both up in tables taken from Microsoft's documentation and the MS-RDPBCGR specification and returns
 * one object with the official name and a short meaning of each, the server errorInfo with the same value as
 * the extended code, and the RdpDoctor catalog causes whose symptoms include these codes.
 * An unknown code is not an error: the result says Known = False and names the nearest documented codes.
 * Extended codes are not Win32 error codes: extended 0x7 is not ERROR_ARENA_TRASHED.
 * It reads nothing from the computer and needs no administrator rights.
 *
 * @param Code The dialog's "Error code" (the disconnect reason), hex (0x904) or decimal (2308) as event 1026
 * shows it. Accepts pipeline input.
 * @param ExtendedCode The dialog's "Extended error code", hex (0x7) or decimal (7).
 * @example
 * Resolve-RdpErrorCode -Code 0x904 -ExtendedCode 0x7
 *
 * Decodes the dialog's 0x904 / 0x7 pair and lists the causes that fit it.
 * @example
 * Resolve-RdpErrorCode -Code 2308 | Select-Object -ExpandProperty PlausibleCauses
 *
 * Decodes the reason from client event 1026 ("Reason= 2308") and shows only the plausible causes.
 * @example
 * '0x204', '0x904', '0x2107' | Resolve-RdpErrorCode | Format-Table -Property Hex, Known, Name, CredSspOutcome
 *
 * Decodes several codes at once.
 * @outputs RdpDoctor.ErrorCodeInfo
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode
 * @see https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c
 */
export const resolveRdpErrorCode: CommandDefinition = {
  name: "Resolve-RdpErrorCode",
  sourceFile: "src/commands/resolve-rdp-error-code.ts",
  exportName: "resolveRdpErrorCode",
  outputType: "RdpDoctor.ErrorCodeInfo",
  parameters: [
    ps.parameter("Code", {
      type: "string", mandatory: true, position: 0, valueFromPipeline: true,
      validations: [{ kind: "ValidateNotNullOrEmpty" }],
    }),
    ps.parameter("ExtendedCode", { type: "string", position: 1 }),
  ],
};
