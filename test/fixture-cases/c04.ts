import type { CauseFixtures } from "./case.js";
import { dword, EVENT_LOG, eventGroup, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";
import type { RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

function disableUserModeRules(s: RdpDiagnosticSnapshot): void {
  for (const rule of s.Firewall.Rules) if (rule.Name.startsWith("RemoteDesktop-UserMode-In-")) rule.Enabled = false;
}

export const fixtures: CauseFixtures = {
  cause: "C04",
  cases: [
    { name: "pass-healthy", description: "Firewall on; both Remote Desktop User Mode rules enabled; no resets logged.", expected: "Pass", patch: () => {} },
    {
      name: "pass-firewall-off",
      description: "The firewall is off on every profile, so it cannot block RDP even though the rules are disabled.",
      expected: "Pass",
      patch: (s) => {
        for (const profile of s.Firewall.Profiles) profile.Enabled = false;
        disableUserModeRules(s);
      },
    },
    {
      name: "fail-rules-disabled",
      description: "The firewall is on and both Remote Desktop User Mode rules are disabled; the client times out or is refused (0x204).",
      expected: "Fail",
      errorCode: 0x204,
      patch: (s) => {
        disableUserModeRules(s);
      },
    },
    {
      name: "fail-block-rule",
      description: "A hardening GPO added an enabled Block rule for TCP 3389, which overrides the enabled Allow rules.",
      expected: "Fail",
      errorCode: 0x204,
      patch: (s) => {
        s.Firewall.Rules.push({ Name: "{5D1C7E2A-0B3F-4A8E-9C61-2F7B8D4E1A90}", Enabled: true, Profiles: ["Any"], Action: "Block", Protocol: "TCP", LocalPorts: ["3389"] });
      },
    },
    {
      name: "warn-connection-resets",
      description: "RdpCoreTS logged 226 with 0x80070040 for many connections: accepted, then torn down in the path (0x904, ext 0).",
      expected: "Warn",
      errorCode: 0x904,
      extendedErrorCode: 0x0,
      patch: (s) => {
        s.Events.Groups.push(eventGroup(PROVIDER.rdpCoreTs, 226, 37, "0x80070040", EVENT_LOG.rdpCoreTsOperational));
      },
    },
    {
      name: "warn-custom-port",
      description: "RDP listens on 3390; the built-in rules cover 3389 only, and whether a rule covers 3390 cannot be judged from the snapshot.",
      expected: "Warn",
      patch: (s) => {
        s.Listener.PortNumber = dword(3390);
        s.Listener.PortOwner = { ...s.Listener.PortOwner, Port: 3390 };
      },
    },
    {
      name: "unknown-unreadable",
      description: "The firewall configuration could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Firewall = { Profiles: [], Rules: [], Error: "access denied" };
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
