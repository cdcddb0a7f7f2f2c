// Integration tests for codegen/sign with the real osslsigncode and openssl.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  certFingerprint,
  ensureSelfSignedCert,
  requireOsslsigncode,
  selfSignedPaths,
  signFile,
  signTree,
  verifyFile,
  type SigningOptions,
} from "../codegen/sign/index.js";

const SAMPLES: Record<string, string> = {
  ".ps1": "function Get-Greeting {\r\n    param([string]$Name)\r\n    \"Hello $Name\"\r\n}\r\n",
  ".psm1": "function Get-Thing {\r\n    [CmdletBinding()]\r\n    param()\r\n    'thing'\r\n}\r\nExport-ModuleMember -Function Get-Thing\r\n",
  ".psd1": "@{ ModuleVersion = '1.0.0' }\r\n",
  ".ps1xml": '<?xml version="1.0" encoding="utf-8"?>\r\n<Configuration>\r\n</Configuration>\r\n',
};
const PS_BEGIN = "# SIG # Begin signature block";
const PS_END = "# SIG # End signature block";
const XML_BEGIN = "<!-- SIG # Begin signature block -->";
const XML_END = "<!-- SIG # End signature block -->";
const FIXED_TIME = 1767225600; // 2026-01-01T00:00:00Z

let root: string;
let keyDir: string;
let certFile: string;
let selfSigned: SigningOptions;
let n = 0;

async function freshDir(): Promise<string> {
  const d = join(root, `case-${++n}`);
  await mkdir(d, { recursive: true });
  return d;
}

async function sample(ext: string, body = SAMPLES[ext]!): Promise<string> {
  const f = join(await freshDir(), `sample${ext}`);
  await writeFile(f, body, "latin1");
  return f;
}

function openssl(args: string[]): string {
  return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "sign-test-"));
  keyDir = join(root, ".signing");
  selfSigned = { kind: "SelfSigned", dir: keyDir };
  certFile = (await ensureSelfSignedCert(keyDir)).certFile;
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("osslsigncode discovery", () => {
  it("finds an osslsigncode >= 2.8", async () => {
    const info = await requireOsslsigncode();
    expect(info.path).toMatch(/osslsigncode$/);
    expect(info.version.major * 100 + info.version.minor).toBeGreaterThanOrEqual(208);
  });

  it("rejects an osslsigncode older than 2.8 with the setup hint", async () => {
    const fake = join(await freshDir(), "osslsigncode");
    await writeFile(fake, "#!/bin/sh\necho 'osslsigncode 2.5, using:'\n");
    await chmod(fake, 0o755);
    await expect(requireOsslsigncode({ ...process.env, OSSLSIGNCODE: fake })).rejects.toThrow(
      /osslsigncode 2\.5; >= 2\.8 is required.*bookworm-backports/s,
    );
  });

  it("explains a missing binary", async () => {
    await expect(requireOsslsigncode({ ...process.env, OSSLSIGNCODE: "/nonexistent/osslsigncode" })).rejects.toThrow(
      /OSSLSIGNCODE is set to "\/nonexistent\/osslsigncode".*project's setup/s,
    );
    await expect(requireOsslsigncode({ PATH: "/nonexistent" })).rejects.toThrow(/not found on PATH/);
  });
});

