/**
 * Limits: MaxOutstandingConnections and the number of RDP sessions (causes-catalog.md C11; LimitsInfo in
 * src/snapshot/types.ts). Sessions are counted from qwinsta.exe by numeric ID, because its headers and state
 * words are localized: ID 0 is the services session, IDs from 65536 are listeners, and the console session is
 * not an RDP session. A disconnected session has no name but keeps its ID, so it is counted too.
 */
import { ps } from "../../ir/index.js";
import type { LimitsInfo } from "../types.js";
import type { SnapshotSection } from "./section.js";
import { emptyDword, errorText, joinProblems, noteReadError, nulls, sectionCollector } from "./system-build.js";
import { TERMINAL_SERVER_KEY } from "./system-paths.js";

const v = ps.v;
const LISTENER_ID_BASE = 65536;

const countSessions = [
  ps.assign(v("sessionCount"), ps.num(0)),
  ps.foreachStatement("line", ps.prop(v("table"), "Lines"), [
    ps.assign(v("tokens"), ps.staticCall("regex", "Split", ps.call(ps.call(v("line"), "Trim"), "TrimStart", ps.str(">")), ps.str("\\s+"))),
    ps.assign(v("sessionId"), ps.nil()),
    ps.foreachStatement("token", v("tokens"), [
      ps.ifThen(ps.binary(v("token"), "-match", ps.str("^[0-9]+$")), [
        ps.assign(v("sessionId"), ps.cast("long", v("token"))),
        ps.breakStatement(),
      ]),
    ]),
    ps.ifThen(ps.binary(ps.nil(), "-eq", v("sessionId")), [ps.comment("The header line has no numeric ID."), ps.continueStatement()]),
    ps.ifThen(ps.binary(ps.binary(v("sessionId"), "-eq", ps.num(0)), "-or", ps.binary(v("sessionId"), "-ge", ps.num(LISTENER_ID_BASE))), [
      ps.continueStatement(),
    ]),
    ps.ifThen(ps.binary(ps.indexExpression(v("tokens"), ps.num(0)), "-eq", ps.str("console")), [ps.continueStatement()]),
    ps.assign(v("sessionCount"), ps.num(1), { operator: "+=" }),
  ]),
];

const collector = sectionCollector("Limits", [
  ...nulls("sessionCount"),
  ps.assign(v("table"), ps.command("ReadRdpSessionTable")),
  noteReadError("SessionCount", v("table")),
  ps.ifThen(ps.binary(ps.nil(), "-eq", ps.prop(v("table"), "Error")), countSessions),
  ...joinProblems(),
  ps.pipelineStatement(ps.psCustomObject({
    MaxOutstandingConnections: ps.paren(ps.command("ReadRdpDword", { Path: ps.str(TERMINAL_SERVER_KEY), Name: ps.str("MaxOutstandingConnections") })),
    SessionCount: v("sessionCount"),
    Error: errorText,
  })),
]);

export const limitsFallback: LimitsInfo = { MaxOutstandingConnections: emptyDword(), SessionCount: null, Error: null };

export const limitsSection: SnapshotSection = {
  key: "Limits",
  sourceFile: "src/snapshot/collect/limits-section.ts",
  collector,
  fallback: { ...limitsFallback },
};
