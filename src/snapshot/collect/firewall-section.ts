/**
 * Firewall section (C04): profile state, the two Remote Desktop User Mode rules and any rule whose port filter
 * names the RDP port. Rules are matched by Name, never by DisplayGroup, which is localized (causes-catalog.md C04).
 * Every query reads the ActiveStore: the effective rules and profiles, including those set by Group Policy
 * (the default PersistentStore holds only local settings).
 */
import { ps } from "../../ir/index.js";
import type { Expression, Statement } from "../../ir/index.js";
import type { SnapshotSection } from "./section.js";
import { asArray, commandStop, joinProblems, problems, recordProblem, sectionCollector, startProblems } from "./security-readers.js";

export const RDP_RULE_NAMES = ["RemoteDesktop-UserMode-In-TCP", "RemoteDesktop-UserMode-In-UDP"] as const;
export const RDP_TCP_PATH = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";

const v = ps.v;
const active = { PolicyStore: ps.str("ActiveStore") };
const block = (...statements: Statement[]) => ps.scriptBlock(statements);
const isTrue = (value: Expression): Expression => ps.binary(ps.cast("string", value), "-eq", ps.str("True"));
const isNotFound = ps.binary(ps.cast("string", ps.prop(v("_"), "CategoryInfo", "Category")), "-eq", ps.str("ObjectNotFound"));

/** The RDP port: RDP-Tcp PortNumber, else the default 3389 (causes-catalog.md C03). */
const readPort: Statement[] = [
  ps.assign(v("portRead"), ps.command("ReadRdpDword", { Path: ps.str(RDP_TCP_PATH), Name: ps.str("PortNumber") })),
  ps.assign(v("port"), ps.num(3389)),
  ps.ifThen(ps.notNull(ps.prop(v("portRead"), "Value")), [ps.assign(v("port"), ps.prop(v("portRead"), "Value"))]),
];

/** NetworkCategory DomainAuthenticated is the Domain profile; Private and Public map to themselves. */
const readProfiles: Statement[] = [
  ps.assign(v("categories"), ps.arrayLiteral([])),
  ps.tryStatement(
    [ps.assign(v("categories"), asArray(ps.pipeline(
      ps.command("Get-NetConnectionProfile", { ErrorAction: ps.str("Stop") }),
      ps.command("ForEach-Object", [ps.positionalArg(block(ps.pipelineStatement(
        ps.binary(ps.cast("string", ps.prop(v("_"), "NetworkCategory")), "-replace", ps.arrayLiteral([ps.str("^DomainAuthenticated$"), ps.str("Domain")])),
      )))]),
    )))],
    [{ body: [ps.ifThen(isNotFound, [ps.comment("No connected network: no profile is active.")], [recordProblem("Active profiles")])] }],
  ),
  ps.assign(v("profiles"), ps.arrayLiteral([])),
  ps.tryStatement(
    [ps.foreachStatement("firewallProfile", asArray(commandStop("Get-NetFirewallProfile", active)), [
      ps.assign(v("profiles"), ps.psCustomObject({
        Name: ps.cast("string", ps.prop(v("firewallProfile"), "Name")),
        Enabled: isTrue(ps.prop(v("firewallProfile"), "Enabled")),
        Active: ps.binary(v("categories"), "-contains", ps.cast("string", ps.prop(v("firewallProfile"), "Name"))),
      }), { operator: "+=" }),
    ])],
    [{ body: [recordProblem("Profiles")] }],
  ),
];

/** True when one LocalPort entry ('3389', '3380-3399', 'RPC', 'Any') names the port; 'Any' is left out on purpose. */
const coversPort = (entry: Expression): Expression => ps.binary(
  ps.binary(ps.cast("string", entry), "-eq", ps.cast("string", v("port"))),
  "-or",
  ps.chain("-and", [
    ps.binary(ps.cast("string", entry), "-match", ps.str("^(\\d+)-(\\d+)$")),
    ps.binary(ps.cast("int", ps.indexExpression(v("Matches"), ps.num(1))), "-le", v("port")),
    ps.binary(v("port"), "-le", ps.cast("int", ps.indexExpression(v("Matches"), ps.num(2)))),
  ]),
);

