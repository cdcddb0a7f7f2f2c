/**
 * Listener: the RDP-Tcp WinStation, its Group Policy overrides, its certificate binding and who owns its port
 * (causes-catalog.md C02, C03, C07, C09, C11; ListenerInfo in src/snapshot/types.ts).
 *
 * Defaults for Effective when neither the local nor the policy value is set:
 * - SecurityLayer 1 (Negotiate): "This is the default value." (learn.microsoft.com/windows-hardware/customize/
 *   desktop/unattend/microsoft-windows-terminalservices-rdp-winstationextensions-securitylayer);
 * - UserAuthentication, MinEncryptionLevel, MaxInstanceCount: null. The unattend reference for UserAuthentication
 *   gives 0 only for Vista to 8.1 (learn.microsoft.com/previous-versions/windows/it-pro/windows-8.1-and-8/ff716065),
 *   and no Microsoft page found states a current default for any of the three, so none is assumed.
 */
import { ps } from "../../ir/index.js";
import type { Expression, Statement } from "../../ir/index.js";
import type { ListenerInfo } from "../types.js";
import type { SnapshotSection } from "./section.js";
import {
  emptyDword, emptyPolicyDword, errorText, firstCimInstance, guarded, joinProblems, noteProblem, noteReadError, nulls,
  sectionCollector,
} from "./system-build.js";
import { RDP_TCP_KEY, TERMINAL_SERVICES_NAMESPACE, TERMINAL_SERVICES_POLICY_KEY } from "./system-paths.js";

const v = ps.v;
/** The port mstsc uses when PortNumber cannot be read (learn.microsoft.com .../clients/change-listening-port). */
const DEFAULT_RDP_PORT = 3389;

const dword = (name: string): Expression => ps.paren(ps.command("ReadRdpDword", { Path: ps.str(RDP_TCP_KEY), Name: ps.str(name) }));
const policyDword = (name: string, fallback: number | null): Expression => ps.paren(ps.command("ReadRdpPolicyDword", {
  LocalPath: ps.str(RDP_TCP_KEY),
  PolicyPath: ps.str(TERMINAL_SERVICES_POLICY_KEY),
  Name: ps.str(name),
  Default: fallback === null ? ps.nil() : ps.num(fallback),
}));

const keyAndPort: Statement[] = [
  ps.assign(v("key"), ps.command("TestRdpRegistryKey", { Path: ps.str(RDP_TCP_KEY) })),
  noteReadError("RDP-Tcp", v("key")),
  ps.assign(v("portNumber"), dword("PortNumber")),
  ps.assign(v("port"), ps.num(DEFAULT_RDP_PORT)),
  ps.ifThen(ps.notNull(ps.prop(v("portNumber"), "Value")), [ps.assign(v("port"), ps.prop(v("portNumber"), "Value"))]),
];

/** qwinsta names the listener exactly "rdp-tcp"; sessions are "rdp-tcp#N" and other listeners have other names. */
const listenerState: Statement[] = [
  ...nulls("state"),
  ps.assign(v("table"), ps.command("ReadRdpSessionTable")),
  noteReadError("State", v("table")),
  ps.ifThen(ps.isNull(ps.prop(v("table"), "Error")), [
    ps.assign(v("listenerLine"), ps.pipeline(
      ps.prop(v("table"), "Lines"),
      ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.v("_"), "-match", ps.str("^[\\s>]*rdp-tcp\\s")))]))]),
      ps.command("Select-Object", { First: ps.num(1) }),
    )),
    ps.ifStatement(
      [
        { condition: ps.isNull(v("listenerLine")), body: [ps.assign(v("state"), ps.str("Missing"))] },
        { condition: ps.binary(v("listenerLine"), "-match", ps.str("\\sListen\\b")), body: [ps.assign(v("state"), ps.str("Listen"))] },
        { condition: ps.binary(v("listenerLine"), "-match", ps.str("\\sDown\\b")), body: [ps.assign(v("state"), ps.str("Down"))] },
      ],
      [noteProblem("State", ps.binary(ps.str("unrecognized qwinsta line "), "+", v("listenerLine")))],
    ),
  ]),
];

