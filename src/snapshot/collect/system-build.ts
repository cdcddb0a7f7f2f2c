/**
 * Small IR helpers the system sections share. Each collector gathers what went wrong in `$problems` ("label:
 * reason" strings) instead of stopping, and joins them into the section's Error at the end, so one failed read
 * never loses the others.
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../ir/index.js";
import type { DwordValue, PolicyDword } from "../types.js";
import { sectionFunctionName, type SectionKey } from "./section.js";

export const { stopOnError: stop } = ps;
export const problems = ps.v("problems");
export const errorText = ps.v("errorText");

export const emptyDword = (): DwordValue => ({ Value: null, Error: null });
export const emptyPolicyDword = (): PolicyDword => ({ Local: null, Policy: null, Effective: null, Source: "Unknown", Error: null });

/**
 * `GetRdpSnapshot<Key>` with the one `[int]$EventDays` parameter every section takes. The Write-Verbose line
 * shows which section a slow or failing run is in (and is the seam the Pester suite uses to simulate a throw).
 */
export function sectionCollector(
  key: SectionKey,
  body: readonly Statement[],
  options: { tracksProblems?: boolean } = {},
): FunctionDefinition {
  // Sections whose readers report their own errors skip `$problems`, so no variable is assigned and never read.
  const tracksProblems = options.tracksProblems ?? true;
  return ps.functionDefinition({
    name: sectionFunctionName(key),
    cmdletBinding: ps.cmdletBinding(),
    outputTypes: ["System.Management.Automation.PSCustomObject"],
    parameters: [ps.parameter("EventDays", { type: "int" })],
    end: [
      ps.pipelineStatement(ps.command("Write-Verbose", { Message: ps.str(`RdpDoctor: collecting ${key}`) })),
      ...(tracksProblems ? [ps.assign(problems, ps.arrayLiteral([]))] : []),
      ...body,
    ],
  });
}

/** `$problems += '<label>: ' + <reason>`. */
export const noteProblem = (label: string, reason: Expression): Statement =>
  ps.assign(problems, ps.binary(ps.str(`${label}: `), "+", reason), { operator: "+=" });

/** The error being handled, worded by FormatRdpError ("access denied" or the exception message). */
export const caughtReason = (): Expression => ps.paren(ps.command("FormatRdpError", { ErrorRecord: ps.v("_") }));

/** `try { body } catch { onError; $problems += '<label>: ' + reason }`. */
export function guarded(label: string, body: readonly Statement[], onError: readonly Statement[] = []): Statement {
  return ps.tryStatement(body, [{ body: [...onError, noteProblem(label, caughtReason())] }]);
}

/** Records `<read>.Error` (from a reader's result) as a problem when it is set. */
export function noteReadError(label: string, read: Expression): Statement {
  const reason = ps.prop(read, "Error");
  return ps.ifThen(ps.binary(ps.nil(), "-ne", reason), [noteProblem(label, reason)]);
}

/** `$errorText = $null; if ($problems.Count -gt 0) { $errorText = $problems -join '; ' }`. */
export function joinProblems(): Statement[] {
  return [
    ps.assign(errorText, ps.nil()),
    ps.ifThen(ps.binary(ps.prop(problems, "Count"), "-gt", ps.num(0)), [
      ps.assign(errorText, ps.binary(problems, "-join", ps.str("; "))),
    ]),
  ];
}

/** `Get-CimInstance ... -ErrorAction Stop | Select-Object -First 1`: the classes read here are singletons per filter. */
export function firstCimInstance(className: string, options: { namespace?: string; filter?: string } = {}): Expression {
  return ps.paren(ps.pipeline(
    ps.command("Get-CimInstance", {
      ...(options.namespace === undefined ? {} : { Namespace: ps.str(options.namespace) }),
      ClassName: ps.str(className),
      ...(options.filter === undefined ? {} : { Filter: ps.str(options.filter) }),
      ...stop,
    }),
    ps.command("Select-Object", { First: ps.num(1) }),
  ));
}

/** `$variable = $null` for each name, so a failed read leaves a defined null behind. */
export const nulls = (...names: readonly string[]): Statement[] => names.map((n) => ps.assign(ps.v(n), ps.nil()));
