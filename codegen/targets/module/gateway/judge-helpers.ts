/**
 * The module's twin of src/probe/gateway/judge.ts and findings.ts: private helpers that build findings, parse the
 * answer head and judge it and the certificate, rule for rule in the same order (protocol-probe.md section 8).
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { CERT_EXPIRY_WARNING_DAYS } from "../../../../src/probe/probe-finding-table.js";
import { MS_TSGU_URL } from "../../../../src/probe/gateway/findings.js";
import { STATUS_LINE_PATTERN, WINDOWS_AUTH_SCHEMES } from "../../../../src/probe/gateway/judge.js";
import { ORDINAL } from "./io-helpers.js";
import { CRLF, findingDefinitionsIr, findingSourcesIr, finding, isNull, not, str, v } from "./gateway-data.js";

const returnFinding = (id: string, evidence: Readonly<Record<string, Expression>>): Statement => ps.returnStatement(finding(id, evidence));
const { eq } = ps;

/** `NewRdGatewayFinding -Id -Evidence`: the full Finding (src/model/finding.ts shape) for a G id. */
export const newFindingFunction: FunctionDefinition = ps.functionDefinition({
  name: "NewRdGatewayFinding",
  parameters: [ps.parameter("Id", { type: "string" }), ps.parameter("Evidence", { type: "System.Collections.IDictionary" })],
  end: [
    ps.comment(`Texts from src/probe/gateway/findings.ts; sources: MS-TSGU (${MS_TSGU_URL}) and the RDS planning docs.`),
    ps.assign(v("definitions"), findingDefinitionsIr()),
    ps.assign(v("definition"), ps.indexExpression(v("definitions"), v("Id"))),
    ps.pipelineStatement(ps.psCustomObject({
      Id: v("Id"), Name: ps.prop(v("definition"), "Name"), Title: ps.prop(v("definition"), "Title"), Side: str("Gateway"),
      Status: ps.prop(v("definition"), "Status"), Confidence: ps.prop(v("definition"), "Confidence"),
      Reason: ps.prop(v("definition"), "Reason"), Evidence: ps.cast("pscustomobject", v("Evidence")),
      PolicyManaged: ps.bool(false), PolicyNote: ps.nil(), MatchesErrorCode: ps.nil(), Fix: ps.prop(v("definition"), "Fix"),
      Undo: str(""), Risk: ps.arrayLiteral([]), Sources: findingSourcesIr(),
    })),
  ],
});

const line = v("line");
const head = v("Head");

/** `ConvertRdGatewayHead -Head`: parseAnswerHead. Header names compare case-insensitively, the status line exactly. */
export const convertHeadFunction: FunctionDefinition = ps.functionDefinition({
  name: "ConvertRdGatewayHead",
  parameters: [ps.parameter("Head", { type: "string" })],
  end: [
    ps.assign(v("lines"), ps.binary(head, "-split", CRLF)),
    ps.assign(v("statusLine"), ps.indexExpression(v("lines"), ps.num(0))),
    ps.assign(v("status"), ps.nil()),
    ps.ifThen(ps.binary(v("statusLine"), "-cmatch", str(STATUS_LINE_PATTERN)), [
      ps.assign(v("status"), ps.cast("int", ps.indexExpression(v("Matches"), ps.num(1)))),
    ]),
    ps.assign(v("schemes"), ps.arrayLiteral([])),
    ps.assign(v("hasLength"), ps.bool(false)),
    ps.assign(v("chunked"), ps.bool(false)),
    ps.assign(v("close"), ps.bool(false)),
    ps.foreachStatement("line", ps.pipeline(v("lines"), ps.command("Select-Object", { Skip: ps.num(1) })), [
      ps.assign(v("colon"), ps.call(line, "IndexOf", str(":"), ORDINAL)),
      ps.ifThen(ps.binary(v("colon"), "-lt", ps.num(1)), [ps.continueStatement()]),
      ps.assign(v("name"), ps.call(ps.call(ps.call(line, "Substring", ps.num(0), v("colon")), "Trim"), "ToLowerInvariant")),
      ps.assign(v("value"), ps.call(ps.call(line, "Substring", ps.binary(v("colon"), "+", ps.num(1))), "Trim")),
      ps.comment("The scheme is the first token; parameters (a Negotiate token, a Basic realm) follow a space."),
      ps.ifThen(eq(v("name"), str("www-authenticate")), [
        ps.assign(v("schemes"), ps.indexExpression(ps.paren(ps.pipeline(ps.binary(v("value"), "-split", str(" ")))), ps.num(0)), { operator: "+=" }),
      ]),
      ps.ifThen(eq(v("name"), str("content-length")), [ps.assign(v("hasLength"), ps.bool(true))]),
      ps.ifThen(ps.binary(eq(v("name"), str("transfer-encoding")), "-and", ps.binary(v("value"), "-match", str("chunked"))), [
        ps.assign(v("chunked"), ps.bool(true)),
      ]),
      ps.ifThen(ps.binary(eq(v("name"), str("connection")), "-and", ps.binary(v("value"), "-match", str("close"))), [
        ps.assign(v("close"), ps.bool(true)),
      ]),
    ]),
    ps.pipelineStatement(ps.psCustomObject({
      StatusLine: v("statusLine"), HttpStatus: v("status"), AuthSchemes: v("schemes"), HasContentLength: v("hasLength"),
      Chunked: v("chunked"), ConnectionClose: v("close"),
    })),
  ],
});

