/**
 * Module-level helpers that let Test-RdpError0x904 -ComputerName add the probes' findings to the ranking:
 * - CompareRdpWireCertificate mirrors src/probe/wire-certificate.ts (the certificate on the wire against the
 *   snapshot's binding or 'Remote Desktop' store; P21 when they differ);
 * - GetRdpProbeFindings probes the host the snapshot came from with Test-RdpEndpoint (on the snapshot's port) and
 *   returns its findings plus that comparison; nothing for snapshots from files or the local collector;
 * - GetRdpGatewayFindings returns Test-RdGateway's findings for -GatewayName, or nothing;
 * - TestRdpLocalTarget and GetRdpLocalListenerCertificate let Test-RdpEndpoint compare on the host itself without
 *   a snapshot: the binding and the 'Remote Desktop' store are read directly (issue 4, "local runs").
 */
import { ps } from "../../../src/ir/index.js";
import type { Expression, FunctionDefinition } from "../../../src/ir/index.js";

const v = ps.v;
const { isNull, notNull } = ps;
const upper = (e: Expression): Expression => ps.call(ps.cast("string", e), "ToUpperInvariant");

export const compareRdpWireCertificate: FunctionDefinition = ps.functionDefinition({
  name: "CompareRdpWireCertificate",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.Finding"],
  parameters: [ps.parameter("Endpoint", { type: "object", mandatory: true }), ps.parameter("Snapshot", { type: "object", mandatory: true })],
  end: [
    ps.assign(v("certificate"), ps.prop(v("Endpoint"), "Certificate")),
    ps.ifThen(ps.binary(isNull(v("certificate")), "-or", ps.staticCall("string", "IsNullOrEmpty", ps.prop(v("certificate"), "Thumbprint"))), [ps.returnStatement()]),
    ps.assign(v("wire"), upper(ps.prop(v("certificate"), "Thumbprint"))),
    ps.comment("The binding WMI reports wins; the registry pin is the fallback, as in the TypeScript twin."),
    ps.assign(v("configured"), ps.nil()),
    ps.assign(v("hash"), ps.prop(v("Snapshot"), "Listener", "WmiCertificateHash")),
    ps.ifThen(ps.staticCall("string", "IsNullOrEmpty", v("hash")), [ps.assign(v("hash"), ps.prop(v("Snapshot"), "Listener", "SslCertificateSha1Hash"))]),
    ps.ifThen(ps.unary("-not", ps.staticCall("string", "IsNullOrEmpty", v("hash"))), [ps.assign(v("configured"), upper(v("hash")))]),
    ps.assign(v("store"), ps.arrayLiteral([ps.paren(ps.pipeline(
      ps.prop(v("Snapshot"), "Certificates", "RemoteDesktop"),
      ps.command("Where-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(notNull(v("_")))]))]),
      ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(upper(ps.prop(v("_"), "Thumbprint")))]))]),
    ))])),
    ps.ifThen(isNull(v("configured")), [ps.assign(v("expected"), v("store"))], [ps.assign(v("expected"), ps.arrayLiteral([v("configured")]))]),
    ps.ifThen(ps.binary(ps.binary(ps.prop(v("expected"), "Count"), "-eq", ps.num(0)), "-or", ps.binary(v("expected"), "-contains", v("wire"))), [ps.returnStatement()]),
    ps.pipelineStatement(ps.command("NewRdpEndpointFinding", {
      Id: ps.str("P21"),
      Evidence: ps.psCustomObject({ WireThumbprint: v("wire"), ConfiguredThumbprint: v("configured"), RemoteDesktopStore: v("store") }),
    })),
  ],
});

export const getRdpProbeFindings: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpProbeFindings",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.Finding"],
  parameters: [
    ps.parameter("Snapshot", { type: "object", mandatory: true }),
    ps.parameter("TimeoutMs", { type: "int", mandatory: true }),
  ],
  end: [
    ps.comment("Only snapshots collected through remoting carry the name the admin typed (GetRdpRemoteSnapshot)."),
    ps.assign(v("target"), ps.prop(v("Snapshot"), "RdpDoctorTarget")),
    ps.ifThen(isNull(v("target")), [ps.returnStatement()]),
    ps.assign(v("port"), ps.prop(v("Snapshot"), "Listener", "PortNumber", "Value")),
    ps.ifThen(isNull(v("port")), [ps.assign(v("port"), ps.num(3389))]),
    ps.assign(v("endpoint"), ps.command("Test-RdpEndpoint", { ComputerName: v("target"), Port: v("port"), TimeoutMs: v("TimeoutMs") })),
    ps.pipelineStatement(ps.prop(v("endpoint"), "Findings")),
    ps.pipelineStatement(ps.command("CompareRdpWireCertificate", { Endpoint: v("endpoint"), Snapshot: v("Snapshot") })),
  ],
});

