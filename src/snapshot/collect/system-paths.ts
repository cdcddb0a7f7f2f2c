/**
 * Registry keys the system sections read, as PowerShell provider paths. One home for them so the collectors and
 * their tests cannot drift apart. Sources: /work/shared/research/causes-catalog.md (cause IDs in each comment).
 */

/** fDenyTSConnections (C01), MaxOutstandingConnections (C11). */
export const TERMINAL_SERVER_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server";

/** The RDP-Tcp listener: port, security layer, NLA, encryption, certificate binding (C02, C03, C07, C09, C11). */
export const RDP_TCP_KEY = `${TERMINAL_SERVER_KEY}\\WinStations\\RDP-Tcp`;

/** Group Policy copies of the Terminal Server and RDP-Tcp settings; a value here wins over the local one. */
export const TERMINAL_SERVICES_POLICY_KEY = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";

/** Proprietary (Standard RDP Security) certificate values (C14). */
export const RCM_KEY = `${TERMINAL_SERVER_KEY}\\RCM`;

/** SystemSetupInProgress and OOBEInProgress: a machine still in Sysprep/OOBE does not serve RDP normally. */
export const SETUP_KEY = "HKLM:\\SYSTEM\\Setup";

/** disabledomaincreds (C10). */
export const LSA_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa";

/** Enabled: the FIPS algorithm policy that interacts with MinEncryptionLevel 4 (C09). */
export const FIPS_KEY = `${LSA_KEY}\\FIPSAlgorithmPolicy`;

/** AllowEncryptionOracle (C10). The key is itself the policy location; there is no local copy. */
export const CREDSSP_POLICY_KEY = "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters";

/** WMI namespace of Win32_TerminalServiceSetting and Win32_TSGeneralSetting. */
export const TERMINAL_SERVICES_NAMESPACE = "root\\cimv2\\TerminalServices";

/** Every key above, for tests that check each is read. */
export const SYSTEM_REGISTRY_KEYS: readonly string[] = [
  TERMINAL_SERVER_KEY, RDP_TCP_KEY, TERMINAL_SERVICES_POLICY_KEY, RCM_KEY, SETUP_KEY, LSA_KEY, FIPS_KEY, CREDSSP_POLICY_KEY,
];
