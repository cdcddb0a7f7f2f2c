/** The bundled CLI (dist/rdp-doctor.cjs), run as a user would. */
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "rdp-doctor.cjs");
const run = (...args: string[]) => spawnSync("node", [CLI, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "" } });

beforeAll(() => {
  execFileSync("npm", ["run", "-s", "bundle"], { cwd: ROOT, stdio: "ignore" });
}, 60_000);

describe("rdp-doctor CLI", () => {
  it("--version prints the package version", () => {
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    expect(run("--version").stdout.trim()).toBe(version);
  });
  it("--help lists build and the signing options", () => {
    const out = run("--help");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/rdp-doctor build \[--out DIR\]/);
    expect(out.stdout).toMatch(/--pfx FILE --pfx-password-env VAR/);
  });
  it("rejects an unknown command and an unknown flag with exit 2, naming them", () => {
    const cmd = run("frobnicate");
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'frobnicate'/);
    const flag = run("build", "--colour");
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--colour/);
  });
  it("rejects incomplete signing options, naming the flag, and writes nothing", () => {
    const out = mkdtempSync(join(tmpdir(), "rdp-cli-"));
    const r = run("build", "--out", out, "--key", "/nonexistent.pem");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--key/);
    expect(readdirSync(out)).toEqual([]);
  });
  it("build --out writes a signed module and reports the count", () => {
    const out = mkdtempSync(join(tmpdir(), "rdp-cli-"));
    const r = run("build", "--out", out, "--signing-time", "2026-01-01T00:00:00Z");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/rdp-doctor build: 3 files, 2 signed and verified/);
    expect(readFileSync(join(out, "RdpDoctor", "RdpDoctor.psd1"), "latin1")).toMatch(/# SIG # Begin signature block/);
  }, 60_000);
});
