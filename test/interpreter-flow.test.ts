/**
 * The statement and operator forms the interpreter gained for the live endpoint probe (flow-statements.ts,
 * text-operators.ts, collector-statements.ts): each is checked against what Windows PowerShell 5.1 prints for
 * the same snippet (about_Foreach, about_Break, about_Try_Catch_Finally, about_Operators, about_Split).
 */
import { describe, expect, it } from "vitest";
import { evaluateSnippet } from "./support/ps-eval/snippet.js";

describe("foreach, break and continue", () => {
  it("runs once per item, skips on continue and stops on break", async () => {
    expect(await evaluateSnippet("foreach ($x in @(1, 2, 3, 4)) {\n if ($x -eq 2) { continue }\n if ($x -eq 4) { break }\n $x\n}")).toEqual([1, 3]);
  });
  it("runs zero times over $null and once over a scalar; the variable keeps its last value", async () => {
    expect(await evaluateSnippet("$n = 0\nforeach ($x in $null) { $n = 1 }\n$n")).toBe(0);
    expect(await evaluateSnippet("foreach ($x in 'one') { $x }\n$x")).toEqual(["one", "one"]);
  });
  it("break leaves only the innermost loop", async () => {
    expect(await evaluateSnippet("foreach ($a in @(1, 2)) {\n foreach ($b in @(7, 8)) { break }\n $a\n}")).toEqual([1, 2]);
  });
});

describe("try/finally", () => {
  it("finally runs after a normal end, and after return, keeping what both wrote", async () => {
    expect(await evaluateSnippet("try { 'body' } finally { 'cleanup' }")).toEqual(["body", "cleanup"]);
    expect(await evaluateSnippet("foreach ($x in @(1, 2)) {\n try { break } finally { 'ran' }\n}")).toBe("ran");
  });
  it("an interpreter error is not a PowerShell error: it propagates through finally to fail the test", async () => {
    await expect(evaluateSnippet("try { $x = 1 * 2 } finally { 'ran' }")).rejects.toThrow(/multiplicative_expression/);
  });
});

describe("text operators", () => {
  it("-f formats indexed items, hex specifiers and literal braces", async () => {
    expect(await evaluateSnippet("'no answer within {0} ms' -f 300")).toBe("no answer within 300 ms");
    expect(await evaluateSnippet("'0x{0:x} {1:X4} {{x}}' -f @(255, 10)")).toBe("0xff 000A {x}");
    await expect(evaluateSnippet("'{1}' -f 1")).rejects.toThrow(/Index \(zero based\)/);
  });
  it("-split is a case-insensitive regular expression split; -replace takes a pattern and a replacement", async () => {
    expect(await evaluateSnippet("'DNS Name=a, DNS Name=b' -split ', '")).toEqual(["DNS Name=a", "DNS Name=b"]);
    expect(await evaluateSnippet("'dns name=a' -replace @('^DNS Name=', 'DNS:')")).toBe("DNS:a");
    expect(await evaluateSnippet("'IP Address:10.0.0.1' -replace @('^IP Address[=:]', 'IP:')")).toBe("IP:10.0.0.1");
  });
  it("[char] and [string[]] convert as PowerShell does", async () => {
    expect(await evaluateSnippet("[string][char]65")).toBe("A");
    expect(await evaluateSnippet("[string[]]@(1, $null, 'x')")).toEqual(["1", "", "x"]);
  });
});

describe("member assignment and Out-Null", () => {
  it("sets an existing PSCustomObject property; a new one is refused (Add-Member is not modelled)", async () => {
    expect(await evaluateSnippet("$o = [pscustomobject]@{ A = 1 }\n$o.A = 2\n$o.A")).toBe(2);
    await expect(evaluateSnippet("$o = [pscustomobject]@{ A = 1 }\n$o.B = 2")).rejects.toThrow(/Setting B/);
  });
  it("Out-Null swallows what the pipeline writes", async () => {
    expect(await evaluateSnippet("@(1, 2) | Out-Null\n'after'")).toBe("after");
  });
  it(".NET statics stay outside the subset without a live bridge", async () => {
    await expect(evaluateSnippet("[System.Diagnostics.Stopwatch]::StartNew()")).rejects.toThrow(/needs a live \.NET runtime/);
  });
});

describe("the forms Test-RdGateway adds", () => {
  it("-cmatch is case-sensitive and sets $Matches; a failed match leaves it alone", async () => {
    expect(await evaluateSnippet("$null = 'HTTP/1.1 401 Unauthorized' -cmatch '^HTTP/\\d\\.\\d (\\d{3})'\n[int]$Matches[1]")).toBe(401);
    expect(await evaluateSnippet("'http/1.1 401' -cmatch '^HTTP/'")).toBe(false);
    expect(await evaluateSnippet("$x = 'a' -match '(?<k>a)'\n$y = 'b' -match 'c'\n$Matches['k']")).toBe("a");
  });
  it("a hashtable's keys are set and added to through member syntax", async () => {
    expect(await evaluateSnippet("$s = @{\n    Findings = @()\n    Stage = 'Dns'\n}\n$s.Stage = 'Tcp'\n$s.Findings += 'G01'\n$s.Findings += 'G02'\n$s.Stage\n$s.Findings")).toEqual(["Tcp", "G01", "G02"]);
  });
  it("ForEach-Object -MemberName reads each item's property; string IndexOf/Substring/ToLowerInvariant", async () => {
    expect(await evaluateSnippet("@([pscustomobject]@{ N = 1 }, [pscustomobject]@{ N = 2 }) | ForEach-Object -MemberName 'N'")).toEqual([1, 2]);
    expect(await evaluateSnippet("'Content-Length: 0'.Substring(0, 14).ToLowerInvariant()")).toBe("content-length");
  });
  it("a function defined inside a block is callable after its definition", async () => {
    expect(await evaluateSnippet("function Get-Two {\n    param()\n    2\n}\nGet-Two")).toBe(2);
  });
});
