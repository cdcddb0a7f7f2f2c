import type { CauseFixtures } from "./case.js";
import { EVENT_LOG, eventGroup } from "./base.js";
import { PROVIDER } from "../../src/catalog/shared/events.js";

/** An RDPClient 1026 group: Detail is the decimal disconnect reason (2056 = 0x808 LicensingFailed). */
const clientDisconnect = (reason: number, count: number) =>
  eventGroup(PROVIDER.rdpClient, 1026, count, String(reason), EVENT_LOG.rdpClientOperational);

export const fixtures: CauseFixtures = {
  cause: "C13",
  cases: [
    { name: "pass-healthy", description: "The license store is readable with one stored license; no licensing disconnects.", expected: "Pass", patch: () => {} },
    {
      name: "fail-store-access-denied",
      description: "MSLicensing exists but cannot be opened; mstsc reports ext 267 (license store access denied) with 0x808.",
      expected: "Fail",
      errorCode: 0x808,
      extendedErrorCode: 267,
      patch: (s) => {
        s.Client.MsLicensingReadable = false;
        s.Client.MsLicensingStoreCount = null;
        s.Client.Error = "MSLicensing: access denied";
        s.Events.Groups.push(clientDisconnect(0x808, 3));
      },
    },
    {
      name: "fail-corrupt-license",
      description: "The store is readable, the host's licensing is healthy, but mstsc logged 0x808 (reason 2056) 4 times: a damaged stored license (ext 261).",
      expected: "Fail",
      errorCode: 0x808,
      extendedErrorCode: 261,
      patch: (s) => {
        s.Events.Groups.push(clientDisconnect(0x808, 4));
      },
    },
    {
      name: "fail-store-not-created",
      description: "No MSLicensing key and licensing timeouts (reason 2312): mstsc could not create the store as a standard user.",
      expected: "Fail",
      patch: (s) => {
        s.Client.MsLicensingPresent = false;
        s.Client.MsLicensingReadable = null;
        s.Client.MsLicensingStoreCount = null;
        s.Events.Groups.push(clientDisconnect(0x908, 2));
      },
    },
    {
      name: "unknown-client-unreadable",
      description: "The client section could not be read at all.",
      expected: "Unknown",
      patch: (s) => {
        s.Client.MsLicensingPresent = null;
        s.Client.MsLicensingReadable = null;
        s.Client.MsLicensingStoreCount = null;
        s.Client.Error = "access denied";
      },
    },
    {
      name: "notapplicable-no-store",
      description: "This computer has never been issued a client license (no MSLicensing key) and logged no licensing disconnects.",
      expected: "NotApplicable",
      patch: (s) => {
        s.Client.MsLicensingPresent = false;
        s.Client.MsLicensingReadable = null;
        s.Client.MsLicensingStoreCount = null;
      },
    },
  ],
};