describe("self-signed certificate", () => {
  it("is created once and reused (same fingerprint)", async () => {
    const dir = join(await freshDir(), ".signing");
    const first = await ensureSelfSignedCert(dir);
    const fp1 = await certFingerprint(first.certFile);
    const second = await ensureSelfSignedCert(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second).toEqual({ ...first, created: false });
    expect(await certFingerprint(second.certFile)).toBe(fp1);
    expect(fp1).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect((await stat(first.keyFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["codesign.crt.pem", "codesign.key.pem"]);
  }, 60_000);

  it("has the code-signing profile", () => {
    const text = openssl(["x509", "-in", certFile, "-noout", "-text"]);
    expect(text).toContain("Subject: CN = RdpDoctor Development Code Signing");
    expect(text).toMatch(/Public-Key: \(3072 bit\)/);
    expect(text).toContain("sha256WithRSAEncryption");
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\s/);
    expect(text).toMatch(/Extended Key Usage: critical\s+Code Signing/);
    expect(text).toContain("Subject Key Identifier");
  });

  it("regenerates when the key does not match the cert", async () => {
    const dir = join(await freshDir(), ".signing");
    const first = await ensureSelfSignedCert(dir);
    const fp1 = await certFingerprint(first.certFile);
    const other = join(root, "other.key.pem");
    openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", other]);
    await writeFile(first.keyFile, await readFile(other));
    const again = await ensureSelfSignedCert(dir);
    expect(again.created).toBe(true);
    expect(await certFingerprint(again.certFile)).not.toBe(fp1);
  }, 60_000);
});

describe("signFile + verifyFile", () => {
  it.each(Object.keys(SAMPLES))("signs and verifies %s", async (ext) => {
    const f = await sample(ext);
    await signFile(f, selfSigned);
    const text = await readFile(f, "latin1");
    const [begin, end] = ext === ".ps1xml" ? [XML_BEGIN, XML_END] : [PS_BEGIN, PS_END];
    expect(text.startsWith(SAMPLES[ext]!)).toBe(true);
    expect(text).toContain(`\r\n${begin}\r\n`);
    expect(text.endsWith(`${end}\r\n`)).toBe(true);
    expect(text.split(begin)).toHaveLength(2);
    expect(await verifyFile(f, certFile)).toEqual({ ok: true, message: "Signature verification: ok" });
  });

  it("does not trust the self-signed cert against the system store", async () => {
    const f = await sample(".ps1");
    await signFile(f, selfSigned);
    const v = await verifyFile(f);
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/self-signed certificate/);
  });

  it("detects a one-character tamper in the body", async () => {
    const f = await sample(".ps1");
    await signFile(f, selfSigned);
    const text = await readFile(f, "latin1");
    expect(text).toContain('"Hello $Name"');
    await writeFile(f, text.replace('"Hello $Name"', '"Hellp $Name"'), "latin1");
    const v = await verifyFile(f, certFile);
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/MISMATCH/);
  });

  it("detects a tamper inside the base64 signature block", async () => {
    const f = await sample(".ps1");
    await signFile(f, selfSigned);
    const lines = (await readFile(f, "latin1")).split("\r\n");
    const i = lines.indexOf(PS_BEGIN) + 3;
    const line = lines[i]!;
    expect(line).toMatch(/^# [A-Za-z0-9+/]{20,}/);
    lines[i] = line.slice(0, 10) + (line[10] === "A" ? "B" : "A") + line.slice(11);
    await writeFile(f, lines.join("\r\n"), "latin1");
    const v = await verifyFile(f, certFile);
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/^exit [1-9]/);
  });

  it("re-signing replaces the block instead of adding one", async () => {
    const f = await sample(".psm1");
    await signFile(f, { ...selfSigned, signingTime: FIXED_TIME });
    await signFile(f, { ...selfSigned, signingTime: FIXED_TIME + 60 });
    const text = await readFile(f, "latin1");
    expect(text.split(PS_BEGIN)).toHaveLength(2);
    expect(text.startsWith(SAMPLES[".psm1"]!)).toBe(true);
    expect((await verifyFile(f, certFile)).ok).toBe(true);
  });

  it("is byte-identical for a fixed signingTime", async () => {
    const a = await sample(".ps1");
    const b = await sample(".ps1");
    const c = await sample(".ps1");
    await signFile(a, { ...selfSigned, signingTime: FIXED_TIME });
    await signFile(b, { ...selfSigned, signingTime: FIXED_TIME });
    await signFile(c, { ...selfSigned, signingTime: FIXED_TIME + 1 });
    const [ba, bb, bc] = await Promise.all([readFile(a), readFile(b), readFile(c)]);
    expect(ba.length).toBeGreaterThan(SAMPLES[".ps1"]!.length + 1000);
    expect(ba.equals(bb)).toBe(true);
    expect(ba.equals(bc)).toBe(false);
  });

  it("keeps the file mode", async () => {
    const f = await sample(".ps1");
    await chmod(f, 0o640);
    await signFile(f, selfSigned);
    expect((await stat(f)).mode & 0o777).toBe(0o640);
    expect(await readdir(join(f, ".."))).toEqual(["sample.ps1"]);
  });
});

