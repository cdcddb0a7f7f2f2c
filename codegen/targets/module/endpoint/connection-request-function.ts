/**
 * `NewRdpConnectionRequest`: the X.224 Connection Request the probe sends, byte for byte what
 * src/probe/x224.ts buildConnectionRequest (Node, also used by the test peers) builds:
 *   TPKT (03 00 LEN16BE) + CR TPDU (LI e0 0000 0000 00) [+ RDP_NEG_REQ (01 00 0800 requestedProtocols LE32)]
 * (MS-RDPBCGR 2.2.1.1 and 2.2.1.1.1; protocol-probe.md s3 shows the default request for 0x0B).
 * The bytes are written to the output one by one (a function cannot return an array unrolled-proof without the
 * unary comma, which the IR does not model), so callers assign with a [byte[]] type constraint.
 */
import { ps } from "../../../../src/ir/index.js";
import type { FunctionDefinition } from "../../../../src/ir/index.js";
import { MSTSC_REQUESTED_PROTOCOLS } from "../../../../src/probe/endpoint-result.js";
import { floorDiv, mod, set } from "./ir-sugar.js";

const requested = ps.v("RequestedProtocols");
/** Byte n (0 = least significant) of the 32-bit requestedProtocols. */
const leByte = (n: number) => (n === 0 ? mod(requested, 256) : mod(floorDiv(requested, 256 ** n), 256));

export const newRdpConnectionRequest: FunctionDefinition = ps.functionDefinition({
  name: "NewRdpConnectionRequest",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["byte"],
  parameters: [
    ps.parameter("RequestedProtocols", { type: "long", defaultValue: ps.hex(MSTSC_REQUESTED_PROTOCOLS) }),
    ps.parameter("Legacy", { type: "switch" }),
  ],
  end: [
    ps.comment("-Legacy leaves out RDP_NEG_REQ, as pre-Vista clients did (enumeration of Standard RDP Security)."),
    set("negotiation", ps.arrayLiteral([])),
    ps.ifThen(ps.unary("-not", ps.v("Legacy")), [
      ps.comment("RDP_NEG_REQ: type 1, flags 0, length 8 (LE16), requestedProtocols (LE32)."),
      set("negotiation", ps.arrayLiteral([ps.num(1), ps.num(0), ps.num(8), ps.num(0), leByte(0), leByte(1), leByte(2), leByte(3)])),
    ]),
    ps.comment("LI counts the TPDU header bytes after itself: the 6 fixed CR bytes plus RDP_NEG_REQ."),
    set("indicator", ps.binary(ps.num(6), "+", ps.prop(ps.v("negotiation"), "Count"))),
    set("total", ps.binary(ps.num(5), "+", ps.v("indicator"))),
    set("header", ps.arrayLiteral([
      ps.num(3), ps.num(0), floorDiv(ps.v("total"), 256), mod(ps.v("total"), 256), ps.v("indicator"),
      ps.hex(0xe0), ps.num(0), ps.num(0), ps.num(0), ps.num(0), ps.num(0),
    ])),
    set("request", ps.cast("byte[]", ps.binary(ps.v("header"), "+", ps.v("negotiation")))),
    ps.returnStatement(ps.v("request")),
  ],
});
