/**
 * Events section: the event IDs of causes-catalog.md "Evidence to collect on every run" and of C05, C08, C10,
 * C11 and C12, grouped by log, provider, ID and one detail field. Messages, user names and addresses are never
 * kept: only counts, the newest time and a numeric detail.
 */
import { ps } from "../../ir/index.js";
import type { Expression, Statement } from "../../ir/index.js";
import type { SnapshotSection } from "./section.js";
import { convertEventCode, formatError, readEventDetail, sectionCollector, type DetailRule } from "./security-readers.js";

export interface EventQuery {
  readonly log: string;
  /** Set for the System log, where IDs are only unique per provider (GroupPolicy also logs 1058). */
  readonly provider?: string;
  readonly ids: readonly number[];
  readonly details?: Readonly<Record<number, DetailRule>>;
}

const RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager";

/** Sources: causes-catalog.md "Evidence to collect on every run", C05, C07, C08, C10, C11, C12 [R12, R19, R20]. */
export const EVENT_QUERIES: readonly EventQuery[] = [
  { log: "System", provider: "Schannel", ids: [36870, 36871, 36872, 36874, 36888], details: { 36870: "ErrorState", 36871: "ErrorState", 36888: "AlertCode" } },
  // 1028 and 1069 (licensing, C12) were System events on 2008 R2 and are Admin events on later builds: read both.
  { log: "System", provider: RCM, ids: [1028, 1050, 1051, 1052, 1053, 1054, 1055, 1056, 1057, 1058, 1069] },
  { log: "System", provider: "LsaSrv", ids: [6041] },
  { log: `${RCM}/Operational`, ids: [258, 259, 261] },
  { log: `${RCM}/Admin`, ids: [1006, 1028, 1069] },
  { log: "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational", ids: [97, 98, 99, 131, 226], details: { 226: "Hresult" } },
  { log: "Microsoft-Windows-TerminalServices-RDPClient/Operational", ids: [1024, 1026, 1027, 1105, 226], details: { 1026: "Reason", 226: "StateHresult" } },
];

/**
 * At most this many events per log and ID. Get-WinEvent returns the newest first, so a flooded log (a scan
 * hitting 131/261, an alert storm of 36888) costs a bounded time and Count saturates at the cap.
 */
export const MAX_EVENTS_PER_QUERY = 500;

const v = ps.v;

/** `@(@{ Log = ...; Provider = ...; Id = ...; Rule = ... }, ...)`: one query per log and ID, so each has its own cap. */
const queryTable: Expression = ps.arrayLiteral(EVENT_QUERIES.flatMap((q) => q.ids.map((id) => ps.hashtable({
  Log: ps.str(q.log),
  Provider: q.provider === undefined ? ps.nil() : ps.str(q.provider),
  Id: ps.num(id),
  Rule: ps.str(q.details?.[id] ?? "None"),
}))));

const query = v("query");
const field = (name: string): Expression => ps.indexExpression(v("_"), ps.str(name));
const isId = (pattern: string): Expression => ps.binary(ps.cast("string", ps.prop(v("_"), "FullyQualifiedErrorId")), "-like", ps.str(pattern));