/**
 * Rule names to report: the two User Mode rules, then every rule whose port filter names the RDP port. All port
 * filters are read once (a few seconds on hosts with many rules; the only way to find custom-port rules) and
 * kept by InstanceID, which is the Name of the rule a filter belongs to, so each rule finds its filter here.
 */
const collectRuleNames: Statement[] = [
  ps.assign(v("ruleNames"), ps.strings(RDP_RULE_NAMES)),
  ps.assign(v("portFilters"), ps.hashtable({})),
  ps.tryStatement(
    [ps.foreachStatement("filter", asArray(commandStop("Get-NetFirewallPortFilter", { All: true, ...active })), [
      ps.assign(ps.indexExpression(v("portFilters"), ps.cast("string", ps.prop(v("filter"), "InstanceID"))), v("filter")),
      ps.foreachStatement("entry", ps.arrayLiteral([ps.paren(ps.pipeline(ps.prop(v("filter"), "LocalPort")))]), [
        ps.ifThen(ps.binary(coversPort(v("entry")), "-and", ps.binary(v("ruleNames"), "-notcontains", ps.prop(v("filter"), "InstanceID"))), [
          ps.assign(v("ruleNames"), ps.cast("string", ps.prop(v("filter"), "InstanceID")), { operator: "+=" }),
        ]),
      ]),
    ])],
    [{ body: [recordProblem("Port filters")] }],
  ),
];

/** One rule by Name; a rule that does not exist is a fact (the admin may have deleted it), not an error. */
const readRules: Statement[] = [
  ps.assign(v("rules"), ps.arrayLiteral([])),
  ps.foreachStatement("ruleName", v("ruleNames"), [
    ps.tryStatement(
      [
        ps.assign(v("rule"), commandStop("Get-NetFirewallRule", { Name: v("ruleName"), ...active })),
        ps.assign(v("portFilter"), ps.indexExpression(v("portFilters"), ps.cast("string", ps.prop(v("rule"), "Name")))),
        ps.assign(v("rules"), ps.psCustomObject({
          Name: ps.cast("string", ps.prop(v("rule"), "Name")),
          Enabled: isTrue(ps.prop(v("rule"), "Enabled")),
          Profiles: ps.binary(ps.cast("string", ps.prop(v("rule"), "Profile")), "-split", ps.str(",\\s*")),
          Action: ps.cast("string", ps.prop(v("rule"), "Action")),
          Protocol: ps.prop(v("portFilter"), "Protocol"),
          // foreach, not a pipeline: piping a missing filter's $null would yield one empty port.
          LocalPorts: ps.arrayLiteral([ps.subExpression([
            ps.foreachStatement("localPort", ps.prop(v("portFilter"), "LocalPort"), [ps.pipelineStatement(ps.cast("string", v("localPort")))]),
          ])]),
        }), { operator: "+=" }),
      ],
      [{
        body: [ps.ifThen(isNotFound, [ps.comment("Rule absent: a fact, not an error.")], [
          ps.assign(problems, ps.chain("+", [ps.str("Rule "), v("ruleName"), ps.str(": "), ps.paren(ps.command("FormatRdpError", { ErrorRecord: v("_") }))]), { operator: "+=" }),
        ])],
      }],
    ),
  ]),
];

const body: Statement[] = [
  startProblems(),
  ...readPort,
  ...readProfiles,
  ...collectRuleNames,
  ...readRules,
  ...joinProblems("problem"),
  ps.pipelineStatement(ps.psCustomObject({
    Profiles: ps.arrayLiteral([ps.paren(ps.pipeline(v("profiles")))]),
    Rules: ps.arrayLiteral([ps.paren(ps.pipeline(v("rules")))]),
    Error: v("problem"),
  })),
];

export const firewallSection: SnapshotSection = {
  key: "Firewall",
  sourceFile: "src/snapshot/collect/firewall-section.ts",
  collector: sectionCollector("Firewall", body),
  fallback: { Profiles: [], Rules: [], Error: null },
};
