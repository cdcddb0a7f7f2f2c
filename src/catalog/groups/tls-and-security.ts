/** Causes in the TLS and security negotiation: certificates, keys, protocols, security layer, CredSSP (C05-C10). */
import type { Cause } from "../../model/cause.js";
import { c05ListenerCertificate } from "../server/c05-listener-certificate.js";
import { c06MachineKeysAcl } from "../server/c06-machinekeys-acl.js";
import { c07CustomCertificateBinding } from "../server/c07-custom-certificate-binding.js";
import { c08TlsProtocolCipher } from "../server/c08-tls-protocol-cipher.js";
import { c09SecurityLayer } from "../server/c09-security-layer.js";
import { c10CredSspNla } from "../server/c10-credssp-nla.js";

export const TLS_AND_SECURITY_CAUSES: readonly Cause[] = [
  c05ListenerCertificate,
  c06MachineKeysAcl,
  c07CustomCertificateBinding,
  c08TlsProtocolCipher,
  c09SecurityLayer,
  c10CredSspNla,
];
