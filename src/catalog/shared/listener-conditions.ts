/**
 * Conditions shared by the access and listener causes (C01-C04, C11), built only from `when.*`, so they are
 * evaluated in TypeScript and lowered to PowerShell like any other rule.
 */
import type { Condition } from "../../model/condition.js";
import { when } from "../../model/condition.js";

/** The built-in firewall rules mstsc needs, by Name: display names are localized (causes-catalog.md C04). */
export const RDP_USER_MODE_RULES = {
  tcp: "RemoteDesktop-UserMode-In-TCP",
  udp: "RemoteDesktop-UserMode-In-UDP",
} as const;

/** The port RDP listens on unless RDP-Tcp\PortNumber says otherwise (0xD3D, causes-catalog.md C03, R21). */
export const DEFAULT_RDP_PORT = 3389;

/**
 * The "Limit number of connections" policy uses 999999 for unlimited; the RDP-Tcp value MaxInstanceCount uses
 * 0xFFFFFFFF. Anything below 999999 is a real limit.
 */
export const UNLIMITED_CONNECTIONS_POLICY = 999999;

/**
 * Remote Desktop connections are turned off: the effective fDenyTSConnections is non-zero (causes-catalog.md
 * C01; 0 = enabled), or WMI says so (AllowTSConnections = 0) when the registry could not be read.
 */
export function rdpConnectionsDenied(): Condition {
  return when.or(
    when.compare("Connections.DenyTSConnections.Effective", "gt", 0),
    when.eq("Connections.AllowTSConnections", 0),
  );
}

/**
 * Something other than the Remote Desktop service owns the RDP port (NoMachine, xrdp-like servers, remote-access
 * agents; causes-catalog.md C03, S9). TermService runs inside a svchost that lists it among its services; when
 * the hosted services could not be read, any image name other than svchost counts as foreign. A patched termsrv
 * still hosts TermService and is not detected here.
 */
export function portHeldByOtherProcess(): Condition {
  return when.and(
    when.eq("Listener.PortOwner.Listening", true),
    when.isNotNull("Listener.PortOwner.ProcessName"),
    when.or(
      when.and(when.count("Listener.PortOwner.ServiceNames", "gt", 0), when.not(when.contains("Listener.PortOwner.ServiceNames", "TermService"))),
      when.and(when.count("Listener.PortOwner.ServiceNames", "eq", 0), when.not(when.matches("Listener.PortOwner.ProcessName", "^svchost(\\.exe)?$"))),
    ),
  );
}

/** RDP is configured for the default port, or the port could not be read (then 3389 is assumed). */
export function defaultRdpPort(): Condition {
  return when.or(when.eq("Listener.PortNumber.Value", DEFAULT_RDP_PORT), when.isNull("Listener.PortNumber.Value"));
}

/** The Windows Firewall is on for at least one profile a network currently uses. */
export function firewallOnForActiveProfile(): Condition {
  return when.any("Firewall.Profiles", when.and(when.eq("Active", true), when.eq("Enabled", true)));
}

/** An enabled Allow rule with this Name exists. Profile coverage is not checked: Profiles is a string list. */
export function firewallRuleAllows(name: string): Condition {
  return when.any("Firewall.Rules", when.and(when.eq("Name", name), when.eq("Enabled", true), when.eq("Action", "Allow")));
}

/**
 * An enabled Block rule among the collected rules. The collector gathers only the "Remote Desktop" group and
 * rules for the RDP port, and in Windows Firewall a Block rule wins over any Allow rule.
 */
export function firewallBlockRuleEnabled(): Condition {
  return when.any("Firewall.Rules", when.and(when.eq("Enabled", true), when.eq("Action", "Block")));
}

/** `valuePath >= limitPath`, both numbers read from the snapshot (false when either is missing). */
export function atOrAboveLimit(valuePath: string, limitPath: string): Condition {
  return when.compareToRoot(valuePath, "ge", limitPath);
}