export const getRdpGatewayFindings: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpGatewayFindings",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["RdpDoctor.Finding"],
  parameters: [ps.parameter("GatewayName", { type: "string" }), ps.parameter("TimeoutMs", { type: "int", mandatory: true })],
  end: [
    ps.ifThen(ps.staticCall("string", "IsNullOrEmpty", v("GatewayName")), [ps.returnStatement()]),
    ps.assign(v("gateway"), ps.command("Test-RdGateway", { ComputerName: v("GatewayName"), TimeoutMs: v("TimeoutMs") })),
    ps.pipelineStatement(ps.prop(v("gateway"), "Findings")),
  ],
});

/** Whether a probe target is this computer: loopback, '.', the NetBIOS name or a name under it (FQDN). */
export const testRdpLocalTarget: FunctionDefinition = ps.functionDefinition({
  name: "TestRdpLocalTarget",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["bool"],
  parameters: [ps.parameter("Name", { type: "string", mandatory: true })],
  end: [
    ps.ifThen(ps.binary(v("Name"), "-in", ps.strings(["localhost", "127.0.0.1", "::1", "."])), [ps.returnStatement(ps.bool(true))]),
    ps.assign(v("computer"), ps.variable("COMPUTERNAME", "env")),
    ps.ifThen(ps.staticCall("string", "IsNullOrEmpty", v("computer")), [ps.returnStatement(ps.bool(false))]),
    ps.returnStatement(ps.binary(ps.binary(v("Name"), "-eq", v("computer")), "-or", ps.binary(v("Name"), "-like", ps.binary(v("computer"), "+", ps.str(".*"))))),
  ],
});

/**
 * The local listener's certificate as a snapshot-shaped object for CompareRdpWireCertificate. A read that fails
 * (not elevated, not Windows) leaves that part empty, and the comparison then has nothing to compare.
 */
export const getRdpLocalListenerCertificate: FunctionDefinition = ps.functionDefinition({
  name: "GetRdpLocalListenerCertificate",
  cmdletBinding: ps.cmdletBinding(),
  outputTypes: ["System.Management.Automation.PSCustomObject"],
  end: [
    ps.assign(v("hash"), ps.nil()),
    ps.tryStatement([
      ps.assign(v("setting"), ps.command("Get-CimInstance", {
        Namespace: ps.str("root\\cimv2\\TerminalServices"), ClassName: ps.str("Win32_TSGeneralSetting"),
        Filter: ps.str("TerminalName='RDP-Tcp'"), ErrorAction: ps.str("Stop"),
      })),
      ps.assign(v("hash"), ps.prop(v("setting"), "SSLCertificateSHA1Hash")),
    ], [{ body: [ps.assign(v("hash"), ps.nil())] }]),
    ps.assign(v("store"), ps.arrayLiteral([])),
    ps.tryStatement([
      ps.assign(v("store"), ps.arrayLiteral([ps.paren(ps.pipeline(
        ps.command("Get-ChildItem", { Path: ps.str("Cert:\\LocalMachine\\Remote Desktop"), ErrorAction: ps.str("Stop") }),
        ps.command("ForEach-Object", [ps.positionalArg(ps.scriptBlock([ps.pipelineStatement(ps.psCustomObject({ Thumbprint: ps.prop(v("_"), "Thumbprint") }))]))]),
      ))])),
    ], [{ body: [ps.assign(v("store"), ps.arrayLiteral([]))] }]),
    ps.pipelineStatement(ps.psCustomObject({
      Listener: ps.psCustomObject({ WmiCertificateHash: v("hash"), SslCertificateSha1Hash: ps.nil() }),
      Certificates: ps.psCustomObject({ RemoteDesktop: v("store") }),
    })),
  ],
});