const headField = (name: string): Expression => ps.prop(head, name);

/** `TestRdGatewayAnswer -Head`: judgeAnswer; returns one finding, or nothing for the healthy 401. */
export const testAnswerFunction: FunctionDefinition = ps.functionDefinition({
  name: "TestRdGatewayAnswer",
  parameters: [ps.parameter("Head", { type: "object" })],
  end: [
    ps.ifThen(isNull(headField("HttpStatus")), [returnFinding("G10", { FirstLine: headField("StatusLine") })]),
    ...([[503, "G12"], [404, "G13"]] as const).map(([status, id]) =>
      ps.ifThen(eq(headField("HttpStatus"), ps.num(status)), [returnFinding(id, { StatusLine: headField("StatusLine"), AuthSchemes: headField("AuthSchemes") })])),
    ps.ifThen(ps.binary(headField("HttpStatus"), "-ne", ps.num(401)), [
      returnFinding("G14", { StatusLine: headField("StatusLine"), AuthSchemes: headField("AuthSchemes") }),
    ]),
    ps.comment("-contains compares case-insensitively, as the Node probe does."),
    ps.assign(v("offered"), ps.arrayLiteral([ps.paren(ps.pipeline(
      headField("AuthSchemes"),
      ps.command("Where-Object", { FilterScript: ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.strings(WINDOWS_AUTH_SCHEMES), "-contains", v("_")))]) }),
    ))])),
    ps.ifThen(eq(ps.prop(v("offered"), "Count"), ps.num(0)), [
      returnFinding("G15", { StatusLine: headField("StatusLine"), AuthSchemes: headField("AuthSchemes") }),
    ]),
    ps.comment("Only a keep-alive answer needs a length: with Connection: close the end of the body is the end of the stream."),
    ps.ifThen(ps.chain("-and", [not(headField("HasContentLength")), not(headField("Chunked")), not(headField("ConnectionClose"))]), [
      returnFinding("G08", { StatusLine: headField("StatusLine"), AuthSchemes: headField("AuthSchemes") }),
    ]),
  ],
});

/** `TestRdGatewayIncomplete -Failure -Received -ErrorText`: judgeIncomplete, for an exchange without a complete head. */
export const testIncompleteFunction: FunctionDefinition = ps.functionDefinition({
  name: "TestRdGatewayIncomplete",
  parameters: [ps.parameter("Failure", { type: "string" }), ps.parameter("Received", { type: "string" }), ps.parameter("ErrorText")],
  end: [
    ps.assign(v("firstLine"), ps.indexExpression(ps.paren(ps.pipeline(ps.binary(v("Received"), "-split", CRLF))), ps.num(0))),
    ps.ifThen(ps.binary(
      ps.binary(ps.prop(v("Received"), "Length"), "-gt", ps.num(0)), "-and", not(ps.paren(ps.pipeline(ps.binary(v("firstLine"), "-cmatch", str(STATUS_LINE_PATTERN))))),
    ), [returnFinding("G10", { FirstLine: v("firstLine") })]),
    ps.ifThen(ps.binary(eq(v("Failure"), str("Timeout")), "-or", eq(v("Failure"), str("TooLarge"))), [
      returnFinding("G11", { BytesReceived: ps.prop(v("Received"), "Length") }),
    ]),
    ps.ifThen(isNull(v("ErrorText")), [ps.assign(v("ErrorText"), str("closed"))]),
    returnFinding("G09", { Error: v("ErrorText"), BytesReceived: ps.prop(v("Received"), "Length") }),
  ],
});

const cert = v("Certificate");
const certField = (name: string): Expression => ps.prop(cert, name);

/** `TestRdGatewayCertificate -Certificate -ComputerName -ChainStatus`: judgeCertificate (G04 alone for an expired one). */
export const testCertificateFunction: FunctionDefinition = ps.functionDefinition({
  name: "TestRdGatewayCertificate",
  parameters: [ps.parameter("Certificate", { type: "object" }), ps.parameter("ComputerName", { type: "string" }), ps.parameter("ChainStatus")],
  end: [
    ps.ifStatement([
      { condition: certField("IsExpired"), body: [ps.pipelineStatement(finding("G04", dates()))] },
      { condition: ps.binary(certField("DaysLeft"), "-lt", ps.num(CERT_EXPIRY_WARNING_DAYS)), body: [ps.pipelineStatement(finding("G05", dates()))] },
    ]),
    ps.ifThen(ps.binary(not(certField("ChainTrusted")), "-and", not(certField("IsExpired"))), [
      ps.pipelineStatement(finding("G06", { Issuer: certField("Issuer"), ChainStatus: v("ChainStatus") })),
    ]),
    ps.ifThen(not(certField("NameMatches")), [
      ps.pipelineStatement(finding("G07", { ComputerName: v("ComputerName"), Subject: certField("Subject") })),
    ]),
  ],
});

function dates(): Record<string, Expression> {
  return { NotBefore: certField("NotBefore"), NotAfter: certField("NotAfter"), DaysLeft: certField("DaysLeft") };
}

