import type { Cause } from "../../model/cause.js";
import { when } from "../../model/condition.js";
import { clientDisconnectEvidence, clientDisconnectSeen, DISCONNECT_REASON } from "../shared/client-conditions.js";
import { SOURCES } from "../shared/sources.js";

// The client's licensing disconnects (causes-catalog.md table 1a): 0x808 LicensingFailed, 0x908 LicensingTimeout.
const LICENSING_REASONS = [DISCONNECT_REASON.licensingFailed, DISCONNECT_REASON.licensingTimeout];
const licensingDisconnects = clientDisconnectSeen(LICENSING_REASONS);

const STORE = "HKLM:\\SOFTWARE\\Microsoft\\MSLicensing\\Store";
const BACKUP = "$env:USERPROFILE\\RdpDoctor-MSLicensing.reg";
// Only the stored licenses; HardwareID stays, so the device keeps its identity and its per-device CAL (S8).
const REMOVE_LICENSES = `Remove-Item -Path '${STORE}\\LICENSE*' -Recurse`;

/**
 * The client's RDS license store (HKLM\SOFTWARE\Microsoft\MSLicensing) is corrupt or cannot be written.
 *
 * mstsc keeps the licenses an RD Session Host issued under MSLicensing\Store\LICENSE00x, next to the device's
 * HardwareID. A damaged stored license, or a key the user cannot create or open, ends the licensing exchange
 * ("an error in the licensing protocol", extended codes 259-265, or 267 when the store cannot be created).
 * These are licensing codes: this cause never explains 0x904 with extended 0x7, and clearing the store is not a
 * general fix for 0x904.
 * The repair exports the key, deletes only the stored LICENSE00x keys and starts mstsc elevated once so it can
 * recreate them (the whole key only if that does not help). It never deletes HardwareID first: a new device identity may consume another per-device CAL.
 *
 * @see https://techgenix.com/troubleshooting-terminal-server-licensing-issues-part4/
 * @see https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode
 */
export const c13ClientLicenseStore: Cause = {
  id: "C13",
  name: "Client.LicenseStore.Corrupt",
  title: "Client license store (MSLicensing) corrupt or not writable",
  side: "Client",
  sourceFile: "src/catalog/client/c13-client-license-store.ts",
  exportName: "c13ClientLicenseStore",
  evidence: [
    "Client.MsLicensingPresent",
    "Client.MsLicensingReadable",
    "Client.MsLicensingStoreCount",
    "Client.Error",
    clientDisconnectEvidence("Events.RdpClient1026Licensing", LICENSING_REASONS),
  ],
  policySettings: [],
  // causes-catalog.md C13: ext 259-265 or 267 (267 = LicenseCreatingLicStoreAccDenied). Section 3 item 2:
  // licensing problems are not 0x904/0x7, so neither code is listed.
  codes: {
    disconnect: [DISCONNECT_REASON.licensingFailed, DISCONNECT_REASON.licensingTimeout],
    extended: [259, 260, 261, 262, 263, 264, 265, 267],
    negotiationFailure: [],
  },
  rules: [
    {
      // No store and no licensing trouble: this computer has simply never been issued a license. With licensing
      // disconnects the missing key is itself the fault (mstsc could not create it), so that case falls through.
      status: "NotApplicable",
      when: when.and(when.eq("Client.MsLicensingPresent", false), when.not(licensingDisconnects)),
      confidence: "High",
      reason: "This computer has no client license store (MSLicensing) and logged no licensing disconnects, so there is no store to be corrupt.",
    },
    {
      status: "Unknown",
      when: when.or(
        when.isNull("Client.MsLicensingPresent"),
        when.and(when.eq("Client.MsLicensingPresent", true), when.isNull("Client.MsLicensingReadable")),
      ),
      confidence: "Low",
      reason: "The client license store (HKLM\\SOFTWARE\\Microsoft\\MSLicensing) could not be checked; run the collection elevated on the client.",
    },
    {
      status: "Fail",
      when: when.eq("Client.MsLicensingReadable", false),
      confidence: "High",
      reason: "The client license store exists but cannot be opened (access denied), so mstsc cannot read or store its license (extended code 267).",
    },
    {
      status: "Fail",
      when: when.and(when.eq("Client.MsLicensingPresent", false), licensingDisconnects),
      confidence: "Medium",
      reason: "mstsc logged licensing disconnects (RDPClient 1026, reason 2056 or 2312) and has no license store: it could not create one. Start mstsc elevated once.",
    },
    {
      status: "Fail",
      when: licensingDisconnects,
      confidence: "Medium",
      reason: "mstsc logged licensing disconnects (RDPClient 1026, reason 2056 or 2312); a damaged stored license is a known cause when the host's own licensing (C12) passes.",
    },
  ],
  otherwise: {
    status: "Pass",
    confidence: "Medium",
    reason: "The client license store is readable and mstsc logged no licensing disconnects (reason 2056 or 2312).",
  },
  fix: {
    steps: [
      `Get-ChildItem -Path '${STORE}'`,
      `reg export HKLM\\SOFTWARE\\Microsoft\\MSLicensing "${BACKUP}" /y`,
      `Test-Path -Path "${BACKUP}"`,
      `${REMOVE_LICENSES} -WhatIf`,
      REMOVE_LICENSES,
      "Start-Process -FilePath mstsc.exe -Verb RunAs",
    ],
    risks: ["DataLosing"],
    undo: `reg import "${BACKUP}" restores the stored licenses; HardwareID is never touched, so the device keeps its identity.`,
  },
  sources: [
    { ref: "S8", url: "https://techgenix.com/troubleshooting-terminal-server-licensing-issues-part4/" },
    SOURCES.R2,
  ],
};
