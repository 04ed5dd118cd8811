/**
 * `analyze --online`: after the pass, ask the online services (VirusTotal, X-Force, through the
 * `ReputationSource` interface) about the SHA256 of the images of the suspicious processes (most severe
 * first, at most `onlineMaxHashes` distinct) and their external destinations (at most
 * `onlineMaxDestinations` distinct). Each found answer becomes a finding — `reputation.malicious` (high),
 * `reputation.suspicious` (medium), `reputation.harmless` / `reputation.unknown` (info) — naming the source
 * and its details; a value the service does not know is `reputation.unknown`; a value no service could
 * check (no key, quota, offline, error) is one `reputation.not-checked` info finding saying why.
 * Input: the run's process rows, the analyzer's image facts, the sources. Output: findings.
 */
import type { FieldValue } from "../../events/field-value.js";
import type { Finding, FindingSubject, LocalizedText } from "../../findings/finding.js";
import type { Severity } from "../../findings/severity.js";
import type {
  LookupKind,
  LookupResult,
  LookupVerdict,
  ReputationSource,
} from "../../intel/online/reputation-source.js";
import { hostKey } from "../process/host-key.js";
import { baseName } from "../process/windows-path.js";
import type { ImageFacts } from "./image-facts.js";
import type { ReputationOptions } from "./reputation-options.js";

/** A process row of the run (the pipeline's `ProcessGroup` fits). */
export interface SuspiciousProcess {
  readonly host: string;
  readonly image: string | undefined;
  readonly suspicious: boolean;
}

/** One value to look up online, with the process it belongs to. */
export interface OnlineTarget {
  readonly kind: LookupKind;
  readonly value: string;
  readonly host: string;
  readonly image: string;
}

/** Longest text of the service's details kept in a finding. */
const MAX_DETAIL_CHARS = 4_096;

/**
 * The values to look up: for each suspicious process in the given order (most severe first), its image's
 * SHA256 and then its external destinations, each distinct value once, within the two bounds.
 */