describe("refusals happen before osslsigncode runs", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["non-ASCII byte", "Write-Output 'caf\u00e9'\r\n", /non-ASCII byte 0xE9 at line 1, column 18/],
    ["LF line endings", "Write-Output 1\nWrite-Output 2\n", /bare LF \(not preceded by CR\) at line 1, column 15/],
    ["UTF-8 BOM", "\u00ef\u00bb\u00bfWrite-Output 1\r\n", /starts with a UTF-8 byte order mark/],
    ["lone CR", "Write-Output 1\rWrite-Output 2\r\n", /lone CR/],
  ];
  it.each(cases)("refuses a file with %s", async (_label, body, reason) => {
    const f = await sample(".ps1", body);
    const before = await readFile(f);
    // A key folder that does not exist yet: if anything got as far as the
    // signing session, the self-signed pair would have been created in it.
    const dir = join(root, `never-created-${n}`);
    const err = await signFile(f, { kind: "SelfSigned", dir }).then(() => undefined, (e: Error) => e);
    expect(err?.message).toContain(`${f}: refusing to sign:`);
    expect(err?.message).toMatch(reason);
    expect((await readFile(f)).equals(before)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses extensions osslsigncode would not recognise", async () => {
    const f = await sample(".txt", "hello\r\n");
    await expect(signFile(f, selfSigned)).rejects.toThrow(`${f}: refusing to sign: only .ps1 .psm1 .psd1 .ps1xml`);
  });
});

describe("signTree", () => {
  it("signs and verifies every PowerShell file in sorted order", async () => {
    const d = await freshDir();
    await mkdir(join(d, "Module", "en-US"), { recursive: true });
    const files = {
      "b.ps1": SAMPLES[".ps1"]!,
      "Module/Mod.psm1": SAMPLES[".psm1"]!,
      "Module/Mod.psd1": SAMPLES[".psd1"]!,
      "Module/Mod.format.ps1xml": SAMPLES[".ps1xml"]!,
      "Module/en-US/about.txt": "not signed\n",
      "a.ps1": SAMPLES[".ps1"]!,
    };
    for (const [rel, body] of Object.entries(files)) await writeFile(join(d, rel), body, "latin1");
    const res = await signTree(d, selfSigned);
    const expected = ["Module/Mod.format.ps1xml", "Module/Mod.psd1", "Module/Mod.psm1", "a.ps1", "b.ps1"].map((r) => join(d, r));
    expect(res).toEqual({ signed: expected, verified: expected });
    expect(await readFile(join(d, "Module/en-US/about.txt"), "latin1")).toBe("not signed\n");
    expect(await readFile(join(d, "Module/Mod.format.ps1xml"), "latin1")).toContain(XML_BEGIN);
  });

  it("refuses the whole tree, naming every bad file, before signing any", async () => {
    const d = await freshDir();
    await writeFile(join(d, "good.ps1"), SAMPLES[".ps1"]!);
    await writeFile(join(d, "lf.ps1"), "1\n");
    await writeFile(join(d, "bom.psd1"), "\u00ef\u00bb\u00bf@{}\r\n", "latin1");
    const err = await signTree(d, selfSigned).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/^Refusing to sign 2 file\(s\):/);
    expect(err?.message).toContain(join(d, "lf.ps1"));
    expect(err?.message).toContain(join(d, "bom.psd1"));
    expect(await readFile(join(d, "good.ps1"), "latin1")).toBe(SAMPLES[".ps1"]);
  });

  it("throws listing every file that fails verification", async () => {
    const d = await freshDir();
    await writeFile(join(d, "one.ps1"), SAMPLES[".ps1"]!);
    await writeFile(join(d, "two.psm1"), SAMPLES[".psm1"]!);
    const wrongCa = join(root, "wrong-ca");
    const { certFile: otherCert } = await ensureSelfSignedCert(wrongCa);
    const err = await signTree(d, { ...selfSigned, caFile: otherCert }).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/^Signature verification failed for 2 file\(s\)/);
    expect(err?.message).toContain(`${join(d, "one.ps1")}: exit 1`);
    expect(err?.message).toContain(`${join(d, "two.psm1")}: exit 1`);
    expect((await verifyFile(join(d, "one.ps1"), certFile)).ok).toBe(true);
  }, 60_000);
});

