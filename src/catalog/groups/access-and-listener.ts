/** Causes about whether the listener is allowed, running, reachable and not exhausted: C01-C04, C11. */
import type { Cause } from "../../model/cause.js";

export const ACCESS_AND_LISTENER_CAUSES: readonly Cause[] = [];
