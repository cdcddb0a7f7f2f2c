/**
 * The printed snapshot collector's registry readers and two whole sections, run by the interpreter
 * (test/support/ps-eval) against mocked cmdlets: a fake registry for Get-ItemProperty and a fake
 * Win32_TerminalServiceSetting for Get-CimInstance. It covers access denied, missing keys, missing values and
 * wrong registry types without a Windows machine; pester/Collectors does the same with real PowerShell in CI.
 *
 * The functions come from generate()'s RdpDoctor.psm1 text, nested in Get-RdpDiagnosticSnapshot
 * (test/support/ps-eval/collectors.ts), so a change to the generated readers is what this test runs.
 */
import { describe, expect, it } from "vitest";
import { healthyServer } from "./fixture-cases/base.js";
import { loadCollectors, type LoadedCollectors } from "./support/ps-eval/collectors.js";
import { generatedModuleText } from "./support/ps-eval/differential.js";
import { PsThrownError } from "./support/ps-eval/dotnet-values.js";
import {
  CREDSSP_POLICY_KEY, HEALTHY, LSA_KEY, mocks, runNested, TEST_KEY, TS_POLICY_KEY, type FakeWindows,
} from "./support/ps-eval/fake-windows.js";
import { toPlain } from "./support/ps-eval/json-input.js";
import type { PsValue } from "./support/ps-eval/values.js";

const UTC = { offsetMinutes: 0 };
const source = await generatedModuleText();

const load = (fake: FakeWindows): Promise<LoadedCollectors> => loadCollectors(source, mocks(fake), UTC);
const plain = (value: PsValue): unknown => toPlain(value, UTC);

describe("the collector's nested functions are found", () => {
  it("defines the shared readers and the two sections under test", async () => {
    const names = (await load({ registry: {} })).functionNames();
    for (const name of ["FormatRdpError", "ReadRdpValue", "ReadRdpDword", "ReadRdpPolicyDword", "GetRdpSnapshotConnections", "GetRdpSnapshotCredSsp"]) {
      expect(names).toContain(name);
    }
  });
});

describe("ReadRdpDword", () => {
  const read = async (fake: FakeWindows, name = "Value"): Promise<unknown> =>
    plain((await load(fake)).call("ReadRdpDword", { Path: TEST_KEY, Name: name }));

  it("reads a present DWORD", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Value: 2 } } })).toEqual({ Value: 2, Error: null });
  });
  it("matches the value name case-insensitively, as the registry does", async () => {
    expect(await read({ registry: { [TEST_KEY]: { value: 7 } } })).toEqual({ Value: 7, Error: null });
  });
  it("gives no value and no error for a missing key", async () => {
    expect(await read({ registry: {} })).toEqual({ Value: null, Error: null });
  });
  it("gives no value and no error for a missing value", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Other: 1 } } })).toEqual({ Value: null, Error: null });
  });
  it("reports a REG_SZ as the wrong type", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Value: "2" } } })).toEqual({ Value: null, Error: "wrong type: String" });
  });
  it("reports a REG_BINARY as the wrong type", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Value: new Uint8Array([1, 0, 0, 0]) } } })).toEqual({ Value: null, Error: "wrong type: Byte[]" });
  });
  it("reports access denied", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Value: 2 } }, denied: [TEST_KEY] })).toEqual({ Value: null, Error: "access denied" });
  });
  it("reads 0xFFFFFFFF, which comes back as Int32 -1, as 4294967295", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Value: -1 } } })).toEqual({ Value: 4294967295, Error: null });
  });
  it("keeps 0x7FFFFFFF as it is", async () => {
    expect(await read({ registry: { [TEST_KEY]: { Value: 0x7fffffff } } })).toEqual({ Value: 2147483647, Error: null });
  });
});

