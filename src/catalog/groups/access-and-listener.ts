/** Causes about whether the listener is allowed, running, reachable and not exhausted: C01-C04, C11. */
import type { Cause } from "../../model/cause.js";
import { c04FirewallPath } from "../network/c04-firewall-path.js";
import { c01RdpDisabled } from "../server/c01-rdp-disabled.js";
import { c02ListenerDown } from "../server/c02-listener-down.js";
import { c03PortConflict } from "../server/c03-port-conflict.js";
import { c11ConnectionLimits } from "../server/c11-connection-limits.js";

export const ACCESS_AND_LISTENER_CAUSES: readonly Cause[] = [
  c01RdpDisabled,
  c02ListenerDown,
  c03PortConflict,
  c04FirewallPath,
  c11ConnectionLimits,
];
