/**
 * `GetRdpSniffedProtocol`: names the service behind a port whose first answer is not a TPKT, from its first
 * bytes, exactly as src/probe/x224.ts sniffProtocol does (protocol-probe.md s4 step 3): a TLS record (an RD
 * Gateway, HTTPS or a TLS proxy), an SSH or HTTP answer, VNC (RFB) or a mail/FTP-style greeting ("Banner").
 * Bytes are compared one by one, so no text decoding (and no code page) is involved.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition } from "../../../../src/ir/index.js";
import { and, eq, or } from "./ir-sugar.js";

const bytes = ps.v("Bytes");
const at = (i: number): Expression => ps.indexExpression(bytes, ps.num(i));
const hasAtLeast = (n: number): Expression => ps.binary(ps.prop(bytes, "Length"), "-ge", ps.num(n));
const isDigit = (i: number): Expression => and(ps.binary(at(i), "-ge", ps.num(0x30)), ps.binary(at(i), "-le", ps.num(0x39)));

/** `$Bytes` starts with the ASCII text `prefix` (length checked first, so no index runs past the end). */
export function startsWithAscii(prefix: string, from = 0): Expression {
  return and(hasAtLeast(from + prefix.length), ...[...prefix].map((c, i) => eq(at(from + i), ps.num(c.charCodeAt(0)))));
}

const answer = (name: string) => [ps.returnStatement(ps.str(name))];

export const getRdpSniffedProtocol: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpSniffedProtocol",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["string"],
  parameters: [ps.parameter("Bytes", { type: "byte[]" })],
  end: [
    ps.comment("TLS record header: ContentType 20..23, then major version 3 (RFC 8446 5.1)."),
    ps.ifThen(and(hasAtLeast(2), ps.binary(at(0), "-ge", ps.num(0x14)), ps.binary(at(0), "-le", ps.num(0x17)), eq(at(1), ps.num(3))), answer("TLS")),
    ps.ifThen(startsWithAscii("SSH-"), answer("SSH")),
    ps.ifThen(and(startsWithAscii("HTTP/"), hasAtLeast(6), isDigit(5)), answer("HTTP")),
    ps.ifThen(startsWithAscii("RFB "), answer("RFB")),
    ps.comment("SMTP/FTP-style greeting: three digits and a space or dash, or +OK (POP3) or * OK (IMAP)."),
    ps.ifThen(
      or(
        and(hasAtLeast(4), isDigit(0), isDigit(1), isDigit(2), ps.paren(ps.pipeline(or(eq(at(3), ps.num(0x20)), eq(at(3), ps.num(0x2d)))))),
        startsWithAscii("+OK"),
        startsWithAscii("* OK"),
      ),
      answer("Banner"),
    ),
    ps.returnStatement(ps.str("Unknown")),
  ],
});
