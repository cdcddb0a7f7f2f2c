// The default signing identity: a self-signed development code-signing cert,
// created once in a git-ignored folder and reused, so every build of a
// checkout signs with the same key (and a developer can trust it once on a
// test VM via Import-Certificate into TrustedPublisher + Root).
import { chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { combinedOutput, run, SpawnError, type RunResult } from "./run.js";

export const SELF_SIGNED_SUBJECT = "/CN=RdpDoctor Development Code Signing";
export const SELF_SIGNED_CERT_NAME = "codesign.crt.pem";
export const SELF_SIGNED_KEY_NAME = "codesign.key.pem";
const VALIDITY_DAYS = 3650;
/** Regenerate when fewer than 30 days remain, so a build never signs with a cert about to lapse. */
const MIN_REMAINING_SECONDS = 30 * 24 * 3600;

// Our own config rather than the system openssl.cnf: the Debian default adds
// v3_ca (CA:TRUE) to `req -x509` output, and `-addext` cannot override an
// extension the config already adds. Windows wants a leaf with the
// codeSigning EKU; critical EKU/keyUsage pin the cert to that one purpose.
const OPENSSL_CONFIG = [
  "[req]",
  "distinguished_name = dn",
  "x509_extensions = codesign",
  "prompt = no",
  "[dn]",
  "CN = RdpDoctor Development Code Signing",
  "[codesign]",
  "basicConstraints = critical,CA:FALSE",
  "keyUsage = critical,digitalSignature",
  "extendedKeyUsage = critical,codeSigning",
  "subjectKeyIdentifier = hash",
  "",
].join("\n");

export interface SelfSignedCert {
  certFile: string;
  keyFile: string;
  /** true when this call generated a new pair, false when an existing one was reused. */
  created: boolean;
}

export function selfSignedPaths(dir: string): { certFile: string; keyFile: string } {
  return { certFile: join(resolve(dir), SELF_SIGNED_CERT_NAME), keyFile: join(resolve(dir), SELF_SIGNED_KEY_NAME) };
}

function opensslPath(env: NodeJS.ProcessEnv): string {
  return env.OPENSSL !== undefined && env.OPENSSL !== "" ? env.OPENSSL : "openssl";
}

async function openssl(args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  try {
    return await run(opensslPath(env), args);
  } catch (e) {
    if (e instanceof SpawnError && e.code === "ENOENT") {
      throw new Error("openssl was not found on PATH (needed to create the development signing certificate)", { cause: e });
    }
    throw e;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** The existing pair is reusable only if the cert is not about to expire and matches the key. */
async function isReusable(certFile: string, keyFile: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!(await exists(certFile)) || !(await exists(keyFile))) return false;
  const fresh = await openssl(["x509", "-checkend", String(MIN_REMAINING_SECONDS), "-noout", "-in", certFile], env);
  if (fresh.code !== 0) return false;
  // A half-finished earlier run (or a hand edit) can leave a cert and a key
  // that do not belong together; signing would then fail much later.
  const certPub = await openssl(["x509", "-noout", "-pubkey", "-in", certFile], env);
  const keyPub = await openssl(["pkey", "-pubout", "-in", keyFile], env);
  return certPub.code === 0 && keyPub.code === 0 && certPub.stdout.trim() === keyPub.stdout.trim();
}

async function generate(dir: string, certFile: string, keyFile: string, env: NodeJS.ProcessEnv): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Generate inside a private scratch folder in `dir` (same filesystem, so the
  // final rename is atomic) and only then move the pair into place: readers
  // never see a half-written key.
  const scratch = await mkdtemp(join(dir, ".gen-"));
  try {
    const cfg = join(scratch, "codesign.cnf");
    const tmpKey = join(scratch, "key.pem");
    const tmpCert = join(scratch, "cert.pem");
    await writeFile(cfg, OPENSSL_CONFIG, { mode: 0o600 });
    const r = await openssl([
      "req", "-x509", "-newkey", "rsa:3072", "-sha256", "-nodes", "-days", String(VALIDITY_DAYS),
      "-subj", SELF_SIGNED_SUBJECT, "-config", cfg, "-keyout", tmpKey, "-out", tmpCert,
    ], env);
    if (r.code !== 0) throw new Error(`openssl req failed creating ${certFile} (exit ${r.code}):\n${combinedOutput(r)}`);
    await chmod(tmpKey, 0o600);
    await rename(tmpKey, keyFile);
    await rename(tmpCert, certFile);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// Concurrent callers in one process (e.g. signing several trees at once)
// share one generation instead of racing two key pairs into the same folder.
const inFlight = new Map<string, Promise<SelfSignedCert>>();

/**
 * Makes sure `dir` holds a valid self-signed code-signing cert + key and
 * returns their paths. Idempotent: an existing pair valid for > 30 days is reused.
 */
export function ensureSelfSignedCert(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<SelfSignedCert> {
  const abs = resolve(dir);
  const pending = inFlight.get(abs);
  if (pending) return pending;
  const work = (async (): Promise<SelfSignedCert> => {
    const { certFile, keyFile } = selfSignedPaths(abs);
    if (await isReusable(certFile, keyFile, env)) {
      await chmod(keyFile, 0o600); // repair a loosened mode rather than keep a world-readable key
      return { certFile, keyFile, created: false };
    }
    await generate(abs, certFile, keyFile, env);
    return { certFile, keyFile, created: true };
  })();
  inFlight.set(abs, work);
  const forget = (): void => void inFlight.delete(abs);
  work.then(forget, forget);
  return work;
}

/** SHA-256 fingerprint as printed by openssl ("AA:BB:..."); handy for logs and tests. */
export async function certFingerprint(certFile: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const r = await openssl(["x509", "-noout", "-fingerprint", "-sha256", "-in", certFile], env);
  const m = /=([0-9A-F:]+)/i.exec(r.stdout);
  if (r.code !== 0 || !m?.[1]) throw new Error(`openssl could not read ${certFile}:\n${combinedOutput(r)}`);
  return m[1].toUpperCase();
}
