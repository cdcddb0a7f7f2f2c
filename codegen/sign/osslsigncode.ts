// Locating and running osslsigncode.
// Why a version gate: Debian bookworm main ships osslsigncode 2.5, which fails
// on every PowerShell file with "Unrecognized file type" (toolchain.md
// pitfall 14). Script support arrived in 2.8, so we refuse anything older up
// front instead of letting the build fail with that cryptic message.
import { access, stat } from "node:fs/promises";
import { constants } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { combinedOutput, run, SpawnError, withoutOpenSslStack, type RunResult } from "./run.js";

export const MIN_OSSLSIGNCODE_VERSION = { major: 2, minor: 8 } as const;

const SETUP_HINT =
  "Run the project's setup: it installs osslsigncode 2.9 from bookworm-backports " +
  "(apt-get install -t bookworm-backports osslsigncode). Debian main's 2.5 cannot sign scripts. " +
  "Alternatively point the OSSLSIGNCODE environment variable at an osslsigncode >= 2.8 binary.";

export interface OsslsigncodeVersion {
  major: number;
  minor: number;
  patch: number;
}

export interface OsslsigncodeInfo {
  path: string;
  version: OsslsigncodeVersion;
}

/** Parses the first line of `osslsigncode --version`, e.g. "osslsigncode 2.9, using:". */
export function parseOsslsigncodeVersion(text: string): OsslsigncodeVersion | undefined {
  const m = /^osslsigncode\s+(\d+)\.(\d+)(?:\.(\d+))?/m.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function isSupportedVersion(v: OsslsigncodeVersion): boolean {
  const min = MIN_OSSLSIGNCODE_VERSION;
  return v.major > min.major || (v.major === min.major && v.minor >= min.minor);
}

async function isExecutableFile(p: string): Promise<boolean> {
  try {
    await access(p, constants.X_OK);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function searchPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** OSSLSIGNCODE (a path, or a bare name looked up on PATH) wins over PATH. */
export async function locateOsslsigncode(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const override = env.OSSLSIGNCODE;
  if (override !== undefined && override !== "") {
    const isPathLike = isAbsolute(override) || override.includes("/");
    const found = isPathLike
      ? ((await isExecutableFile(override)) ? resolve(override) : undefined)
      : await searchPath(override, env);
    if (found) return found;
    throw new Error(`OSSLSIGNCODE is set to "${override}", but that is not an executable file. ${SETUP_HINT}`);
  }
  const found = await searchPath("osslsigncode", env);
  if (found) return found;
  throw new Error(`osslsigncode was not found on PATH. ${SETUP_HINT}`);
}

// Cached per binary path: the version cannot change during one build, and
// signTree would otherwise spawn `--version` once per file.
const infoCache = new Map<string, Promise<OsslsigncodeInfo>>();

async function probeVersion(path: string): Promise<OsslsigncodeInfo> {
  const r = await run(path, ["--version"]);
  const version = parseOsslsigncodeVersion(r.stdout + "\n" + r.stderr);
  if (r.code !== 0 || !version) {
    throw new Error(`Could not read the version of ${path} (exit ${r.code}): ${combinedOutput(r)}. ${SETUP_HINT}`);
  }
  if (!isSupportedVersion(version)) {
    const have = `${version.major}.${version.minor}`;
    const need = `${MIN_OSSLSIGNCODE_VERSION.major}.${MIN_OSSLSIGNCODE_VERSION.minor}`;
    throw new Error(`${path} is osslsigncode ${have}; >= ${need} is required to sign PowerShell files. ${SETUP_HINT}`);
  }
  return { path, version };
}

/** Locates osslsigncode and checks its version; throws with the setup hint otherwise. */
export async function requireOsslsigncode(env: NodeJS.ProcessEnv = process.env): Promise<OsslsigncodeInfo> {
  const path = await locateOsslsigncode(env);
  let info = infoCache.get(path);
  if (!info) {
    info = probeVersion(path);
    infoCache.set(path, info);
    info.catch(() => infoCache.delete(path));
  }
  return info;
}

/** Runs osslsigncode and returns the result whatever the exit code. */
export async function execOsslsigncode(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunResult> {
  const { path } = await requireOsslsigncode(env);
  try {
    return await run(path, args);
  } catch (e) {
    if (e instanceof SpawnError) throw new Error(`${e.message}. ${SETUP_HINT}`, { cause: e });
    throw e;
  }
}

/**
 * Runs osslsigncode and throws unless it exited 0. The error names the file we
 * were working on plus osslsigncode's own words (it prints the real reason,
 * e.g. "Wrong password?", on stderr and a bare "Failed" on stdout).
 */
export async function runOsslsigncode(
  args: readonly string[],
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunResult> {
  const r = await execOsslsigncode(args, env);
  if (r.code !== 0) {
    const command = args[0] ?? "";
    throw new Error(`osslsigncode ${command} failed for ${file} (exit ${r.code}):\n${withoutOpenSslStack(combinedOutput(r))}`);
  }
  return r;
}
