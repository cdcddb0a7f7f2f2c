import type { CauseFixtures } from "./case.js";
import { EVENT_LOG, eventGroup, policyDword } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

// RemoteConnectionManager logs 1069 and 1028 (causes-catalog.md R19); on current Windows in its Admin channel.
const rcmAdmin = (id: number, count: number) => eventGroup(PROVIDER.rcm, id, count, null, EVENT_LOG.rcmAdmin);

export const fixtures: CauseFixtures = {
  cause: "C12",
  cases: [
    { name: "pass-healthy", description: "Per-user licensing set by policy and a license server specified; no refusals logged.", expected: "Pass", patch: () => {} },
    {
      name: "fail-grace-expired-no-mode",
      description: "Fresh Session Host never configured: no mode, no license server, grace period over, 1069 logged; the client shows 0x808 with ext 257 (no license server).",
      expected: "Fail",
      errorCode: 0x808,
      extendedErrorCode: 257,
      patch: (s) => {
        s.Licensing.Mode = policyDword(null, null, null);
        s.Licensing.Servers = [];
        s.Licensing.GraceDaysLeft = 0;
        s.Events.Groups.push(rcmAdmin(1069, 14));
      },
    },
    {
      name: "fail-grace-expired-no-server",
      description: "Mode is set locally (per device) but no license server is specified and the grace period is over.",
      expected: "Fail",
      patch: (s) => {
        s.Licensing.Mode = policyDword(2, null, null);
        s.Licensing.Servers = [];
        s.Licensing.GraceDaysLeft = 0;
      },
    },
    {
      name: "fail-renewal-events",
      description: "Configuration looks right, but RemoteConnectionManager logged 1028 (license could not be renewed) 5 times.",
      expected: "Fail",
      errorCode: 0x808,
      extendedErrorCode: 258,
      patch: (s) => {
        s.Events.Groups.push(rcmAdmin(1028, 5));
      },
    },
    {
      name: "warn-mode-not-configured",
      description: "No licensing mode yet; the grace period still has 45 days.",
      expected: "Warn",
      patch: (s) => {
        s.Licensing.Mode = policyDword(null, null, null);
        s.Licensing.GraceDaysLeft = 45;
      },
    },
    {
      name: "warn-stale-1069",
      description: "Mode and server are configured now, but 1069 from before the fix is still in the 7-day window.",
      expected: "Warn",
      patch: (s) => {
        s.Events.Groups.push(rcmAdmin(1069, 2));
      },
    },
    {
      name: "unknown-licensing-unreadable",
      description: "The licensing settings could not be read (access denied).",
      expected: "Unknown",
      patch: (s) => {
        s.Licensing = { Mode: { Local: null, Policy: null, Effective: null, Source: "Unknown", Error: "access denied" }, Servers: [], GraceDaysLeft: null, Error: "access denied" };
      },
    },
    {
      name: "notapplicable-not-session-host",
      description: "A plain server without the RD Session Host role: remote administration needs no CAL, even with nothing configured.",
      expected: "NotApplicable",
      patch: (s) => {
        s.Host.IsSessionHost = false;
        s.Licensing.Mode = policyDword(null, null, null);
        s.Licensing.Servers = [];
        s.Licensing.GraceDaysLeft = 0;
      },
    },
  ],
};
