/**
 * Client section (C13, C15): state on the computer that runs mstsc. The MSLicensing store, the UDP and RD Gateway
 * transport switches, and the names of saved TERMSRV/* credentials (causes-catalog.md C13, C15; section 3 item 2).
 */
import { ps } from "../../ir/index.js";
import type { Statement } from "../../ir/index.js";
import type { SnapshotSection } from "./section.js";
import {
  EMPTY_DWORD, EMPTY_POLICY_DWORD, commandStop, formatError, joinProblems, problems, recordProblem, sectionCollector, startProblems,
} from "./security-readers.js";

export const MSLICENSING_PATH = "HKLM:\\SOFTWARE\\Microsoft\\MSLicensing";
export const CLIENT_POLICY_PATH = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client";
export const TS_CLIENT_USER_PATH = "HKCU:\\Software\\Microsoft\\Terminal Server Client";

const v = ps.v;
const isAccessDenied = ps.binary(v("reason"), "-eq", ps.str("access denied"));

/**
 * Present/Readable/StoreCount. Opening the key is the test: access denied means it exists but this account
 * cannot read it, which is what stops mstsc from storing a license (ext 267, causes-catalog.md 1b).
 */
const readMsLicensing: Statement[] = [
  ps.assign(v("licensingPresent"), ps.nil()),
  ps.assign(v("licensingReadable"), ps.nil()),
  ps.assign(v("licensingCount"), ps.nil()),
  ps.tryStatement(
    [
      ps.pipelineStatement(ps.pipeline(commandStop("Get-Item", { LiteralPath: ps.str(MSLICENSING_PATH) }), ps.command("Out-Null"))),
      ps.assign(v("licensingPresent"), ps.bool(true)),
      ps.assign(v("licensingReadable"), ps.bool(true)),
      ps.tryStatement(
        [
          ps.assign(v("licenses"), ps.arrayLiteral([ps.paren(ps.pipeline(
            commandStop("Get-ChildItem", { LiteralPath: ps.str(`${MSLICENSING_PATH}\\Store`) }),
            ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.prop(v("_"), "PSChildName"), "-like", ps.str("LICENSE*")))]))]),
          ))])),
          ps.assign(v("licensingCount"), ps.prop(v("licenses"), "Count")),
        ],
        [
          { types: ["System.Management.Automation.ItemNotFoundException"], body: [ps.comment("No Store key yet: no license stored."), ps.assign(v("licensingCount"), ps.num(0))] },
          {
            body: [
              ps.assign(v("reason"), formatError()),
              ps.ifThen(isAccessDenied, [ps.assign(v("licensingReadable"), ps.bool(false))], [
                ps.assign(problems, ps.binary(ps.str("MSLicensing Store: "), "+", v("reason")), { operator: "+=" }),
              ]),
            ],
          },
        ],
      ),
    ],
    [
      { types: ["System.Management.Automation.ItemNotFoundException"], body: [ps.assign(v("licensingPresent"), ps.bool(false))] },
      {
        body: [
          ps.assign(v("reason"), formatError()),
          ps.ifThen(isAccessDenied, [ps.assign(v("licensingPresent"), ps.bool(true)), ps.assign(v("licensingReadable"), ps.bool(false))], [
            ps.assign(problems, ps.binary(ps.str("MSLicensing: "), "+", v("reason")), { operator: "+=" }),
          ]),
        ],
      },
    ],
  ),
];

/**
 * fClientDisableUDP exists only as a policy ("Turn Off UDP On Client"), so ReadRdpPolicyDword, which needs a
 * local path, does not fit: the PolicyDword is built here with Local null and the Windows default 0 (UDP on).
 */
const readClientDisableUdp: Statement[] = [
  ps.assign(v("udpPolicy"), ps.command("ReadRdpDword", { Path: ps.str(CLIENT_POLICY_PATH), Name: ps.str("fClientDisableUDP") })),
  ps.ifStatement(
    [
      { condition: ps.notNull(ps.prop(v("udpPolicy"), "Value")), body: [ps.assign(v("udpEffective"), ps.prop(v("udpPolicy"), "Value")), ps.assign(v("udpSource"), ps.str("Policy"))] },
      { condition: ps.notNull(ps.prop(v("udpPolicy"), "Error")), body: [ps.assign(v("udpEffective"), ps.nil()), ps.assign(v("udpSource"), ps.str("Unknown"))] },
    ],
    [ps.assign(v("udpEffective"), ps.num(0)), ps.assign(v("udpSource"), ps.str("Default"))],
  ),
  ps.assign(v("clientDisableUdp"), ps.psCustomObject({
    Local: ps.nil(),
    Policy: ps.prop(v("udpPolicy"), "Value"),
    Effective: v("udpEffective"),
    Source: v("udpSource"),
    Error: ps.prop(v("udpPolicy"), "Error"),
  })),
];

/**
 * cmdkey prints "Target: <type>:target=TERMSRV/<host>" lines; the labels are localized but "target=" and
 * "TERMSRV/" are not. Only the target name is kept: never the user name line, never a secret.
 */
const readCredentialTargets: Statement[] = [
  ps.assign(v("targets"), ps.arrayLiteral([])),
  ps.tryStatement(
    [
      ps.assign(v("listing"), ps.arrayLiteral([ps.paren(ps.command("cmdkey.exe", [ps.positionalArg(ps.str("/list"))]))])),
      ps.foreachStatement("line", v("listing"), [
        ps.ifThen(ps.binary(ps.cast("string", v("line")), "-match", ps.str("target=(TERMSRV/[^\\s]+)")), [
          ps.assign(v("target"), ps.indexExpression(v("Matches"), ps.num(1))),
          ps.ifThen(ps.binary(v("targets"), "-notcontains", v("target")), [ps.assign(v("targets"), v("target"), { operator: "+=" })]),
        ]),
      ]),
    ],
    [{ body: [recordProblem("CredentialTargets")] }],
  ),
];

const body: Statement[] = [
  startProblems(),
  ...readMsLicensing,
  ...readClientDisableUdp,
  ps.assign(v("rdgClientTransport"), ps.command("ReadRdpDword", { Path: ps.str(TS_CLIENT_USER_PATH), Name: ps.str("RDGClientTransport") })),
  ...readCredentialTargets,
  ...joinProblems("problem"),
  ps.pipelineStatement(ps.psCustomObject({
    MsLicensingPresent: v("licensingPresent"),
    MsLicensingReadable: v("licensingReadable"),
    MsLicensingStoreCount: v("licensingCount"),
    ClientDisableUdp: v("clientDisableUdp"),
    RdgClientTransport: v("rdgClientTransport"),
    CredentialTargets: ps.arrayLiteral([ps.paren(ps.pipeline(v("targets")))]),
    Error: v("problem"),
  })),
];

export const clientSection: SnapshotSection = {
  key: "Client",
  sourceFile: "src/snapshot/collect/client-section.ts",
  collector: sectionCollector("Client", body),
  fallback: {
    MsLicensingPresent: null,
    MsLicensingReadable: null,
    MsLicensingStoreCount: null,
    ClientDisableUdp: { ...EMPTY_POLICY_DWORD },
    RdgClientTransport: { ...EMPTY_DWORD },
    CredentialTargets: [],
    Error: null,
  },
};
