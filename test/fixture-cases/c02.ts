import type { CauseFixtures } from "./case.js";
import { dword, policyDword, withoutTermService } from "./base.js";
import type { RdpDiagnosticSnapshot, ServiceState } from "../../src/snapshot/types.js";

function setService(s: RdpDiagnosticSnapshot, name: string, status: ServiceState["Status"], startType: ServiceState["StartType"]): void {
  const service = s.Services.find((x) => x.Name === name)!;
  service.Status = status;
  service.StartType = startType;
}

/** Nothing listens on the RDP port. */
function portClosed(s: RdpDiagnosticSnapshot): void {
  s.Listener.PortOwner = { ...s.Listener.PortOwner, Listening: false, ProcessId: null, ProcessName: null, ServiceNames: [] };
}

export const fixtures: CauseFixtures = {
  cause: "C02",
  cases: [
    { name: "pass-healthy", description: "TermService and UmRdpService run; rdp-tcp is in the Listen state.", expected: "Pass", patch: () => {} },
    {
      name: "fail-service-stopped",
      description: "TermService was stopped and disabled; qwinsta cannot query it and nothing listens on 3389 (client sees 0x204).",
      expected: "Fail",
      errorCode: 0x204,
      patch: (s) => {
        setService(s, "TermService", "Stopped", "Disabled");
        // UmRdpService depends on TermService and stops with it.
        setService(s, "UmRdpService", "Stopped", "Manual");
        s.Listener.State = null;
        portClosed(s);
      },
    },
    {
      name: "fail-winstation-disabled",
      description: "The RDP-Tcp listener is disabled (fEnableWinStation = 0).",
      expected: "Fail",
      patch: (s) => {
        s.Listener.fEnableWinStation = dword(0);
        s.Listener.State = "Down";
        portClosed(s);
      },
    },
    {
      name: "fail-key-missing",
      description: "The WinStations\\RDP-Tcp key was deleted: no listener settings, nothing listens, the WMI setting object is gone.",
      expected: "Fail",
      patch: (s) => {
        const l = s.Listener;
        l.KeyPresent = false;
        l.State = "Missing";
        l.fEnableWinStation = dword(null);
        l.PortNumber = dword(null);
        // Absent values fall back to the documented Windows defaults (types.ts PolicyDword.Effective).
        l.SecurityLayer = policyDword(null, null, 1);
        l.UserAuthentication = policyDword(null, null, 1);
        l.MinEncryptionLevel = policyDword(null, null, 2);
        l.fAllowSecProtocolNegotiation = dword(null);
        l.MaxInstanceCount = policyDword(null, null, null);
        l.SelfSignedCertStore = null;
        l.WmiCertificateHashType = null;
        l.WmiCertificateHash = null;
        portClosed(s);
      },
    },
    {
      name: "fail-setup-in-progress",
      description: "A captured image booted with SystemSetupInProgress = 1: Windows is still in a Sysprep/OOBE pass.",
      expected: "Fail",
      patch: (s) => {
        s.Host.SystemSetupInProgress = dword(1);
        s.Host.OobeInProgress = dword(1);
      },
    },
    {
      name: "fail-not-listening",
      description: "TermService runs and RDP-Tcp is enabled, but qwinsta shows rdp-tcp Down and nothing listens on 3389.",
      expected: "Fail",
      patch: (s) => {
        s.Listener.State = "Down";
        portClosed(s);
      },
    },
    {
      name: "warn-umrdpservice-stopped",
      description: "UmRdpService is stopped; the listener itself works.",
      expected: "Warn",
      patch: (s) => {
        setService(s, "UmRdpService", "Stopped", "Manual");
      },
    },
    {
      name: "unknown-service-unreadable",
      description: "The service state of TermService could not be read.",
      expected: "Unknown",
      patch: (s) => {
        const service = s.Services.find((x) => x.Name === "TermService")!;
        service.Status = "Unknown";
        service.StartType = null;
        service.Error = "access denied";
      },
    },
    {
      name: "notapplicable-rdp-denied",
      description: "Remote Desktop is turned off (fDenyTSConnections = 1), so the listener is down by design (C01).",
      expected: "NotApplicable",
      patch: (s) => {
        s.Connections.DenyTSConnections = policyDword(1, null, 1);
        s.Connections.AllowTSConnections = 0;
        s.Listener.State = "Missing";
        portClosed(s);
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
