/**
 * Certificates section (C05, C06, C07): the "Remote Desktop" and "My" machine stores, each certificate's private
 * key file and its ACL, and the MachineKeys folder ACL and owner. ACLs are read by SID only: account names are
 * localized (causes-catalog.md section 3, pitfall 4; C06 [R15]).
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../ir/index.js";
import type { SnapshotSection } from "./section.js";
import { asArray, commandStop, formatError, guardedRead, sectionCollector } from "./security-readers.js";

export const REMOTE_DESKTOP_STORE = "Cert:\\LocalMachine\\Remote Desktop";
export const MY_STORE = "Cert:\\LocalMachine\\My";
export const PROFILE_LIST_PATH = "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";
/** CAPI keys live under RSA\MachineKeys, CNG keys under Keys (both below %ProgramData%\Microsoft\Crypto). */
export const KEY_FOLDERS = ["\\Microsoft\\Crypto\\RSA\\MachineKeys", "\\Microsoft\\Crypto\\Keys"] as const;
const SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1";
const EKU_EXTENSION_OID = "2.5.29.37";

const v = ps.v;
const cert = v("Certificate");
const utc = (date: Expression): Expression => ps.call(ps.call(date, "ToUniversalTime"), "ToString", ps.str("o"));
const sid = ps.typeLiteral("System.Security.Principal.SecurityIdentifier");

/**
 * The key's container name: RSACng exposes Key.UniqueName, RSACryptoServiceProvider CspKeyContainerInfo. Read
 * by property rather than by type, so the code also runs where one of the two types is not loaded.
 */
const readContainerName: Statement[] = [
  ps.ifThen(ps.binary(ps.nil(), "-ne", ps.prop(v("key"), "Key")), [ps.assign(v("containerName"), ps.prop(v("key"), "Key", "UniqueName"))], [
    ps.ifThen(ps.binary(ps.nil(), "-ne", ps.prop(v("key"), "CspKeyContainerInfo")), [
      ps.assign(v("containerName"), ps.prop(v("key"), "CspKeyContainerInfo", "UniqueKeyContainerName")),
    ]),
  ]),
];

/** Opens the private key (the test of PrivateKeyReadable), then finds its file and reads that file's ACL. */
const readPrivateKey: Statement[] = [
  ps.assign(v("containerName"), ps.nil()),
  ps.tryStatement(
    [
      ps.assign(v("key"), ps.staticCall("System.Security.Cryptography.X509Certificates.RSACertificateExtensions", "GetRSAPrivateKey", cert)),
      ps.ifThen(ps.binary(ps.nil(), "-eq", v("key")), [ps.assign(v("keyError"), ps.str("not an RSA key"))], [
        ps.assign(v("readable"), ps.bool(true)),
        ps.tryStatement([...readContainerName], [{ body: [ps.assign(v("keyError"), formatError())] }]),
      ]),
    ],
    [{ body: [ps.assign(v("readable"), ps.bool(false)), ps.assign(v("keyError"), formatError())] }],
  ),
  ps.ifThen(ps.unary("-not", ps.staticCall("string", "IsNullOrEmpty", v("containerName"))), [
    ps.assign(v("keyPath"), ps.nil()),
    ps.foreachStatement("folder", v("KeyFolders"), [
      ps.comment("String concatenation, not Join-Path: Join-Path resolves the drive, which a mocked test host may lack."),
      ps.assign(v("candidate"), ps.chain("+", [v("folder"), ps.str("\\"), v("containerName")])),
      ps.ifThen(ps.command("Test-Path", { LiteralPath: v("candidate"), PathType: ps.str("Leaf") }), [
        ps.assign(v("keyPath"), v("candidate")),
        ps.breakStatement(),
      ]),
    ]),
    ps.ifThen(ps.binary(ps.nil(), "-eq", v("keyPath")), [ps.assign(v("keyError"), ps.str("key file not found"))], [
      ps.assign(v("keyFile"), v("containerName")),
      ps.tryStatement(
        [ps.assign(v("keyAcl"), asArray(ps.command("ReadRdpAccessRules", { Acl: ps.paren(commandStop("Get-Acl", { LiteralPath: v("keyPath") })) })))],
        [{ body: [ps.assign(v("keyError"), formatError())] }],
      ),
    ]),
  ]),
];

/** ConvertRdpCertificate: one CertificateInfo. Defined inside the section so it travels with it. */
const convertCertificate: FunctionDefinition = ps.functionDefinition({
  name: "ConvertRdpCertificate",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [ps.parameter("Certificate", { type: "object", mandatory: true }), ps.parameter("KeyFolders", { type: "string[]", mandatory: true })],
  end: [
    ps.comment("An empty EKU list means any purpose; read from Extensions, which exists without the PKI type data."),
    ps.assign(v("usages"), asArray(ps.pipeline(
      ps.arrayLiteral([ps.paren(ps.pipeline(ps.prop(cert, "Extensions")))]),
      ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.prop(v("_"), "Oid", "Value"), "-eq", ps.str(EKU_EXTENSION_OID)))]))]),
      ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.pipeline(
        ps.arrayLiteral([ps.paren(ps.pipeline(ps.prop(v("_"), "EnhancedKeyUsages")))]),
        ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.prop(v("_"), "Value"))]))]),
      ))]))]),
    ))),
    ps.assign(v("readable"), ps.nil()),
    ps.assign(v("keyFile"), ps.nil()),
    ps.assign(v("keyAcl"), ps.arrayLiteral([])),
    ps.assign(v("keyError"), ps.nil()),
    ps.ifThen(ps.prop(cert, "HasPrivateKey"), readPrivateKey),
    ps.pipelineStatement(ps.psCustomObject({
      Thumbprint: ps.prop(cert, "Thumbprint"),
      Subject: ps.prop(cert, "Subject"),
      Issuer: ps.prop(cert, "Issuer"),
      NotBefore: utc(ps.prop(cert, "NotBefore")),
      NotAfter: utc(ps.prop(cert, "NotAfter")),
      HasPrivateKey: ps.cast("bool", ps.prop(cert, "HasPrivateKey")),
      PrivateKeyReadable: v("readable"),
      ServerAuthentication: ps.binary(ps.binary(ps.prop(v("usages"), "Count"), "-eq", ps.num(0)), "-or", ps.binary(v("usages"), "-contains", ps.str(SERVER_AUTH_OID))),
      SelfSigned: ps.binary(ps.prop(cert, "Subject"), "-eq", ps.prop(cert, "Issuer")),
      KeyFile: v("keyFile"),
      KeyAcl: ps.arrayLiteral([ps.paren(ps.pipeline(v("keyAcl")))]),
      KeyError: v("keyError"),
    })),
  ],
});

