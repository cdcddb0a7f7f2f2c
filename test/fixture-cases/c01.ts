import type { CauseFixtures } from "./case.js";
import { policyDword, withoutTermService } from "./base.js";
import type { RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

/** While connections are denied, Windows does not listen on the RDP port (qwinsta shows no rdp-tcp). */
function listenerStopped(s: RdpDiagnosticSnapshot): void {
  s.Listener.State = "Missing";
  s.Listener.PortOwner = { ...s.Listener.PortOwner, Listening: false, ProcessId: null, ProcessName: null, ServiceNames: [] };
}

export const fixtures: CauseFixtures = {
  cause: "C01",
  cases: [
    { name: "pass-healthy", description: "fDenyTSConnections is 0 locally and no policy is set.", expected: "Pass", patch: () => {} },
    {
      name: "pass-policy-allows",
      description: "The local value denies, but the policy allows (Policy 0 wins over Local 1).",
      expected: "Pass",
      patch: (s) => {
        s.Connections.DenyTSConnections = policyDword(1, 0, 1);
      },
    },
    {
      name: "fail-local-deny",
      description: "Remote Desktop was turned off locally (fDenyTSConnections = 1); the client sees 0x204.",
      expected: "Fail",
      errorCode: 0x204,
      patch: (s) => {
        s.Connections.DenyTSConnections = policyDword(1, null, 1);
        s.Connections.AllowTSConnections = 0;
        listenerStopped(s);
      },
    },
    {
      name: "fail-policy-deny",
      description: "A GPO sets 'Allow users to connect remotely by using Remote Desktop Services' to Disabled (policy fDenyTSConnections = 1).",
      expected: "Fail",
      patch: (s) => {
        s.Connections.DenyTSConnections = policyDword(0, 1, 1);
        s.Connections.AllowTSConnections = 0;
        listenerStopped(s);
      },
    },
    {
      name: "fail-wmi-denied",
      description: "The registry could not be read, but Win32_TerminalServiceSetting.AllowTSConnections is 0.",
      expected: "Fail",
      patch: (s) => {
        s.Connections.DenyTSConnections = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" };
        s.Connections.AllowTSConnections = 0;
        listenerStopped(s);
      },
    },
    {
      name: "unknown-unreadable",
      description: "Neither the registry nor WMI could be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Connections = {
          DenyTSConnections: { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" },
          AllowTSConnections: null,
          Error: "access denied",
        };
      },
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed.",
      expected: "NotApplicable",
      patch: withoutTermService,
    },
  ],
};
