/**
 * The findings of a run as the incident builder looks them up: by id, with the analyst decisions
 * applied (suppressed: out of the verdict, still listed; confirmed: forces malicious), and the order
 * "strongest first" used everywhere in an incident. Input: the run's findings and a DecisionOutcome.
 * Output: FindingIndex.
 */
import type { Finding } from "../findings/finding.js";
import { severityRank } from "../findings/severity.js";
import type { DecidedFinding, DecisionOutcome } from "./applied-decisions.js";

/** Counter-evidence (`details.benign`): a reason for the process, never evidence against it. */
export function isCounterEvidence(f: Finding): boolean {
  return f.details.benign === true;
}

/** Strongest first, then most confident, then earliest, then by id (a stable order). */
export function compareStrength(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.confidence - a.confidence ||
    (a.first?.ms ?? Number.POSITIVE_INFINITY) - (b.first?.ms ?? Number.POSITIVE_INFINITY) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export class FindingIndex {
  private readonly byId = new Map<string, Finding>();
  private readonly suppressedById = new Map<string, DecidedFinding>();
  private readonly confirmedById = new Map<string, DecidedFinding>();

  constructor(findings: readonly Finding[], decisions: DecisionOutcome | undefined) {
    for (const f of findings) this.byId.set(f.id, f);
    for (const d of decisions?.suppressed ?? []) this.suppressedById.set(d.finding.id, d);
    for (const d of decisions?.confirmed ?? []) this.confirmedById.set(d.finding.id, d);
  }

  get(id: string): Finding | undefined {
    return this.byId.get(id);
  }

  /** The findings of `ids` that exist, strongest first. */
  resolve(ids: Iterable<string>): Finding[] {
    const out: Finding[] = [];
    for (const id of ids) {
      const f = this.byId.get(id);
      if (f) out.push(f);
    }
    return out.sort(compareStrength);
  }

  /** The decision that suppressed this finding, if one did. */
  suppressed(id: string): DecidedFinding | undefined {
    return this.suppressedById.get(id);
  }

  /** The decision that confirmed this finding as malware, if one did. */
  confirmed(id: string): DecidedFinding | undefined {
    return this.confirmedById.get(id);
  }

  isActive(id: string): boolean {
    return !this.suppressedById.has(id);
  }
}