/** One store: `$<name>` gets the certificates, `$<name>Error` the reason; a missing store is an empty list. */
function readStore(name: string, path: string, privateKeyOnly: boolean): Statement[] {
  const items: Expression = privateKeyOnly
    ? asArray(ps.pipeline(
      commandStop("Get-ChildItem", { Path: ps.str(path) }),
      ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.prop(v("_"), "HasPrivateKey"))]))]),
    ))
    : asArray(commandStop("Get-ChildItem", { Path: ps.str(path) }));
  return [
    ps.assign(v(name), ps.arrayLiteral([])),
    ps.assign(v(`${name}Error`), ps.nil()),
    guardedRead(
      [ps.foreachStatement("item", items, [
        ps.assign(v(name), ps.command("ConvertRdpCertificate", { Certificate: v("item"), KeyFolders: v("keyFolders") }), { operator: "+=" }),
      ])],
      [ps.assign(v(`${name}Error`), formatError())],
    ),
  ];
}

const machineKeys = v("machineKeysPath");
const body: Statement[] = [
  convertCertificate,
  ps.assign(v("programData"), ps.variable("ProgramData", "env")),
  ps.assign(v("keyFolders"), ps.arrayLiteral(KEY_FOLDERS.map((f) => ps.binary(v("programData"), "+", ps.str(f))))),
  ps.assign(machineKeys, ps.indexExpression(v("keyFolders"), ps.num(0))),
  ...readStore("remoteDesktop", REMOTE_DESKTOP_STORE, false),
  ...readStore("my", MY_STORE, true),
  ps.assign(v("machineKeysAcl"), ps.arrayLiteral([])),
  ps.assign(v("machineKeysOwner"), ps.nil()),
  ps.assign(v("machineKeysError"), ps.nil()),
  guardedRead(
    [
      ps.assign(v("acl"), commandStop("Get-Acl", { LiteralPath: machineKeys })),
      ps.assign(v("machineKeysAcl"), asArray(ps.command("ReadRdpAccessRules", { Acl: v("acl") }))),
      ps.assign(v("machineKeysOwner"), ps.prop(ps.call(v("acl"), "GetOwner", sid), "Value")),
    ],
    [ps.assign(v("machineKeysError"), formatError())],
  ),
  ps.comment("Unexpanded on purpose: the healthy value is the literal %SystemDrive%\\ProgramData (C05)."),
  ps.assign(v("programDataPath"), ps.nil()),
  guardedRead(
    [
      ps.assign(v("profileList"), commandStop("Get-Item", { LiteralPath: ps.str(PROFILE_LIST_PATH) })),
      ps.assign(v("rawPath"), ps.call(v("profileList"), "GetValue", ps.str("ProgramData"), ps.nil(), ps.str("DoNotExpandEnvironmentNames"))),
      ps.ifThen(ps.binary(v("rawPath"), "-is", ps.typeLiteral("string")), [ps.assign(v("programDataPath"), v("rawPath"))]),
    ],
    [ps.comment("CertificatesInfo has no field for this error; ProgramDataPath stays null (unknown).")],
  ),
  ps.pipelineStatement(ps.psCustomObject({
    RemoteDesktop: ps.arrayLiteral([ps.paren(ps.pipeline(v("remoteDesktop")))]),
    RemoteDesktopError: v("remoteDesktopError"),
    My: ps.arrayLiteral([ps.paren(ps.pipeline(v("my")))]),
    MyError: v("myError"),
    MachineKeysAcl: ps.arrayLiteral([ps.paren(ps.pipeline(v("machineKeysAcl")))]),
    MachineKeysOwner: v("machineKeysOwner"),
    MachineKeysError: v("machineKeysError"),
    ProgramDataPath: v("programDataPath"),
  })),
];

/**
 * CertificatesInfo has no Error property: when the whole section fails, the three error fields say so (with the
 * caught message, see errorFields) instead of claiming that the stores are empty and healthy.
 */
export const SECTION_FAILED = "certificate collector failed";

export const certificatesSection: SnapshotSection = {
  key: "Certificates",
  sourceFile: "src/snapshot/collect/certificates-section.ts",
  collector: sectionCollector("Certificates", body),
  fallback: {
    RemoteDesktop: [],
    RemoteDesktopError: SECTION_FAILED,
    My: [],
    MyError: SECTION_FAILED,
    MachineKeysAcl: [],
    MachineKeysOwner: null,
    MachineKeysError: SECTION_FAILED,
    ProgramDataPath: null,
  },
  errorFields: ["RemoteDesktopError", "MyError", "MachineKeysError"],
};
