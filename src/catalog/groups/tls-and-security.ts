/** Causes in the TLS and security negotiation: certificates, keys, protocols, security layer, CredSSP (C05-C10). */
import type { Cause } from "../../model/cause.js";
import { c05ListenerCertificate } from "../server/c05-listener-certificate.js";

export const TLS_AND_SECURITY_CAUSES: readonly Cause[] = [c05ListenerCertificate];