describe("ReadRdpValue and FormatRdpError", () => {
  it("passes any other error's message through", async () => {
    const collectors = await loadCollectors(source, {
      "Get-ItemProperty": () => {
        throw new PsThrownError("System.IO.IOException", "The device is not ready.");
      },
    }, UTC);
    expect(plain(collectors.call("ReadRdpValue", { Path: TEST_KEY, Name: "X" }))).toEqual({ Present: false, Value: null, Error: "The device is not ready." });
  });
  it("names UnauthorizedAccessException access denied too", async () => {
    const collectors = await loadCollectors(source, {
      "Get-ItemProperty": () => {
        throw new PsThrownError("System.UnauthorizedAccessException", "Attempted to perform an unauthorized operation.");
      },
    }, UTC);
    expect(plain(collectors.call("ReadRdpDword", { Path: TEST_KEY, Name: "X" }))).toEqual({ Value: null, Error: "access denied" });
  });
});

describe("the other registry readers", () => {
  const BYTES = new Uint8Array([0x0a, 0xff, 0x00]);
  const fake: FakeWindows = { registry: { [TEST_KEY]: { Text: "Remote Desktop", Number: 5, Blob: BYTES } } };
  const call = async (name: string, args: Record<string, PsValue>, f = fake): Promise<unknown> => plain((await load(f)).call(name, args));

  it("ReadRdpString gives a REG_SZ and $null for anything else", async () => {
    expect(await call("ReadRdpString", { Path: TEST_KEY, Name: "Text" })).toBe("Remote Desktop");
    expect(await call("ReadRdpString", { Path: TEST_KEY, Name: "Number" })).toBe(null);
    expect(await call("ReadRdpString", { Path: TEST_KEY, Name: "Absent" })).toBe(null);
    expect(await call("ReadRdpString", { Path: TEST_KEY, Name: "Text" }, { ...fake, denied: ["*"] })).toBe(null);
  });
  it("ReadRdpBinary gives length and upper-case hex of a REG_BINARY", async () => {
    expect(await call("ReadRdpBinary", { Path: TEST_KEY, Name: "Blob" })).toEqual({ Present: true, Length: 3, Hex: "0AFF00", Error: null });
  });
  it("ReadRdpBinary reports a DWORD as the wrong type, a missing value as absent, a denial as its error", async () => {
    expect(await call("ReadRdpBinary", { Path: TEST_KEY, Name: "Number" })).toEqual({ Present: true, Length: null, Hex: null, Error: "wrong type: Int32" });
    expect(await call("ReadRdpBinary", { Path: TEST_KEY, Name: "Absent" })).toEqual({ Present: false, Length: null, Hex: null, Error: null });
    expect(await call("ReadRdpBinary", { Path: TEST_KEY, Name: "Blob" }, { ...fake, denied: ["*"] }))
      .toEqual({ Present: false, Length: null, Hex: null, Error: "access denied" });
  });
  it("TestRdpRegistryKey tells present, missing and unreadable keys apart", async () => {
    expect(await call("TestRdpRegistryKey", { Path: TEST_KEY })).toEqual({ Present: true, Error: null });
    expect(await call("TestRdpRegistryKey", { Path: `${TEST_KEY}\\Absent` })).toEqual({ Present: false, Error: null });
    expect(await call("TestRdpRegistryKey", { Path: TEST_KEY }, { ...fake, denied: ["*"] })).toEqual({ Present: null, Error: "access denied" });
  });
});

