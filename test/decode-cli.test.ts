/** `rdp-doctor decode` (cli/decode-command.ts), run in-process: output, --json shape and exit codes. */
import { describe, expect, it } from "vitest";
import { runDecodeCommand } from "../cli/decode-command.js";
import { decode } from "../src/decode/decode.js";

function run(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDecodeCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("rdp-doctor decode", () => {
  it("explains 0x904 / 0x7 in a few lines, exit 0", () => {
    const r = run("0x904", "--extended", "0x7");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/^Error code 0x904 \(2308\): disconnectReasonAtClientWinsockFDCLOSE$/m);
    expect(r.out).toMatch(/^Extended code 0x7 \(7\): exDiscReasonServerDeniedConnection$/m);
    expect(r.out).toMatch(/ERRINFO_SERVER_DENIED_CONNECTION/);
    expect(r.out).toMatch(/^Plausible causes:/m);
    expect(r.out.split("\n").length).toBeLessThan(25);
  });
  it("prints the decode object with --json", () => {
    const r = run("2308", "--extended", "7", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(decode(0x904, 7))));
    expect(Object.keys(JSON.parse(r.out))).toEqual([
      "Code", "Hex", "Name", "Meaning", "Known", "Source", "Neighbours", "CredSspOutcome", "ExtendedCode", "ExtendedHex",
      "ExtendedName", "ExtendedMeaning", "ExtendedKnown", "ExtendedSource", "ExtendedNeighbours", "ErrorInfo",
      "ErrorInfoMeaning", "PlausibleCauses", "Notes",
    ]);
  });
  it("says unknown with the nearest documented neighbours, exit 0", () => {
    const r = run("0x905");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Error code 0x905 \(2309\) is unknown\. Nearest documented: 0x904 disconnectReasonAtClientWinsockFDCLOSE, 0x906 disconnectReasonInternalSecurityError\./);
  });
  it("refuses a malformed code on stderr naming the argument, exit 2", () => {
    const r = run("zz");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/CODE: 'zz' is not an error code/);
  });
  it("refuses a malformed --extended naming it, exit 2", () => {
    const r = run("0x904", "--extended", "0x1FFFFFFFF");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--extended: '0x1FFFFFFFF' is not an error code/);
  });
  it.each([[[]], [["0x904", "0x7"]], [["0x904", "--colour"]], [["0x904", "--extended"]]])("refuses bad usage %j with exit 2", (args) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage: rdp-doctor decode/);
  });
  it("--help prints usage, exit 0", () => {
    const r = run("--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: rdp-doctor decode CODE \[--extended CODE\] \[--json\]/);
  });
});
