/**
 * Evidence collection for C05 on a Windows host, as IR. Every read is guarded: access denied, a missing
 * class or no matching events become evidence values, never a crash.
 */
import { ps } from "../../ir/index.js";
import type { Expression, Statement } from "../../ir/index.js";

const evidence = ps.v("evidence");
const setEvidence = (key: string, value: Expression): Statement => ps.assign(ps.indexExpression(evidence, ps.str(key)), value);
const errorMessage = ps.prop(ps.v("_"), "Exception", "Message");
const stop = { ErrorAction: ps.str("Stop") };

/** The 'Remote Desktop' store, as plain values (NotAfter as UTC ISO-8601 so snapshots compare across zones). */
const readStore: Statement = ps.tryStatement(
  [
    setEvidence("Store", ps.arrayLiteral([ps.paren(ps.pipeline(
      ps.command("Get-ChildItem", { Path: ps.str("Cert:\\LocalMachine\\Remote Desktop"), ...stop }),
      ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.psCustomObject({
        Thumbprint: ps.prop(ps.v("_"), "Thumbprint"),
        Subject: ps.prop(ps.v("_"), "Subject"),
        NotAfter: ps.call(ps.call(ps.prop(ps.v("_"), "NotAfter"), "ToUniversalTime"), "ToString", ps.str("o")),
        HasPrivateKey: ps.prop(ps.v("_"), "HasPrivateKey"),
      }))]))]),
    ))])),
  ],
  [{ body: [setEvidence("StoreError", errorMessage)] }],
);

/** The listener's binding as Windows reports it (root\cimv2\TerminalServices, Win32_TSGeneralSetting). */
const readBinding: Statement = ps.tryStatement(
  [
    ps.assign(ps.v("setting"), ps.command("Get-CimInstance", {
      Namespace: ps.str("root\\cimv2\\TerminalServices"),
      ClassName: ps.str("Win32_TSGeneralSetting"),
      Filter: ps.str("TerminalName='RDP-Tcp'"),
      ...stop,
    })),
    setEvidence("HashType", ps.prop(ps.v("setting"), "SSLCertificateSHA1HashType")),
    setEvidence("BoundThumbprint", ps.prop(ps.v("setting"), "SSLCertificateSHA1Hash")),
  ],
  [{ body: [setEvidence("SettingError", errorMessage)] }],
);

function eventQuery(key: string, provider: string, id: number): Expression {
  return ps.hashtable({
    Key: ps.str(key),
    Filter: ps.hashtable({ LogName: ps.str("System"), ProviderName: ps.str(provider), Id: ps.num(id), StartTime: ps.v("since") }),
  });
}

/**
 * Counts of the System-log events that say the certificate could not be made, renewed or used
 * (causes-catalog.md C05: RCM 1057 and 1058, Schannel 36870). Get-WinEvent reports "no events" as an error,
 * which is told apart from a real failure by its error ID.
 */
const readEvents: readonly Statement[] = [
  ps.assign(ps.v("since"), ps.call(ps.paren(ps.command("Get-Date")), "AddDays", ps.unary("-", ps.v("EventDays")))),
  ps.assign(ps.v("queries"), ps.arrayLiteral([
    eventQuery("Rcm1057", "Microsoft-Windows-TerminalServices-RemoteConnectionManager", 1057),
    eventQuery("Rcm1058", "Microsoft-Windows-TerminalServices-RemoteConnectionManager", 1058),
    eventQuery("Schannel36870", "Schannel", 36870),
  ])),
  ps.foreachStatement("query", ps.v("queries"), [
    ps.tryStatement(
      [ps.assign(
        ps.indexExpression(evidence, ps.prop(ps.v("query"), "Key")),
        ps.prop(ps.arrayLiteral([ps.paren(ps.command("Get-WinEvent", { FilterHashtable: ps.prop(ps.v("query"), "Filter"), ...stop }))]), "Count"),
      )],
      [{
        body: [ps.ifThen(
          ps.binary(ps.prop(ps.v("_"), "FullyQualifiedErrorId"), "-like", ps.str("NoMatchingEventsFound*")),
          [ps.assign(ps.indexExpression(evidence, ps.prop(ps.v("query"), "Key")), ps.num(0))],
          [setEvidence("EventError", errorMessage)],
        )],
      }],
    ),
  ]),
];

export const collectC05Evidence: readonly Statement[] = [
  ps.assign(evidence, ps.hashtable({
    TermService: ps.nil(), HashType: ps.nil(), BoundThumbprint: ps.nil(), Store: ps.arrayLiteral([]),
    StoreError: ps.nil(), SettingError: ps.nil(), Rcm1057: ps.nil(), Rcm1058: ps.nil(), Schannel36870: ps.nil(),
    EventError: ps.nil(), EventDays: ps.v("EventDays"),
  }, { ordered: true })),
  ps.assign(ps.v("service"), ps.command("Get-Service", { Name: ps.str("TermService"), ErrorAction: ps.str("SilentlyContinue") })),
  ps.ifThen(
    ps.binary(ps.nil(), "-eq", ps.v("service")),
    [setEvidence("TermService", ps.str("Missing"))],
    [setEvidence("TermService", ps.cast("string", ps.prop(ps.v("service"), "Status")))],
  ),
  readStore,
  readBinding,
  ...readEvents,
];
