/**
 * Parses an error code as the user typed it. Same rules and message as the module's private helper
 * ConvertRdpErrorCode (codegen/targets/module/input-helpers.ts), so the CLI and PowerShell accept and refuse
 * the same input: hex with 0x (the dialog's form) or decimal (event 1026's form), at most 0xFFFFFFFF.
 */
export const MAX_ERROR_CODE = 0xffffffff;

/** The accepted forms, as pattern text both JavaScript and .NET read the same way (ConvertRdpErrorCode uses them). */
export const HEX_CODE_PATTERN = "^0[xX][0-9A-Fa-f]{1,8}$";
export const DECIMAL_CODE_PATTERN = "^[0-9]{1,10}$";
/** What follows "<argument>: '<value>'" in every refusal, in Node and in the module. */
export const NOT_A_CODE = " is not an error code. Use hex (0x904) or decimal (2308), at most 0xFFFFFFFF.";

export class ErrorCodeInputError extends Error {
  override readonly name = "ErrorCodeInputError";
  constructor(readonly argumentName: string, readonly value: string) {
    super(`${argumentName}: '${value}'${NOT_A_CODE}`);
  }
}

/** `argumentName` is how the user named the input (`code`, `--extended`, `-Code`); errors start with it. */
export function parseErrorCode(value: string, argumentName: string): number {
  const text = value.trim();
  if (new RegExp(HEX_CODE_PATTERN).test(text)) return Number.parseInt(text.slice(2), 16);
  if (new RegExp(DECIMAL_CODE_PATTERN).test(text) && Number(text) <= MAX_ERROR_CODE) return Number(text);
  throw new ErrorCodeInputError(argumentName, value);
}

/** `0x904`: upper-case digits, no padding, as the mstsc dialog prints codes. */
export const formatHex = (code: number): string => `0x${code.toString(16).toUpperCase()}`;
