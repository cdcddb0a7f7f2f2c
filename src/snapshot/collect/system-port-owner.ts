/**
 * ReadRdpPortOwner: who listens on the RDP port (ListenerInfo.PortOwner in src/snapshot/types.ts). Another
 * program on 3389, or nothing at all, is the C02/C03 evidence that the registry alone cannot give.
 * Get-NetTCPConnection exists from Windows 8 / Server 2012; on older systems the call fails and Error says so.
 */
import { ps } from "../../ir/index.js";
import type { FunctionDefinition } from "../../ir/index.js";
import { caughtReason, guarded, joinProblems, errorText, problems, stop } from "./system-build.js";

const processId = ps.v("processId");

export const readRdpPortOwner: FunctionDefinition = ps.functionDefinition({
  name: "ReadRdpPortOwner",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  parameters: [ps.parameter("Port", { type: "int", mandatory: true })],
  end: [
    ps.assign(problems, ps.arrayLiteral([])),
    ps.assign(ps.v("listening"), ps.nil()),
    ps.assign(processId, ps.nil()),
    ps.assign(ps.v("processName"), ps.nil()),
    ps.assign(ps.v("serviceNames"), ps.arrayLiteral([])),
    ps.tryStatement(
      [
        ps.assign(ps.v("connections"), ps.arrayLiteral([ps.paren(ps.command("Get-NetTCPConnection", {
          State: ps.str("Listen"), LocalPort: ps.v("Port"), ...stop,
        }))])),
        ps.assign(ps.v("listening"), ps.binary(ps.prop(ps.v("connections"), "Count"), "-gt", ps.num(0))),
        ps.ifThen(ps.v("listening"), [
          ps.comment("IPv4 and IPv6 listeners of one service share the process; the first one names it."),
          ps.assign(processId, ps.prop(ps.indexExpression(ps.v("connections"), ps.num(0)), "OwningProcess")),
        ]),
      ],
      [{
        body: [ps.ifThen(
          ps.binary(ps.prop(ps.v("_"), "CategoryInfo", "Category"), "-eq", ps.str("ObjectNotFound")),
          [ps.comment("No listening socket on the port is a finding, not a failure."), ps.assign(ps.v("listening"), ps.bool(false))],
          [ps.assign(problems, ps.binary(ps.str("Get-NetTCPConnection: "), "+", caughtReason()), { operator: "+=" })],
        )],
      }],
    ),
    ps.ifThen(ps.binary(ps.nil(), "-ne", processId), [
      guarded("Get-Process", [
        ps.assign(ps.v("processName"), ps.prop(ps.paren(ps.command("Get-Process", { Id: processId, ...stop })), "ProcessName")),
      ]),
      guarded("Win32_Service", [
        ps.assign(ps.v("serviceNames"), ps.arrayLiteral([ps.paren(ps.pipeline(
          ps.command("Get-CimInstance", {
            ClassName: ps.str("Win32_Service"),
            Filter: ps.binary(ps.str("ProcessId = "), "+", processId),
            ...stop,
          }),
          ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.cast("string", ps.prop(ps.v("_"), "Name")))]))]),
          ps.command("Sort-Object"),
        ))])),
      ]),
    ]),
    ...joinProblems(),
    ps.pipelineStatement(ps.psCustomObject({
      Port: ps.v("Port"),
      Listening: ps.v("listening"),
      ProcessId: processId,
      ProcessName: ps.v("processName"),
      ServiceNames: ps.v("serviceNames"),
      Error: errorText,
    })),
  ],
});
