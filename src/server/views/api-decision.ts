/**
 * An analyst Decision (src/feedback) as the API lists it (ApiDecision), with the incident it was taken
 * on when the verdict came through the API. Input: a Decision and the incident links. Output: an
 * ApiDecision.
 */
import type { Decision } from "../../feedback/decision.js";
import type { ApiDecision, VerdictRequest } from "../api-contract.js";

/** One decision for the API. */
export function apiDecision(d: Decision, incidentId: string | undefined): ApiDecision {
  const m = d.scope.match;
  // the API's scope has no detector narrowing on sha256 / path / command-line: those decisions are listed by their match
  const match: VerdictRequest["scope"]["match"] =
    m.kind === "sha256"
      ? { kind: "sha256", sha256: m.sha256 }
      : m.kind === "path"
        ? { kind: "path", path: m.path }
        : m.kind === "command-line"
          ? { kind: "command-line", pattern: m.pattern }
          : { kind: "rule-on-image", detector: m.detector, image: m.image };
  return {
    id: d.id,
    verdict: d.verdict,
    reason: d.reason,
    scope: { hosts: d.scope.hosts, match },
    analyst: d.analyst,
    at: d.at,
    incidentId,
    revoked: d.revoked ? { by: d.revoked.analyst, at: d.revoked.at, reason: d.revoked.reason } : undefined,
  };
}
