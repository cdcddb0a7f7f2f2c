// Authenticode-signs generated PowerShell files in place with osslsigncode and
// verifies the result.
import { chmod, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { execOsslsigncode, requireOsslsigncode, runOsslsigncode } from "./osslsigncode.js";
import { combinedOutput, isOpenSslStackLine } from "./run.js";
import { ensureSelfSignedCert } from "./self-signed.js";
import { findEncodingProblem } from "../validate/byte-rules.js";
import { buildSignArgs, buildVerifyArgs, type SignArgsExtras } from "./sign-args.js";
import { passwordEnvOf, SYSTEM_CA_FILE, trustAnchorFor, type SigningOptions } from "./signing-options.js";

/** Extensions Windows PowerShell checks signatures on and that the generator emits. */
export const SIGNABLE_EXTENSIONS: readonly string[] = [".ps1", ".psm1", ".psd1", ".ps1xml"];

export interface VerifyResult {
  ok: boolean;
  message: string;
}

export interface SignTreeResult {
  signed: string[];
  verified: string[];
}

function isSignable(file: string): boolean {
  return SIGNABLE_EXTENSIONS.includes(extname(file).toLowerCase());
}

async function assertSignableFile(file: string): Promise<void> {
  if (!isSignable(file)) {
    throw new Error(`${file}: refusing to sign: only ${SIGNABLE_EXTENSIONS.join(" ")} files are signed (osslsigncode picks the format by extension)`);
  }
  const problem = findEncodingProblem(await readFile(file));
  if (problem !== undefined) {
    throw new Error(
      `${file}: refusing to sign: ${problem}. Signed PowerShell files must be ASCII-only with CRLF line endings ` +
        "and no BOM, or Windows PowerShell 5.1 reports HashMismatch.",
    );
  }
}

/**
 * Everything that must exist while osslsigncode runs: the checked binary, the
 * self-signed pair (created once), and a 0600 password file in a private
 * mkdtemp folder that is removed in `finally` whatever happens.
 */
async function withSigningSession<T>(opts: SigningOptions, body: (extras: SignArgsExtras) => Promise<T>): Promise<T> {
  await requireOsslsigncode();
  if (opts.kind === "SelfSigned") await ensureSelfSignedCert(opts.dir);
  const envName = passwordEnvOf(opts);
  if (envName === undefined) return body({});
  const password = process.env[envName];
  if (password === undefined || password === "") {
    throw new Error(`Environment variable ${envName} is not set (it must hold the password for ${opts.kind} signing)`);
  }
  const secretDir = await mkdtemp(join(tmpdir(), "rdp-sign-"));
  try {
    const passwordFile = join(secretDir, "password");
    await writeFile(passwordFile, password, { mode: 0o600, flag: "wx" });
    return await body({ passwordFile });
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

async function signOne(file: string, opts: SigningOptions, extras: SignArgsExtras): Promise<void> {
  // The temp output sits next to the target (same filesystem => atomic rename)
  // and keeps the real extension, since osslsigncode chooses the format by it.
  const ext = extname(file);
  const tmp = join(dirname(file), `.${basename(file, ext)}.${process.pid}-${Date.now().toString(36)}.signing${ext}`);
  try {
    await runOsslsigncode(buildSignArgs(opts, file, tmp, extras), file);
    await chmod(tmp, (await stat(file)).mode & 0o7777);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Signs one file in place (re-signing replaces an existing signature block).
 * Refuses non-ASCII, LF and BOM files before osslsigncode is even looked up.
 */
export async function signFile(path: string, opts: SigningOptions): Promise<void> {
  await assertSignableFile(path);
  await withSigningSession(opts, (extras) => signOne(path, opts, extras));
}

/** Keeps the interesting lines of osslsigncode verify output, without OpenSSL's error stack. */
function summarizeVerifyOutput(text: string): string {
  const wanted = /mismatch|error|fail|not found|unable|verification|expired|not yet valid/i;
  const lines = text
    .split(/\r?\n/)
    .filter((l) => wanted.test(l) && !isOpenSslStackLine(l))
    .map((l) => l.trim().replace(/\s+/g, " "));
  return [...new Set(lines)].join("; ") || text.trim().split(/\r?\n/).slice(-3).join("; ");
}

/**
 * Verifies one file's embedded signature. ok needs exit code 0 AND
 * "Signature verification: ok", so that a change in either signal in a future
 * osslsigncode fails closed (not signed) rather than open.
 * A self-signed cert only verifies with `caFile` = that cert (toolchain.md pitfall 17).
 */
export async function verifyFile(path: string, caFile: string = SYSTEM_CA_FILE): Promise<VerifyResult> {
  const r = await execOsslsigncode(buildVerifyArgs(path, caFile));
  const out = combinedOutput(r);
  const ok = r.code === 0 && /Signature verification: ok/.test(out);
  return { ok, message: ok ? "Signature verification: ok" : `exit ${r.code}: ${summarizeVerifyOutput(out)}` };
}

/** Comparison by UTF-16 code units, not locale: the order must not depend on the machine. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every signable file under `dir`, in a deterministic order. Symlinks are
 * skipped: signing "in place" through one would replace the link with a file.
 */
export async function listSignableFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isSignable(e.name)) found.push(p);
    }
  };
  await walk(dir);
  return found;
}

/**
 * Signs every .ps1/.psm1/.psd1/.ps1xml under `dir`, then verifies each one.
 * All files are checked for encoding first so a bad file cannot leave the tree
 * half signed. Throws listing every file that fails verification.
 */
export async function signTree(dir: string, opts: SigningOptions): Promise<SignTreeResult> {
  const files = await listSignableFiles(dir);
  const refused: string[] = [];
  for (const f of files) {
    await assertSignableFile(f).catch((e: unknown) => void refused.push(e instanceof Error ? e.message : String(e)));
  }
  if (refused.length > 0) throw new Error(`Refusing to sign ${refused.length} file(s):\n${refused.join("\n")}`);

  const signed: string[] = [];
  await withSigningSession(opts, async (extras) => {
    for (const f of files) {
      await signOne(f, opts, extras);
      signed.push(f);
    }
  });

  const ca = trustAnchorFor(opts);
  const verified: string[] = [];
  const failures: string[] = [];
  for (const f of files) {
    const v = await verifyFile(f, ca);
    if (v.ok) verified.push(f);
    else failures.push(`${f}: ${v.message}`);
  }
  if (failures.length > 0) {
    throw new Error(`Signature verification failed for ${failures.length} file(s) (CA file ${ca}):\n${failures.join("\n")}`);
  }
  return { signed, verified };
}
