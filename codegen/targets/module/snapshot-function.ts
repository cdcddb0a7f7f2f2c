/**
 * `Get-RdpDiagnosticSnapshot`: one self-contained function. The shared readers, the section collectors and the
 * redaction step are defined inside its body, so `(Get-Command Get-RdpDiagnosticSnapshot).ScriptBlock` runs
 * unchanged on a remote host through Invoke-Command.
 */
import { ps } from "../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../src/ir/index.js";
import type { CommandDefinition } from "../../../src/commands/command.js";
import { SECTIONS } from "../../../src/snapshot/collect/index.js";
import { sectionFunctionName, type SnapshotSection } from "../../../src/snapshot/collect/section.js";
import { SHARED_READERS } from "../../../src/snapshot/collect/shared-readers.js";
import { protectRdpSnapshot } from "../../../src/snapshot/collect/redact-collector.js";
import { SNAPSHOT_SCHEMA_VERSION } from "../../../src/snapshot/types.js";
import type { DocReader } from "../../docs/jsdoc.js";
import { publicFunctionHead } from "./public-function-head.js";

const snapshot = ps.v("snapshot");

/** A plain JSON value as an IR expression (fallback sections are data, not code). */
function valueToIr(value: unknown): Expression {
  if (value === null || value === undefined) return ps.nil();
  if (typeof value === "string") return ps.str(value);
  if (typeof value === "number") return ps.num(value);
  if (typeof value === "boolean") return ps.bool(value);
  if (Array.isArray(value)) return ps.arrayLiteral(value.map(valueToIr));
  return ps.psCustomObject(Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: valueToIr(v) })));
}

/**
 * The fallback object with the caught error's message in its error fields (SnapshotSection.errorFields), the
 * caller's parameters in its parameter fields (SnapshotSection.parameterFields), other properties as declared.
 */
function fallbackObject(fallback: Record<string, unknown>, section: SnapshotSection): Expression {
  const message = ps.paren(ps.command("FormatRdpError", { ErrorRecord: ps.v("_") }));
  const errorFields = section.errorFields ?? ("Error" in fallback ? ["Error"] : []);
  const valueOf = (name: string, declared: unknown): Expression => {
    const parameter = section.parameterFields?.[name];
    if (parameter !== undefined) return ps.v(parameter);
    if (!errorFields.includes(name)) return valueToIr(declared);
    if (Array.isArray(declared)) return ps.arrayLiteral([ps.concat(ps.str(`${section.key}: `), message)]);
    return typeof declared === "string" ? ps.concat(ps.str(`${declared}: `), message) : message;
  };
  return ps.psCustomObject(Object.entries(fallback).map(([name, declared]) => ({ key: name, value: valueOf(name, declared) })));
}

/** `try { $snapshot['Key'] = GetRdpSnapshotKey -EventDays $EventDays } catch { <fallback with Error> }`. */
function collectSection(section: SnapshotSection): Statement {
  const target = ps.indexExpression(snapshot, ps.str(section.key));
  const fallback = Array.isArray(section.fallback)
    ? ps.arrayLiteral((section.fallback as readonly Record<string, unknown>[]).map((f) => fallbackObject(f, section)))
    : fallbackObject(section.fallback as Record<string, unknown>, section);
  return ps.tryStatement(
    [ps.assign(target, ps.command(sectionFunctionName(section.key), { EventDays: ps.v("EventDays") }))],
    [{ body: [ps.assign(target, fallback)] }],
  );
}

export function buildSnapshotFunction(command: CommandDefinition, docs: DocReader): FunctionDefinition {
  const result = ps.v("result");
  return ps.functionDefinition({
    ...publicFunctionHead(command, docs),
    end: [
      ...SHARED_READERS,
      ...SECTIONS.map((s) => s.collector),
      protectRdpSnapshot,
      ps.assign(snapshot, ps.hashtable({
        SchemaVersion: ps.num(SNAPSHOT_SCHEMA_VERSION),
        ComputerName: ps.variable("COMPUTERNAME", "env"),
        CollectedAt: ps.call(ps.call(ps.paren(ps.command("Get-Date")), "ToUniversalTime"), "ToString", ps.str("o")),
        Redacted: ps.bool(false),
      }, { ordered: true })),
      ...SECTIONS.map(collectSection),
      ps.assign(result, ps.cast("pscustomobject", snapshot)),
      ps.ifThen(ps.v("Redact"), [ps.assign(result, ps.command("ProtectRdpSnapshot", { Snapshot: result }))]),
      ps.comment("The type name is for formatting and OutputType only; ConvertTo-Json does not write it."),
      ps.pipelineStatement(ps.call(ps.prop(result, "PSObject", "TypeNames"), "Insert", ps.num(0), ps.str(command.outputType))),
      ps.comment("Depth 12 covers the deepest path (Certificates.My[].KeyAcl[]); the default of 2 would flatten it."),
      ps.assign(ps.v("json"), ps.pipeline(result, ps.command("ConvertTo-Json", { Depth: ps.num(12) }))),
      ps.ifThen(ps.v("Path"), [
        ps.comment(".NET resolves relative paths against the process directory, not the PowerShell location."),
        ps.assign(ps.v("fullPath"), ps.call(ps.prop(ps.v("ExecutionContext"), "SessionState", "Path"), "GetUnresolvedProviderPathFromPSPath", ps.v("Path"))),
        ps.pipelineStatement(ps.staticCall(
          "System.IO.File", "WriteAllText", ps.v("fullPath"), ps.v("json"),
          ps.paren(ps.command("New-Object", { TypeName: ps.str("System.Text.UTF8Encoding"), ArgumentList: ps.bool(false) })),
        )),
        ps.pipelineStatement(ps.command("Get-Item", { LiteralPath: ps.v("fullPath") })),
        ps.returnStatement(),
      ]),
      ps.ifThen(ps.binary(ps.v("OutputFormat"), "-eq", ps.str("Json")), [ps.returnStatement(ps.v("json"))]),
      ps.pipelineStatement(result),
    ],
  });
}
