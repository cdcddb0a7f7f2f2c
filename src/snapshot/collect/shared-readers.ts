/**
 * Readers every section shares, as private helpers defined inside Get-RdpDiagnosticSnapshot. They turn the three
 * ways a read can fail into values instead of errors: absent (null, no error), access denied ("access denied"),
 * and a value of the wrong type ("wrong type: String"). Registry reads go through Get-ItemProperty so Pester can
 * mock them off Windows.
 */
import { ps } from "../../ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../ir/index.js";
import { SYSTEM_READERS } from "./system-readers.js";
import { readRdpPortOwner } from "./system-port-owner.js";

const { stopOnError: stop } = ps;
const param = (name: string, type: string, mandatory = true) => ps.parameter(name, { type, mandatory });
const result = ps.v("result");
const set = (key: string, value: Expression): Statement => ps.assign(ps.indexExpression(result, ps.str(key)), value);

/** FormatRdpError: "access denied" for the two access exceptions, else the exception message. */
export const formatRdpError: FunctionDefinition = ps.functionDefinition({
  name: "FormatRdpError",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["string"],
  parameters: [param("ErrorRecord", "System.Management.Automation.ErrorRecord")],
  end: [
    ps.assign(ps.v("exception"), ps.prop(ps.v("ErrorRecord"), "Exception")),
    ps.ifThen(
      ps.binary(
        ps.binary(ps.v("exception"), "-is", ps.typeLiteral("System.UnauthorizedAccessException")),
        "-or",
        ps.binary(ps.v("exception"), "-is", ps.typeLiteral("System.Security.SecurityException")),
      ),
      [ps.returnStatement(ps.str("access denied"))],
    ),
    ps.returnStatement(ps.prop(ps.v("exception"), "Message")),
  ],
});

/**
 * ReadRdpValue: `@{ Present; Value; Error }` for one registry value. A missing key or value is Present = $false
 * with no error; anything else that fails is Error.
 */
export const readRdpValue: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpValue",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Collections.Hashtable"],
  parameters: [param("Path", "string"), param("Name", "string")],
  end: [
    ps.assign(result, ps.hashtable({ Present: ps.bool(false), Value: ps.nil(), Error: ps.nil() })),
    ps.tryStatement(
      [
        ps.assign(ps.v("item"), ps.command("Get-ItemProperty", { LiteralPath: ps.v("Path"), ...stop })),
        ps.assign(ps.v("property"), ps.indexExpression(ps.prop(ps.v("item"), "PSObject", "Properties"), ps.v("Name"))),
        ps.ifThen(ps.binary(ps.nil(), "-ne", ps.v("property")), [
          set("Present", ps.bool(true)),
          set("Value", ps.prop(ps.v("property"), "Value")),
        ]),
      ],
      [
        { types: ["System.Management.Automation.ItemNotFoundException"], body: [ps.comment("An absent key is a fact, not an error.")] },
        { body: [ps.assign(ps.indexExpression(result, ps.str("Error")), ps.command("FormatRdpError", { ErrorRecord: ps.v("_") }))] },
      ],
    ),
    ps.returnStatement(result),
  ],
});

/**
 * ReadRdpDword: a DwordValue, `[pscustomobject]@{ Value; Error }`, read as unsigned (0..4294967295); a
 * non-integer value is "wrong type: <type>".
 */
export const readRdpDword: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpDword",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [param("Path", "string"), param("Name", "string")],
  end: [
    ps.assign(ps.v("read"), ps.command("ReadRdpValue", { Path: ps.v("Path"), Name: ps.v("Name") })),
    ps.assign(ps.v("value"), ps.nil()),
    ps.assign(ps.v("problem"), ps.prop(ps.v("read"), "Error")),
    ps.ifThen(ps.prop(ps.v("read"), "Present"), [
      ps.ifThen(
        ps.binary(ps.prop(ps.v("read"), "Value"), "-is", ps.typeLiteral("int")),
        [
          ps.assign(ps.v("value"), ps.prop(ps.v("read"), "Value")),
          ps.comment("REG_DWORD reads back as a signed Int32, so 0xFFFFFFFF (MaxInstanceCount: no limit) would be -1."),
          ps.ifThen(ps.binary(ps.v("value"), "-lt", ps.num(0)), [ps.assign(ps.v("value"), ps.binary(ps.v("value"), "+", ps.num(4294967296)))]),
        ],
        [ps.assign(ps.v("problem"), ps.binary(ps.str("wrong type: "), "+", ps.prop(ps.call(ps.prop(ps.v("read"), "Value"), "GetType"), "Name")))],
      ),
    ]),
    ps.pipelineStatement(ps.psCustomObject({ Value: ps.v("value"), Error: ps.v("problem") })),
  ],
});

