// How the caller says which key to sign with. A discriminated union so that
// each source of key material carries exactly the fields it needs, and the CLI
// flag parser can reject half-specified combinations before any work starts.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { selfSignedPaths } from "./self-signed.js";

/** osslsigncode's own default trust store (see `osslsigncode --version`). */
export const SYSTEM_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

export interface SelfSignedSigning {
  kind: "SelfSigned";
  /** Folder holding codesign.crt.pem / codesign.key.pem (the project uses a git-ignored `.signing/`). */
  dir: string;
}

export interface PemSigning {
  kind: "Pem";
  /** Leaf first, intermediates after; osslsigncode embeds them all in the signature. */
  certFile: string;
  keyFile: string;
  /** Name of the env var holding the key's passphrase (the value never goes on argv). */
  keyPasswordEnv?: string;
}

export interface PfxSigning {
  kind: "Pfx";
  pfxFile: string;
  /** Name of the env var holding the PFX password. */
  passwordEnv: string;
}

export interface Pkcs11Signing {
  kind: "Pkcs11";
  /** PKCS#11 module (.so) of the token, e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so. */
  module: string;
  /** RFC 7512 URI, e.g. "pkcs11:token=...;object=...;type=private". */
  keyUri: string;
  certFile: string;
  /** OpenSSL engine for PKCS#11 (libp11's pkcs11.so); osslsigncode has a default. */
  engine?: string;
}

export interface CommonSigningOptions {
  /** Unix seconds for the signingTime attribute; fixed => byte-identical output (reproducible builds). */
  signingTime?: number;
  /** RFC 3161 time-stamp authority URL. */
  timestampUrl?: string;
  /** Trust anchor(s) for verification. Defaults: the generated cert (SelfSigned) or SYSTEM_CA_FILE. */
  caFile?: string;
}

export type SigningSource = SelfSignedSigning | PemSigning | PfxSigning | Pkcs11Signing;
export type SigningOptions = SigningSource & CommonSigningOptions;

/** The CA file verification should trust for these options. */
export function trustAnchorFor(opts: SigningOptions): string {
  if (opts.caFile !== undefined) return opts.caFile;
  return opts.kind === "SelfSigned" ? selfSignedPaths(opts.dir).certFile : SYSTEM_CA_FILE;
}

/** Name of the env var whose value must be handed to osslsigncode via -readpass, if any. */
export function passwordEnvOf(opts: SigningOptions): string | undefined {
  if (opts.kind === "Pfx") return opts.passwordEnv;
  if (opts.kind === "Pem") return opts.keyPasswordEnv;
  return undefined;
}

// ---------------------------------------------------------------------------
// CLI flags → SigningOptions

const FLAG_NAMES = [
  "cert", "key", "key-password-env", "pfx", "pfx-password-env", "pkcs11-module",
  "pkcs11-key", "pkcs11-engine", "signing-time", "timestamp-url", "ca-file",
] as const;
type FlagName = (typeof FLAG_NAMES)[number];
type Flags = Partial<Record<FlagName, string>>;

/** Accepts "--cert", "cert" or "pfxPasswordEnv" style keys, since arg parsers differ. */
function normalizeKey(key: string): string {
  return key.replace(/^-+/, "").replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
}

function readFlags(raw: Record<string, string | boolean | undefined>): Flags {
  const out: Flags = {};
  for (const [k, v] of Object.entries(raw)) {
    const name = normalizeKey(k) as FlagName;
    if (!(FLAG_NAMES as readonly string[]).includes(name) || v === undefined || v === false) continue;
    if (v === true || v.trim() === "") throw new Error(`--${name} requires a value`);
    out[name] = v;
  }
  return out;
}

function requireFile(flag: FlagName, p: string): string {
  const abs = resolve(p);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    // fall through to the error below
  }
  if (!isFile) throw new Error(`--${flag}: file not found: ${p}`);
  return abs;
}

// The value must be a variable NAME. If someone passes the password itself we
// must not echo it back, so the message deliberately omits the value.
function requireEnvName(flag: FlagName, name: string, env: NodeJS.ProcessEnv): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`--${flag} expects the NAME of an environment variable (letters, digits, _), not the secret itself`);
  }
  if (env[name] === undefined || env[name] === "") {
    throw new Error(`--${flag}: environment variable ${name} is not set`);
  }
  return name;
}

function forbid(f: Flags, present: FlagName, others: readonly FlagName[]): void {
  for (const o of others) {
    if (f[o] !== undefined) throw new Error(`--${o} cannot be combined with --${present}`);
  }
}

