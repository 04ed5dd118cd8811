/**
 * Groups of findings from one detector, so that a detector firing hundreds of times (one finding per
 * internal connection of a scan, say) shows as one entry with a count instead of hundreds of lines.
 * Input: findings in display order. Output: groups in the order of their first finding.
 */
import type { ApiFinding } from "../../../src/server/api-contract.js";

export interface FindingGroup {
  /** detector + host, unique within one grouping */
  readonly key: string;
  readonly detector: string;
  readonly host: string;
  /** At least one; the first is the group's representative */
  readonly findings: readonly ApiFinding[];
}

/** One group per detector and host, ordered by first appearance. */
export function groupByDetector(findings: readonly ApiFinding[]): FindingGroup[] {
  const groups = new Map<string, { detector: string; host: string; findings: ApiFinding[] }>();
  for (const f of findings) {
    const key = `${f.detector}\u0000${f.host}`;
    const g = groups.get(key);
    if (g) g.findings.push(f);
    else groups.set(key, { detector: f.detector, host: f.host, findings: [f] });
  }
  return [...groups.entries()].map(([key, g]) => ({ key, ...g }));
}

/** Consecutive runs of the same detector on the same host (for a timeline: order is kept). */
export function consecutiveRuns(findings: readonly ApiFinding[]): FindingGroup[] {
  const out: { key: string; detector: string; host: string; findings: ApiFinding[] }[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (last && last.detector === f.detector && last.host === f.host) last.findings.push(f);
    else out.push({ key: `${out.length}:${f.id}`, detector: f.detector, host: f.host, findings: [f] });
  }
  return out;
}
