/**
 * The verdict of a whole incident (docs/verdict.md, "The incident verdict"): the strongest verdict of
 * its processes (one malicious process makes the incident malicious; it is benign only when every
 * process is), their reasons merged per viewpoint (strongest first, bounded), and the analyst's
 * decisions on top — a confirmed finding forces malicious, an incident whose flagged findings were all
 * suppressed is benign; both name the decision in `decidedBy` and put its reason first.
 * Input: the member processes' verdicts, the incident's findings and decisions. Output: IncidentVerdict.
 */
import type { Finding } from "../findings/finding.js";
import { type Severity, severityRank } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import type { DecidedFinding } from "./applied-decisions.js";
import type { IncidentVerdict } from "./incident.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import { compareStrength, isCounterEvidence } from "./finding-index.js";
import { decideVerdict, type ProcessVerdict, type Verdict, type VerdictReason } from "./verdict.js";

/** A finding at least this severe is one that flagged the incident (for "all flagged findings suppressed"). */
export const FLAGGED_SEVERITY: Severity = "medium";

/** Confidence of a verdict an analyst decided. */
export const DECIDED_CONFIDENCE = 1;

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { malicious: 2, suspicious: 1, benign: 0 };

/** Orders verdicts: malicious > suspicious > benign. */
export function verdictRank(v: Verdict): number {
  return VERDICT_RANK[v];
}

