/**
 * The string-level helpers of ProtectRdpSnapshot (src/snapshot/collect/redact-collector.ts), each a PowerShell
 * twin of a function in src/snapshot/redact.ts: TestRdpFullMatch, ProtectRdpLabel, ProtectRdpAddress,
 * ProtectRdpName, ProtectRdpMatch, ProtectRdpText (phase 1) and ProtectRdpWords (phase 2).
 *
 * Windows PowerShell 5.1 has no script-block form of -replace, so matches are walked with [regex]::Matches and
 * the text is rebuilt piece by piece. Every helper takes the shared state hashtable as -State (maps, counters,
 * regex options, word lists) instead of reaching it through dynamic scoping.
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../ir/index.js";
import {
  FULL_DNS_NAME, FULL_IPV4, FULL_IPV6, FULL_PLACEHOLDER, SCAN_GROUPS, SCAN_PATTERN, WORD_PATTERN, type RedactRule,
} from "../redact-patterns.js";

const state = ps.v("State");
const stateArg = { State: state };
const str = (name: string) => ps.parameter(name, { type: "string" });
const stateParam = ps.parameter("State", { type: "hashtable", mandatory: true });
const helper = (name: string, outputType: string, parameters: string[], end: Statement[]): FunctionDefinition =>
  ps.functionDefinition({ name, cmdletBinding: ps.cmdletBinding(), outputTypes: [outputType], parameters: [stateParam, ...parameters.map(str)], end });
const lower = (e: Expression) => ps.call(e, "ToLowerInvariant");
const member = (key: string) => ps.prop(state, key);
const callParen = (name: string, args: Record<string, Expression>) => ps.paren(ps.command(name, { ...stateArg, ...args }));

/** TestRdpFullMatch: the FULL_* patterns; text with a line feed never matches (see redact-patterns.ts). */
const testFullMatch = helper("TestRdpFullMatch", "bool", ["Text", "Pattern"], [
  ps.ifThen(ps.binary(ps.call(ps.v("Text"), "IndexOf", ps.cast("char", ps.num(10))), "-ge", ps.num(0)), [ps.returnStatement(ps.bool(false))]),
  ps.returnStatement(ps.staticCall("System.Text.RegularExpressions.Regex", "IsMatch", ps.v("Text"), ps.v("Pattern"), member("Options"))),
]);

const fullMatch = (text: Expression, pattern: string) => callParen("TestRdpFullMatch", { Text: text, Pattern: ps.str(pattern) });
const key = ps.v("key");
const count = ps.indexExpression(member("Counters"), ps.v("Kind"));

/** ProtectRdpLabel: one name label to its placeholder, numbering a new one per kind. */
const protectLabel = helper("ProtectRdpLabel", "string", ["Label", "Kind"], [
  ps.ifThen(ps.chain("-or", [
    ps.staticCall("string", "IsNullOrEmpty", ps.v("Label")),
    ps.binary(ps.v("Label"), "-eq", ps.str("*")),
    fullMatch(ps.v("Label"), FULL_PLACEHOLDER),
  ]), [ps.returnStatement(ps.v("Label"))]),
  ps.assign(key, lower(ps.v("Label"))),
  ps.ifThen(ps.unary("-not", ps.call(member("Names"), "ContainsKey", key)), [
    ps.assign(count, ps.binary(count, "+", ps.num(1))),
    ps.assign(ps.indexExpression(member("Names"), key), ps.chain("+", [ps.v("Kind"), ps.str("-"), count])),
  ]),
  ps.returnStatement(ps.indexExpression(member("Names"), key)),
]);

