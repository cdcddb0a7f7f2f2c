/**
 * `rdp-doctor probe` argument handling without any peer: target syntax and usage errors (exit 2). Exit codes 0 and 3
 * against real peers are in test/probe-endpoint.test.ts.
 */
import { describe, expect, it } from "vitest";
import { parseTarget, runProbe } from "../cli/probe-command.js";

describe("parseTarget", () => {
  it("reads host, host:port, IPv4:port, [IPv6]:port and a bare IPv6 literal", () => {
    expect(parseTarget("rdsh01", 3389)).toEqual({ host: "rdsh01", port: 3389 });
    expect(parseTarget("rdsh01.example.test:3390", 3389)).toEqual({ host: "rdsh01.example.test", port: 3390 });
    expect(parseTarget("10.0.0.5:443", 3389)).toEqual({ host: "10.0.0.5", port: 443 });
    expect(parseTarget("[fe80::1]:3391", 3389)).toEqual({ host: "fe80::1", port: 3391 });
    expect(parseTarget("::1", 3392)).toEqual({ host: "::1", port: 3392 });
    expect(() => parseTarget("host:99999", 3389)).toThrow(/port/);
  });
});

describe("rdp-doctor probe: usage errors exit 2", () => {
  const run = async (...args: string[]) => {
    const err: string[] = [];
    return { code: await runProbe(args, () => {}, (s) => err.push(s)), err: err.join("\n") };
  };
  it.each([[[]], [["--timeout", "0", "h"]], [["--port", "x", "h"]], [["--bogus", "h"]], [["h:0"]]])("%j", async (args) => {
    const r = await run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toContain("Usage: rdp-doctor probe");
  });
});