/** A log that failed once (missing or denied) is skipped for its other IDs, so each log is reported once. */
const readQuery: Statement[] = [
  ps.ifThen(ps.binary(v("skippedLogs"), "-contains", ps.prop(query, "Log")), [ps.continueStatement()]),
  ps.assign(v("filter"), ps.hashtable({ LogName: ps.prop(query, "Log"), Id: ps.prop(query, "Id"), StartTime: v("since") })),
  ps.ifThen(ps.binary(ps.nil(), "-ne", ps.prop(query, "Provider")), [
    ps.assign(ps.indexExpression(v("filter"), ps.str("ProviderName")), ps.prop(query, "Provider")),
  ]),
  ps.assign(v("found"), ps.arrayLiteral([])),
  ps.tryStatement(
    [ps.assign(v("found"), ps.arrayLiteral([ps.paren(ps.command("Get-WinEvent", {
      FilterHashtable: v("filter"), MaxEvents: ps.num(MAX_EVENTS_PER_QUERY), ErrorAction: ps.str("Stop"),
    }))]))],
    [{
      body: [ps.ifStatement(
        [
          { condition: isId("NoMatchingEventsFound*"), body: [ps.comment("No events in the window: the normal case, not an error.")] },
          {
            condition: ps.chain("-or", [isId("NoMatchingLogsFound*"), isId("NoMatchingProvidersFound*"), ps.binary(ps.prop(v("_"), "Exception"), "-is", ps.typeLiteral("System.Diagnostics.Eventing.Reader.EventLogNotFoundException"))]),
            body: [ps.comment("A log or provider this edition lacks (no RDS role, no client): a fact."), ps.assign(v("skippedLogs"), ps.prop(query, "Log"), { operator: "+=" })],
          },
        ],
        [
          ps.assign(v("errors"), ps.binary(ps.binary(ps.prop(query, "Log"), "+", ps.str(": ")), "+", formatError()), { operator: "+=" }),
          ps.assign(v("skippedLogs"), ps.prop(query, "Log"), { operator: "+=" }),
        ],
      )],
    }],
  ),
  ps.foreachStatement("record", v("found"), [
    ps.assign(v("detail"), ps.command("ReadRdpEventDetail", {
      Values: ps.arrayLiteral([ps.paren(ps.pipeline(ps.prop(v("record"), "Properties"), ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.prop(v("_"), "Value"))]))])))]),
      Rule: ps.prop(query, "Rule"),
    })),
    ps.assign(v("groupKey"), ps.binary(ps.str("{0}|{1}|{2}|{3}"), "-f", ps.arrayLiteral([ps.prop(query, "Log"), ps.prop(v("record"), "ProviderName"), ps.prop(v("record"), "Id"), v("detail")]))),
    ps.assign(v("time"), ps.call(ps.prop(v("record"), "TimeCreated"), "ToUniversalTime")),
    ps.assign(v("group"), ps.indexExpression(v("groups"), v("groupKey"))),
    ps.ifThen(ps.binary(ps.nil(), "-eq", v("group")), [
      ps.assign(ps.indexExpression(v("groups"), v("groupKey")), ps.hashtable({
        Log: ps.prop(query, "Log"), Provider: ps.cast("string", ps.prop(v("record"), "ProviderName")), Id: ps.cast("int", ps.prop(v("record"), "Id")),
        Detail: v("detail"), Count: ps.num(1), Newest: v("time"),
      })),
    ], [
      ps.assign(ps.indexExpression(v("group"), ps.str("Count")), ps.num(1), { operator: "+=" }),
      ps.ifThen(ps.binary(v("time"), "-gt", ps.indexExpression(v("group"), ps.str("Newest"))), [ps.assign(ps.indexExpression(v("group"), ps.str("Newest")), v("time"))]),
    ]),
  ]),
];

const body: Statement[] = [
  convertEventCode,
  readEventDetail,
  ps.assign(v("groups"), ps.hashtable({})),
  ps.assign(v("errors"), ps.arrayLiteral([])),
  ps.assign(v("skippedLogs"), ps.arrayLiteral([])),
  ps.comment("Events has no Error property, so nothing may escape: an unexpected failure is recorded in Errors."),
  ps.tryStatement(
    [
      ps.assign(v("since"), ps.call(ps.paren(ps.command("Get-Date")), "AddDays", ps.unary("-", v("EventDays")))),
      ps.foreachStatement("query", queryTable, readQuery),
    ],
    [{ body: [ps.assign(v("errors"), ps.binary(ps.str("Events: "), "+", formatError()), { operator: "+=" })] }],
  ),
  ps.comment("Hashtable keys are not properties to Sort-Object, so the groups become objects before sorting;"),
  ps.comment("indexing, not dot access, because a hashtable's own Count would otherwise compete with the key."),
  ps.assign(v("sorted"), ps.arrayLiteral([ps.paren(ps.pipeline(
    ps.prop(v("groups"), "Values"),
    ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.psCustomObject({
      Log: field("Log"),
      Provider: field("Provider"),
      Id: field("Id"),
      Detail: field("Detail"),
      Count: field("Count"),
      LastSeen: ps.call(field("Newest"), "ToString", ps.str("o")),
    }))]))]),
    ps.command("Sort-Object", { Property: ps.strings(["Log", "Provider", "Id", "Detail"]) }),
  ))])),
  ps.pipelineStatement(ps.psCustomObject({
    Days: v("EventDays"),
    Groups: v("sorted"),
    Errors: ps.arrayLiteral([ps.paren(ps.pipeline(v("errors")))]),
  })),
];

export const eventsSection: SnapshotSection = {
  key: "Events",
  sourceFile: "src/snapshot/collect/events-section.ts",
  collector: sectionCollector("Events", body),
  // EventsInfo has no Error property: the fallback says in Errors that the section failed, rather than
  // reporting clean logs.
  fallback: { Days: null, Groups: [], Errors: ["Events: collector failed"] },
  // The caller replaces Errors with one item "Events: <message>" and Days with the requested -EventDays.
  errorFields: ["Errors"],
  parameterFields: { Days: "EventDays" },
};