/** SelfSignedCertStore is a string; ReadRdpValue keeps the reason when it is unreadable or of another type. */
const certificateBinding: Statement[] = [
  ...nulls("selfSignedStore", "wmiHashType", "wmiHash"),
  ps.assign(v("storeRead"), ps.command("ReadRdpValue", { Path: ps.str(RDP_TCP_KEY), Name: ps.str("SelfSignedCertStore") })),
  noteReadError("SelfSignedCertStore", v("storeRead")),
  ps.ifThen(ps.prop(v("storeRead"), "Present"), [
    ps.ifThen(
      ps.binary(ps.prop(v("storeRead"), "Value"), "-is", ps.typeLiteral("string")),
      [ps.assign(v("selfSignedStore"), ps.prop(v("storeRead"), "Value"))],
      [noteProblem("SelfSignedCertStore", ps.binary(ps.str("wrong type: "), "+", ps.prop(ps.call(ps.prop(v("storeRead"), "Value"), "GetType"), "Name")))],
    ),
  ]),
  ps.assign(v("hashRead"), ps.command("ReadRdpBinary", { Path: ps.str(RDP_TCP_KEY), Name: ps.str("SSLCertificateSHA1Hash") })),
  noteReadError("SSLCertificateSHA1Hash", v("hashRead")),
  guarded("Win32_TSGeneralSetting", [
    ps.assign(v("general"), firstCimInstance("Win32_TSGeneralSetting", { namespace: TERMINAL_SERVICES_NAMESPACE, filter: "TerminalName='RDP-Tcp'" })),
    ps.ifThen(ps.notNull(v("general")), [
      ps.assign(v("wmiHashType"), ps.prop(v("general"), "SSLCertificateSHA1HashType")),
      ps.ifThen(ps.unary("-not", ps.staticCall("string", "IsNullOrEmpty", ps.prop(v("general"), "SSLCertificateSHA1Hash"))), [
        ps.assign(v("wmiHash"), ps.call(ps.prop(v("general"), "SSLCertificateSHA1Hash"), "ToUpperInvariant")),
      ]),
    ]),
  ]),
];

const collector = sectionCollector("Listener", [
  ...keyAndPort,
  ...listenerState,
  ...certificateBinding,
  ps.assign(v("portOwner"), ps.command("ReadRdpPortOwner", { Port: v("port") })),
  ...joinProblems(),
  ps.pipelineStatement(ps.psCustomObject({
    KeyPresent: ps.prop(v("key"), "Present"),
    State: v("state"),
    fEnableWinStation: dword("fEnableWinStation"),
    PortNumber: v("portNumber"),
    SecurityLayer: policyDword("SecurityLayer", 1),
    UserAuthentication: policyDword("UserAuthentication", null),
    MinEncryptionLevel: policyDword("MinEncryptionLevel", null),
    fAllowSecProtocolNegotiation: dword("fAllowSecProtocolNegotiation"),
    MaxInstanceCount: policyDword("MaxInstanceCount", null),
    SelfSignedCertStore: v("selfSignedStore"),
    SslCertificateSha1Hash: ps.prop(v("hashRead"), "Hex"),
    WmiCertificateHashType: v("wmiHashType"),
    WmiCertificateHash: v("wmiHash"),
    PortOwner: v("portOwner"),
    Error: errorText,
  })),
]);

export const listenerFallback: ListenerInfo = {
  KeyPresent: null,
  State: null,
  fEnableWinStation: emptyDword(),
  PortNumber: emptyDword(),
  SecurityLayer: emptyPolicyDword(),
  UserAuthentication: emptyPolicyDword(),
  MinEncryptionLevel: emptyPolicyDword(),
  fAllowSecProtocolNegotiation: emptyDword(),
  MaxInstanceCount: emptyPolicyDword(),
  SelfSignedCertStore: null,
  SslCertificateSha1Hash: null,
  WmiCertificateHashType: null,
  WmiCertificateHash: null,
  // Port is a number in the contract; the default port, with Listening null, says nothing was checked.
  PortOwner: { Port: DEFAULT_RDP_PORT, Listening: null, ProcessId: null, ProcessName: null, ServiceNames: [], Error: null },
  Error: null,
};

export const listenerSection: SnapshotSection = {
  key: "Listener",
  sourceFile: "src/snapshot/collect/listener-section.ts",
  collector,
  fallback: { ...listenerFallback },
};
