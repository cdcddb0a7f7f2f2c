import type { CauseFixtures } from "./case.js";
import { EVENT_LOG, eventGroup, policyDword } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

const clientEvent = (id: number, detail: string | null, count: number) =>
  eventGroup(PROVIDER.rdpClient, id, count, detail, EVENT_LOG.rdpClientOperational);

export const fixtures: CauseFixtures = {
  cause: "C15",
  cases: [
    { name: "pass-healthy", description: "UDP at its default (on), no RD Gateway transport override, no transport drops logged.", expected: "Pass", patch: () => {} },
    {
      name: "fail-udp-drops",
      description: "Sessions connect (the listener logged accepts) and then drop: 6 multi-transport disconnects (1105) and 6 socket-closed disconnects (1026, 2308); 0x904 with ext 0.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x0,
      patch: (s) => {
        s.Events.Groups.push(clientEvent(1105, null, 6), clientEvent(1026, "2308", 6));
      },
    },
    {
      name: "warn-rdg-transport",
      description: "RDGClientTransport = 1 is set for the user, which only matters through an RD Gateway.",
      expected: "Warn",
      patch: (s) => {
        s.Client.RdgClientTransport = { Value: 1, Error: null };
      },
    },
    {
      name: "unknown-policy-unreadable",
      description: "The client policy key could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Client.ClientDisableUdp = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" };
      },
    },
    {
      name: "notapplicable-udp-off",
      description: "Group Policy already turns UDP off on this client, so UDP cannot cause the drops even though 1105 and 2308 were logged before.",
      expected: "NotApplicable",
      patch: (s) => {
        s.Client.ClientDisableUdp = policyDword(null, 1, 0);
        s.Events.Groups.push(clientEvent(1105, null, 1), clientEvent(1026, "2308", 1));
      },
    },
  ],
};
