// Pure tests for codegen/sign: flag parsing, argv building, version parsing.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSignArgs,
  buildVerifyArgs,
  findEncodingProblem,
  isSupportedVersion,
  parseOsslsigncodeVersion,
  parseSigningOptions,
  parseSigningTime,
  SYSTEM_CA_FILE,
  trustAnchorFor,
  type SigningOptions,
} from "../codegen/sign/index.js";

let root: string;
let cert: string;
let key: string;
let pfx: string;
let so: string;
let engine: string;
const env = { PFX_PW: "secret", KEY_PW: "k" } as NodeJS.ProcessEnv;
const URI = "pkcs11:token=Org;object=codesign;type=private";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "sign-opts-"));
  [cert, key, pfx, so, engine] = ["c.pem", "k.pem", "c.pfx", "opensc-pkcs11.so", "pkcs11.so"].map((n) => join(root, n)) as [
    string, string, string, string, string,
  ];
  for (const f of [cert, key, pfx, so, engine]) await writeFile(f, "x");
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("parseSigningOptions", () => {
  it("defaults to SelfSigned in the default dir", () => {
    const o = parseSigningOptions({ verbose: true, out: "dist" }, {}, ".signing");
    expect(o).toEqual({ kind: "SelfSigned", dir: resolve(".signing") });
    expect(trustAnchorFor(o)).toBe(join(resolve(".signing"), "codesign.crt.pem"));
  });

  it("maps --cert/--key (with either key style) to Pem", () => {
    expect(parseSigningOptions({ "--cert": cert, key, keyPasswordEnv: "KEY_PW" }, env, ".signing")).toEqual({
      kind: "Pem", certFile: cert, keyFile: key, keyPasswordEnv: "KEY_PW",
    });
  });

  it("maps --pfx/--pfx-password-env and common options", () => {
    const o = parseSigningOptions(
      { pfx, "pfx-password-env": "PFX_PW", "signing-time": "2026-01-01", "timestamp-url": "http://ts.example/rfc3161", "ca-file": cert },
      env,
      ".signing",
    );
    expect(o).toEqual({
      kind: "Pfx", pfxFile: pfx, passwordEnv: "PFX_PW", signingTime: 1767225600,
      timestampUrl: "http://ts.example/rfc3161", caFile: cert,
    });
    expect(trustAnchorFor(o)).toBe(cert);
    expect(trustAnchorFor({ kind: "Pfx", pfxFile: pfx, passwordEnv: "PFX_PW" })).toBe(SYSTEM_CA_FILE);
  });

  it("maps the PKCS#11 flags", () => {
    const o = parseSigningOptions(
      { "pkcs11-module": so, "pkcs11-key": URI, cert, "pkcs11-engine": engine },
      env,
      ".signing",
    );
    expect(o).toEqual({ kind: "Pkcs11", module: so, keyUri: URI, certFile: cert, engine });
  });

  it("takes SOURCE_DATE_EPOCH when --signing-time is absent, and the flag wins over it", () => {
    expect(parseSigningOptions({}, { SOURCE_DATE_EPOCH: "1700000000" }, "d").signingTime).toBe(1700000000);
    expect(parseSigningOptions({ "signing-time": "5" }, { SOURCE_DATE_EPOCH: "1700000000" }, "d").signingTime).toBe(5);
  });

  const errors: Array<[string, Record<string, string | boolean>, RegExp]> = [
    ["key without cert", { key: "k.pem" }, /^--key requires --cert$/],
    ["cert without key", { cert: "c.pem" }, /^--cert requires --key$/],
    ["key password without key", { "key-password-env": "KEY_PW" }, /^--key-password-env requires --key$/],
    ["pfx with cert", { pfx: "p", cert: "c", "pfx-password-env": "PFX_PW" }, /^--cert cannot be combined with --pfx$/],
    ["pfx without password env", { pfx: "p" }, /^--pfx requires --pfx-password-env$/],
    ["password env without pfx", { "pfx-password-env": "PFX_PW" }, /^--pfx-password-env requires --pfx$/],
    ["pkcs11 key without module", { "pkcs11-key": URI, cert: "c" }, /^--pkcs11-key requires --pkcs11-module$/],
    ["pkcs11 engine alone", { "pkcs11-engine": "e.so" }, /^--pkcs11-engine requires --pkcs11-module$/],
    ["pkcs11 with --key", { "pkcs11-module": "m", "pkcs11-key": URI, key: "k" }, /^--key cannot be combined with --pkcs11-module$/],
    ["flag without value", { cert: true }, /^--cert requires a value$/],
    ["bad timestamp url", { "timestamp-url": "ftp://x" }, /^--timestamp-url must be an http\(s\) URL/],
    ["bad signing time", { "signing-time": "yesterday" }, /^--signing-time: expected unix seconds or an ISO-8601 date/],
    ["zoneless date-time", { "signing-time": "2026-01-01T10:00:00" }, /^--signing-time: .*needs a time zone/],
    ["missing ca file", { "ca-file": "/nonexistent/ca.pem" }, /^--ca-file: file not found: \/nonexistent\/ca\.pem$/],
  ];
  it.each(errors)("rejects %s, naming the flag", (_label, flags, message) => {
    expect(() => parseSigningOptions(flags, env, ".signing")).toThrow(message);
  });

  it("rejects missing files and a pkcs11-key that is not a URI", () => {
    expect(() => parseSigningOptions({ cert: "/nonexistent/c.pem", key }, env, "d")).toThrow("--cert: file not found: /nonexistent/c.pem");
    expect(() => parseSigningOptions({ cert, key: "/nonexistent/k.pem" }, env, "d")).toThrow("--key: file not found");
    expect(() => parseSigningOptions({ pfx: "/nonexistent/p.pfx", "pfx-password-env": "PFX_PW" }, env, "d")).toThrow("--pfx: file not found");
    expect(() => parseSigningOptions({ "pkcs11-module": so, "pkcs11-key": "slot_0-id_01", cert }, env, "d")).toThrow(
      "--pkcs11-key must be a pkcs11: URI",
    );
    expect(() => parseSigningOptions({ "pkcs11-module": so, "pkcs11-key": URI }, env, "d")).toThrow("--pkcs11-module requires --cert");
  });

  it("names an unset password variable and never echoes a secret passed by mistake", () => {
    expect(() => parseSigningOptions({ pfx, "pfx-password-env": "NOPE_UNSET" }, env, "d")).toThrow(
      "--pfx-password-env: environment variable NOPE_UNSET is not set",
    );
    let msg = "";
    try {
      parseSigningOptions({ pfx, "pfx-password-env": "hunter2!pw" }, env, "d");
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^--pfx-password-env expects the NAME of an environment variable/);
    expect(msg).not.toContain("hunter2");
  });
});

