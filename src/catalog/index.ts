/**
 * The catalog registry: every cause, sorted by stable ID. IDs come from causes-catalog.md and are never reused.
 * Causes live one per file under src/catalog/<side>/; the group files list them.
 */
import type { Cause } from "../model/cause.js";
import { ACCESS_AND_LISTENER_CAUSES } from "./groups/access-and-listener.js";
import { LICENSING_CLIENT_PATH_CAUSES } from "./groups/licensing-client-path.js";
import { TLS_AND_SECURITY_CAUSES } from "./groups/tls-and-security.js";

function sortedUnique(causes: readonly Cause[]): readonly Cause[] {
  const ids = causes.map((c) => c.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new Error(`Catalog ID ${dup} is used twice`);
  return [...causes].sort((a, b) => a.id.localeCompare(b.id));
}

export const CATALOG: readonly Cause[] = sortedUnique([
  ...ACCESS_AND_LISTENER_CAUSES,
  ...TLS_AND_SECURITY_CAUSES,
  ...LICENSING_CLIENT_PATH_CAUSES,
]);