function needs(f: Flags, flag: FlagName, required: FlagName): string {
  const v = f[required];
  if (v === undefined) throw new Error(`--${flag} requires --${required}`);
  return v;
}

/** Unix seconds, or ISO-8601 (a date-time must carry Z or an offset so builds agree across time zones). */
export function parseSigningTime(value: string, flag = "--signing-time"): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v);
  if (!iso) throw new Error(`${flag}: expected unix seconds or an ISO-8601 date, got "${value}"`);
  if (iso[1] !== undefined && iso[4] === undefined) {
    throw new Error(`${flag}: ISO-8601 date-time "${value}" needs a time zone (Z or +hh:mm) to be reproducible`);
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms) || ms < 0) throw new Error(`${flag}: not a valid date: "${value}"`);
  return Math.floor(ms / 1000);
}

function parseCommon(f: Flags, env: NodeJS.ProcessEnv): CommonSigningOptions {
  const common: CommonSigningOptions = {};
  if (f["signing-time"] !== undefined) {
    common.signingTime = parseSigningTime(f["signing-time"]);
  } else if (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== "") {
    // reproducible-builds.org convention: honour it when no explicit time is given.
    common.signingTime = parseSigningTime(env.SOURCE_DATE_EPOCH, "SOURCE_DATE_EPOCH");
  }
  const ts = f["timestamp-url"];
  if (ts !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(ts);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new Error(`--timestamp-url must be an http(s) URL, got "${ts}"`);
    }
    common.timestampUrl = ts;
  }
  if (f["ca-file"] !== undefined) common.caFile = requireFile("ca-file", f["ca-file"]);
  return common;
}

function parsePfx(f: Flags, pfx: string, env: NodeJS.ProcessEnv): PfxSigning {
  forbid(f, "pfx", ["cert", "key", "key-password-env", "pkcs11-module", "pkcs11-key", "pkcs11-engine"]);
  const passwordEnv = requireEnvName("pfx-password-env", needs(f, "pfx", "pfx-password-env"), env);
  return { kind: "Pfx", pfxFile: requireFile("pfx", pfx), passwordEnv };
}

function parsePkcs11(f: Flags): Pkcs11Signing {
  if (f["pkcs11-module"] === undefined) {
    const flag = f["pkcs11-key"] !== undefined ? "pkcs11-key" : "pkcs11-engine";
    throw new Error(`--${flag} requires --pkcs11-module`);
  }
  forbid(f, "pkcs11-module", ["key", "key-password-env"]);
  const keyUri = needs(f, "pkcs11-module", "pkcs11-key");
  if (!keyUri.startsWith("pkcs11:")) throw new Error(`--pkcs11-key must be a pkcs11: URI (RFC 7512)`);
  const out: Pkcs11Signing = {
    kind: "Pkcs11",
    module: requireFile("pkcs11-module", f["pkcs11-module"]),
    keyUri,
    certFile: requireFile("cert", needs(f, "pkcs11-module", "cert")),
  };
  if (f["pkcs11-engine"] !== undefined) out.engine = requireFile("pkcs11-engine", f["pkcs11-engine"]);
  return out;
}

function parsePem(f: Flags, env: NodeJS.ProcessEnv): PemSigning {
  if (f.key === undefined && f["key-password-env"] !== undefined) throw new Error("--key-password-env requires --key");
  const cert = needs(f, "key", "cert");
  const key = needs(f, "cert", "key");
  const out: PemSigning = { kind: "Pem", certFile: requireFile("cert", cert), keyFile: requireFile("key", key) };
  if (f["key-password-env"] !== undefined) out.keyPasswordEnv = requireEnvName("key-password-env", f["key-password-env"], env);
  return out;
}

/**
 * Maps CLI flags to SigningOptions. No signing flags → SelfSigned in `defaultDir`.
 * Throws an Error naming the offending flag for conflicting, incomplete or
 * invalid input (missing files, unset password variables, bad times/URLs).
 */
export function parseSigningOptions(
  flags: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
  defaultDir: string,
): SigningOptions {
  const f = readFlags(flags);
  if (f["pfx-password-env"] !== undefined && f.pfx === undefined) throw new Error("--pfx-password-env requires --pfx");
  let source: SigningSource;
  if (f.pfx !== undefined) source = parsePfx(f, f.pfx, env);
  else if (f["pkcs11-module"] !== undefined || f["pkcs11-key"] !== undefined || f["pkcs11-engine"] !== undefined) source = parsePkcs11(f);
  else if (f.cert !== undefined || f.key !== undefined || f["key-password-env"] !== undefined) source = parsePem(f, env);
  else source = { kind: "SelfSigned", dir: resolve(defaultDir) };
  return { ...source, ...parseCommon(f, env) };
}
