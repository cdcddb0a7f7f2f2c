/**
 * IR building blocks shared by the security sections (certificates, Schannel, firewall, licensing, client,
 * events), plus the two event-detail helpers. Everything here is embedded in a section's own collector
 * function, so nothing has to be emitted next to SHARED_READERS.
 *
 * The pattern every collector follows: each read sits in its own try/catch, a missing key or store is a fact
 * (no error), and any other failure is appended to `$problems` as "<part>: <reason>", so one failed read never
 * loses the others (causes-catalog.md "Evidence to collect on every run").
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../ir/index.js";
import { sectionFunctionName, type SectionKey } from "./section.js";

const { stopOnError: stop } = ps;
export const problems = ps.v("problems");
export const formatError = (): Expression => ps.paren(ps.command("FormatRdpError", { ErrorRecord: ps.v("_") }));

/** The value of a PolicyDword that could not be read at all (the caller adds nothing to it). */
export const EMPTY_POLICY_DWORD = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: null } as const;
export const EMPTY_DWORD = { Value: null, Error: null } as const;

/** `$problems = @()`. */
export const startProblems = (): Statement => ps.assign(problems, ps.arrayLiteral([]));

/** `$problems += '<part>: ' + (FormatRdpError -ErrorRecord $_)`; only valid inside a catch block. */
export function recordProblem(part: string): Statement {
  return ps.assign(problems, ps.binary(ps.str(`${part}: `), "+", formatError()), { operator: "+=" });
}

/** `$<name> = $null; if ($problems.Count -gt 0) { $<name> = $problems -join '; ' }`. */
export function joinProblems(name: string): Statement[] {
  return [
    ps.assign(ps.v(name), ps.nil()),
    ps.ifThen(ps.binary(ps.prop(problems, "Count"), "-gt", ps.num(0)), [
      ps.assign(ps.v(name), ps.binary(problems, "-join", ps.str("; "))),
    ]),
  ];
}

/**
 * `try { body } catch [ItemNotFoundException] { absent } catch { onError }`: the three outcomes of a read.
 * `absent` defaults to a comment, because a missing key or store is a fact, not an error.
 */
export function guardedRead(body: readonly Statement[], onError: readonly Statement[], absent?: readonly Statement[]): Statement {
  return ps.tryStatement(body, [
    {
      types: ["System.Management.Automation.ItemNotFoundException"],
      body: absent ?? [ps.comment("Absent: a fact, not an error.")],
    },
    { body: onError },
  ]);
}

/** `Verb-Noun @{...} -ErrorAction Stop` shorthand. */
export function commandStop(name: string, args: Readonly<Record<string, Expression | true>>): ReturnType<typeof ps.command> {
  return ps.command(name, { ...args, ...stop });
}

/** `@(<command>)`: keeps zero and one results as arrays (a bare pipeline would give $null or a scalar). */
export function asArray(value: Parameters<typeof ps.paren>[0]): Expression {
  return ps.arrayLiteral([ps.paren(value)]);
}

/** The private helper `GetRdpSnapshot<Key>` with the one parameter every section takes. */
export function sectionCollector(key: SectionKey, body: readonly Statement[]): FunctionDefinition {
  return ps.functionDefinition({
    name: sectionFunctionName(key),
    cmdletBinding: ps.cmdletBinding(),
    outputTypes: ["System.Management.Automation.PSCustomObject"],
    parameters: [ps.parameter("EventDays", { type: "int" })],
    end: body,
  });
}

// ---- Event details: defined inside GetRdpSnapshotEvents (events-section.ts), so nothing extra is emitted. ----

const v = ps.v;

