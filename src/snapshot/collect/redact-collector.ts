/**
 * ProtectRdpSnapshot: the -Redact step of Get-RdpDiagnosticSnapshot. It is src/snapshot/redact.ts written in
 * PowerShell (read that file for the rules and the numbering), with the patterns and word lists of
 * src/snapshot/redact-patterns.ts, so Node and PowerShell redact a snapshot to the same JSON. It returns a new
 * object and leaves -Snapshot as it was.
 *
 * The walk (ProtectRdpValue) copies PSCustomObjects property by property in their order, and arrays item by
 * item. The helpers are defined inside the function, so it is self-contained wherever it is emitted (inside
 * Get-RdpDiagnosticSnapshot today; pester/Snapshot/Redact.Tests.ps1 lifts it out of the module's syntax tree).
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition } from "../../ir/index.js";
import {
  DOTNET_FIRST_LABELS, FILE_EXTENSIONS, FREE_TEXT_PROPERTY, GENERIC_LABELS, HOST_VALUED_PATHS, KEPT_ADDRESSES,
  NOT_DOMAINS,
} from "../redact-patterns.js";
import { REDACT_TEXT_HELPERS } from "./redact-text-helpers.js";

const state = ps.v("State");
const value = ps.v("Value");
const walkArgs = (v: Expression, path: Expression, name: Expression, phase: Expression): Record<string, Expression> =>
  ({ State: state, Value: v, Path: path, Name: name, Phase: phase });
const sameWalk = (v: Expression) => walkArgs(v, ps.v("Path"), ps.v("Name"), ps.v("Phase"));
const isMatch = (text: Expression, pattern: string) =>
  ps.staticCall("System.Text.RegularExpressions.Regex", "IsMatch", text, ps.str(pattern), ps.prop(state, "Options"));

const result = ps.v("result");
const unwrap = (args: Record<string, Expression>) => ps.prop(ps.paren(ps.command("ProtectRdpValue", args)), "Value");

/**
 * ProtectRdpValue: one value of the snapshot, by phase (1: patterns and numbering; 2: words in free text). It
 * returns `@{ Value = <redacted> }`: a hashtable is never unrolled on output, so arrays (one item, or none)
 * survive. Write-Output -NoEnumerate is no alternative: Windows PowerShell 5.1 still unrolls with -InputObject.
 */
const protectValue: FunctionDefinition = ps.functionDefinition({
  name: "ProtectRdpValue",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Collections.Hashtable"],
  parameters: [
    ps.parameter("State", { type: "hashtable", mandatory: true }),
    ps.parameter("Value", { type: "object" }),
    ps.parameter("Path", { type: "string" }),
    ps.parameter("Name", { type: "string" }),
    ps.parameter("Phase", { type: "int" }),
  ],
  end: [
    ps.comment("Numbers, booleans, $null and anything else carry no names and stay as they are."),
    ps.assign(result, value),
    ps.ifStatement([
      {
        condition: ps.binary(ps.binary(value, "-is", ps.typeLiteral("string")), "-and", ps.binary(ps.v("Phase"), "-eq", ps.num(1))),
        body: [
          ps.ifThen(
            ps.binary(ps.prop(state, "HostPaths"), "-contains", ps.v("Path")),
            [ps.assign(result, ps.command("ProtectRdpName", { State: state, Name: value, FirstKind: ps.str("HOST"), RestKind: ps.str("DOMAIN") }))],
            [ps.assign(result, ps.command("ProtectRdpText", { State: state, Text: value }))],
          ),
        ],
      },
      {
        condition: ps.binary(value, "-is", ps.typeLiteral("string")),
        body: [
          ps.ifThen(isMatch(ps.v("Name"), FREE_TEXT_PROPERTY), [
            ps.assign(result, ps.command("ProtectRdpWords", { State: state, Text: value })),
          ]),
        ],
      },
      {
        condition: ps.binary(value, "-is", ps.typeLiteral("System.Collections.IList")),
        body: [
          ps.assign(ps.v("items"), ps.command("New-Object", { TypeName: ps.str("System.Collections.Generic.List[object]") })),
          ps.foreachStatement("item", value, [
            ps.pipelineStatement(ps.call(ps.v("items"), "Add", unwrap(sameWalk(ps.v("item"))))),
          ]),
          ps.assign(result, ps.call(ps.v("items"), "ToArray")),
        ],
      },
      {
        condition: ps.binary(value, "-is", ps.typeLiteral("System.Management.Automation.PSCustomObject")),
        body: [
          ps.assign(ps.v("copy"), ps.hashtable({}, { ordered: true })),
          ps.foreachStatement("property", ps.prop(value, "PSObject", "Properties"), [
            ps.assign(ps.v("childPath"), ps.prop(ps.v("property"), "Name")),
            ps.ifThen(ps.unary("-not", ps.staticCall("string", "IsNullOrEmpty", ps.v("Path"))), [
              ps.assign(ps.v("childPath"), ps.chain("+", [ps.v("Path"), ps.str("."), ps.prop(ps.v("property"), "Name")])),
            ]),
            ps.assign(
              ps.indexExpression(ps.v("copy"), ps.prop(ps.v("property"), "Name")),
              unwrap(walkArgs(ps.prop(ps.v("property"), "Value"), ps.v("childPath"), ps.prop(ps.v("property"), "Name"), ps.v("Phase"))),
            ),
          ]),
          ps.assign(result, ps.cast("pscustomobject", ps.v("copy"))),
        ],
      },
    ]),
    ps.returnStatement(ps.hashtable({ Value: result })),
  ],
});

const counters = ps.hashtable({ HOST: ps.num(0), DOMAIN: ps.num(0), USER: ps.num(0), IP: ps.num(0) });

export const protectRdpSnapshot: FunctionDefinition = ps.functionDefinition({
  name: "ProtectRdpSnapshot",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [ps.parameter("Snapshot", { type: "object", mandatory: true })],
  end: [
    ...REDACT_TEXT_HELPERS,
    protectValue,
    ps.comment("Names and Addresses map lower-case originals to placeholders; Counters number each kind."),
    ps.assign(state, ps.hashtable({
      Names: ps.hashtable({}),
      Addresses: ps.hashtable({}),
      Counters: counters,
      Options: ps.cast("System.Text.RegularExpressions.RegexOptions", ps.str("IgnoreCase, CultureInvariant")),
      HostPaths: ps.strings(HOST_VALUED_PATHS),
      KeptAddresses: ps.strings(KEPT_ADDRESSES),
      FileExtensions: ps.strings(FILE_EXTENSIONS),
      DotnetFirstLabels: ps.strings(DOTNET_FIRST_LABELS),
      NotDomains: ps.strings(NOT_DOMAINS),
      GenericLabels: ps.strings(GENERIC_LABELS),
    })),
    ps.assign(ps.v("first"), unwrap(walkArgs(ps.v("Snapshot"), ps.str(""), ps.str(""), ps.num(1)))),
    ps.assign(result, unwrap(walkArgs(ps.v("first"), ps.str(""), ps.str(""), ps.num(2)))),
    ps.assign(ps.memberAccess(result, "Redacted"), ps.bool(true)),
    ps.returnStatement(result),
  ],
});
