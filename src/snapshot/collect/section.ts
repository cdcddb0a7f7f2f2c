/**
 * One section of the snapshot and the PowerShell that collects it. Get-RdpDiagnosticSnapshot defines each
 * section's function inside its own body (so the whole collector travels to remote hosts as one script block),
 * calls it, and records an unexpected throw as the section's `Error` instead of stopping.
 */
import type { FunctionDefinition } from "../../ir/index.js";
import type { RdpDiagnosticSnapshot } from "../types.js";

export type SectionKey = Exclude<keyof RdpDiagnosticSnapshot, "SchemaVersion" | "ComputerName" | "CollectedAt" | "Redacted">;

export interface SnapshotSection {
  /** The snapshot property this section fills. */
  readonly key: SectionKey;
  /** Repository-relative source file, printed in the generated header. */
  readonly sourceFile: string;
  /**
   * A private helper named `GetRdpSnapshot<Key>` with one parameter, `[int]$EventDays`, that returns the
   * section's object. It may call the shared readers listed in SHARED_READERS (shared-readers.ts).
   */
  readonly collector: FunctionDefinition;
  /**
   * The section's value when its collector throws: every property null or empty, and Error set by the caller.
   * Keeps the snapshot's shape (and the schema) intact on any failure. A list section (Services) falls back to
   * a list, each item with its Error set.
   */
  readonly fallback: Record<string, unknown> | readonly Record<string, unknown>[];
  /**
   * Fallback properties that receive the caught error's message: a string property gets
   * "<fallback text>: <message>", a list property one item "<Key>: <message>". Default: ["Error"] when the
   * fallback has an Error property. Sections without an Error property (Certificates, Events) name theirs here.
   */
  readonly errorFields?: readonly string[];
  /**
   * Fallback properties whose value is a parameter of the collector rather than the declared constant, by
   * property name: `{ Days: "EventDays" }` makes the fallback's Days the `$EventDays` the caller asked for.
   */
  readonly parameterFields?: Readonly<Record<string, string>>;
}

export const sectionFunctionName = (key: SectionKey): string => `GetRdpSnapshot${key}`;
