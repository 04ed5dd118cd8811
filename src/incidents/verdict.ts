/**
 * The explained verdict of one process group: malicious / suspicious / benign (悪性 / 要注意 / 過検知),
 * with a confidence, a score and the reasons for and against — a transparent scoring documented in
 * docs/verdict.md. Evidence against: each finding weighs SEVERITY_EVIDENCE × VIEWPOINT_WEIGHT ×
 * (0.5 + 0.5 × confidence); a detector counts once (its strongest finding); per viewpoint the weights
 * combine as 1 − Π(1 − wᵢ) capped at VIEWPOINT_CAP, then across viewpoints the same way. Counter-evidence
 * (valid trusted signature, normal install path, prevalence, known-good) damps the score. Decisive
 * evidence (a malicious hash, a beacon to a listed address) and the decisive benign profile override.
 * Input: the group's findings and the process's facts. Output: a ProcessVerdict.
 */
import type { Finding, LocalizedText } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import { VIEWPOINTS, type Viewpoint } from "../findings/viewpoint.js";

/** The verdict words, strongest first. */
export const VERDICTS = ["malicious", "suspicious", "benign"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A reason speaks against the process (evidence) or for it (counter-evidence). */
export const REASON_DIRECTIONS = ["against", "for"] as const;
export type ReasonDirection = (typeof REASON_DIRECTIONS)[number];

/** Why a verdict was decided without the weighing. */
export const DECISIVE_KINDS = [
  "malicious-hash",
  "listed-beacon",
  "malicious-payload",
  "benign-profile",
] as const;
export type DecisiveKind = (typeof DECISIVE_KINDS)[number];

export interface VerdictReason {
  readonly viewpoint: Viewpoint;
  readonly direction: ReasonDirection;
  /** 0..1: this reason's weight in the score (a decisive reason weighs 1) */
  readonly weight: number;
  readonly text: LocalizedText;
  readonly findingIds: readonly string[];
}

export interface ProcessVerdict {
  readonly verdict: Verdict;
  /** 0..1: how sure the verdict is (distance from the nearest threshold, or DECISIVE_CONFIDENCE) */
  readonly confidence: number;
  /** 0..1: evidence against, after counter-evidence (see docs/verdict.md) */
  readonly score: number;
  readonly decisive: DecisiveKind | undefined;
  /** Strongest first; against before for at equal weight */
  readonly reasons: readonly VerdictReason[];
}

/** What the process graph knows about the process's image (counter-evidence). */
export interface ProcessFacts {
  readonly image?: string;
  /** A valid signature by a trusted vendor (signer named a trusted vendor word) */
  readonly trustedSignature?: { readonly signer: string };
  /** The image lives in Program Files / Windows and no suspicious-path rule matches */
  readonly normalPath?: boolean;
  /** Whether a reputation source was consulted at all (without it "no bad reputation" means nothing) */
  readonly reputationChecked?: boolean;
  /** The root cause of this process's chain, when it is another process judged malicious */
  readonly maliciousRoot?: { readonly image: string; readonly key: string };
  /** A process whose image this process wrote and that then ran, judged malicious: this is its dropper */
  readonly maliciousPayload?: { readonly image: string; readonly key: string };
}

/** Base weight of one finding by severity. */
export const SEVERITY_EVIDENCE: Readonly<Record<Severity, number>> = {
  info: 0,
  low: 0.15,
  medium: 0.35,
  high: 0.6,
  critical: 0.85,
};

/**
 * How much a viewpoint can tell malware from normal activity on its own: reputation and the process's
 * identity most, network behaviour next, context (location, time, duration) least, state (still running:
 * urgency, not guilt) lowest.
 */
export const VIEWPOINT_WEIGHT: Readonly<Record<Viewpoint, number>> = {
  reputation: 1,
  process: 1,
  frequency: 0.9,
  port: 0.8,
  direction: 0.8,
  volume: 0.7,
  history: 0.6,
  location: 0.5,
  time: 0.5,
  duration: 0.5,
  state: 0.3,
};

/** No single viewpoint, however many findings it has, weighs more than this. */
export const VIEWPOINT_CAP = 0.95;

/** Counter-evidence weights; the score is multiplied by Π(1 − cⱼ) over the facts present. */
export const COUNTER_WEIGHT = {
  trustedSignature: 0.5,
  normalPath: 0.2,
  prevalent: 0.3,
  knownGood: 0.6,
} as const;

/** Weight of "part of a chain whose root cause is malicious" (process viewpoint). */
export const MALICIOUS_ROOT_WEIGHT = 0.5;

/** score ≥ this, with evidence from MIN_CONVICTING_VIEWPOINTS viewpoints → malicious. */
export const MALICIOUS_THRESHOLD = 0.8;
/** score ≥ this → suspicious (below: benign, an over-detection). */
export const SUSPICIOUS_THRESHOLD = 0.3;
/**
 * With no counter-evidence at all, score ≥ this → suspicious: an over-detection (benign) verdict needs a
 * reason, and "nothing speaks for it" is none. One medium-severity finding of a strong viewpoint (0.35 ×
 * 1 × 0.75 ≈ 0.26) is then suspicious; low-severity findings alone (≤ 0.15) stay benign.
 */
export const UNEXPLAINED_THRESHOLD = 0.2;
/** A viewpoint counts toward conviction when its combined weight reaches this (a medium context finding). */
export const CONVICTING_VIEWPOINT_WEIGHT = 0.1;
/** One viewpoint alone never convicts (a regular beacon may be a mail client). */
export const MIN_CONVICTING_VIEWPOINTS = 2;
/**
 * Context viewpoints: they weigh in the score but never count toward MIN_CONVICTING_VIEWPOINTS. Duration
 * findings restate other facts (a payload started seconds after it was written is the drop itself), a
 * process still running is urgency, not guilt, and time and location alone never convict.
 */
export const CONTEXT_VIEWPOINTS: readonly Viewpoint[] = ["duration", "state", "time", "location"];
/** Confidence of a decisive verdict. */
export const DECISIVE_CONFIDENCE = 0.95;

/** Reputation contexts that are matches of the process's own image hash. */
const HASH_CONTEXTS = ["process", "image-load", "file"] as const;

/** Noisy-OR: 1 − Π(1 − wᵢ). */
export function combine(weights: readonly number[]): number {
  let keep = 1;
  for (const w of weights) keep *= 1 - Math.min(1, Math.max(0, w));
  return 1 - keep;
}

/** The weight of one finding against its process (0 for counter-evidence). */
export function findingWeight(f: Finding): number {
  if (f.details.benign === true) return 0;
  const c = Math.min(1, Math.max(0, f.confidence));
  return SEVERITY_EVIDENCE[f.severity] * VIEWPOINT_WEIGHT[f.viewpoint] * (0.5 + 0.5 * c);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function isHashMatch(f: Finding): boolean {
  const ctx = f.details.context;
  return (
    f.subject.kind === "file" ||
    (typeof ctx === "string" && (HASH_CONTEXTS as readonly string[]).includes(ctx))
  );
}

function decisiveMalicious(findings: readonly Finding[]): VerdictReason | undefined {
  const hash = findings.find((f) => f.detector === "reputation.malicious" && isHashMatch(f));
  if (hash)
    return {
      viewpoint: "reputation",
      direction: "against",
      weight: 1,
      text: {
        en: `the image hash is listed as malicious (${String(hash.details.matched ?? "")})`,
        ja: `イメージのハッシュが悪性として登録されています（${String(hash.details.matched ?? "")}）`,
      },
      findingIds: [hash.id],
    };
  const listed = findings.filter(
    (f) =>
      (f.detector === "reputation.malicious" || f.detector === "reputation.suspicious") &&
      typeof f.details.matched === "string",
  );
  for (const b of findings) {
    if (b.detector !== "network.beacon") continue;
    const l = listed.find((r) => r.details.matched === b.details.destination);
    if (l)
      return {
        viewpoint: "frequency",
        direction: "against",
        weight: 1,
        text: {
          en: `regular beaconing to ${String(b.details.destination)}, an address on a threat list (confirmed C&C)`,
          ja: `脅威リストに載っているアドレス ${String(b.details.destination)} への定期通信（C&C の確定）`,
        },
        findingIds: [b.id, l.id],
      };
  }
  return undefined;
}

interface Weighed {
  readonly viewpoint: Viewpoint;
  readonly weight: number;
  readonly reasons: VerdictReason[];
}

/** Evidence against, per viewpoint: a detector counts once (its strongest finding), capped per viewpoint. */
function weighAgainst(findings: readonly Finding[], facts: ProcessFacts): Weighed[] {
  const byDetector = new Map<string, { w: number; f: Finding; ids: string[] }>();
  for (const f of findings) {
    const w = findingWeight(f);
    if (w <= 0) continue;
    const e = byDetector.get(f.detector);
    if (!e) byDetector.set(f.detector, { w, f, ids: [f.id] });
    else {
      e.ids.push(f.id);
      if (w > e.w) {
        e.w = w;
        e.f = f;
      }
    }
  }
  const perViewpoint = new Map<Viewpoint, VerdictReason[]>();
  const add = (r: VerdictReason) => {
    const list = perViewpoint.get(r.viewpoint);
    if (list) list.push(r);
    else perViewpoint.set(r.viewpoint, [r]);
  };
  for (const { w, f, ids } of byDetector.values())
    add({ viewpoint: f.viewpoint, direction: "against", weight: round(w), text: f.message, findingIds: ids });
  if (facts.maliciousRoot)
    add({
      viewpoint: "process",
      direction: "against",
      weight: MALICIOUS_ROOT_WEIGHT,
      text: {
        en: `part of the chain started by ${facts.maliciousRoot.image}, judged malicious`,
        ja: `悪性と判定された ${facts.maliciousRoot.image} を起点とする一連のプロセスの一部です`,
      },
      findingIds: [],
    });
  const out: Weighed[] = [];
  for (const v of VIEWPOINTS) {
    const reasons = perViewpoint.get(v);
    if (!reasons) continue;
    const weight = Math.min(VIEWPOINT_CAP, combine(reasons.map((r) => r.weight)));
    out.push({ viewpoint: v, weight, reasons });
  }
  return out;
}

/** Counter-evidence reasons (direction "for"). */
function counterEvidence(findings: readonly Finding[], facts: ProcessFacts): VerdictReason[] {
  const out: VerdictReason[] = [];
  if (facts.trustedSignature)
    out.push({
      viewpoint: "process",
      direction: "for",
      weight: COUNTER_WEIGHT.trustedSignature,
      text: {
        en: `validly signed by ${facts.trustedSignature.signer}, a trusted publisher`,
        ja: `信頼できる発行元 ${facts.trustedSignature.signer} の有効な署名があります`,
      },
      findingIds: [],
    });
  if (facts.normalPath)
    out.push({
      viewpoint: "process",
      direction: "for",
      weight: COUNTER_WEIGHT.normalPath,
      text: {
        en: "runs from its normal install folder",
        ja: "通常のインストール先フォルダーから実行されています",
      },
      findingIds: [],
    });
  const prevalent = findings.filter((f) => f.detector === "history.prevalent");
  if (prevalent.length > 0)
    out.push({
      viewpoint: "history",
      direction: "for",
      weight: COUNTER_WEIGHT.prevalent,
      text: prevalent[0].message,
      findingIds: prevalent.map((f) => f.id),
    });
  const known = findings.filter((f) => f.detector === "reputation.known-good");
  if (known.length > 0)
    out.push({
      viewpoint: "reputation",
      direction: "for",
      weight: COUNTER_WEIGHT.knownGood,
      text: { en: "on the known-good list (allow-list)", ja: "既知の正常リスト（許可リスト）に載っています" },
      findingIds: known.map((f) => f.id),
    });
  return out;
}

function hasBadReputation(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) => f.detector === "reputation.malicious" || f.detector === "reputation.suspicious",
  );
}

