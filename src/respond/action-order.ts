/**
 * The plan's order and ids: priority, then ACTION_KINDS order, then host (host-less actions first),
 * then target; ids `<incident id>-<kind>-<n>` numbered per kind in that order. Actions of one kind
 * beyond the bound are dropped and counted in the last kept one's `details.omitted`.
 * Input: drafts. Output: PlanActions, deterministic for the same drafts in any input order.
 */
import type { DraftAction } from "./draft-action.js";
import { ACTION_KINDS, type ActionKind, type PlanAction } from "./response-plan.js";

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The plan order of two drafts. */
export function compareDrafts(a: DraftAction, b: DraftAction): number {
  return (
    a.priority - b.priority ||
    ACTION_KINDS.indexOf(a.kind) - ACTION_KINDS.indexOf(b.kind) ||
    compareText(a.host ?? "", b.host ?? "") ||
    compareText(a.target, b.target) ||
    compareText(a.text.en, b.text.en)
  );
}

/** Sorts, bounds per kind and numbers the drafts. */
export function orderActions(
  incidentId: string,
  drafts: readonly DraftAction[],
  maxPerKind: number,
): PlanAction[] {
  const sorted = [...drafts].sort(compareDrafts);
  const total = new Map<ActionKind, number>();
  for (const d of sorted) total.set(d.kind, (total.get(d.kind) ?? 0) + 1);
  const bound = Math.max(1, Math.floor(maxPerKind));
  const n = new Map<ActionKind, number>();
  const out: PlanAction[] = [];
  for (const d of sorted) {
    const i = (n.get(d.kind) ?? 0) + 1;
    if (i > bound) continue;
    n.set(d.kind, i);
    const all = total.get(d.kind) ?? 0;
    const details = i === bound && all > bound ? { ...d.details, omitted: String(all - bound) } : d.details;
    out.push({ id: `${incidentId}-${d.kind}-${i}`, ...d, details });
  }
  return out;
}
