/**
 * Licensing section (C12): the RD licensing mode, the configured license servers and the grace period.
 * Keys and values from causes-catalog.md C12 [R17, R18, R19].
 */
import { ps } from "../../ir/index.js";
import type { Expression, Statement } from "../../ir/index.js";
import type { SnapshotSection } from "./section.js";
import { EMPTY_POLICY_DWORD, asArray, commandStop, joinProblems, problems, recordProblem, sectionCollector, startProblems } from "./security-readers.js";

export const TS_POLICY_PATH = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
export const LICENSING_CORE_PATH = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\Licensing Core";
export const SPECIFIED_SERVERS_PATH = "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters\\LicenseServers";
const TS_NAMESPACE = "root\\cimv2\\TerminalServices";

const servers = ps.v("servers");
const read = ps.v("read");

/** `@($value -split ',' | trim | drop empty)`: a comma list or a REG_MULTI_SZ, as clean names. */
const cleanList = (value: Expression): Expression => asArray(ps.pipeline(
  ps.binary(ps.arrayLiteral([ps.paren(ps.pipeline(value))]), "-split", ps.str(",")),
  ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.call(ps.v("_"), "Trim"))]))]),
  ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.v("_"), "-ne", ps.str("")))]))]),
));

const addReadError = (part: string): Statement =>
  ps.ifThen(ps.notNull(ps.prop(read, "Error")), [
    ps.assign(problems, ps.binary(ps.str(`${part}: `), "+", ps.prop(read, "Error")), { operator: "+=" }),
  ]);

/** The LicenseServers policy (REG_SZ, comma-separated) wins; else SpecifiedLicenseServers (REG_MULTI_SZ). */
const readServers: Statement[] = [
  ps.assign(servers, ps.arrayLiteral([])),
  ps.assign(read, ps.command("ReadRdpValue", { Path: ps.str(TS_POLICY_PATH), Name: ps.str("LicenseServers") })),
  addReadError("LicenseServers"),
  ps.ifThen(ps.prop(read, "Present"), [ps.assign(servers, cleanList(ps.prop(read, "Value")))]),
  ps.ifThen(ps.binary(ps.prop(servers, "Count"), "-eq", ps.num(0)), [
    ps.assign(read, ps.command("ReadRdpValue", { Path: ps.str(SPECIFIED_SERVERS_PATH), Name: ps.str("SpecifiedLicenseServers") })),
    addReadError("SpecifiedLicenseServers"),
    ps.ifThen(ps.prop(read, "Present"), [ps.assign(servers, cleanList(ps.prop(read, "Value")))]),
  ]),
];

/**
 * GetGracePeriodDays is an instance method of Win32_TerminalServiceSetting; -Query runs it on the one instance
 * without passing a CimInstance around. It answers only on a Session Host: a non-zero ReturnValue leaves
 * GraceDaysLeft null (unknown) without an error.
 */
const readGraceDays: Statement[] = [
  ps.assign(ps.v("graceDaysLeft"), ps.nil()),
  ps.tryStatement(
    [
      ps.assign(ps.v("grace"), commandStop("Invoke-CimMethod", {
        Namespace: ps.str(TS_NAMESPACE),
        Query: ps.str("SELECT * FROM Win32_TerminalServiceSetting"),
        MethodName: ps.str("GetGracePeriodDays"),
      })),
      ps.ifThen(ps.binary(ps.notNull(ps.v("grace")), "-and", ps.binary(ps.prop(ps.v("grace"), "ReturnValue"), "-eq", ps.num(0))), [
        ps.assign(ps.v("graceDaysLeft"), ps.cast("int", ps.prop(ps.v("grace"), "DaysLeft"))),
      ]),
    ],
    [{ body: [recordProblem("GraceDaysLeft")] }],
  ),
];

const body: Statement[] = [
  startProblems(),
  ps.assign(ps.v("mode"), ps.command("ReadRdpPolicyDword", {
    LocalPath: ps.str(LICENSING_CORE_PATH),
    PolicyPath: ps.str(TS_POLICY_PATH),
    Name: ps.str("LicensingMode"),
    Default: ps.nil(),
  })),
  ...readServers,
  ...readGraceDays,
  ...joinProblems("problem"),
  ps.pipelineStatement(ps.psCustomObject({
    Mode: ps.v("mode"),
    Servers: ps.arrayLiteral([ps.paren(ps.pipeline(servers))]),
    GraceDaysLeft: ps.v("graceDaysLeft"),
    Error: ps.v("problem"),
  })),
];

export const licensingSection: SnapshotSection = {
  key: "Licensing",
  sourceFile: "src/snapshot/collect/licensing-section.ts",
  collector: sectionCollector("Licensing", body),
  fallback: { Mode: { ...EMPTY_POLICY_DWORD }, Servers: [], GraceDaysLeft: null, Error: null },
};
