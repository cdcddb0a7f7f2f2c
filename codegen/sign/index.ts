// Public API of the signer. Everything else in this folder is internal.
export {
  parseSigningOptions,
  parseSigningTime,
  trustAnchorFor,
  SYSTEM_CA_FILE,
  type SigningOptions,
  type SigningSource,
  type CommonSigningOptions,
  type SelfSignedSigning,
  type PemSigning,
  type PfxSigning,
  type Pkcs11Signing,
} from "./signing-options.js";
export {
  ensureSelfSignedCert,
  certFingerprint,
  selfSignedPaths,
  SELF_SIGNED_SUBJECT,
  type SelfSignedCert,
} from "./self-signed.js";
export {
  locateOsslsigncode,
  requireOsslsigncode,
  parseOsslsigncodeVersion,
  isSupportedVersion,
  MIN_OSSLSIGNCODE_VERSION,
  type OsslsigncodeInfo,
  type OsslsigncodeVersion,
} from "./osslsigncode.js";
export { buildSignArgs, buildVerifyArgs, type SignArgsExtras } from "./sign-args.js";
export {
  signFile,
  signTree,
  verifyFile,
  listSignableFiles,
  SIGNABLE_EXTENSIONS,
  type VerifyResult,
  type SignTreeResult,
} from "./signer.js";
export { findEncodingProblem } from "../validate/byte-rules.js";
