/**
 * Builds the Finding objects of the network analytics: one place for the stable id (detector +
 * subject key), the evidence fields and rounding of the figures in `details`.
 * Input: a NetworkFindingSpec. Output: a Finding.
 */
import type { FieldValue } from "../../events/field-value.js";
import type { Finding, FindingSubject, LocalizedText } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import type { Viewpoint } from "../../findings/viewpoint.js";
import type { Evidence } from "./evidence.js";

export interface NetworkFindingSpec {
  readonly detector: string;
  /** Distinguishes findings of one detector (a pair, a source, …); part of the id */
  readonly key: string;
  readonly viewpoint: Viewpoint;
  readonly severity: Severity;
  readonly confidence: number;
  readonly stage?: KillChainStage;
  readonly attack: readonly string[];
  readonly host: string;
  readonly subject: FindingSubject;
  readonly evidence: Evidence;
  readonly message: LocalizedText;
  readonly details: Readonly<Record<string, FieldValue | undefined>>;
}

/** Rounds to 3 decimals (scores, ratios) so outputs are stable and readable. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Makes a Finding; undefined values in `details` are left out, numbers are rounded to 3 decimals. */
export function makeNetworkFinding(spec: NetworkFindingSpec): Finding {
  const details: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(spec.details)) {
    if (v === undefined) continue;
    details[k] = typeof v === "number" && !Number.isInteger(v) ? round3(v) : v;
  }
  return {
    id: `${spec.detector}:${spec.key}`,
    detector: spec.detector,
    viewpoint: spec.viewpoint,
    severity: spec.severity,
    confidence: round3(Math.max(0, Math.min(1, spec.confidence))),
    stage: spec.stage,
    attack: [...spec.attack],
    host: spec.host,
    subject: spec.subject,
    first: spec.evidence.first,
    last: spec.evidence.last,
    evidence: spec.evidence.provenances(),
    evidenceCount: spec.evidence.count,
    message: spec.message,
    details,
  };
}

/** `1.2 MB`-style sizes for messages (decimal units, as network tools show them). */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** `90 s`, `12 min`, `3.5 h` for messages. */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
