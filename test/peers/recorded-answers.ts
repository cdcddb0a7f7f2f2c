// X.224 answers recorded from xrdp 0.9.21.1 and freerdp-shadow-cli 2.11.7 (protocol-probe.md s3), as hex.
// Test vectors for the peers and, later, for the probe's parser. xrdp uses SRC-REF 0x1234 and RSP flags 0x01;
// shadow uses SRC-REF 0 and flags 0x03 (s3 "Other differences").
export const XRDP_SSL = '030000130ed000001234000201080001000000';
export const XRDP_RDP = '030000130ed000001234000201080000000000';
export const XRDP_FAIL_SSL_REQUIRED = '030000130ed000001234000300080001000000';
export const XRDP_FAIL_NO_CERT = '030000130ed000001234000300080003000000';
export const LEGACY_CC = '0300000b06d00000123400';
export const DPU = '0300000902f0802180';
export const SHADOW_HYBRID = '030000130ed000000000000203080002000000';
export const SHADOW_FAIL = (code: number) => `030000130ed00000000000030008000${code}000000`;