/**
 * Which field of `$event.Properties` is the Detail, by event (EventGroup.Detail in src/snapshot/types.ts):
 * - Reason: Properties[1] of RDPClient 1026, the decimal disconnect reason (data Name, Value, CustomLevel).
 * - AlertCode: Properties[0] of Schannel 36888 (AlertDesc, ErrorState).
 * - ErrorState: the last property of Schannel 36870/36871. Newer builds put CallerProcessId and
 *   CallerProcessImageName first, so the index differs by build while the error state stays last.
 * - Hresult: the last property (ErrorCode, index 7 in the manifest) of RdpCoreTS 226, as 0x%08X.
 * - StateHresult: RDPClient 226, the state name (Properties[0], e.g. RDPClient_SSL, which marks a TLS failure
 *   per causes-catalog.md) and the last property as 0x%08X.
 * Only digits and state names are kept, so a field in an unexpected place can never leak a host or user name.
 */
export type DetailRule = "None" | "Reason" | "AlertCode" | "ErrorState" | "Hresult" | "StateHresult";

const values = v("Values");
const last = ps.indexExpression(values, ps.binary(ps.prop(values, "Count"), "-", ps.num(1)));
const digitsOrNull = (value: Expression): Statement[] => [
  ps.ifThen(ps.binary(ps.cast("string", value), "-match", ps.str("^[0-9]+$")), [ps.returnStatement(ps.cast("string", value))]),
  ps.returnStatement(ps.nil()),
];

/** ConvertRdpEventCode: a 32-bit code (signed, unsigned or already '0x...' text) as 0x%08X, else $null. */
export const convertEventCode: FunctionDefinition = ps.functionDefinition({
  name: "ConvertRdpEventCode",
  parameters: [ps.parameter("Value", { type: "object" })],
  end: [
    ps.ifThen(ps.binary(ps.cast("string", v("Value")), "-match", ps.str("^0[xX]([0-9A-Fa-f]{1,8})$")), [
      ps.returnStatement(ps.binary(ps.str("0x"), "+", ps.call(ps.indexExpression(v("Matches"), ps.num(1)), "ToUpperInvariant"))),
    ]),
    ps.ifThen(ps.binary(ps.cast("string", v("Value")), "-notmatch", ps.str("^-?[0-9]+$")), [ps.returnStatement(ps.nil())]),
    ps.assign(v("number"), ps.cast("long", v("Value"))),
    ps.comment("HexInt32 fields may arrive as Int32: 0x80070040 is then negative."),
    ps.ifThen(ps.binary(v("number"), "-lt", ps.num(0)), [ps.assign(v("number"), ps.binary(v("number"), "+", ps.num(4294967296)))]),
    ps.returnStatement(ps.binary(ps.str("0x{0:X8}"), "-f", v("number"))),
  ],
});

/** ReadRdpEventDetail: the Detail of one event by rule (see DetailRule). */
export const readEventDetail: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpEventDetail",
  parameters: [ps.parameter("Values", { type: "object[]" }), ps.parameter("Rule", { type: "string" })],
  end: [
    ps.ifThen(ps.binary(ps.prop(values, "Count"), "-eq", ps.num(0)), [ps.returnStatement(ps.nil())]),
    ps.switchStatement(v("Rule"), [
      { pattern: ps.str("Reason"), body: digitsOrNull(ps.indexExpression(values, ps.num(1))) },
      { pattern: ps.str("AlertCode"), body: digitsOrNull(ps.indexExpression(values, ps.num(0))) },
      { pattern: ps.str("ErrorState"), body: digitsOrNull(last) },
      { pattern: ps.str("Hresult"), body: [ps.returnStatement(ps.command("ConvertRdpEventCode", { Value: last }))] },
      {
        pattern: ps.str("StateHresult"),
        body: [
          ps.assign(v("code"), ps.command("ConvertRdpEventCode", { Value: last })),
          ps.ifThen(ps.binary(ps.cast("string", ps.indexExpression(values, ps.num(0))), "-match", ps.str("^[A-Za-z0-9_]+$")), [
            ps.returnStatement(ps.binary(ps.binary(ps.cast("string", ps.indexExpression(values, ps.num(0))), "+", ps.str(" ")), "+", v("code"))),
          ]),
          ps.returnStatement(v("code")),
        ],
      },
    ]),
    ps.returnStatement(ps.nil()),
  ],
});

