/**
 * The generated Test-RdpEndpoint (codegen/targets/module/endpoint): every function prints and parses with
 * tree-sitter, stays inside Windows PowerShell 5.1 syntax and APIs, documents the whole EndpointResult contract,
 * and builds exactly its shape. The pure byte helpers run in the interpreter (test/support/ps-eval) against the
 * Node probe's TypeScript (src/probe/x224.ts, which the peer tests use too) on every
 * recorded xrdp / freerdp-shadow answer (protocol-probe.md s3) plus synthetic vectors for what no peer sends.
 * pester/Commands/TestRdpEndpoint.Tests.ps1 runs the same helpers, and the probe against the lab, with real pwsh.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { DocReader } from "../codegen/docs/jsdoc.js";
import { printNode } from "../codegen/print/printer.js";
import { renderDoc } from "../codegen/print/ps-writer.js";
import { findByteProblem } from "../codegen/validate/byte-rules.js";
import { parsePowerShell } from "../codegen/validate/ps-syntax.js";
import { testRdpEndpointCommand } from "../codegen/targets/module/endpoint/test-rdp-endpoint-function.js";
import { ENDPOINT_BYTE_HELPERS, RUNSPACE_FUNCTIONS } from "../codegen/targets/module/endpoint/probe-function.js";
import { newRdpEndpointFinding } from "../codegen/targets/module/endpoint/finding-function.js";
import type { Expression, FunctionDefinition, PsCustomObject } from "../src/ir/index.js";
import { ENDPOINT_FINDINGS, endpointFinding } from "../src/probe/endpoint-findings.js";
import type { EndpointCertificate, EndpointResult, EndpointTimings } from "../src/probe/endpoint-result.js";
import { buildConnectionRequest, parseConnectionConfirm, parsedLength, sniffProtocol } from "../src/probe/x224.js";
import { loadFunctions, type LoadedFunctions } from "./support/ps-eval/bytes-functions.js";
import { PsBytes } from "./support/ps-eval/dotnet-values.js";
import { expected, RECORDED, SYNTHETIC, TRUNCATED } from "./support/ps-eval/bytes-vectors.js";
import { toPlain } from "./support/ps-eval/json-input.js";
import { readFileSync } from "node:fs";
import { invokeRdpTlsDiagnosis } from "../codegen/targets/module/endpoint/tls-diagnosis-function.js";
import { invokeRdpDirectTlsCheck } from "../codegen/targets/module/endpoint/direct-tls-function.js";
import * as recordedAnswers from "./peers/recorded-answers.js";

const docs = new DocReader(join(import.meta.dirname, ".."));
const command = testRdpEndpointCommand.build([], docs);
const print = (fn: FunctionDefinition): string => renderDoc(printNode(fn));
/** Test-RdpEndpoint and the private functions its runspaces run, as the module prints them. */
const text = [command, ...RUNSPACE_FUNCTIONS].map(print).join("\r\n");

// Records typed by the contract: a property added to endpoint-result.ts fails to compile here until listed.
const RESULT_KEYS: Record<keyof EndpointResult, true> = {
  ComputerName: true, Port: true, Reachable: true, Stage: true, SelectedProtocol: true, NegotiationFailure: true, TlsVersion: true,
  CipherSuite: true, Certificate: true, AcceptedProtocols: true, Findings: true, Verdict: true, TimingsMs: true,
};
const CERT_KEYS: Record<keyof EndpointCertificate, true> = {
  Subject: true, Issuer: true, Thumbprint: true, NotBefore: true, NotAfter: true, IsExpired: true, IsSelfSigned: true, KeyAlgorithm: true,
  KeySize: true, SignatureAlgorithm: true, SubjectAlternativeNames: true, NameMatches: true,
};
const TIMING_KEYS: Record<keyof EndpointTimings, true> = { Dns: true, Tcp: true, X224: true, Tls: true, Total: true };

/** Every [pscustomobject] in an IR subtree (walks plain node data). */
function customObjects(node: unknown, out: PsCustomObject[] = []): PsCustomObject[] {
  if (Array.isArray(node)) node.forEach((n) => customObjects(n, out));
  else if (node !== null && typeof node === "object") {
    if ((node as { kind?: string }).kind === "PsCustomObject") out.push(node as PsCustomObject);
    Object.values(node).forEach((n) => customObjects(n, out));
  }
  return out;
}
const keysOf = (o: PsCustomObject): string[] => o.entries.map((e) => e.key);
const byType = (typeName: string): PsCustomObject[] => customObjects([command, ...RUNSPACE_FUNCTIONS]).filter((o) => o.typeName === typeName);

