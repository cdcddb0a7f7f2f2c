// Tiny wrapper over execFile shared by the openssl and osslsigncode callers.
// execFile (never a shell) so that file names with spaces, quotes or `$` are
// passed through untouched and nothing can be injected via a path.
import { execFile } from "node:child_process";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Error thrown when the program could not be started at all (e.g. ENOENT). */
export class SpawnError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SpawnError";
  }
}

/**
 * Runs a program and resolves with its exit code and output. A non-zero exit
 * is NOT an error here: osslsigncode verify exits 1 for a bad signature and the
 * caller decides what that means. Only "could not run / was killed" rejects.
 */
export function run(
  program: string,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ code: 0, stdout, stderr });
        const code = (err as { code?: unknown }).code;
        if (typeof code === "number") return resolve({ code, stdout, stderr });
        const why = err.killed ? `killed (${err.signal ?? "timeout"})` : err.message;
        reject(new SpawnError(`${program} could not run: ${why}`, typeof code === "string" ? code : undefined, { cause: err }));
      },
    );
  });
}

/** stderr first (where the real reason usually is), then stdout, trimmed. */
export function combinedOutput(r: RunResult): string {
  return [r.stderr.trim(), r.stdout.trim()].filter((s) => s.length > 0).join("\n");
}

const OPENSSL_STACK_LINE = /^[0-9A-F]{8,}:error:/;

export function isOpenSslStackLine(line: string): boolean {
  return OPENSSL_STACK_LINE.test(line);
}

/**
 * Drops OpenSSL's error-queue dump (often a dozen near-identical DECODER/asn1
 * lines) but keeps its first line: the tool's own message says what failed,
 * and the first queue entry usually says why.
 */
export function withoutOpenSslStack(text: string): string {
  const lines = text.split(/\r?\n/);
  const stack = lines.filter((l) => OPENSSL_STACK_LINE.test(l));
  const own = lines.filter((l) => !OPENSSL_STACK_LINE.test(l) && l.trim() !== "");
  return [...own, ...stack.slice(0, 1)].join("\n");
}
