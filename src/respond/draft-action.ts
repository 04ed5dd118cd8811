/**
 * An action before it is placed in the plan: everything of a PlanAction but its id, which the
 * ordering gives (`<incident id>-<kind>-<n>` in plan order). Input: what each action builder knows.
 * Output: drafts for `orderActions`.
 */
import type { PlanAction } from "./response-plan.js";

/** A PlanAction without its id. */
export type DraftAction = Omit<PlanAction, "id">;

/** At most this many finding ids are attached to one action (strongest first, as the incident lists them). */
export const MAX_ACTION_FINDINGS = 12;

/** The union of finding-id lists, first seen first, bounded by MAX_ACTION_FINDINGS. */
export function findingUnion(...lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const list of lists)
    for (const id of list) {
      if (out.length >= MAX_ACTION_FINDINGS) return out;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
  return out;
}

/** Details without the undefined and empty entries (details hold strings only). */
export function cleanDetails(
  entries: Readonly<Record<string, string | number | boolean | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === "") continue;
    out[k] = String(v);
  }
  return out;
}
