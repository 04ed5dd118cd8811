/**
 * The shape every process detector shares: a function from one process (and the graph around it) to
 * hits, and the conversion of a hit into a `Finding` (stable id, subject, bounded evidence, times).
 * Input: ProcessInfo + DetectionContext. Output: ProcessHit[] → Finding.
 */
import type { EventTime } from "../../events/event.js";
import type { FieldValue } from "../../events/field-value.js";
import type { Provenance } from "../../events/provenance.js";
import { type Finding, type LocalizedText, MAX_EVIDENCE } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import { SEVERITIES, type Severity, severityRank } from "../../findings/severity.js";
import type { Viewpoint } from "../../findings/viewpoint.js";
import type { ProcessFindingDetector } from "./process-finding-ids.js";
import type { ProcessGraph } from "./process-graph.js";
import type { ProcessInfo } from "./process-node.js";
import type { ProcessOptions } from "./process-options.js";

/** What a detector sees besides the process itself. */
export interface DetectionContext {
  readonly graph: ProcessGraph;
  readonly options: ProcessOptions;
}

/** One detector's conclusion about one process. */
export interface ProcessHit {
  /** `process.suspicious-path` … (the finding id is `<detector>:<process key>`) */
  readonly detector: ProcessFindingDetector;
  /** Default: `process` */
  readonly viewpoint?: Viewpoint;
  readonly severity: Severity;
  readonly confidence: number;
  readonly stage: KillChainStage | undefined;
  readonly attack: readonly string[];
  /** The events that prove it (cut to MAX_EVIDENCE in the finding) */
  readonly evidence: readonly Provenance[];
  /** How many events prove it, when more than `evidence` lists */
  readonly evidenceCount?: number;
  readonly message: LocalizedText;
  readonly details: Readonly<Record<string, FieldValue>>;
  /** Default: the process's start (else first seen) and last seen */
  readonly first?: EventTime;
  readonly last?: EventTime;
}

/** A process detector: `id` names its findings; `detect` returns zero or more hits. */
export interface ProcessDetector {
  readonly id: string;
  detect(p: ProcessInfo, ctx: DetectionContext): readonly ProcessHit[];
}

/**
 * The event that best shows a process exists with its image: its creation; for a placeholder its
 * first recorded activity, else a child's creation (which names it as parent). Empty when none.
 */
export function identityEvidence(p: ProcessInfo, ctx: DetectionContext): Provenance[] {
  if (p.created) return [p.created];
  for (const log of [p.images, p.files, p.network, p.dns, p.registry, p.access])
    if (log.items.length > 0) return [log.items[0].evidence];
  const child = ctx.graph.children(p.key).find((c) => c.created);
  return child?.created ? [child.created] : [];
}

/** One step weaker: `high` → `medium` … `info` stays `info`. */
export function weaker(s: Severity): Severity {
  return SEVERITIES[Math.max(0, severityRank(s) - 1)];
}

/** Turns a hit on a process into a finding. */
export function toFinding(p: ProcessInfo, hit: ProcessHit): Finding {
  const evidence = dedupeEvidence(hit.evidence);
  return {
    id: `${hit.detector}:${p.key}`,
    detector: hit.detector,
    viewpoint: hit.viewpoint ?? "process",
    severity: hit.severity,
    confidence: Math.max(0, Math.min(1, hit.confidence)),
    stage: hit.stage,
    attack: hit.attack,
    host: p.host,
    subject: { kind: "process", key: p.key, image: p.image, pid: p.pid },
    first: hit.first ?? p.start ?? p.firstSeen,
    last: hit.last ?? p.lastSeen ?? p.start,
    evidence: evidence.slice(0, MAX_EVIDENCE),
    evidenceCount: Math.max(hit.evidenceCount ?? 0, evidence.length),
    message: hit.message,
    details: hit.details,
  };
}

/** Removes repeated provenances (same file and record / line / offset), keeping the order. */
function dedupeEvidence(list: readonly Provenance[]): Provenance[] {
  const seen = new Set<string>();
  const out: Provenance[] = [];
  for (const p of list) {
    const id = `${p.file}|${p.recordId ?? ""}|${p.line ?? ""}|${p.offset ?? ""}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(p);
  }
  return out;
}
