/**
 * The real build path end to end: emit into a temp folder, sign with a self-signed certificate through the
 * real osslsigncode, verify every artifact, and prove a one-byte tamper fails verification.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emit } from "../codegen/emit.js";
import { verifyFile, trustAnchorFor, type SigningOptions } from "../codegen/sign/index.js";

const ROOT = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "rdp-dist-"));
const signing: SigningOptions = { kind: "SelfSigned", dir: join(work, "signing"), signingTime: 1767225600 };

describe("signed dist-ps", () => {
  let files: readonly string[] = [];
  beforeAll(async () => {
    files = (await emit(ROOT, join(work, "a"), "0.1.0", signing)).signed;
  }, 60_000);

  it("signs and verifies every .psd1 and .psm1", async () => {
    expect(files.map((f) => f.slice(f.indexOf("RdpDoctor/"))).sort()).toEqual(["RdpDoctor/RdpDoctor.psd1", "RdpDoctor/RdpDoctor.psm1"]);
    for (const f of files) {
      const text = readFileSync(f, "latin1");
      expect(text).toMatch(/\r\n# SIG # Begin signature block\r\n/);
      expect(text.endsWith("# SIG # End signature block\r\n")).toBe(true);
      expect((await verifyFile(f, trustAnchorFor(signing))).ok).toBe(true);
    }
  });

  it("fails verification after a one-byte tamper in the body", async () => {
    const target = files.find((f) => f.endsWith(".psm1"))!;
    const bytes = readFileSync(target);
    const at = bytes.indexOf("return $evidence");
    bytes[at + 8] = "X".charCodeAt(0);
    const tampered = join(work, "tampered.psm1");
    writeFileSync(tampered, bytes);
    const result = await verifyFile(tampered, trustAnchorFor(signing));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/MISMATCH|fail/i);
  });

  it("is reproducible with a fixed signing time and the same key", async () => {
    const again = (await emit(ROOT, join(work, "b"), "0.1.0", signing)).signed;
    for (const f of files) {
      const twin = again.find((g) => g.endsWith(f.slice(f.indexOf("RdpDoctor/"))))!;
      expect(readFileSync(twin).equals(readFileSync(f))).toBe(true);
    }
  }, 60_000);
});