export function onlineTargets(
  processes: readonly SuspiciousProcess[],
  images: ImageFacts,
  options: Pick<ReputationOptions, "onlineMaxHashes" | "onlineMaxDestinations">,
): OnlineTarget[] {
  const hashes: OnlineTarget[] = [];
  const destinations: OnlineTarget[] = [];
  const seen = new Set<string>();
  for (const p of processes) {
    if (hashes.length >= options.onlineMaxHashes && destinations.length >= options.onlineMaxDestinations)
      break;
    if (!p.suspicious || p.image === undefined) continue;
    const fact = images.of(p.host, p.image);
    if (!fact) continue;
    const at = { host: p.host, image: p.image };
    if (fact.sha256 && hashes.length < options.onlineMaxHashes && !seen.has(`hash|${fact.sha256}`)) {
      seen.add(`hash|${fact.sha256}`);
      hashes.push({ kind: "hash", value: fact.sha256, ...at });
    }
    for (const d of fact.destinations) {
      if (destinations.length >= options.onlineMaxDestinations) break;
      const key = `${d.kind}|${d.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      destinations.push({ kind: d.kind, value: d.value, ...at });
    }
  }
  return [...hashes, ...destinations];
}

const VERDICT_FINDING: Readonly<
  Record<LookupVerdict, { detector: string; severity: Severity; text: LocalizedText }>
> = {
  malicious: { detector: "reputation.malicious", severity: "high", text: { en: "malicious", ja: "悪性" } },
  suspicious: {
    detector: "reputation.suspicious",
    severity: "medium",
    text: { en: "suspicious", ja: "不審" },
  },
  harmless: { detector: "reputation.harmless", severity: "info", text: { en: "harmless", ja: "無害" } },
  unknown: {
    detector: "reputation.unknown",
    severity: "info",
    text: { en: "without a verdict", ja: "判定なし" },
  },
};

function subjectOf(t: OnlineTarget): FindingSubject {
  if (t.kind === "hash") return { kind: "file", path: t.image, sha256: t.value.toUpperCase() };
  if (t.kind === "ip") return { kind: "address", address: t.value };
  return { kind: "domain", domain: t.value };
}

function what(t: OnlineTarget): LocalizedText {
  const name = baseName(t.image);
  return t.kind === "hash"
    ? {
        en: `the SHA256 ${t.value.slice(0, 12)}… of ${name}`,
        ja: `${name} の SHA256 ${t.value.slice(0, 12)}…`,
      }
    : { en: `${t.value}, contacted by ${name},`, ja: `${name} が接続した ${t.value}` };
}

function base(
  t: OnlineTarget,
  detector: string,
  source: string,
): Omit<Finding, "severity" | "confidence" | "message" | "details"> {
  return {
    id: `${detector}:online:${source}:${t.kind}:${t.value}:${hostKey(t.host)}`,
    detector,
    viewpoint: "reputation",
    stage: undefined,
    attack: [],
    host: t.host,
    subject: subjectOf(t),
    first: undefined,
    last: undefined,
    evidence: [],
    evidenceCount: 0,
  };
}

function resultFinding(t: OnlineTarget, r: LookupResult, options: ReputationOptions): Finding | undefined {
  const common: Record<string, FieldValue> = {
    online: true,
    source: r.source,
    lookupKind: r.kind,
    value: r.value,
    image: t.image,
    cached: r.cached,
  };
  const detailText = JSON.stringify(r.details);
  if (detailText !== "{}") common.sourceDetails = detailText.slice(0, MAX_DETAIL_CHARS);
  const w = what(t);
  if (r.status === "not-found") {
    return {
      ...base(t, "reputation.unknown", r.source),
      severity: "info",
      confidence: 0,
      message: { en: `${r.source} does not know ${w.en}`, ja: `${r.source} は ${w.ja} を知りません` },
      details: { ...common, status: "not-found" },
    };
  }
  if (r.status !== "found") return undefined;
  const v = VERDICT_FINDING[r.verdict];
  const confidence =
    r.verdict === "malicious"
      ? options.maliciousConfidence
      : r.verdict === "suspicious"
        ? options.suspiciousConfidence
        : 0;
  const score =
    r.score === undefined ? { en: "", ja: "" } : { en: ` (score ${r.score})`, ja: `（スコア ${r.score}）` };
  return {
    ...base(t, v.detector, r.source),
    severity: v.severity,
    confidence,
    stage:
      r.verdict === "malicious" || r.verdict === "suspicious"
        ? t.kind === "hash"
          ? "installation"
          : "command_and_control"
        : undefined,
    message: {
      en: `${r.source} rates ${w.en} ${v.text.en}${score.en} on ${t.host}`,
      ja: `${t.host} の ${w.ja} を ${r.source} は${v.text.ja}と評価しています${score.ja}`,
    },
    details: {
      ...common,
      status: "found",
      verdict: r.verdict,
      ...(r.score !== undefined && { score: r.score }),
    },
  };
}

function notCheckedFinding(t: OnlineTarget, results: readonly LookupResult[]): Finding {
  const reasons = results.map((r) => `${r.source}: ${"reason" in r ? r.reason : r.status}`);
  const w = what(t);
  return {
    ...base(t, "reputation.not-checked", "all"),
    severity: "info",
    confidence: 0,
    message: {
      en: `${w.en} was not checked online: ${reasons.join("; ")}`,
      ja: `${w.ja} はオンラインで確認されていません（not checked）: ${reasons.join("; ")}`,
    },
    details: {
      online: true,
      lookupKind: t.kind,
      value: t.value,
      image: t.image,
      reasons: reasons.join("; "),
    },
  };
}

/**
 * Looks every target up in every source (the sources queue the calls under their rate limits; a source
 * without a key or offline answers "not checked" without calling) and turns the answers into findings.
 */
export async function onlineReputationFindings(
  targets: readonly OnlineTarget[],
  sources: readonly ReputationSource[],
  options: ReputationOptions,
  signal?: AbortSignal,
): Promise<Finding[]> {
  if (sources.length === 0) return [];
  const answers = await Promise.all(
    targets.map((t) => Promise.all(sources.map((s) => s.lookup(t.kind, t.value, signal ? { signal } : {})))),
  );
  const out: Finding[] = [];
  targets.forEach((t, i) => {
    const results = answers[i] ?? [];
    const findings = results.flatMap((r) => resultFinding(t, r, options) ?? []);
    out.push(...findings);
    if (findings.length === 0) out.push(notCheckedFinding(t, results));
  });
  return out;
}