describe("parseSigningTime", () => {
  it("accepts unix seconds and zoned ISO-8601", () => {
    expect(parseSigningTime("1767225600")).toBe(1767225600);
    expect(parseSigningTime("2026-01-01T00:00:00Z")).toBe(1767225600);
    expect(parseSigningTime("2026-01-01T01:00:00+01:00")).toBe(1767225600);
    expect(parseSigningTime("2026-01-01T00:00:00.999Z")).toBe(1767225600);
  });
});

describe("buildSignArgs", () => {
  it("builds PKCS#11 argv with engine, module, certs and the key URI", () => {
    const o = parseSigningOptions({ "pkcs11-module": so, "pkcs11-key": URI, cert, "pkcs11-engine": engine }, env, "d");
    expect(buildSignArgs(o, "in.ps1", "out.ps1")).toEqual([
      "sign", "-pkcs11engine", engine, "-pkcs11module", so, "-certs", cert, "-key", URI,
      "-h", "sha256", "-in", "in.ps1", "-out", "out.ps1",
    ]);
    const noEngine: SigningOptions = { kind: "Pkcs11", module: so, keyUri: URI, certFile: cert };
    expect(buildSignArgs(noEngine, "a.ps1", "b.ps1").slice(0, 7)).toEqual(["sign", "-pkcs11module", so, "-certs", cert, "-key", URI]);
  });

  it("builds SelfSigned argv with time and timestamp server", () => {
    const o: SigningOptions = { kind: "SelfSigned", dir: "/k", signingTime: 1767225600, timestampUrl: "http://ts.example" };
    expect(buildSignArgs(o, "a.ps1", "b.ps1")).toEqual([
      "sign", "-certs", "/k/codesign.crt.pem", "-key", "/k/codesign.key.pem", "-h", "sha256",
      "-time", "1767225600", "-ts", "http://ts.example", "-in", "a.ps1", "-out", "b.ps1",
    ]);
  });

  it("passes PFX and PEM passwords only by -readpass file", () => {
    const pfxOpts: SigningOptions = { kind: "Pfx", pfxFile: "/p.pfx", passwordEnv: "PFX_PW" };
    const args = buildSignArgs(pfxOpts, "a.ps1", "b.ps1", { passwordFile: "/tmp/x/password" });
    expect(args).toEqual(["sign", "-pkcs12", "/p.pfx", "-readpass", "/tmp/x/password", "-h", "sha256", "-in", "a.ps1", "-out", "b.ps1"]);
    expect(args).not.toContain("-pass");
    expect(() => buildSignArgs(pfxOpts, "a.ps1", "b.ps1")).toThrow(/needs a passwordFile/);
    const pem: SigningOptions = { kind: "Pem", certFile: "/c", keyFile: "/k", keyPasswordEnv: "KEY_PW" };
    expect(buildSignArgs(pem, "a", "b", { passwordFile: "/pw" }).slice(0, 7)).toEqual(["sign", "-certs", "/c", "-key", "/k", "-readpass", "/pw"]);
  });

  it("rejects a fractional signing time and builds verify argv", () => {
    expect(() => buildSignArgs({ kind: "SelfSigned", dir: "/k", signingTime: 1.5 }, "a", "b")).toThrow(/whole unix seconds/);
    expect(buildVerifyArgs("a.ps1", "/ca.pem")).toEqual(["verify", "-CAfile", "/ca.pem", "-in", "a.ps1"]);
  });
});

