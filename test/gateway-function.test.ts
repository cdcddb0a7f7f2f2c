/**
 * The generated Test-RdGateway (codegen/targets/module/gateway): it prints, parses with tree-sitter, uses only 5.1
 * syntax, sends the same request bytes as the Node probe (and as the mock's reference request, protocol-probe.md
 * section 8), carries every G-finding text, and its help documents every output property.
 * pester/Commands/TestRdGateway.Tests.ps1 runs it against the mock wherever pwsh exists.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { DocReader } from "../codegen/docs/jsdoc.js";
import { quoteString } from "../codegen/print/escape.js";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { GATEWAY_HELPERS, testRdGatewayCommand } from "../codegen/targets/module/gateway/test-rd-gateway-function.js";
import { APPROVED_VERBS_51 } from "../src/ir/index.js";
import {
  GATEWAY_CERTIFICATE_PROPERTIES, GATEWAY_RESULT_PROPERTIES, GATEWAY_TIMING_PROPERTIES,
} from "../src/probe/gateway-result.js";
import { GATEWAY_FINDINGS, GATEWAY_FINDING_SOURCES } from "../src/probe/gateway/findings.js";
import { STATUS_LINE_PATTERN } from "../src/probe/gateway/judge.js";
import { formatComposite, rdgOutDataRequestText } from "../src/probe/gateway/request.js";
import { rdgOutDataRequest } from "./peers/rdg-mock.js";
import { ALIAS_IN_PIPELINE, generatedTextProblems, POWERSHELL_7_ONLY } from "./support/powershell-rules.js";

const fn = testRdGatewayCommand.build([], new DocReader(join(import.meta.dirname, "..")));
const text = renderDoc(printNode(fn));
const help = text.slice(text.indexOf("<#"), text.indexOf("#>"));

/** The single-quoted strings of the printed `$requestLines = @(...)`, unquoted. */
function printedRequestLines(): string[] {
  const start = text.indexOf("$requestLines = @(");
  expect(start).toBeGreaterThan(0);
  const block = text.slice(start, text.indexOf(")\r\n", start));
  return [...block.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}

describe("Test-RdGateway (generated)", () => {
  it("parses with zero syntax problems and keeps the byte rules", async () => {
    expect(await generatedTextProblems(text)).toEqual([]);
  });
  it("uses no PowerShell 7-only syntax and no aliases", () => {
    expect(text).not.toMatch(POWERSHELL_7_ONLY);
    expect(text).not.toMatch(ALIAS_IN_PIPELINE);
    // Types that Windows PowerShell 5.1 (.NET Framework 4.7.2) lacks.
    expect(text).not.toMatch(/SslClientAuthenticationOptions|SocketsHttpHandler|\[System\.Net\.Http\./);
  });
  it("is a public command with an approved verb, typed output, the documented parameters and full help", () => {
    expect(fn.name).toBe("Test-RdGateway");
    expect(APPROVED_VERBS_51.has("Test")).toBe(true);
    expect(text).toMatch(/\[OutputType\('RdpDoctor\.GatewayResult'\)\]/);
    expect(text).toMatch(/\[Parameter\(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName\)\]/);
    expect(text).toMatch(/\$Port = 443/);
    expect(text).toMatch(/\$TimeoutMs = 5000/);
    for (const p of ["ComputerName", "Port", "TimeoutMs"]) expect(help).toMatch(new RegExp(`\\.PARAMETER ${p}\\r\\n`));
    expect(help.match(/\.EXAMPLE/g)!.length).toBeGreaterThanOrEqual(2);
    expect(help).toMatch(/\.OUTPUTS\r\n\s+RdpDoctor\.GatewayResult/);
  });
  it("help documents every output property, certificate property and timing", () => {
    for (const p of GATEWAY_RESULT_PROPERTIES) expect(help, p).toMatch(new RegExp(`^\\s+${p}: `, "m"));
    for (const p of [...GATEWAY_CERTIFICATE_PROPERTIES, ...GATEWAY_TIMING_PROPERTIES]) expect(help, p).toContain(p);
  });
  it("names its private helpers with two or more PascalCase words and no hyphen", () => {
    for (const h of GATEWAY_HELPERS) expect(h.name).toMatch(/^(?:[A-Z][a-z0-9]+){2,}$/);
  });
  it("sends the same request bytes as the Node probe and the mock's reference request", () => {
    const lines = printedRequestLines();
    // The module joins with CRLF, appends an empty line and formats with -f (formatComposite mirrors String.Format).
    const template = `${lines.join("\r\n")}\r\n\r\n`;
    const ids = ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"] as const;
    const moduleBytes = formatComposite(template, ["gw.test", ...ids]);
    expect(moduleBytes).toBe(rdgOutDataRequestText("gw.test", ...ids));
    expect(moduleBytes).toBe(rdgOutDataRequest("gw.test"));
    expect(text).toContain("$template -f @($ComputerName, [System.Guid]::NewGuid().ToString(), [System.Guid]::NewGuid().ToString())");
    expect(text).toContain("[System.Text.Encoding]::ASCII.GetBytes($request)");
  });
  it("carries every G-finding definition and the sources of the Node table", () => {
    for (const d of GATEWAY_FINDINGS) {
      const block = text.slice(text.indexOf(`${d.Id} = [pscustomobject]@{`));
      expect(block, d.Id).toMatch(new RegExp(`^\\s+Name = ${quoteString(d.Name).replace(/\./g, "\\.")}\\r\\n`, "m"));
      expect(block).toContain(`Status = '${d.Status}'`);
      expect(block).toContain(`Reason = ${quoteString(d.Reason)}`);
    }
    for (const s of GATEWAY_FINDING_SOURCES) expect(text).toContain(quoteString(s));
  });
  it("judges with the Node rules: status line pattern, statuses, Windows schemes, framing", () => {
    expect(text).toContain(`-cmatch ${quoteString(STATUS_LINE_PATTERN)}`);
    expect(text).toContain("$Head.HttpStatus -eq 503");
    expect(text).toContain("$Head.HttpStatus -eq 404");
    expect(text).toContain("$Head.HttpStatus -ne 401");
    expect(text).toContain("@('Negotiate', 'NTLM') -contains $_");
    expect(text).toContain("(-not $Head.HasContentLength) -and (-not $Head.Chunked) -and (-not $Head.ConnectionClose)");
    expect(text).toContain("$Certificate.DaysLeft -lt 30");
  });
  it("bounds connect, handshake and read, and checks the chain separately from the accept-all callback", () => {
    expect(text).toContain("$pending.AsyncWaitHandle.WaitOne($TimeoutMs)");
    expect(text).toContain("$stream.ReadTimeout = $TimeoutMs");
    expect(text).toContain("$Stream.ReadTimeout = [int]$remaining");
    expect(text).toMatch(/\[System\.Net\.Security\.RemoteCertificateValidationCallback\]\{[^}]*return \$true/);
    expect(text).toContain("$chainTrusted = $chain.Build($presented)");
  });
  it("builds the result with the GatewayResult properties, in order", () => {
    const result = text.slice(text.lastIndexOf("[pscustomobject]@{", text.indexOf("PSTypeName = 'RdpDoctor.GatewayResult'")));
    const keys = [...result.matchAll(/^ {12}([A-Za-z]+) = /gm)].map((m) => m[1]);
    expect(keys).toEqual(["PSTypeName", ...GATEWAY_RESULT_PROPERTIES]);
  });
});
