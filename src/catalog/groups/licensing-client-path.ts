/** Causes in licensing, on the client, and in the network path between them (C12-C16). */
import type { Cause } from "../../model/cause.js";
import { c13ClientLicenseStore } from "../client/c13-client-license-store.js";
import { c15ClientTransport } from "../client/c15-client-transport.js";
import { c16RdpIntermediary } from "../network/c16-rdp-intermediary.js";
import { c12RdsLicensing } from "../server/c12-rds-licensing.js";
import { c14RcmCertificateValues } from "../server/c14-rcm-certificate-values.js";

export const LICENSING_CLIENT_PATH_CAUSES: readonly Cause[] = [
  c12RdsLicensing,
  c13ClientLicenseStore,
  c14RcmCertificateValues,
  c15ClientTransport,
  c16RdpIntermediary,
];
