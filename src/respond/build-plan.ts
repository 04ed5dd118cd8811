/**
 * The response plan (対応) of one incident. Malicious: contain (isolate, stop, block), eradicate
 * (delete payload AND dropper, remove persistence), investigate (scan, reset, seize), notify and
 * interview. Suspicious: investigation first (scan, collect, interview), block only C&C, delete and
 * stop only after confirmation. Benign (over-detection): one action — record it and tune / allow-list;
 * never delete or block. The rules are documented in docs/response.md. Input: an Incident and
 * PlanOptions. Output: a ResponsePlan in a deterministic order with stable ids.
 */
import type { Incident } from "../incidents/incident.js";
import { orderActions } from "./action-order.js";
import { blockActions, isolateActions, killActions } from "./containment-actions.js";
import type { DraftAction } from "./draft-action.js";
import { deleteActions, persistenceActions } from "./eradication-actions.js";
import { type IncidentFacts, incidentFacts } from "./incident-facts.js";
import { interviewActions } from "./interview-actions.js";
import { resetActions, scanActions, seizeActions } from "./investigation-actions.js";
import { SegmentTable } from "./network-segment.js";
import { notifyActions } from "./notify-actions.js";
import { overDetectionAction } from "./over-detection-action.js";
import { DEFAULT_MAX_ACTIONS_PER_KIND, type PlanOptions } from "./plan-options.js";
import type { ResponsePlan } from "./response-plan.js";

/** The technical actions of a malicious or suspicious incident. */
function technicalActions(facts: IncidentFacts): DraftAction[] {
  return [
    ...isolateActions(facts),
    ...killActions(facts),
    ...blockActions(facts),
    ...deleteActions(facts),
    ...persistenceActions(facts),
    ...scanActions(facts),
    ...resetActions(facts),
    ...seizeActions(facts),
  ];
}

function planWith(incident: Incident, segments: SegmentTable, max: number): ResponsePlan {
  if (incident.verdict.verdict === "benign")
    return {
      incidentId: incident.id,
      actions: orderActions(incident.id, [overDetectionAction(incident)], max),
    };
  const facts = incidentFacts(incident);
  const technical = technicalActions(facts);
  const drafts = [...technical, ...notifyActions(facts, technical, segments), ...interviewActions(facts)];
  return { incidentId: incident.id, actions: orderActions(incident.id, drafts, max) };
}

/** Builds the response plan of one incident (throws E_CONFIG for a malformed segment block in options). */
export function buildResponsePlan(incident: Incident, options: PlanOptions = {}): ResponsePlan {
  return planWith(
    incident,
    new SegmentTable(options.segments),
    options.maxActionsPerKind ?? DEFAULT_MAX_ACTIONS_PER_KIND,
  );
}

/** Plans for many incidents, in the incidents' order (the segments are parsed once). */
export function buildResponsePlans(
  incidents: readonly Incident[],
  options: PlanOptions = {},
): ResponsePlan[] {
  const segments = new SegmentTable(options.segments);
  const max = options.maxActionsPerKind ?? DEFAULT_MAX_ACTIONS_PER_KIND;
  return incidents.map((i) => planWith(i, segments, max));
}
