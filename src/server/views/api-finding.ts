/**
 * A Finding as the API gives it (ApiFinding): times as ISO text, bigint values as strings, the evidence
 * counted, and the analyst decision that suppressed it when one did (from the incident's suppressed
 * list). Input: findings (and suppressions). Output: ApiFindings.
 */
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import type { ApiFinding } from "../api-contract.js";
import { jsonSafeRecord } from "./json-safe.js";

/** One finding; `suppressedBy`: the decision id that suppressed it, if any. */
export function apiFinding(f: Finding, suppressedBy: string | undefined): ApiFinding {
  return {
    id: f.id,
    detector: f.detector,
    viewpoint: f.viewpoint,
    severity: f.severity,
    confidence: f.confidence,
    stage: f.stage,
    attack: f.attack,
    host: f.host,
    subject: jsonSafeRecord(f.subject as unknown as Record<string, unknown>),
    first: f.first?.iso,
    last: f.last?.iso,
    message: f.message,
    details: jsonSafeRecord(f.details),
    evidenceCount: f.evidenceCount,
    suppressedBy,
  };
}

/** Finding id → the decision that suppressed it, over some incidents. */
export function suppressionsOf(incidents: readonly Incident[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of incidents) for (const s of i.suppressed) out.set(s.findingId, s.decisionId);
  return out;
}
