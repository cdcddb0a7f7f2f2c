/**
 * Schannel section (C08): the SCHANNEL protocol switches that exist, and the "SSL Cipher Suite Order" policy.
 * An absent protocol key means the OS default, so only keys that exist are listed (causes-catalog.md C08).
 */
import { ps } from "../../ir/index.js";
import type { Statement } from "../../ir/index.js";
import type { SnapshotSection } from "./section.js";
import { asArray, commandStop, formatError, guardedRead, joinProblems, sectionCollector, startProblems } from "./security-readers.js";

export const SCHANNEL_PROTOCOLS_PATH = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols";
export const CIPHER_SUITE_POLICY_PATH = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";
export const SCHANNEL_PROTOCOL_NAMES = ["SSL 3.0", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"] as const;
const ROLES = ["Server", "Client"] as const;

const path = ps.v("path");
const dword = (name: string) => ps.command("ReadRdpDword", { Path: path, Name: ps.str(name) });

/** One protocol/role key: listed only when Get-Item finds it; value read errors go to the section Error. */
const readProtocolKeys: Statement[] = [
  ps.assign(ps.v("protocols"), ps.arrayLiteral([])),
  ps.foreachStatement("protocol", ps.strings(SCHANNEL_PROTOCOL_NAMES), [
    ps.foreachStatement("role", ps.strings(ROLES), [
      ps.assign(path, ps.chain("+", [ps.str(`${SCHANNEL_PROTOCOLS_PATH}\\`), ps.v("protocol"), ps.str("\\"), ps.v("role")])),
      guardedRead(
        [
          ps.pipelineStatement(ps.pipeline(commandStop("Get-Item", { LiteralPath: path }), ps.command("Out-Null"))),
          ps.assign(ps.v("enabled"), dword("Enabled")),
          ps.assign(ps.v("disabledByDefault"), dword("DisabledByDefault")),
          ps.foreachStatement("read", ps.arrayLiteral([ps.v("enabled"), ps.v("disabledByDefault")]), [
            ps.ifThen(ps.binary(ps.nil(), "-ne", ps.prop(ps.v("read"), "Error")), [
              ps.assign(ps.v("problems"), ps.chain("+", [ps.v("protocol"), ps.str(" "), ps.v("role"), ps.str(": "), ps.prop(ps.v("read"), "Error")]), { operator: "+=" }),
            ]),
          ]),
          ps.assign(ps.v("protocols"), ps.psCustomObject({
            Protocol: ps.v("protocol"),
            Role: ps.v("role"),
            Enabled: ps.prop(ps.v("enabled"), "Value"),
            DisabledByDefault: ps.prop(ps.v("disabledByDefault"), "Value"),
          }), { operator: "+=" }),
        ],
        [ps.assign(ps.v("problems"), ps.chain("+", [ps.v("protocol"), ps.str(" "), ps.v("role"), ps.str(": "), formatError()]), { operator: "+=" })],
      ),
    ]),
  ]),
];

/** Functions is REG_SZ with comma-separated names; some tools write REG_MULTI_SZ, so both are accepted. */
const readCipherSuitePolicy: Statement[] = [
  ps.assign(ps.v("cipherSuitePolicy"), ps.nil()),
  ps.assign(ps.v("functions"), ps.command("ReadRdpValue", { Path: ps.str(CIPHER_SUITE_POLICY_PATH), Name: ps.str("Functions") })),
  ps.ifThen(ps.binary(ps.nil(), "-ne", ps.prop(ps.v("functions"), "Error")), [
    ps.assign(ps.v("problems"), ps.binary(ps.str("CipherSuitePolicy: "), "+", ps.prop(ps.v("functions"), "Error")), { operator: "+=" }),
  ]),
  ps.ifThen(ps.prop(ps.v("functions"), "Present"), [
    ps.assign(ps.v("cipherSuitePolicy"), asArray(ps.pipeline(
      ps.binary(ps.arrayLiteral([ps.paren(ps.pipeline(ps.prop(ps.v("functions"), "Value")))]), "-split", ps.str(",")),
      ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.call(ps.v("_"), "Trim"))]))]),
      ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.binary(ps.v("_"), "-ne", ps.str("")))]))]),
    ))),
  ]),
];

const body: Statement[] = [
  startProblems(),
  ...readProtocolKeys,
  ...readCipherSuitePolicy,
  ...joinProblems("problem"),
  ps.pipelineStatement(ps.psCustomObject({
    Protocols: ps.arrayLiteral([ps.paren(ps.pipeline(ps.v("protocols")))]),
    CipherSuitePolicy: ps.v("cipherSuitePolicy"),
    Error: ps.v("problem"),
  })),
];

export const schannelSection: SnapshotSection = {
  key: "Schannel",
  sourceFile: "src/snapshot/collect/schannel-section.ts",
  collector: sectionCollector("Schannel", body),
  fallback: { Protocols: [], CipherSuitePolicy: null, Error: null },
};
