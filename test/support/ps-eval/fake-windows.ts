/**
 * A fake Windows for the collector tests (test/collectors-interpreted.test.ts): cmdlet mocks over a fake
 * registry and a fake Win32_TerminalServiceSetting, in the shapes Windows PowerShell 5.1 gives them, and a
 * helper that runs a small nested function to test the interpreter's try/catch.
 */
import { loadCollectors } from "./collectors.js";
import { PsBytes, PsThrownError } from "./dotnet-values.js";
import type { MockCommand } from "./interpreter.js";
import { toPlain } from "./json-input.js";
import { PsObject, type PsValue } from "./values.js";

/** A registry value as Get-ItemProperty returns it: REG_DWORD as Int32, REG_SZ as string, REG_BINARY as byte[]. */
export type RegValue = number | string | Uint8Array;

export const TS_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server";
export const TS_POLICY_KEY = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
export const LSA_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa";
export const CREDSSP_POLICY_KEY = "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters";
export const TEST_KEY = "HKLM:\\SOFTWARE\\RdpDoctorTest";

export interface FakeWindows {
  /** Keys (any case) and their values. A key not listed is missing. */
  readonly registry: Readonly<Record<string, Readonly<Record<string, RegValue>>>>;
  /** Keys whose read is refused; "*" refuses every key. */
  readonly denied?: readonly string[];
  /** Win32_TerminalServiceSetting.AllowTSConnections, or "denied" for an access-denied CIM query. */
  readonly allowTSConnections?: number | "denied";
}

/** The cmdlets the collectors call, over a fake registry. Each insists on -ErrorAction Stop, which try/catch needs. */
export function mocks(fake: FakeWindows): Record<string, MockCommand> {
  const keys = new Map(Object.entries(fake.registry).map(([k, v]) => [k.toLowerCase(), v] as const));
  const mustStop = (command: string, named: Record<string, PsValue>): void => {
    // Without -ErrorAction Stop a cmdlet error is non-terminating and no catch block would see it.
    if (named["erroraction"] !== "Stop") throw new Error(`${command} called without -ErrorAction 'Stop'`);
  };
  return {
    "Write-Verbose": ({ named }) => {
      if (typeof named["message"] !== "string") throw new Error("Write-Verbose without -Message");
      return [];
    },
    "Get-ItemProperty": ({ named, positional, input }) => {
      mustStop("Get-ItemProperty", named);
      const path = named["literalpath"];
      if (typeof path !== "string" || positional.length > 0 || input !== undefined || Object.keys(named).length !== 2) {
        throw new Error(`Get-ItemProperty mock expects -LiteralPath and -ErrorAction only, got ${Object.keys(named).join(", ")}`);
      }
      if (fake.denied?.some((d) => d === "*" || d.toLowerCase() === path.toLowerCase())) {
        // Windows PowerShell 5.1 reports a registry ACL denial as SecurityException, category PermissionDenied.
        throw new PsThrownError("System.Security.SecurityException", "Requested registry access is not allowed.", "PermissionDenied");
      }
      const values = keys.get(path.toLowerCase());
      if (values === undefined) {
        throw new PsThrownError("System.Management.Automation.ItemNotFoundException", `Cannot find path '${path}' because it does not exist.`, "ObjectNotFound");
      }
      const item = new PsObject(Object.entries(values).map(([n, v]) => [n, v instanceof Uint8Array ? new PsBytes(v) : v] as const));
      // The provider's own note properties come with every item (and are no registry values).
      item.set("PSPath", `Microsoft.PowerShell.Core\\Registry::${path}`);
      item.set("PSChildName", path.slice(path.lastIndexOf("\\") + 1));
      return [item];
    },
    "Get-CimInstance": ({ named }) => {
      mustStop("Get-CimInstance", named);
      if (named["classname"] !== "Win32_TerminalServiceSetting" || named["namespace"] !== "root\\cimv2\\TerminalServices") {
        throw new Error(`Get-CimInstance mock knows no ${String(named["namespace"])}:${String(named["classname"])}`);
      }
      if (fake.allowTSConnections === "denied") {
        throw new PsThrownError("Microsoft.Management.Infrastructure.CimException", "Access denied ", "PermissionDenied");
      }
      return fake.allowTSConnections === undefined ? [] : [new PsObject([["AllowTSConnections", fake.allowTSConnections]])];
    },
  };
}

/** Registry and CIM of the healthy server in test/fixture-cases/base.ts, as far as the two sections read them. */
export const HEALTHY: FakeWindows = {
  registry: {
    [TS_KEY]: { fDenyTSConnections: 0, fSingleSessionPerUser: 1 },
    // The policy keys exist on a domain member, without these values.
    [TS_POLICY_KEY]: { fPromptForPassword: 1 },
    [LSA_KEY]: { LimitBlankPasswordUse: 1, "Security Packages": "\"\"" },
  },
  allowTSConnections: 1,
};

/** A module with one nested function T around `body`, run with a Get-ItemProperty that throws `exception`. */
export async function runNested(body: string, exception = "System.Management.Automation.ItemNotFoundException"): Promise<unknown> {
  const text = `function Get-RdpDiagnosticSnapshot {\n    function T {\n${body}\n    }\n}\n`;
  const collectors = await loadCollectors(text, {
    "Get-ItemProperty": () => {
      throw new PsThrownError(exception, "thrown by the mock");
    },
  }, { offsetMinutes: 0 });
  return toPlain(collectors.call("T"), { offsetMinutes: 0 });
}