function byWeight(a: VerdictReason, b: VerdictReason): number {
  return b.weight - a.weight || (a.direction === b.direction ? 0 : a.direction === "against" ? -1 : 1);
}

/** Confidence from the distance to the nearest threshold of the verdict's band (0.5 at the edge, 1 at the far end). */
function bandConfidence(verdict: Verdict, score: number): number {
  if (verdict === "malicious") return 0.5 + (0.5 * (score - MALICIOUS_THRESHOLD)) / (1 - MALICIOUS_THRESHOLD);
  if (verdict === "benign") return 0.5 + (0.5 * (SUSPICIOUS_THRESHOLD - score)) / SUSPICIOUS_THRESHOLD;
  const half = (MALICIOUS_THRESHOLD - SUSPICIOUS_THRESHOLD) / 2;
  return 0.5 + (0.5 * Math.min(score - SUSPICIOUS_THRESHOLD, MALICIOUS_THRESHOLD - score)) / half;
}

/** The verdict of one group's findings (see the module header and docs/verdict.md). */
export function decideVerdict(findings: readonly Finding[], facts: ProcessFacts = {}): ProcessVerdict {
  const weighed = weighAgainst(findings, facts);
  const against = weighed.flatMap((w) => w.reasons);
  const counter = counterEvidence(findings, facts);
  const reasons = [...against, ...counter].sort(byWeight);
  const decisive = decisiveMalicious(findings);
  if (decisive)
    return {
      verdict: "malicious",
      confidence: DECISIVE_CONFIDENCE,
      score: 1,
      decisive: decisive.viewpoint === "frequency" ? "listed-beacon" : "malicious-hash",
      reasons: [decisive, ...reasons],
    };
  if (facts.maliciousPayload)
    return {
      verdict: "malicious",
      confidence: DECISIVE_CONFIDENCE,
      score: 1,
      decisive: "malicious-payload",
      reasons: [
        {
          viewpoint: "process",
          direction: "against",
          weight: 1,
          text: {
            en: `wrote and started ${facts.maliciousPayload.image}, judged malicious: this is its dropper`,
            ja: `悪性と判定された ${facts.maliciousPayload.image} を書き込んで起動しました（ドロッパーです）`,
          },
          findingIds: [],
        },
        ...reasons,
      ],
    };
  const raw = combine(weighed.map((w) => w.weight));
  const score = round(raw * (1 - combine(counter.map((c) => c.weight))));
  const benignProfile =
    facts.trustedSignature !== undefined &&
    facts.normalPath === true &&
    facts.reputationChecked === true &&
    !hasBadReputation(findings) &&
    counter.some((c) => c.viewpoint === "history") &&
    counter.some((c) => c.viewpoint === "reputation");
  if (benignProfile)
    return { verdict: "benign", confidence: DECISIVE_CONFIDENCE, score, decisive: "benign-profile", reasons };
  const convicting = weighed.filter(
    (w) => w.weight >= CONVICTING_VIEWPOINT_WEIGHT && !CONTEXT_VIEWPOINTS.includes(w.viewpoint),
  ).length;
  const verdict: Verdict =
    score >= MALICIOUS_THRESHOLD && convicting >= MIN_CONVICTING_VIEWPOINTS
      ? "malicious"
      : score >= SUSPICIOUS_THRESHOLD || (counter.length === 0 && score >= UNEXPLAINED_THRESHOLD)
        ? "suspicious"
        : "benign";
  const extra: VerdictReason[] = [];
  if (verdict === "benign" && counter.length === 0)
    extra.push({
      viewpoint: weighed[0]?.viewpoint ?? "process",
      direction: "for",
      weight: 0,
      text: {
        en: `only weak evidence (score ${score} below ${UNEXPLAINED_THRESHOLD})`,
        ja: `弱い兆候のみです（スコア ${score} は ${UNEXPLAINED_THRESHOLD} 未満）`,
      },
      findingIds: [],
    });
  return {
    verdict,
    confidence: round(Math.min(1, Math.max(0.5, bandConfidence(verdict, score)))),
    score,
    decisive: undefined,
    reasons: [...reasons, ...extra],
  };
}
