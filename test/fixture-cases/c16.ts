import type { CauseFixtures } from "./case.js";
import { EVENT_LOG, eventGroup, withoutTermService } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";
import type { RdpDiagnosticSnapshot } from "../../src/snapshot/types.js";

/** RDPClient 1026 with reason 2308 (0x904, socket closed). */
const socketClosed = (count: number) => eventGroup(PROVIDER.rdpClient, 1026, count, "2308", EVENT_LOG.rdpClientOperational);

/** Drops the listener's accept events (RdpCoreTS 131, RemoteConnectionManager 261): no connection reached TermService. */
function withoutAcceptEvents(s: RdpDiagnosticSnapshot): void {
  s.Events.Groups = s.Events.Groups.filter((g) => !((g.Provider === PROVIDER.rdpCoreTs && g.Id === 131) || (g.Provider === PROVIDER.rcm && g.Id === 261)));
}

export const fixtures: CauseFixtures = {
  cause: "C16",
  cases: [
    { name: "pass-healthy", description: "The listener logged 12 accepted connections; mstsc logged no 0x904.", expected: "Pass", patch: () => {} },
    {
      name: "fail-no-accept-events",
      description: "mstsc here logged 0x904 (reason 2308) 3 times through a proxy, and the listener logged no accepted connection: the proxy answered; 0x904 with ext 0x7.",
      expected: "Fail",
      errorCode: 0x904,
      extendedErrorCode: 0x7,
      patch: (s) => {
        withoutAcceptEvents(s);
        s.Events.Groups.push(socketClosed(3));
      },
    },
    {
      name: "warn-no-accept-events",
      description: "Snapshot of the target only: the listener is up but logged no accepted connection in the window.",
      expected: "Warn",
      patch: (s) => {
        withoutAcceptEvents(s);
      },
    },
    {
      name: "unknown-logs-unreadable",
      description: "Not elevated: the RdpCoreTS and RemoteConnectionManager logs could not be read.",
      expected: "Unknown",
      patch: (s) => {
        s.Host.IsElevated = false;
        withoutAcceptEvents(s);
        s.Events.Errors = [
          "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational: access denied",
          "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational: access denied",
        ];
        s.Events.Groups.push(socketClosed(1));
      },
    },
    {
      name: "notapplicable-no-rds",
      description: "TermService is not installed: a client-only computer whose mstsc logged 0x904; run the check on the target too.",
      expected: "NotApplicable",
      patch: (s) => {
        withoutTermService(s);
        withoutAcceptEvents(s);
        s.Events.Groups.push(socketClosed(2));
      },
    },
    {
      name: "notapplicable-foreign-listener",
      description: "xrdp owns port 3389 on this computer: a local foreign listener (C03), not an intermediary in the path.",
      expected: "NotApplicable",
      patch: (s) => {
        s.Listener.PortOwner = { Port: 3389, Listening: true, ProcessId: 4242, ProcessName: "xrdp", ServiceNames: [], Error: null };
        withoutAcceptEvents(s);
      },
    },
  ],
};
