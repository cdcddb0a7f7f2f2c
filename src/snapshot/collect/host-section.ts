/**
 * Host: OS, elevation, domain membership, RDS roles, and the setup and FIPS switches (HostInfo in
 * src/snapshot/types.ts). Every read works on both Server and client SKUs or ends as null with a reason.
 */
import { ps } from "../../ir/index.js";
import type { Statement } from "../../ir/index.js";
import type { HostInfo } from "../types.js";
import type { SnapshotSection } from "./section.js";
import {
  emptyDword, errorText, firstCimInstance, guarded, joinProblems, noteProblem, nulls, sectionCollector, stop,
} from "./system-build.js";
import { FIPS_KEY, SETUP_KEY, TERMINAL_SERVICES_NAMESPACE } from "./system-paths.js";

const v = ps.v;
const dword = (path: string, name: string) => ps.paren(ps.command("ReadRdpDword", { Path: ps.str(path), Name: ps.str(name) }));
const security = (type: string) => `System.Security.Principal.${type}`;

const operatingSystem: Statement[] = [
  ...nulls("osVersion", "osCaption", "productType"),
  guarded("Win32_OperatingSystem", [
    ps.assign(v("os"), firstCimInstance("Win32_OperatingSystem")),
    ps.assign(v("osVersion"), ps.prop(v("os"), "Version")),
    ps.comment("Some releases pad Caption with a trailing space."),
    ps.assign(v("osCaption"), ps.call(ps.cast("string", ps.prop(v("os"), "Caption")), "Trim")),
    ps.switchStatement(ps.prop(v("os"), "ProductType"), [
      { pattern: ps.num(1), body: [ps.assign(v("productType"), ps.str("Workstation"))] },
      { pattern: ps.num(2), body: [ps.assign(v("productType"), ps.str("DomainController"))] },
      { pattern: ps.num(3), body: [ps.assign(v("productType"), ps.str("Server"))] },
    ]),
  ]),
];

const elevation: Statement[] = [
  ps.assign(v("isElevated"), ps.bool(false)),
  guarded("IsElevated", [
    ps.assign(v("identity"), ps.staticCall(security("WindowsIdentity"), "GetCurrent")),
    ps.assign(v("principal"), ps.command("New-Object", { TypeName: ps.str(security("WindowsPrincipal")), ArgumentList: v("identity") })),
    ps.assign(v("isElevated"), ps.call(v("principal"), "IsInRole", ps.staticProp(security("WindowsBuiltInRole"), "Administrator"))),
  ]),
];

const domain: Statement[] = [
  ...nulls("partOfDomain", "secureChannelOk"),
  guarded("Win32_ComputerSystem", [
    ps.assign(v("partOfDomain"), ps.prop(firstCimInstance("Win32_ComputerSystem"), "PartOfDomain")),
  ]),
  ps.comment("Test-ComputerSecureChannel exists only in Windows PowerShell; PowerShell 7 leaves SecureChannelOk untested."),
  ps.ifThen(ps.binary(ps.binary(v("partOfDomain"), "-eq", ps.bool(true)), "-and", ps.paren(ps.command("Get-Command", {
    Name: ps.str("Test-ComputerSecureChannel"), ErrorAction: ps.str("SilentlyContinue"),
  }))), [
    guarded("Test-ComputerSecureChannel", [ps.assign(v("secureChannelOk"), ps.command("Test-ComputerSecureChannel", stop))]),
  ]),
];

/**
 * Roles, without Get-WindowsFeature (Server only, and slow): Win32_TerminalServiceSetting.TerminalServerMode is 1
 * (AppServer) exactly when the RD Session Host role service is installed (learn.microsoft.com/windows/win32/
 * termserv/win32-terminalservicesetting), and the Tssdis service ("Remote Desktop Connection Broker") exists only
 * with the RD Connection Broker role service.
 */
const roles: Statement[] = [
  ...nulls("isSessionHost", "isConnectionBroker"),
  guarded("Win32_TerminalServiceSetting", [
    ps.assign(v("tsSetting"), firstCimInstance("Win32_TerminalServiceSetting", { namespace: TERMINAL_SERVICES_NAMESPACE })),
    ps.ifThen(ps.binary(ps.nil(), "-ne", v("tsSetting")), [
      ps.assign(v("isSessionHost"), ps.binary(ps.prop(v("tsSetting"), "TerminalServerMode"), "-eq", ps.num(1))),
    ]),
  ]),
  ps.assign(v("broker"), ps.command("ReadRdpService", { Name: ps.str("Tssdis") })),
  ps.ifStatement([
    { condition: ps.binary(ps.prop(v("broker"), "Status"), "-eq", ps.str("Missing")), body: [ps.assign(v("isConnectionBroker"), ps.bool(false))] },
    { condition: ps.binary(ps.prop(v("broker"), "Status"), "-ne", ps.str("Unknown")), body: [ps.assign(v("isConnectionBroker"), ps.bool(true))] },
  ], [noteProblem("Tssdis", ps.prop(v("broker"), "Error"))]),
];

const collector = sectionCollector("Host", [
  ...operatingSystem,
  ...elevation,
  ...domain,
  ...roles,
  ...joinProblems(),
  ps.pipelineStatement(ps.psCustomObject({
    OSVersion: v("osVersion"),
    OSCaption: v("osCaption"),
    ProductType: v("productType"),
    IsElevated: v("isElevated"),
    PSVersion: ps.call(ps.prop(ps.variable("PSVersionTable"), "PSVersion"), "ToString"),
    PartOfDomain: v("partOfDomain"),
    SecureChannelOk: v("secureChannelOk"),
    IsConnectionBroker: v("isConnectionBroker"),
    IsSessionHost: v("isSessionHost"),
    SystemSetupInProgress: dword(SETUP_KEY, "SystemSetupInProgress"),
    OobeInProgress: dword(SETUP_KEY, "OOBEInProgress"),
    FipsAlgorithmPolicy: dword(FIPS_KEY, "Enabled"),
    Error: errorText,
  })),
]);

/** Typed as HostInfo so it stays schema-valid: IsElevated false (not shown to be elevated), PSVersion "" (unknown). */
export const hostFallback: HostInfo = {
  OSVersion: null,
  OSCaption: null,
  ProductType: null,
  IsElevated: false,
  PSVersion: "",
  PartOfDomain: null,
  SecureChannelOk: null,
  IsConnectionBroker: null,
  IsSessionHost: null,
  SystemSetupInProgress: emptyDword(),
  OobeInProgress: emptyDword(),
  FipsAlgorithmPolicy: emptyDword(),
  Error: null,
};

export const hostSection: SnapshotSection = {
  key: "Host",
  sourceFile: "src/snapshot/collect/host-section.ts",
  collector,
  fallback: { ...hostFallback },
};