/** ProtectRdpAddress: an IPv4 or IPv6 address to IP-n; unspecified and loopback addresses are kept. */
const protectAddress = helper("ProtectRdpAddress", "string", ["Address"], [
  ps.assign(key, lower(ps.v("Address"))),
  ps.ifThen(ps.binary(member("KeptAddresses"), "-contains", key), [ps.returnStatement(ps.v("Address"))]),
  ps.ifThen(ps.unary("-not", ps.call(member("Addresses"), "ContainsKey", key)), [
    ps.assign(ps.indexExpression(member("Counters"), ps.str("IP")), ps.binary(ps.indexExpression(member("Counters"), ps.str("IP")), "+", ps.num(1))),
    ps.assign(ps.indexExpression(member("Addresses"), key), ps.binary(ps.str("IP-"), "+", ps.indexExpression(member("Counters"), ps.str("IP")))),
  ]),
  ps.returnStatement(ps.indexExpression(member("Addresses"), key)),
]);

/** ProtectRdpName: a whole host name, DNS name or address; labels after the first get -RestKind. */
const protectName = helper("ProtectRdpName", "string", ["Name", "FirstKind", "RestKind"], [
  ps.ifThen(ps.binary(fullMatch(ps.v("Name"), FULL_IPV4), "-or", fullMatch(ps.v("Name"), FULL_IPV6)), [
    ps.returnStatement(ps.command("ProtectRdpAddress", { ...stateArg, Address: ps.v("Name") })),
  ]),
  ps.ifThen(ps.unary("-not", fullMatch(ps.v("Name"), FULL_DNS_NAME)), [
    ps.returnStatement(ps.command("ProtectRdpLabel", { ...stateArg, Label: ps.v("Name"), Kind: ps.v("FirstKind") })),
  ]),
  ps.assign(ps.v("parts"), ps.command("New-Object", { TypeName: ps.str("System.Collections.Generic.List[string]") })),
  ps.assign(ps.v("kind"), ps.v("FirstKind")),
  ps.foreachStatement("label", ps.call(ps.v("Name"), "Split", ps.cast("char", ps.str("."))), [
    ps.pipelineStatement(ps.call(ps.v("parts"), "Add", callParen("ProtectRdpLabel", { Label: ps.v("label"), Kind: ps.v("kind") }))),
    ps.assign(ps.v("kind"), ps.v("RestKind")),
  ]),
  ps.returnStatement(ps.binary(ps.v("parts"), "-join", ps.str("."))),
]);

const group = (index: number) => ps.prop(ps.indexExpression(ps.prop(ps.v("Match"), "Groups"), ps.num(index)), "Value");
const before = ps.v("before");
const unchanged = ps.returnStatement(ps.prop(ps.v("Match"), "Value"));
const name = (value: Expression, first: Expression, rest: string) =>
  callParen("ProtectRdpName", { Name: value, FirstKind: first, RestKind: ps.str(rest) });
const label = (value: Expression, kind: string) => callParen("ProtectRdpLabel", { Label: value, Kind: ps.str(kind) });
const concat = (...parts: Expression[]) => ps.returnStatement(ps.chain("+", [before, ...parts]));

/** The statements of one SCAN rule; `a` and `b` are its parts. Mirrors redactMatch in redact.ts. */
function ruleBody(rule: RedactRule, a: Expression, b: Expression): Statement[] {
  switch (rule) {
    case "termsrv":
      return [concat(a, name(b, ps.str("HOST"), "DOMAIN"))];
    case "dn":
      return [
        ps.assign(ps.v("kind"), ps.str("HOST")),
        ps.ifThen(ps.binary(a, "-eq", ps.str("DC=")), [ps.assign(ps.v("kind"), ps.str("DOMAIN"))]),
        concat(a, name(b, ps.v("kind"), "DOMAIN")),
      ];
    case "upn":
      return [ps.assign(ps.v("user"), label(a, "USER")), concat(ps.v("user"), ps.str("@"), name(b, ps.str("DOMAIN"), "DOMAIN"))];
    case "account":
      return [
        ps.ifThen(ps.binary(member("NotDomains"), "-contains", lower(a)), [unchanged]),
        ps.assign(ps.v("domain"), label(a, "DOMAIN")),
        concat(ps.v("domain"), ps.str("\\"), label(b, "USER")),
      ];
    case "ipv6":
    case "ipv4":
      return [concat(ps.paren(ps.command("ProtectRdpAddress", { ...stateArg, Address: a })))];
    case "fqdn":
      return [
        ps.assign(ps.v("labels"), ps.call(a, "Split", ps.cast("char", ps.str(".")))),
        ps.assign(ps.v("last"), ps.indexExpression(ps.v("labels"), ps.binary(ps.prop(ps.v("labels"), "Count"), "-", ps.num(1)))),
        ps.ifThen(ps.binary(
          ps.binary(member("FileExtensions"), "-contains", lower(ps.v("last"))),
          "-or",
          ps.binary(member("DotnetFirstLabels"), "-contains", lower(ps.indexExpression(ps.v("labels"), ps.num(0)))),
        ), [unchanged]),
        concat(name(a, ps.str("HOST"), "DOMAIN")),
      ];
  }
}

