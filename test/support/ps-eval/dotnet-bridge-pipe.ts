/**
 * The .NET bridge process and its two named pipes (test/support/dotnet-bridge/README.md): building it once per
 * source version, starting it, and reading and writing one JSON line at a time with blocking fs calls, because the
 * interpreter that waits on it is synchronous. dotnet-bridge.ts speaks the protocol over it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const PROJECT_DIR = resolve(import.meta.dirname, "../dotnet-bridge");
const OUT_ROOT = resolve(import.meta.dirname, "../../../.tools/dotnet-bridge");

/**
 * Builds the bridge once per source version (a hash of its files names the output folder) and returns the dll.
 * `root`: the project folder, for callers bundled elsewhere (the benchmark).
 */
export function buildBridge(root?: string): string {
  const projectDir = root === undefined ? PROJECT_DIR : join(root, "test", "support", "dotnet-bridge");
  const outRoot = root === undefined ? OUT_ROOT : join(root, ".tools", "dotnet-bridge");
  const hash = createHash("sha256");
  for (const name of readdirSync(projectDir).sort()) hash.update(name).update(readFileSync(join(projectDir, name)));
  const out = join(outRoot, `out-${hash.digest("hex").slice(0, 16)}`);
  const dll = join(out, "DotnetBridge.dll");
  if (existsSync(dll)) return dll;
  const build = spawnSync("dotnet", ["build", join(projectDir, "DotnetBridge.csproj"), "-c", "Release", "-o", out, "--nologo", "-v", "q"], {
    encoding: "utf8",
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
  if (build.status !== 0) throw new Error(`dotnet build of the bridge failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  return dll;
}

export class BridgePipe {
  private pending = "";

  private constructor(private readonly child: ChildProcess, private readonly dir: string, private readonly toBridge: number, private readonly fromBridge: number) {}

  /** `dll`: a bridge built beforehand (a bundled caller cannot find the sources next to itself). */
  static open(options: { dll?: string; env?: NodeJS.ProcessEnv } = {}): BridgePipe {
    const dll = options.dll ?? buildBridge();
    const dir = mkdtempSync(join(tmpdir(), "rdp-bridge-"));
    const inPath = join(dir, "in");
    const outPath = join(dir, "out");
    for (const fifo of [inPath, outPath]) {
      const made = spawnSync("mkfifo", [fifo]);
      if (made.status !== 0) throw new Error(`mkfifo ${fifo} failed`);
    }
    const child = spawn("dotnet", [dll, "--in", inPath, "--out", outPath], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...options.env } });
    // Same order as the bridge opens them; each open blocks until the other side has opened its end.
    const toBridge = openSync(inPath, "w");
    const fromBridge = openSync(outPath, "r");
    return new BridgePipe(child, dir, toBridge, fromBridge);
  }

  close(): void {
    closeSync(this.toBridge); // EOF: the bridge exits
    closeSync(this.fromBridge);
    this.child.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  writeLine(message: unknown): void {
    writeSync(this.toBridge, `${JSON.stringify(message)}\n`);
  }

  readLine(): string {
    const buffer = Buffer.alloc(65536);
    for (;;) {
      const newline = this.pending.indexOf("\n");
      if (newline >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        return line;
      }
      const count = readSync(this.fromBridge, buffer, 0, buffer.length, null);
      if (count === 0) throw new Error("The .NET bridge closed its pipe (it crashed; see stderr)");
      this.pending += buffer.toString("utf8", 0, count);
    }
  }

}