describe("Test-RdpEndpoint (generated)", () => {
  let problems: readonly unknown[] = [];
  beforeAll(async () => {
    problems = (await parsePowerShell(text)).problems;
  });

  it("parses with zero syntax problems, ASCII only, within the byte rules", () => {
    expect(problems).toEqual([]);
    expect(findByteProblem(text)).toBeUndefined();
    expect(text).toMatch(/^[\x00-\x7f]*$/);
  });
  it.each(RUNSPACE_FUNCTIONS.map((f) => [f.name, f] as const))("%s prints and parses on its own", async (_name, fn) => {
    expect((await parsePowerShell(print(fn))).problems).toEqual([]);
  });
  it("uses only Windows PowerShell 5.1 syntax", () => {
    expect(text).not.toMatch(/-Parallel\b/i);
    expect(text).not.toMatch(/\?\?|\?\.|&&|\|\|/);
    expect(text).not.toMatch(/^\s*(using\s+namespace|class\s)/im);
    // The ternary `a ? b : c` needs a spaced question mark outside strings; none is printed anywhere.
    expect(text.replace(/'[^']*'/g, "''")).not.toMatch(/\s\?\s/);
  });
  it("never starts a command argument with a type literal, which argument mode reads as text (about_Parsing)", () => {
    expect(text).not.toMatch(/ -[A-Z][A-Za-z]* \[[A-Za-z.]+\]/);
  });
  it("reads 7-only members by name only, and asks for TLS 1.3 only where the enum and Schannel have it", () => {
    expect(text).not.toMatch(/\.NegotiatedCipherSuite\b/);
    expect(text).toMatch(/\$ssl\.PSObject\.Properties\['NegotiatedCipherSuite'\]/);
    expect(text).toMatch(/\$ssl\.CipherAlgorithm, \$ssl\.CipherStrength, \$ssl\.HashAlgorithm/);
    expect(text).not.toMatch(/\[System\.Security\.Authentication\.SslProtocols\]::Tls13/);
    expect(text).toMatch(/GetNames\(\[System\.Security\.Authentication\.SslProtocols\]\) -contains 'Tls13'/);
  });
  it("bounds every wait: connect and DNS by WaitOne, reads and writes by the stream timeouts", () => {
    expect(text).toMatch(/\$pending\.AsyncWaitHandle\.WaitOne\(\$TimeoutMs\)/);
    expect(text).toMatch(/\$lookup\.AsyncWaitHandle\.WaitOne\(\$TimeoutMs\)/);
    expect(text).toMatch(/\$stream\.ReadTimeout = \$TimeoutMs/);
    expect(text).toMatch(/\$stream\.WriteTimeout = \$TimeoutMs/);
    expect(text).toMatch(/\$job\.Handle\.AsyncWaitHandle\.WaitOne\(\$budgetMs\)/);
    expect(text).not.toMatch(/::GetHostAddresses\(/); // the unbounded synchronous lookup
    expect(text).not.toMatch(/\.WaitOne\(\)/);
  });
  it("runs the probe in a runspace pool and disposes it in finally", () => {
    expect(text).toMatch(/\[runspacefactory\]::CreateRunspacePool\(1, \$ThrottleLimit, \$sessionState, \$Host\)/);
    // Every function the probe needs reaches the runspaces, by name, from the module's own definitions.
    const handed = text.match(/foreach \(\$functionName in @\(([^)]*)\)\) \{/)![1]!.match(/'([^']+)'/g)!.map((n) => n.slice(1, -1));
    expect(handed).toEqual(RUNSPACE_FUNCTIONS.map((f) => f.name));
    expect(handed[0]).toBe("InvokeRdpEndpointProbe");
    expect(text).toMatch(/SessionStateFunctionEntry\]::new\(\$functionName, \$definition\)/);
    expect(text).toMatch(/finally \{[\s\S]*\$pool\.Close\(\)[\s\S]*\$pool\.Dispose\(\)/);
  });
  it("validates its parameters and takes pipeline input", () => {
    expect(text).toMatch(/\[Parameter\(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName\)\]\s+\[ValidateNotNullOrEmpty\(\)\]\s+\[string\[\]\]\s+\$ComputerName/);
    expect(text).toMatch(/\[ValidateRange\(1, 65535\)\]\s+\[int\]\s+\$Port = 3389/);
    expect(text).toMatch(/\[ValidateRange\(100, 60000\)\]\s+\[int\]\s+\$TimeoutMs = 3000/);
    expect(text).toMatch(/\[ValidateRange\(1, 64\)\]\s+\[int\]\s+\$ThrottleLimit = 16/);
  });
  it("documents every EndpointResult, EndpointCertificate and TimingsMs property in its help", () => {
    const help = text.slice(0, text.indexOf("#>"));
    for (const key of Object.keys(RESULT_KEYS)) expect(help).toMatch(new RegExp(`^\\s+${key}: `, "m"));
    for (const key of [...Object.keys(CERT_KEYS), ...Object.keys(TIMING_KEYS)]) expect(help).toContain(key);
    expect(help.match(/\.EXAMPLE/g)?.length).toBeGreaterThanOrEqual(2);
    expect(help).toMatch(/\.OUTPUTS\r\n\s+RdpDoctor\.EndpointResult/);
  });
  it("builds exactly the contract's shapes, in contract order", () => {
    const results = byType("RdpDoctor.EndpointResult");
    expect(results).toHaveLength(1);
    expect(keysOf(results[0]!)).toEqual(Object.keys(RESULT_KEYS));
    const timings = results[0]!.entries.find((e) => e.key === "TimingsMs")!.value as Expression;
    expect(timings.kind === "PsCustomObject" && keysOf(timings)).toEqual(Object.keys(TIMING_KEYS));
    const certs = byType("RdpDoctor.EndpointCertificate");
    expect(certs).toHaveLength(1);
    expect(keysOf(certs[0]!)).toEqual(Object.keys(CERT_KEYS));
  });
  it("uses every P-finding id it emits from the shared table, and emits the cert and stage ids", () => {
    const used = new Set([...text.matchAll(/NewRdpEndpointFinding -Id '(P\d\d)'/g)].map((m) => m[1]));
    const known = new Set(ENDPOINT_FINDINGS.map((f) => f.Id));
    for (const id of used) expect(known).toContain(id);
    for (const id of ["P01", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "P13", "P14", "P15", "P16", "P17", "P18", "P19", "P20"]) expect(used).toContain(id);
    // P02-P04 are chosen at run time from the socket error.
    for (const id of ["P02", "P03", "P04"]) expect(text).toContain(`'${id}'`);
  });
});

// --- Differential tests of the pure helpers -------------------------------------------------------------------

const ZONE = { offsetMinutes: 0 };
let helpers: LoadedFunctions;
beforeAll(async () => {
  helpers = await loadFunctions([...ENDPOINT_BYTE_HELPERS, newRdpEndpointFinding]);
});
const bytesOf = (hex: string): PsBytes => new PsBytes(Buffer.from(hex, "hex"));
const parsePs = (hex: string): Record<string, unknown> =>
  toPlain(helpers.call("ConvertFromRdpConnectionConfirm", { Bytes: bytesOf(hex) }), ZONE) as Record<string, unknown>;

describe("ConvertFromRdpConnectionConfirm (interpreted) equals src/probe/x224.ts", () => {
  it.each(Object.entries({ ...RECORDED, ...SYNTHETIC, ...TRUNCATED }))("%s", (_name, hex) => {
    expect(parsePs(hex)).toEqual(expected(parseConnectionConfirm(Buffer.from(hex, "hex"))));
  });
});

describe("ConvertFromRdpConnectionConfirm reports what the peer tests check (src/probe/x224.ts parses for test/peers)", () => {
  const cases = { ...RECORDED, HYBRID_EX: SYNTHETIC.HYBRID_EX!, SSH: SYNTHETIC.SSH!, HTTP: SYNTHETIC.HTTP!, TLS_HANDSHAKE: SYNTHETIC.TLS_HANDSHAKE!, EMPTY: "", "XRDP_SSL first 11 bytes": TRUNCATED["XRDP_SSL first 11 bytes"]! };
  it.each(Object.entries(cases))("%s", (_name, hex) => {
    const ref = parseConnectionConfirm(Buffer.from(hex, "hex"));
    const ps = parsePs(hex);
    expect(ps.Kind).toBe(ref.kind);
    if (ref.kind === "NegotiationResponse") expect(ps.SelectedProtocolValue).toBe(ref.selectedProtocol);
    if (ref.kind === "NegotiationFailure") expect(ps.NegotiationFailure).toBe(ref.name);
    if (ref.kind === "McsDisconnect") expect(ps.DisconnectReason).toBe(ref.reason);
    if (parsedLength(ref) > 0) expect(ps.Length).toBe(parsedLength(ref));
  });
  it("waits for more after a partial TPKT header ('03 00'), as the Node probe does", () => {
    expect(parseConnectionConfirm(Buffer.from("0300", "hex")).kind).toBe("Truncated");
    expect(parsePs("0300").Kind).toBe("Truncated");
  });
});

describe("GetRdpSniffedProtocol (interpreted) equals sniffProtocol", () => {
  it.each(Object.entries(SYNTHETIC).filter(([, hex]) => hex !== "" && !hex.startsWith("03")))("%s", (_name, hex) => {
    expect(helpers.call("GetRdpSniffedProtocol", { Bytes: bytesOf(hex) })).toBe(sniffProtocol(Buffer.from(hex, "hex")));
  });
});

describe("NewRdpConnectionRequest (interpreted) equals the TypeScript builder and the s3 byte layout", () => {
  const FLAG_SETS = [0x00, 0x01, 0x02, 0x03, 0x04, 0x08, 0x0b, 0x10, 0x1f, 0x1234, 0xabcdef, 0xffffffff];
  it.each(FLAG_SETS.map((f) => [`0x${f.toString(16)}`, f] as const))("requestedProtocols %s", (_name, flags) => {
    const ps = helpers.call("NewRdpConnectionRequest", { RequestedProtocols: flags });
    expect(ps).toEqual([...buildConnectionRequest(flags)]);
    // Independent of both builders: the s3 layout with requestedProtocols as LE32 in the last four bytes.
    const le32 = Buffer.alloc(4);
    le32.writeUInt32LE(flags >>> 0);
    expect(Buffer.from(ps as number[]).toString("hex")).toBe(`030000130ee0000000000001000800${le32.toString("hex")}`);
  });
  it("sends the exact default request of protocol-probe.md s3 for 0x0B", () => {
    const bytes = helpers.call("NewRdpConnectionRequest", { RequestedProtocols: 0x0b }) as number[];
    expect(Buffer.from(bytes).toString("hex")).toBe("030000130ee00000000000010008000b000000");
  });
  it("leaves out RDP_NEG_REQ with -Legacy", () => {
    expect(helpers.call("NewRdpConnectionRequest", { RequestedProtocols: 0x0b, Legacy: true })).toEqual([...buildConnectionRequest(null)]);
  });
});

describe("NewRdpEndpointFinding (interpreted) equals endpointFinding for every P-id", () => {
  it.each(ENDPOINT_FINDINGS.map((f) => [f.Id] as const))("%s", (id) => {
    const ps = toPlain(helpers.call("NewRdpEndpointFinding", { Id: id, Evidence: null }), ZONE) as Record<string, unknown>;
    expect({ ...ps, Evidence: {} }).toEqual({ ...endpointFinding(id, {}), Fix: [...endpointFinding(id, {}).Fix] });
  });
});

// --- The extra connections of the Node probe: diagnosis after a TLS failure, direct-TLS check after X.224 fails ---

describe("diagnosis connection and direct-TLS check (protocol-probe.md s4 steps 3-4)", () => {
  const nodeSource = ["src/probe/probe-endpoint.ts", "src/probe/classify-confirm.ts"].map((f) => readFileSync(join(import.meta.dirname, "..", f), "utf8")).join("\n");
  const diagnosis = print(invokeRdpTlsDiagnosis).replace(/\r/g, "");
  const direct = print(invokeRdpDirectTlsCheck).replace(/\r/g, "");

  it("uses the Node probe's Evidence keys for P13, P07 and P06", () => {
    const keys = ["Tls.Error", "Tls.Diagnosis", "Diagnosis.Behaviour", "Diagnosis.AfterConfirm", "Port.Sniffed", "Port.Service",
      "X224.FirstBytesHex", "X224.FirstBytesText", "DirectTls.Version", "DirectTls.Subject", "DirectTls.Error", "X224.End", "X224.Error"];
    for (const key of keys) {
      expect(nodeSource).toContain(`"${key}"`);
      expect(text).toContain(`'${key}' = `);
    }
    expect(text).not.toMatch(/'Tls\.Diagnosis' = 'Inconclusive'/);
  });
  it("runs the diagnosis connection after a failed handshake, with the same request, after closing the failed one", () => {
    expect(text).toMatch(/if \(-not \$handshake\.Ok\) \{[\s\S]*?\$tcp\.Client\.Close\(\)\s+\$diagnosis = InvokeRdpTlsDiagnosis -Address \$address -Port \$Port -Request \$request -TimeoutMs \$TimeoutMs/);
  });
  it("bounds the diagnosis connection: WaitOne connect, stream timeouts, a watch of min(1 s, -TimeoutMs), close in finally", () => {
    expect(diagnosis).toContain("OpenRdpTcpConnection -Address $Address -Port $Port -TimeoutMs $TimeoutMs");
    expect(diagnosis).toContain("InvokeRdpX224Exchange -Client $tcp.Client -Request $Request -TimeoutMs $TimeoutMs");
    expect(diagnosis).toContain("$watchMs = [Math]::Min(1000, $TimeoutMs)");
    expect(diagnosis).toMatch(/\$left = \$watchMs - \$silence\.ElapsedMilliseconds\s+if \(\$left -le 0\) \{\s+break/);
    expect(diagnosis).toContain("$stream.ReadTimeout = [int]$left");
    expect(diagnosis).toMatch(/foreach \(\$attempt in @\(1, 2, 3, 4, 5, 6, 7, 8\)\)/);
    expect(diagnosis).toMatch(/\} finally \{\s+\$tcp\.Client\.Close\(\)/);
    // Passive: after the Connection Request it writes nothing to the network.
    expect(diagnosis).not.toMatch(/\$stream\.Write\(/);
    // The connect bound lives in OpenRdpTcpConnection.
    expect(text).toMatch(/\$pending\.AsyncWaitHandle\.WaitOne\(\$TimeoutMs\)/);
  });
  it("runs the direct-TLS check on a fresh, bounded connection when X.224 closes, resets or answers TLS", () => {
    expect(text).toMatch(/\} else \{\s+\$checkDirect = \$true/);
    expect(text).toMatch(/if \(\$confirm\.Sniffed -eq 'TLS'\) \{\s+\$checkDirect = \$true/);
    expect(text).toMatch(/if \(\$checkDirect\) \{\s+\$direct = InvokeRdpDirectTlsCheck -Address \$address -Port \$Port -TargetName \$ComputerName -TimeoutMs \$TimeoutMs/);
    expect(direct).toContain("OpenRdpTcpConnection -Address $Address -Port $Port -TimeoutMs $TimeoutMs");
    expect(direct).toContain("$stream.ReadTimeout = $TimeoutMs");
    expect(direct).toContain("$stream.WriteTimeout = $TimeoutMs");
    expect(direct).toMatch(/\} finally \{\s+\$tcp\.Client\.Close\(\)/);
  });
});

/**
 * The Node probe's decision, as written in src/probe/connection.ts diagnoseTlsFailure (behaviour) and
 * src/probe/probe-endpoint.ts (Tls.Diagnosis, Diagnosis.AfterConfirm), on what the diagnosis connection saw.
 */
function nodeDiagnosis(confirmKind: string | null, afterHex: string, closedByPeer: boolean): Record<string, unknown> {
  const after = afterHex.length > 0 ? parseConnectionConfirm(Buffer.from(afterHex, "hex")) : null;
  const aborted = closedByPeer || after?.kind === "McsDisconnect";
  const behaviour = confirmKind !== "NegotiationResponse" ? "NoConfirm" : aborted ? "ServerAborts" : "ServerWaits";
  return {
    Behaviour: behaviour,
    Diagnosis: behaviour === "ServerAborts" ? "BrokenServerKey" : behaviour === "ServerWaits" ? "VersionOrCipherMismatch" : "Inconclusive",
    AfterConfirm: after?.kind ?? (closedByPeer ? "Closed" : null),
  };
}

describe("GetRdpTlsDiagnosis (interpreted) equals the Node probe's diagnosis", () => {
  const DPU = recordedAnswers.DPU;
  const cases: [string, string | null, string, boolean][] = [
    ["xrdp broken key: DPU then close", "NegotiationResponse", DPU, true],
    ["DPU, connection still open", "NegotiationResponse", DPU, false],
    ["close without data", "NegotiationResponse", "", true],
    ["server waits for the ClientHello", "NegotiationResponse", "", false],
    ["other data after the confirm, open", "NegotiationResponse", "160301", false],
    ["partial DPU, then close", "NegotiationResponse", DPU.slice(0, 8), true],
    ["TCP failed (no exchange)", null, "", false],
    ["refused with RDP_NEG_FAILURE, closed", "NegotiationFailure", "", true],
    ["timeout before any confirm", "Truncated", "", false],
  ];
  it.each(cases)("%s", (_name, kind, afterHex, closed) => {
    const ps = toPlain(helpers.call("GetRdpTlsDiagnosis", { ConfirmKind: kind, After: bytesOf(afterHex), Closed: closed }), ZONE);
    expect(ps).toEqual(nodeDiagnosis(kind, afterHex, closed));
  });
  it("calls xrdp's recorded abort a broken server key (protocol-probe.md s3)", () => {
    expect(toPlain(helpers.call("GetRdpTlsDiagnosis", { ConfirmKind: "NegotiationResponse", After: bytesOf(DPU), Closed: true }), ZONE))
      .toEqual({ Behaviour: "ServerAborts", Diagnosis: "BrokenServerKey", AfterConfirm: "McsDisconnect" });
  });
});
