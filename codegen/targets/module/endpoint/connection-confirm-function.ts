/**
 * `ConvertFromRdpConnectionConfirm`: parses the first TPKT of a server's answer to the Connection Request, the
 * PowerShell twin of src/probe/x224.ts parseConnectionConfirm (same kinds, same names, same bounds):
 *   CC  MS-RDPBCGR 2.2.1.2: TPKT + X.224 CC (LI d0 DST-REF SRC-REF class) [+ RDP_NEG_RSP 2.2.1.2.1 (type 02) or
 *       RDP_NEG_FAILURE 2.2.1.2.2 (type 03): type flags 0800 value LE32]
 *   DPU X.224 Data TPDU (02 f0 80) + T.125 DisconnectProviderUltimatum (PER choice 8, 3-bit reason), which xrdp
 *       sends instead of a CC for offers it rejects (protocol-probe.md s3).
 * A first byte other than 03 stops at once (NotTpkt, sniffed) instead of waiting for a bogus length (s4 step 3);
 * Truncated tells the reader to read more, with Need = the TPKT length once it is known.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, Statement } from "../../../../src/ir/index.js";
import { and, concat, eq, floorDiv, isNull, mod, or, set } from "./ir-sugar.js";
import { disconnectReasonsTable, failureNamesTable, protocolNamesTable, UNKNOWN_FAILURE_PREFIX } from "./protocol-tables.js";

/** A CC is 11 bytes without negotiation data, 19 with it; far larger lengths are not an RDP server talking. */
export const MAX_TPKT_LENGTH = 0x4000;

export type ConfirmKind = "NegotiationResponse" | "NegotiationFailure" | "LegacyConfirm" | "McsDisconnect" | "NotTpkt" | "Truncated" | "Unexpected";

/** Every property of the parse object, in order; unset ones are $null. */
export const CONFIRM_PROPERTIES = [
  "Kind", "Length", "Need", "SelectedProtocol", "SelectedProtocolValue", "Flags", "FailureCode", "NegotiationFailure", "DisconnectReason", "Sniffed",
] as const;
type ConfirmProperty = (typeof CONFIRM_PROPERTIES)[number];

const bytes = ps.v("Bytes");
const at = (i: Expression | number): Expression => ps.indexExpression(bytes, typeof i === "number" ? ps.num(i) : i);
const v = ps.v;

function result(kind: ConfirmKind, values: Partial<Record<ConfirmProperty, Expression>> = {}): Statement {
  const entries = CONFIRM_PROPERTIES.map((key) => ({ key, value: key === "Kind" ? ps.str(kind) : values[key] ?? ps.nil() }));
  return ps.returnStatement(ps.psCustomObject(entries));
}

/** `$table[[string]$value]`, or `fallback` when the table has no entry. */
function lookup(target: string, table: string, value: Expression, fallback: Expression): Statement[] {
  return [
    set(target, ps.indexExpression(v(table), ps.cast("string", value))),
    ps.ifThen(isNull(v(target)), [set(target, fallback)]),
  ];
}

const tpktLength = v("length");
const li = v("indicator");
const mcs = v("mcs");

export const convertFromRdpConnectionConfirm: FunctionDefinition = ps.functionDefinition({
  name: "ConvertFromRdpConnectionConfirm",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [ps.parameter("Bytes", { type: "byte[]" })],
  end: [
    set("count", ps.prop(bytes, "Length")),
    ps.ifThen(eq(v("count"), ps.num(0)), [result("Truncated")]),
    ps.ifThen(or(ps.binary(at(0), "-ne", ps.num(3)), and(ps.binary(v("count"), "-ge", ps.num(2)), ps.binary(at(1), "-ne", ps.num(0)))), [
      result("NotTpkt", { Sniffed: ps.paren(ps.command("GetRdpSniffedProtocol", { Bytes: bytes })) }),
    ]),
    ps.ifThen(ps.binary(v("count"), "-lt", ps.num(4)), [result("Truncated")]),
    set("length", ps.binary(ps.binary(at(2), "*", ps.num(256)), "+", at(3))),
    ps.ifThen(or(ps.binary(tpktLength, "-lt", ps.num(7)), ps.binary(tpktLength, "-gt", ps.hex(MAX_TPKT_LENGTH))), [
      result("NotTpkt", { Sniffed: ps.str("Unknown") }),
    ]),
    ps.ifThen(ps.binary(v("count"), "-lt", tpktLength), [result("Truncated", { Need: tpktLength })]),
    set("indicator", at(4)),
    ps.comment("The TPDU code is the high nibble of the byte after LI (X.224 13.1)."),
    set("code", ps.binary(at(5), "-", mod(at(5), 16))),
    ps.ifThen(ps.binary(ps.binary(li, "+", ps.num(5)), "-gt", tpktLength), [result("Unexpected", { Length: tpktLength })]),
    ps.ifThen(eq(v("code"), ps.hex(0xf0)), [
      ps.comment("Data TPDU: the T.125 PER choice index is the top 6 bits of the next byte (8 = DPU), the reason the next 3 bits."),
      set("mcs", ps.binary(ps.num(5), "+", li)),
      ps.ifThen(and(ps.binary(tpktLength, "-ge", ps.binary(mcs, "+", ps.num(2))), eq(floorDiv(at(mcs), 4), ps.num(8))), [
        set("reasonCode", ps.binary(ps.binary(mod(at(mcs), 4), "*", ps.num(2)), "+", floorDiv(at(ps.binary(mcs, "+", ps.num(1))), 128))),
        set("reasons", disconnectReasonsTable()),
        ...lookup("reason", "reasons", v("reasonCode"), concat(ps.str("reason-"), v("reasonCode"))),
        result("McsDisconnect", { Length: tpktLength, DisconnectReason: v("reason") }),
      ]),
      result("Unexpected", { Length: tpktLength }),
    ]),
    ps.ifThen(ps.binary(v("code"), "-ne", ps.hex(0xd0)), [result("Unexpected", { Length: tpktLength })]),
    ps.comment("The fixed CC header is 7 bytes (LI..class); negotiation data, when present, is 8 bytes at offset 11."),
    ps.ifThen(or(ps.binary(tpktLength, "-lt", ps.num(19)), ps.binary(li, "-lt", ps.num(14))), [result("LegacyConfirm", { Length: tpktLength })]),
    set("type", at(11)),
    set("value", ps.chain("+", [at(15), ps.binary(at(16), "*", ps.num(256)), ps.binary(at(17), "*", ps.num(65536)), ps.binary(at(18), "*", ps.num(16777216))])),
    ps.ifThen(eq(v("type"), ps.num(2)), [
      set("protocols", protocolNamesTable()),
      result("NegotiationResponse", {
        Length: tpktLength,
        SelectedProtocol: ps.indexExpression(v("protocols"), ps.cast("string", v("value"))),
        SelectedProtocolValue: v("value"),
        Flags: at(12),
      }),
    ]),
    ps.ifThen(eq(v("type"), ps.num(3)), [
      set("failures", failureNamesTable()),
      ...lookup("failure", "failures", v("value"), concat(ps.str(UNKNOWN_FAILURE_PREFIX), v("value"))),
      result("NegotiationFailure", { Length: tpktLength, FailureCode: v("value"), NegotiationFailure: v("failure") }),
    ]),
    result("Unexpected", { Length: tpktLength }),
  ],
});