export interface IncidentVerdictInput {
  /** The own verdicts of the incident's processes (launchers excluded); empty for a host-level incident */
  readonly members: readonly ProcessVerdict[];
  /** The incident's findings that no decision suppressed */
  readonly active: readonly Finding[];
  readonly suppressed: readonly DecidedFinding[];
  /** Confirmed-malware decisions on the incident's findings */
  readonly confirmed: readonly DecidedFinding[];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The strongest severity per viewpoint of the findings (counter-evidence and info left out). */
export function viewpointSeverities(findings: readonly Finding[]): Partial<Record<Viewpoint, Severity>> {
  const out: Partial<Record<Viewpoint, Severity>> = {};
  for (const f of findings) {
    if (isCounterEvidence(f) || f.severity === "info") continue;
    const before = out[f.viewpoint];
    if (!before || severityRank(f.severity) > severityRank(before)) out[f.viewpoint] = f.severity;
  }
  return out;
}

/**
 * The members' reasons merged: the same reason (viewpoint, direction, text) once with its finding ids
 * joined; reasons for the verdict's side first, then by weight; at most `reasonsPerViewpoint` per
 * viewpoint and direction (counter-evidence is not crowded out) and `reasons` in all.
 */
export function mergeReasons(sources: readonly ProcessVerdict[], verdict: Verdict): VerdictReason[] {
  const merged = new Map<string, { r: VerdictReason; ids: Set<string> }>();
  for (const s of sources)
    for (const r of s.reasons) {
      const key = `${r.viewpoint}\u0000${r.direction}\u0000${r.text.en}`;
      const e = merged.get(key);
      if (!e) merged.set(key, { r, ids: new Set(r.findingIds) });
      else {
        for (const id of r.findingIds) e.ids.add(id);
        if (r.weight > e.r.weight) e.r = r;
      }
    }
  const side = verdict === "benign" ? "for" : "against";
  const all = [...merged.values()]
    .map(({ r, ids }) => ({ ...r, findingIds: [...ids].sort() }))
    .sort(
      (a, b) =>
        (a.direction === side ? 0 : 1) - (b.direction === side ? 0 : 1) ||
        b.weight - a.weight ||
        a.viewpoint.localeCompare(b.viewpoint) ||
        a.text.en.localeCompare(b.text.en),
    );
  const perViewpoint = new Map<string, number>();
  const out: VerdictReason[] = [];
  for (const r of all) {
    const key = `${r.viewpoint}|${r.direction}`;
    const n = perViewpoint.get(key) ?? 0;
    if (n >= INCIDENT_LIMITS.reasonsPerViewpoint) continue;
    perViewpoint.set(key, n + 1);
    out.push(r);
    if (out.length >= INCIDENT_LIMITS.reasons) break;
  }
  return out;
}

function decisionReason(
  d: DecidedFinding,
  ids: readonly string[],
  direction: "for" | "against",
): VerdictReason {
  const what =
    direction === "against"
      ? { en: "confirmed as malware", ja: "マルウェアと確定" }
      : { en: "marked as an over-detection", ja: "過検知と判断" };
  return {
    viewpoint: d.finding.viewpoint,
    direction,
    weight: 1,
    text: {
      en: `analyst decision ${d.decisionId}: ${what.en} (${d.reason})`,
      ja: `分析者の判断 ${d.decisionId}: ${what.ja}（${d.reason}）`,
    },
    findingIds: [...ids].sort(),
  };
}

function strongestDecision(list: readonly DecidedFinding[]): DecidedFinding {
  return [...list].sort((a, b) => compareStrength(a.finding, b.finding))[0];
}

/** The verdict the members' own verdicts give (before analyst decisions). */
function computed(input: IncidentVerdictInput): Omit<IncidentVerdict, "viewpoints" | "decidedBy"> {
  const sources = input.members.length > 0 ? input.members : [decideVerdict(input.active)];
  let verdict: Verdict = "benign";
  for (const s of sources) if (verdictRank(s.verdict) > verdictRank(verdict)) verdict = s.verdict;
  const holding = sources.filter((s) => s.verdict === verdict);
  // malicious / suspicious: the surest member speaks for the incident; benign: the least sure one
  const pick = holding.reduce((best, s) =>
    verdict === "benign"
      ? s.confidence < best.confidence
        ? s
        : best
      : s.confidence > best.confidence
        ? s
        : best,
  );
  const score = Math.max(...sources.map((s) => s.score));
  return {
    verdict,
    confidence: round(pick.confidence),
    score: round(score),
    decisive: pick.decisive,
    reasons: mergeReasons(sources, verdict),
  };
}

/** The incident's verdict (see the module header and docs/verdict.md). */
export function decideIncidentVerdict(input: IncidentVerdictInput): IncidentVerdict {
  const viewpoints = viewpointSeverities(input.active);
  const base = computed(input);
  if (input.confirmed.length > 0) {
    const d = strongestDecision(input.confirmed);
    const ids = input.confirmed.filter((c) => c.decisionId === d.decisionId).map((c) => c.finding.id);
    return {
      ...base,
      verdict: "malicious",
      confidence: DECIDED_CONFIDENCE,
      decisive: undefined,
      reasons: [decisionReason(d, ids, "against"), ...mergeReasons(input.members, "malicious")].slice(
        0,
        INCIDENT_LIMITS.reasons,
      ),
      viewpoints,
      decidedBy: d.decisionId,
    };
  }
  const flagged = (f: Finding) =>
    !isCounterEvidence(f) && severityRank(f.severity) >= severityRank(FLAGGED_SEVERITY);
  const suppressedFlagged = input.suppressed.filter((d) => flagged(d.finding));
  if (suppressedFlagged.length > 0 && !input.active.some(flagged)) {
    const d = strongestDecision(suppressedFlagged);
    const ids = input.suppressed.filter((s) => s.decisionId === d.decisionId).map((s) => s.finding.id);
    return {
      ...base,
      verdict: "benign",
      confidence: DECIDED_CONFIDENCE,
      decisive: undefined,
      reasons: [decisionReason(d, ids, "for"), ...base.reasons.filter((r) => r.direction === "for")].slice(
        0,
        INCIDENT_LIMITS.reasons,
      ),
      viewpoints,
      decidedBy: d.decisionId,
    };
  }
  return { ...base, viewpoints, decidedBy: undefined };
}