describe("version and encoding helpers", () => {
  it("parses osslsigncode --version", () => {
    expect(parseOsslsigncodeVersion("osslsigncode 2.9, using:\n\tOpenSSL 3.0.13")).toEqual({ major: 2, minor: 9, patch: 0 });
    expect(parseOsslsigncodeVersion("osslsigncode 2.10.1, using:")).toEqual({ major: 2, minor: 10, patch: 1 });
    expect(parseOsslsigncodeVersion("something else")).toBeUndefined();
    expect([{ major: 2, minor: 5, patch: 0 }, { major: 2, minor: 8, patch: 0 }, { major: 3, minor: 0, patch: 0 }].map(isSupportedVersion)).toEqual([
      false, true, true,
    ]);
  });

  it("findEncodingProblem accepts ASCII CRLF and flags the rest", () => {
    const b = (s: string): Buffer => Buffer.from(s, "latin1");
    expect(findEncodingProblem(b("a\r\nb\r\n"))).toBeUndefined();
    expect(findEncodingProblem(b("a\r\nb\nc"))).toBe("bare LF (not preceded by CR) at line 2, column 2");
    expect(findEncodingProblem(b("\u00ff\u00fea"))).toBe("starts with a UTF-16 byte order mark");
    expect(findEncodingProblem(b("ok\r\n\u0080"))).toBe("non-ASCII byte 0x80 at line 2, column 1");
  });
});
