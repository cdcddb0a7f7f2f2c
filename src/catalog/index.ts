/**
 * The catalog registry: every cause, sorted by stable ID. IDs come from causes-catalog.md and are never reused.
 */
import type { Cause } from "../model/cause.js";
import { c05ListenerCertificate } from "./server/c05-listener-certificate.js";

function sortedUnique(causes: readonly Cause[]): readonly Cause[] {
  const ids = causes.map((c) => c.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new Error(`Catalog ID ${dup} is used twice`);
  return [...causes].sort((a, b) => a.id.localeCompare(b.id));
}

export const CATALOG: readonly Cause[] = sortedUnique([c05ListenerCertificate]);
