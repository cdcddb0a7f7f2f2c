/**
 * The TCP and X.224 stages of the endpoint probe (protocol-probe.md s4 steps 2 and 3), as nested helpers of
 * InvokeRdpEndpointProbe. Every wait is bounded by -TimeoutMs: the connect by AsyncWaitHandle.WaitOne (TcpClient
 * has no connect timeout in .NET Framework 4.7.2), each read and write by NetworkStream.ReadTimeout/WriteTimeout,
 * and the reads for one answer by a deadline on a stopwatch.
 */
import { ps } from "../../../../src/ir/index.js";
import type { Expression, FunctionDefinition, ParameterDefinition, Statement } from "../../../../src/ir/index.js";
import { and, elapsedMs, eq, isNull, member, notNull, set } from "./ir-sugar.js";

const v = ps.v;

/**
 * `GetRdpInnerException`: the innermost exception of an error. PowerShell wraps .NET failures in
 * MethodInvocationException, and NetworkStream wraps socket errors in IOException, so the SocketException with
 * the error code sits one or two levels down.
 */
export const getRdpInnerException: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpInnerException",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Exception"],
  parameters: [ps.parameter("Exception", { type: "System.Exception" })],
  end: [
    set("current", v("Exception")),
    ps.foreachStatement("level", ps.arrayLiteral([ps.num(1), ps.num(2), ps.num(3)]), [
      ps.ifThen(isNull(ps.prop(v("current"), "InnerException")), [ps.breakStatement()]),
      set("current", ps.prop(v("current"), "InnerException")),
    ]),
    ps.returnStatement(v("current")),
  ],
});

/** `$inner = GetRdpInnerException -Exception $_.Exception` inside a catch block. */
export const innerOfCurrentError = (): Statement =>
  set("inner", ps.command("GetRdpInnerException", { Exception: ps.prop(v("_"), "Exception") }));

/** `[string]$inner.SocketErrorCode` when $inner is a SocketException, else $null. */
export const socketCode = (): Expression => ps.subExpression([ps.ifThen(
  ps.binary(v("inner"), "-is", ps.typeLiteral("System.Net.Sockets.SocketException")),
  [ps.pipelineStatement(ps.cast("string", ps.prop(v("inner"), "SocketErrorCode")))],
)]);

/**
 * The mandatory -Address, -Port and -TimeoutMs of every function that opens its own connection (with `extra`
 * between Port and TimeoutMs): openTcp() reads those three variables by name.
 */
export const connectionParameters = (...extra: ParameterDefinition[]): ParameterDefinition[] => [
  ps.parameter("Address", { type: "System.Net.IPAddress", mandatory: true }),
  ps.parameter("Port", { type: "int", mandatory: true }),
  ...extra,
  ps.parameter("TimeoutMs", { type: "int", mandatory: true }),
];

const connection = (values: { client: Expression; error: Expression; code: Expression }): Statement =>
  ps.returnStatement(ps.psCustomObject({ Client: values.client, Error: values.error, ErrorCode: values.code, Ms: elapsedMs(v("watch")) }));

/**
 * `OpenRdpTcpConnection`: a connected TcpClient, or the reason there is none. ErrorCode is the SocketError name
 * (ConnectionRefused, HostUnreachable, ...) or Timeout, as the Node probe's connectTcp reports it.
 */
export const openRdpTcpConnection: FunctionDefinition = ps.functionDefinition({
  name: "OpenRdpTcpConnection",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ...connectionParameters(),
  ],
  end: [
    set("watch", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    set("client", ps.staticCall("System.Net.Sockets.TcpClient", "new", ps.prop(v("Address"), "AddressFamily"))),
    set("pending", ps.call(v("client"), "BeginConnect", v("Address"), v("Port"), ps.nil(), ps.nil())),
    ps.ifThen(ps.unary("-not", ps.call(ps.prop(v("pending"), "AsyncWaitHandle"), "WaitOne", v("TimeoutMs"))), [
      ps.comment("No SYN-ACK in time: a dropping firewall or a host that is down (protocol-probe.md s3, pitfall P11)."),
      ps.pipelineStatement(ps.call(v("client"), "Close")),
      connection({ client: ps.nil(), error: ps.binary(ps.str("no answer within {0} ms"), "-f", v("TimeoutMs")), code: ps.str("Timeout") }),
    ]),
    ps.tryStatement([ps.pipelineStatement(ps.call(v("client"), "EndConnect", v("pending")))], [{
      body: [
        innerOfCurrentError(),
        ps.pipelineStatement(ps.call(v("client"), "Close")),
        connection({ client: ps.nil(), error: ps.prop(v("inner"), "Message"), code: socketCode() }),
      ],
    }]),
    connection({ client: v("client"), error: ps.nil(), code: ps.nil() }),
  ],
});

/**
 * `$tcp = OpenRdpTcpConnection -Address <address> -Port $Port -TimeoutMs $TimeoutMs` in a function with those
 * parameters; `$tcp.Client` is $null when there is no connection.
 */
export const openTcp = (address: Expression = v("Address")): Statement =>
  set("tcp", ps.command("OpenRdpTcpConnection", { Address: address, Port: v("Port"), TimeoutMs: v("TimeoutMs") }));
/** `$tcp.Client.Close()`. */
export const closeTcp = (): Statement => ps.pipelineStatement(ps.call(ps.prop(v("tcp"), "Client"), "Close"));
/** `try { <body> } finally { $tcp.Client.Close() }`: every return path of the body closes the connection. */
export const usingTcp = (body: readonly Statement[]): Statement => ps.tryStatement(body, [], [closeTcp()]);