/** ProtectRdpMatch: one SCAN match; the alternative that matched is the one whose boundary group succeeded. */
const protectMatch = ps.functionDefinition({
  name: "ProtectRdpMatch",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["string"],
  parameters: [stateParam, ps.parameter("Match", { type: "System.Text.RegularExpressions.Match", mandatory: true })],
  end: [
    ps.ifStatement(SCAN_GROUPS.map((g) => ({
      condition: ps.prop(ps.indexExpression(ps.prop(ps.v("Match"), "Groups"), ps.num(g.boundary)), "Success"),
      body: [ps.assign(before, group(g.boundary)), ...ruleBody(g.rule, group(g.parts[0]!), group(g.parts[1] ?? g.parts[0]!))],
    }))),
    unchanged,
  ],
});

/** `foreach ($match in Matches) { $out += text before + replacement }`, then the rest of the text. */
function rebuild(pattern: string, replacement: Statement[]): Statement[] {
  const text = ps.v("Text");
  const found = ps.v("found");
  const last = ps.v("last");
  const match = ps.v("match");
  return [
    ps.assign(found, ps.staticCall("System.Text.RegularExpressions.Regex", "Matches", text, ps.str(pattern), member("Options"))),
    ps.assign(ps.v("out"), ps.str("")),
    ps.assign(last, ps.num(0)),
    ps.foreachStatement("match", found, [
      ...replacement,
      ps.assign(ps.v("out"), ps.chain("+", [ps.v("out"), ps.call(text, "Substring", last, ps.binary(ps.prop(match, "Index"), "-", last)), ps.v("replacement")])),
      ps.assign(last, ps.binary(ps.prop(match, "Index"), "+", ps.prop(match, "Length"))),
    ]),
    ps.returnStatement(ps.binary(ps.v("out"), "+", ps.call(text, "Substring", last))),
  ];
}

/** ProtectRdpText: phase 1 on one string. */
const protectText = helper("ProtectRdpText", "string", ["Text"], rebuild(SCAN_PATTERN, [
  ps.assign(ps.v("replacement"), ps.command("ProtectRdpMatch", { ...stateArg, Match: ps.v("match") })),
]));

/** ProtectRdpWords: phase 2 on free text: words already mapped elsewhere, except generic domain labels. */
const protectWords = helper("ProtectRdpWords", "string", ["Text"], rebuild(WORD_PATTERN, [
  ps.assign(ps.v("replacement"), ps.prop(ps.v("match"), "Value")),
  ps.assign(key, lower(ps.prop(ps.indexExpression(ps.prop(ps.v("match"), "Groups"), ps.num(2)), "Value"))),
  ps.ifThen(ps.binary(
    ps.call(member("Names"), "ContainsKey", key),
    "-and",
    ps.unary("-not", ps.paren(ps.pipeline(ps.binary(member("GenericLabels"), "-contains", key)))),
  ), [
    ps.assign(ps.v("replacement"), ps.binary(ps.prop(ps.indexExpression(ps.prop(ps.v("match"), "Groups"), ps.num(1)), "Value"), "+", ps.indexExpression(member("Names"), key))),
  ]),
]));

/** In definition order; callers define all of them before the first call. */
export const REDACT_TEXT_HELPERS: readonly FunctionDefinition[] = [
  testFullMatch, protectLabel, protectAddress, protectName, protectMatch, protectText, protectWords,
];