describe("ReadRdpPolicyDword", () => {
  const LOCAL = "HKLM:\\SOFTWARE\\RdpDoctorTest\\Local";
  const POLICY = "HKLM:\\SOFTWARE\\Policies\\RdpDoctorTest";
  const read = async (fake: FakeWindows): Promise<unknown> =>
    plain((await load(fake)).call("ReadRdpPolicyDword", { LocalPath: LOCAL, PolicyPath: POLICY, Name: "Setting", Default: 9 }));

  it("lets the policy win over the local value", async () => {
    expect(await read({ registry: { [LOCAL]: { Setting: 1 }, [POLICY]: { Setting: 2 } } }))
      .toEqual({ Local: 1, Policy: 2, Effective: 2, Source: "Policy", Error: null });
  });
  it("uses the local value when there is no policy", async () => {
    expect(await read({ registry: { [LOCAL]: { Setting: 1 } } }))
      .toEqual({ Local: 1, Policy: null, Effective: 1, Source: "Local", Error: null });
  });
  it("falls back to the default when neither is set", async () => {
    expect(await read({ registry: { [LOCAL]: {}, [POLICY]: {} } }))
      .toEqual({ Local: null, Policy: null, Effective: 9, Source: "Default", Error: null });
  });
  it("is Unknown with the error when one read is denied", async () => {
    expect(await read({ registry: { [LOCAL]: { Setting: 1 } }, denied: [POLICY] }))
      .toEqual({ Local: 1, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" });
  });
  it("still lets a readable policy win when the local read is denied, and keeps the error", async () => {
    expect(await read({ registry: { [POLICY]: { Setting: 0 } }, denied: [LOCAL] }))
      .toEqual({ Local: null, Policy: 0, Effective: 0, Source: "Policy", Error: "access denied" });
  });
  it("joins both errors", async () => {
    expect(await read({ registry: {}, denied: ["*"] }))
      .toEqual({ Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied; access denied" });
  });
  it("reads the policy only when there is no -LocalPath", async () => {
    const result = (await load({ registry: {} })).call("ReadRdpPolicyDword", { PolicyPath: POLICY, Name: "Setting", Default: 1 });
    expect(plain(result)).toEqual({ Local: null, Policy: null, Effective: 1, Source: "Default", Error: null });
  });
});

describe("whole sections", () => {
  it("Connections of a healthy server is the fixture's", async () => {
    const section = (await load(HEALTHY)).call("GetRdpSnapshotConnections", { EventDays: 7 });
    expect(plain(section)).toEqual(healthyServer().Connections);
  });
  it("CredSsp of a healthy server is the fixture's", async () => {
    const section = (await load(HEALTHY)).call("GetRdpSnapshotCredSsp", { EventDays: 7 });
    expect(plain(section)).toEqual(healthyServer().CredSsp);
  });
  it("the sections read the keys the fixture's values come from", async () => {
    // The healthy CredSsp is all defaults, so this proves the section reads CredSSP and Lsa where they are.
    const set: FakeWindows = {
      ...HEALTHY,
      registry: { ...HEALTHY.registry, [CREDSSP_POLICY_KEY]: { AllowEncryptionOracle: 2 }, [LSA_KEY]: { DisableDomainCreds: 1 }, [TS_POLICY_KEY]: { fDenyTSConnections: 1 } },
    };
    const collectors = await load(set);
    expect(plain(collectors.call("GetRdpSnapshotCredSsp", {}))).toEqual({
      AllowEncryptionOracle: { Local: null, Policy: 2, Effective: 2, Source: "Policy", Error: null },
      DisableDomainCreds: { Value: 1, Error: null },
      Error: null,
    });
    expect(plain(collectors.call("GetRdpSnapshotConnections", {}))).toMatchObject({
      DenyTSConnections: { Local: 0, Policy: 1, Effective: 1, Source: "Policy", Error: null },
    });
  });

  const DENIED: FakeWindows = { ...HEALTHY, denied: ["*"], allowTSConnections: "denied" };
  const unknown = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied; access denied" };

  it("Connections records every denial without throwing", async () => {
    const section = (await load(DENIED)).call("GetRdpSnapshotConnections", { EventDays: 7 });
    expect(plain(section)).toEqual({
      DenyTSConnections: unknown,
      AllowTSConnections: null,
      Error: "Win32_TerminalServiceSetting: Access denied ",
    });
  });
  it("CredSsp records every denial without throwing", async () => {
    const section = (await load(DENIED)).call("GetRdpSnapshotCredSsp", { EventDays: 7 });
    expect(plain(section)).toEqual({
      // No -LocalPath, so only the policy read can fail.
      AllowEncryptionOracle: { ...unknown, Error: "access denied" },
      DisableDomainCreds: { Value: null, Error: "access denied" },
      Error: null,
    });
  });
  it("Connections without a Win32_TerminalServiceSetting instance leaves AllowTSConnections unknown", async () => {
    const section = (await load({ ...HEALTHY, allowTSConnections: undefined })).call("GetRdpSnapshotConnections", {});
    expect(plain(section)).toEqual({ ...healthyServer().Connections, AllowTSConnections: null });
  });
});

describe("the interpreter's try/catch follows PowerShell", () => {
  it("a catch clause for a base type catches a derived exception", async () => {
    expect(await runNested("try { Get-ItemProperty } catch [System.Management.Automation.RuntimeException] { 'base' } catch { 'any' }")).toBe("base");
    expect(await runNested("try { Get-ItemProperty } catch [Exception] { $_.Exception.GetType().Name }")).toBe("ItemNotFoundException");
  });
  it("the first matching clause wins, and a clause lists several types", async () => {
    const body = "try { Get-ItemProperty } catch [System.IO.IOException], [System.Security.SecurityException] { 'io or security' } catch [System.SystemException] { 'system' }";
    expect(await runNested(body, "System.Security.SecurityException")).toBe("io or security");
    expect(await runNested(body, "System.UnauthorizedAccessException")).toBe("system");
  });
  it("an exception no clause matches goes on", async () => {
    await expect(runNested("try { Get-ItemProperty } catch [System.IO.IOException] { 'io' }")).rejects.toThrow(/ItemNotFoundException/);
  });
  it("output written before the error is kept, and variables set in catch stay set", async () => {
    expect(await runNested("$p = @()\n'before'\ntry { 'in'; Get-ItemProperty; 'not' } catch { $p += 'caught' }\n$p")).toEqual(["before", "in", "caught"]);
  });
  it("$_.CategoryInfo.Category and -is on the exception", async () => {
    expect(await runNested("try { Get-ItemProperty } catch { $_.Exception -is [System.SystemException] }")).toBe(true);
    expect(await runNested("try { Get-ItemProperty } catch { $_.CategoryInfo.Category }")).toBe("NotSpecified");
  });
  it("finally runs when the body fails, before an outer catch sees the error", async () => {
    expect(await runNested("try {\n    try { 'body'; Get-ItemProperty; 'not' } finally { 'cleanup' }\n} catch { 'caught' }")).toEqual(["body", "cleanup", "caught"]);
  });
  it("unsupported forms still throw", async () => {
    await expect(runNested("try { 1 } catch [System.ArgumentException] { 2 }")).rejects.toThrow(/does not model/);
    await expect(runNested("$x = @{}\n$x.A -= 1")).rejects.toThrow(/assignment form/);
    await expect(runNested("$e = [int]\n$e.Name")).rejects.toThrow(/outside the interpreted subset/);
    await expect(runNested("$o = [pscustomobject]@{ A = 1 }\n$o.PSObject.TypeNames")).rejects.toThrow(/outside the interpreted subset/);
    await expect(runNested("1 | Select-Object -Last 1")).rejects.toThrow(/Select-Object/);
  });
  it("[void] writes nothing; PSObject.Properties of an absent name is $null", async () => {
    expect(await runNested("[void]('x')\n$o = [pscustomobject]@{ A = 1 }\n$null -eq $o.PSObject.Properties['B']\n$o.PSObject.Properties['a'].Name")).toEqual([true, "A"]);
  });
});

describe("negative controls", () => {
  it("a mutated reader is caught: the unsigned fix-up removed", async () => {
    const mutated = source.replace("$value = $value + 4294967296", "$value = $value");
    expect(mutated).not.toBe(source);
    const collectors = await loadCollectors(mutated, mocks({ registry: { [TEST_KEY]: { Value: -1 } } }), UTC);
    expect(plain(collectors.call("ReadRdpDword", { Path: TEST_KEY, Name: "Value" }))).toEqual({ Value: -1, Error: null });
  });
  it("an interpreter error inside try is not swallowed by a catch-all", async () => {
    const collectors = await loadCollectors(source, {}, UTC);
    // Get-ItemProperty is not mocked: the call fails in the interpreter, not as a PowerShell error.
    expect(() => collectors.call("ReadRdpValue", { Path: TEST_KEY, Name: "X" })).toThrow(/Get-ItemProperty/);
  });
  it("a cmdlet called without -ErrorAction Stop fails the test", async () => {
    const mutated = source.replace("Get-ItemProperty -LiteralPath $Path -ErrorAction 'Stop'", "Get-ItemProperty -LiteralPath $Path -ErrorAction 'Continue'");
    expect(mutated).not.toBe(source);
    const collectors = await loadCollectors(mutated, mocks({ registry: {} }), UTC);
    expect(() => collectors.call("ReadRdpDword", { Path: TEST_KEY, Name: "X" })).toThrow(/-ErrorAction 'Stop'/);
  });
});
