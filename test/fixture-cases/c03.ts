import type { CauseFixtures } from "./case.js";
import { dword, withoutTermService } from "./base.js";

export const fixtures: CauseFixtures = {
  cause: "C03",
  cases: [
    { name: "pass-healthy", description: "svchost hosting TermService listens on the default port 3389.", expected: "Pass", patch: () => {} },
    {
      name: "fail-foreign-listener",
      description: "A third-party remote-access agent took port 3389 before TermService could bind it; the client gets 0x904/0x7 from the agent. The 131/261 events are from before the agent was installed.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        s.Listener.PortOwner = {
          Port: 3389, Listening: true, ProcessId: 4242, ProcessName: "RemoteAgent", ServiceNames: ["RemoteAgentSvc"], Error: null,
        };
      },
    },
    {
      name: "fail-foreign-service-in-svchost",
      description: "A service that also runs inside svchost (not TermService) holds 3389: the image name alone would look like Remote Desktop.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        s.Listener.PortOwner = {
          Port: 3389, Listening: true, ProcessId: 3310, ProcessName: "svchost", ServiceNames: ["RemoteAccessBridge"], Error: null,
        };
      },
    },
    {
      name: "fail-foreign-listener-custom-port",
      description: "RDP was moved to 3390 and another program listens there as well.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x0,
      patch: (s) => {
        s.Listener.PortNumber = dword(3390);
        s.Listener.PortOwner = {
          Port: 3390, Listening: true, ProcessId: 5120, ProcessName: "java", ServiceNames: [], Error: null,
        };
        s.Firewall.Rules.push({ Name: "RDP-Custom-3390-TCP", Enabled: true, Profiles: ["Domain"], Action: "Allow", Protocol: "TCP", LocalPorts: ["3390"] });
      },
    },
    {
      name: "warn-custom-port",
      description: "RDP listens on 3390 (svchost, TermService) with a firewall rule for it; clients must dial host:3390.",
      expected: "Warn",
      patch: (s) => {
        s.Listener.PortNumber = dword(3390);
        s.Listener.PortOwner = { ...s.Listener.PortOwner, Port: 3390 };
        s.Firewall.Rules.push({ Name: "RDP-Custom-3390-TCP", Enabled: true, Profiles: ["Domain"], Action: "Allow", Protocol: "TCP", LocalPorts: ["3390"] });
      },
    },
    {
      name: "unknown-owner-unreadable",
      description: "The port table could not be read, so the owner of 3389 is unknown.",
      expected: "Unknown",
      patch: (s) => {
        s.Listener.PortOwner = {
          Port: 3389, Listening: null, ProcessId: null, ProcessName: null, ServiceNames: [], Error: "access denied",
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