/**
 * ReadRdpPolicyDword: a PolicyDword. The value under HKLM\SOFTWARE\Policies wins whenever present; else the
 * local value; else `$Default` (which may be $null when Windows documents none). Without -LocalPath the setting
 * exists only as a policy (CredSSP AllowEncryptionOracle), and Local stays $null.
 */
export const readRdpPolicyDword: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpPolicyDword",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [param("LocalPath", "string", false), param("PolicyPath", "string"), param("Name", "string"), ps.parameter("Default", { type: "object" })],
  end: [
    ps.assign(ps.v("local"), ps.psCustomObject({ Value: ps.nil(), Error: ps.nil() })),
    ps.ifThen(ps.v("LocalPath"), [
      ps.assign(ps.v("local"), ps.command("ReadRdpDword", { Path: ps.v("LocalPath"), Name: ps.v("Name") })),
    ]),
    ps.assign(ps.v("policy"), ps.command("ReadRdpDword", { Path: ps.v("PolicyPath"), Name: ps.v("Name") })),
    ps.assign(ps.v("problems"), ps.arrayLiteral([ps.paren(ps.pipeline(
      ps.arrayLiteral([ps.prop(ps.v("policy"), "Error"), ps.prop(ps.v("local"), "Error")]),
      ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.nil(), "-ne", ps.v("_")))]))]),
    ))])),
    ps.ifStatement(
      [
        { condition: ps.binary(ps.nil(), "-ne", ps.prop(ps.v("policy"), "Value")), body: [ps.assign(ps.v("effective"), ps.prop(ps.v("policy"), "Value")), ps.assign(ps.v("source"), ps.str("Policy"))] },
        { condition: ps.binary(ps.prop(ps.v("problems"), "Count"), "-gt", ps.num(0)), body: [ps.assign(ps.v("effective"), ps.nil()), ps.assign(ps.v("source"), ps.str("Unknown"))] },
        { condition: ps.binary(ps.nil(), "-ne", ps.prop(ps.v("local"), "Value")), body: [ps.assign(ps.v("effective"), ps.prop(ps.v("local"), "Value")), ps.assign(ps.v("source"), ps.str("Local"))] },
      ],
      [ps.assign(ps.v("effective"), ps.v("Default")), ps.assign(ps.v("source"), ps.str("Default"))],
    ),
    ps.assign(ps.v("problem"), ps.nil()),
    ps.ifThen(ps.binary(ps.prop(ps.v("problems"), "Count"), "-gt", ps.num(0)), [
      ps.assign(ps.v("problem"), ps.binary(ps.v("problems"), "-join", ps.str("; "))),
    ]),
    ps.pipelineStatement(ps.psCustomObject({
      Local: ps.prop(ps.v("local"), "Value"),
      Policy: ps.prop(ps.v("policy"), "Value"),
      Effective: ps.v("effective"),
      Source: ps.v("source"),
      Error: ps.v("problem"),
    })),
  ],
});

/** ReadRdpString: the value as a string, or $null when absent, unreadable or not a string. */
export const readRdpString: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpString",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["string"],
  parameters: [param("Path", "string"), param("Name", "string")],
  end: [
    ps.assign(ps.v("read"), ps.command("ReadRdpValue", { Path: ps.v("Path"), Name: ps.v("Name") })),
    ps.ifThen(ps.binary(ps.prop(ps.v("read"), "Value"), "-is", ps.typeLiteral("string")), [ps.returnStatement(ps.prop(ps.v("read"), "Value"))]),
    ps.returnStatement(ps.nil()),
  ],
});

/**
 * ReadRdpAccessRules: the explicit and inherited rules of a file or folder ACL as AccessRule objects, by SID.
 * GetAccessRules with the SecurityIdentifier type never translates to localized account names.
 */
export const readRdpAccessRules: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpAccessRules",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [param("Acl", "object")],
  end: [
    ps.assign(ps.v("rules"), ps.call(ps.v("Acl"), "GetAccessRules", ps.bool(true), ps.bool(true), ps.typeLiteral("System.Security.Principal.SecurityIdentifier"))),
    ps.foreachStatement("rule", ps.v("rules"), [
      ps.pipelineStatement(ps.psCustomObject({
        Sid: ps.prop(ps.v("rule"), "IdentityReference", "Value"),
        Rights: ps.call(ps.prop(ps.v("rule"), "FileSystemRights"), "ToString"),
        Type: ps.call(ps.prop(ps.v("rule"), "AccessControlType"), "ToString"),
        Inherits: ps.binary(ps.call(ps.prop(ps.v("rule"), "InheritanceFlags"), "ToString"), "-ne", ps.str("None")),
      })),
    ]),
  ],
});

/** All shared readers, in the order they are defined in the collector. */
export const SHARED_READERS: readonly FunctionDefinition[] = [
  formatRdpError, readRdpValue, readRdpDword, readRdpPolicyDword, readRdpString, readRdpAccessRules,
  ...SYSTEM_READERS, readRdpPortOwner,
];
