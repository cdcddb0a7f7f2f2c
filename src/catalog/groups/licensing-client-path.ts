/** Causes in licensing, on the client, and in the network path between them (C12-C16). */
import type { Cause } from "../../model/cause.js";

export const LICENSING_CLIENT_PATH_CAUSES: readonly Cause[] = [];
