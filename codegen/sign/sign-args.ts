// Pure argv construction for `osslsigncode sign`, kept separate from process
// handling so it can be unit-tested without a token, a PFX or a network TSA.
// Flag names checked against `osslsigncode sign --help` of 2.9.
import { selfSignedPaths } from "./self-signed.js";
import { passwordEnvOf, type SigningOptions } from "./signing-options.js";

export interface SignArgsExtras {
  /**
   * File holding the key/PFX password, passed with -readpass. Secrets never
   * go on argv (-pass) because argv is visible to every user via /proc.
   */
  passwordFile?: string;
}

function keyMaterialArgs(opts: SigningOptions): string[] {
  switch (opts.kind) {
    case "SelfSigned": {
      const { certFile, keyFile } = selfSignedPaths(opts.dir);
      return ["-certs", certFile, "-key", keyFile];
    }
    case "Pem":
      return ["-certs", opts.certFile, "-key", opts.keyFile];
    case "Pfx":
      return ["-pkcs12", opts.pfxFile];
    case "Pkcs11":
      return [
        ...(opts.engine !== undefined ? ["-pkcs11engine", opts.engine] : []),
        "-pkcs11module", opts.module,
        "-certs", opts.certFile,
        "-key", opts.keyUri,
      ];
  }
}

function passwordArgs(opts: SigningOptions, extras: SignArgsExtras): string[] {
  const envName = passwordEnvOf(opts);
  if (envName === undefined) return [];
  if (extras.passwordFile === undefined) {
    throw new Error(`buildSignArgs: ${opts.kind} signing with ${envName} needs a passwordFile for -readpass`);
  }
  return ["-readpass", extras.passwordFile];
}

/** argv (without the program name) for `osslsigncode sign` of one file. */
export function buildSignArgs(
  opts: SigningOptions,
  inFile: string,
  outFile: string,
  extras: SignArgsExtras = {},
): string[] {
  const args = ["sign", ...keyMaterialArgs(opts), ...passwordArgs(opts, extras), "-h", "sha256"];
  if (opts.signingTime !== undefined) {
    if (!Number.isSafeInteger(opts.signingTime) || opts.signingTime < 0) {
      throw new Error(`signingTime must be non-negative whole unix seconds, got ${opts.signingTime}`);
    }
    args.push("-time", String(opts.signingTime));
  }
  if (opts.timestampUrl !== undefined) args.push("-ts", opts.timestampUrl);
  args.push("-in", inFile, "-out", outFile);
  return args;
}

/** argv for `osslsigncode verify` against an explicit trust anchor. */
export function buildVerifyArgs(inFile: string, caFile: string): string[] {
  return ["verify", "-CAfile", caFile, "-in", inFile];
}