describe("PFX and encrypted PEM keys", () => {
  const VAR = "RDP_SIGN_TEST_PFX_PASSWORD";
  let pfx: string;
  let keyFile: string;

  beforeAll(() => {
    keyFile = selfSignedPaths(keyDir).keyFile;
    pfx = join(root, "codesign.pfx");
    openssl(["pkcs12", "-export", "-in", certFile, "-inkey", keyFile, "-passout", "pass:correct horse", "-out", pfx]);
  });

  it("signs with a PFX whose password comes from an env var, and cleans up the password file", async () => {
    const f = await sample(".ps1");
    const before = (await readdir(tmpdir())).filter((e) => e.startsWith("rdp-sign-"));
    process.env[VAR] = "correct horse";
    try {
      await signFile(f, { kind: "Pfx", pfxFile: pfx, passwordEnv: VAR, signingTime: FIXED_TIME });
    } finally {
      delete process.env[VAR];
    }
    expect(await readFile(f, "latin1")).toContain(PS_BEGIN);
    expect(await verifyFile(f, certFile)).toEqual({ ok: true, message: "Signature verification: ok" });
    expect((await readdir(tmpdir())).filter((e) => e.startsWith("rdp-sign-"))).toEqual(before);
    // Same key and time as the PEM self-signed path -> the same bytes.
    const g = await sample(".ps1");
    await signFile(g, { ...selfSigned, signingTime: FIXED_TIME });
    expect((await readFile(f)).equals(await readFile(g))).toBe(true);
  });

  it("names the variable when it is unset", async () => {
    const f = await sample(".ps1");
    delete process.env[VAR];
    await expect(signFile(f, { kind: "Pfx", pfxFile: pfx, passwordEnv: VAR })).rejects.toThrow(
      `Environment variable ${VAR} is not set`,
    );
    expect(await readFile(f, "latin1")).toBe(SAMPLES[".ps1"]);
  });

  it("reports a wrong password with the file name and osslsigncode's message, never the password", async () => {
    const f = await sample(".ps1");
    process.env[VAR] = "wrong-secret-value";
    const err = await signFile(f, { kind: "Pfx", pfxFile: pfx, passwordEnv: VAR }).then(() => undefined, (e: Error) => e);
    delete process.env[VAR];
    expect(err?.message).toContain(`osslsigncode sign failed for ${f}`);
    expect(err?.message).toMatch(/Wrong password\?/);
    expect(err?.message).not.toContain("wrong-secret-value");
    expect(await readdir(join(f, ".."))).toEqual(["sample.ps1"]);
  });

  it("signs with an encrypted PEM key (Pem + keyPasswordEnv)", async () => {
    const enc = join(root, "enc.key.pem");
    openssl(["pkey", "-in", keyFile, "-aes256", "-passout", "pass:pem-pass", "-out", enc]);
    expect(await readFile(enc, "utf8")).toContain("ENCRYPTED PRIVATE KEY");
    const f = await sample(".psd1");
    process.env.RDP_SIGN_TEST_PEM_PASSWORD = "pem-pass";
    try {
      await signFile(f, { kind: "Pem", certFile, keyFile: enc, keyPasswordEnv: "RDP_SIGN_TEST_PEM_PASSWORD" });
    } finally {
      delete process.env.RDP_SIGN_TEST_PEM_PASSWORD;
    }
    expect((await verifyFile(f, certFile)).ok).toBe(true);
  });
});