const readInto = (): Statement => set("count", ps.call(v("stream"), "Read", v("buffer"), ps.num(0), ps.prop(v("buffer"), "Length")));

/**
 * `InvokeRdpX224Exchange`: sends the Connection Request on an open connection and reads one TPKT of answer.
 * End says how the read ended: Answer (a complete parse), Timeout, Closed (FIN) or Reset. With -LingerMs it then
 * waits that long for more, because some servers confirm and then abort at once (xrdp sends a DPU within 2 ms,
 * protocol-probe.md s3); After is then Data or Closed, or $null when the server stayed quiet, and AfterConfirm
 * parses whatever followed the confirm (in its segment or during the linger), as src/probe/connection.ts `after`.
 * The stream stays open for the TLS stage; the caller closes the client.
 */
export const invokeRdpX224Exchange: FunctionDefinition = ps.functionDefinition({
  name: "InvokeRdpX224Exchange",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [
    ps.parameter("Client", { type: "System.Net.Sockets.TcpClient", mandatory: true }),
    ps.parameter("Request", { type: "byte[]", mandatory: true }),
    ps.parameter("TimeoutMs", { type: "int", mandatory: true }),
    ps.parameter("LingerMs", { type: "int" }),
  ],
  end: [
    set("watch", ps.staticCall("System.Diagnostics.Stopwatch", "StartNew")),
    set("stream", ps.call(v("Client"), "GetStream")),
    ps.assign(member(v("stream"), "ReadTimeout"), v("TimeoutMs")),
    ps.assign(member(v("stream"), "WriteTimeout"), v("TimeoutMs")),
    set("buffer", ps.staticCall("byte[]", "new", ps.num(4096))),
    set("received", ps.staticCall("System.IO.MemoryStream", "new")),
    set("confirm", ps.nil()),
    set("end", ps.str("Timeout")),
    set("failure", ps.nil()),
    set("after", ps.nil()),
    ps.tryStatement([
      ps.pipelineStatement(ps.call(v("stream"), "Write", v("Request"), ps.num(0), ps.prop(v("Request"), "Length"))),
      ps.comment("A CC is 11 or 19 bytes and comes in one segment; a few reads cover a server that splits it."),
      ps.foreachStatement("attempt", ps.arrayLiteral([1, 2, 3, 4, 5, 6, 7, 8].map(ps.num)), [
        readInto(),
        ps.ifThen(ps.binary(v("count"), "-le", ps.num(0)), [set("end", ps.str("Closed")), ps.breakStatement()]),
        ps.pipelineStatement(ps.call(v("received"), "Write", v("buffer"), ps.num(0), v("count"))),
        set("confirm", ps.command("ConvertFromRdpConnectionConfirm", { Bytes: ps.call(v("received"), "ToArray") })),
        ps.ifThen(ps.binary(ps.prop(v("confirm"), "Kind"), "-ne", ps.str("Truncated")), [set("end", ps.str("Answer")), ps.breakStatement()]),
        ps.ifThen(ps.binary(ps.prop(v("watch"), "ElapsedMilliseconds"), "-ge", v("TimeoutMs")), [ps.breakStatement()]),
      ]),
    ], [{
      body: [
        innerOfCurrentError(),
        set("failure", ps.prop(v("inner"), "Message")),
        set("end", ps.str("Reset")),
        ps.ifThen(eq(socketCode(), ps.str("TimedOut")), [set("end", ps.str("Timeout"))]),
      ],
    }]),
    ps.ifThen(and(eq(v("end"), ps.str("Answer")), ps.binary(v("LingerMs"), "-gt", ps.num(0))), [
      ps.assign(member(v("stream"), "ReadTimeout"), v("LingerMs")),
      ps.tryStatement([
        readInto(),
        set("after", ps.str("Closed")),
        ps.ifThen(ps.binary(v("count"), "-gt", ps.num(0)), [
          set("after", ps.str("Data")),
          ps.pipelineStatement(ps.call(v("received"), "Write", v("buffer"), ps.num(0), v("count"))),
        ]),
      ], [{
        body: [
          ps.comment("A read timeout here is the good case: the server waits for the client's next message."),
          innerOfCurrentError(),
          ps.ifThen(ps.binary(socketCode(), "-ne", ps.str("TimedOut")), [set("after", ps.str("Closed"))]),
        ],
      }]),
    ]),
    set("bytes", ps.call(v("received"), "ToArray")),
    ps.ifThen(isNull(v("confirm")), [set("confirm", ps.command("ConvertFromRdpConnectionConfirm", { Bytes: v("bytes") }))]),
    set("afterConfirm", ps.nil()),
    ps.ifThen(and(notNull(ps.prop(v("confirm"), "Length")), ps.binary(ps.prop(v("bytes"), "Length"), "-gt", ps.prop(v("confirm"), "Length"))), [
      set("rest", ps.cast("byte[]", ps.paren(ps.pipeline(v("bytes"), ps.command("Select-Object", { Skip: ps.prop(v("confirm"), "Length") }))))),
      set("afterConfirm", ps.command("ConvertFromRdpConnectionConfirm", { Bytes: v("rest") })),
      set("after", ps.str("Data")),
    ]),
    ps.returnStatement(ps.psCustomObject({
      Confirm: v("confirm"),
      Bytes: v("bytes"),
      End: v("end"),
      After: v("after"),
      AfterConfirm: v("afterConfirm"),
      Error: v("failure"),
      Stream: v("stream"),
      Ms: elapsedMs(v("watch")),
    })),
  ],
});
