import type { CauseFixtures } from "./case.js";
import { EVENT_LOG, eventGroup, policyDword, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

export const fixtures: CauseFixtures = {
  cause: "C11",
  cases: [
    { name: "pass-healthy", description: "MaxInstanceCount is unlimited (0xFFFFFFFF) and no event 1006 was logged.", expected: "Pass", patch: () => {} },
    {
      name: "fail-flood-protection",
      description: "RemoteConnectionManager logged 1006 (large number of incomplete connections) during a password-spray; the listener stopped while they were pending.",
      expected: "Fail",
      errorCode: 0x204,
      patch: (s) => {
        s.Events.Groups.push(eventGroup(PROVIDER.rcm, 1006, 4, null, EVENT_LOG.rcmAdmin));
      },
    },
    {
      name: "fail-limit-reached",
      description: "A GPO sets 'Limit number of connections' to 2 and two sessions exist.",
      expected: "Fail",
      patch: (s) => {
        s.Listener.MaxInstanceCount = policyDword(4294967295, 2, null);
        s.Limits.SessionCount = 2;
      },
    },
    {
      name: "warn-limit-set",
      description: "RDP-Tcp MaxInstanceCount is 10 locally; 3 sessions exist, so the limit is not reached yet.",
      expected: "Warn",
      patch: (s) => {
        s.Listener.MaxInstanceCount = policyDword(10, null, null);
      },
    },
    {
      name: "unknown-limit-unreadable",
      description: "MaxInstanceCount could not be read and no 1006 event was logged.",
      expected: "Unknown",
      patch: (s) => {
        s.Listener.MaxInstanceCount = { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" };
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
