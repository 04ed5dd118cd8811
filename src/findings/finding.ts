/**
 * A finding: what any detector (Sigma rule, analytics module, intel lookup) emits about one subject —
 * a viewpoint, a severity, ATT&CK techniques and the kill-chain stage where known, the events that
 * prove it (provenance, bounded), and one sentence in Japanese and English.
 */
import type { Event, EventTime } from "../events/event.js";
import type { FieldValue } from "../events/field-value.js";
import type { Provenance } from "../events/provenance.js";
import type { KillChainStage } from "./kill-chain.js";
import type { Severity } from "./severity.js";
import type { Viewpoint } from "./viewpoint.js";

/** What a finding is about. */
export type FindingSubject =
  | {
      readonly kind: "process";
      /** Sysmon ProcessGuid, or a synthetic key `host|pid|start` for sources without one */
      readonly key: string;
      readonly image?: string;
      readonly pid?: number;
    }
  | { readonly kind: "file"; readonly path: string; readonly sha256?: string }
  | {
      readonly kind: "flow";
      readonly src: string;
      readonly dst: string;
      readonly port?: number;
      readonly protocol?: string;
    }
  | { readonly kind: "address"; readonly address: string }
  | { readonly kind: "domain"; readonly domain: string }
  | { readonly kind: "user"; readonly user: string }
  | { readonly kind: "host" };

export interface LocalizedText {
  readonly en: string;
  readonly ja: string;
}

/** At most this many evidence records are kept per finding; `evidenceCount` counts them all. */
export const MAX_EVIDENCE = 20;

export interface Finding {
  /** Stable id: detector + subject key (same input → same id) */
  readonly id: string;
  /** `sigma:<rule id>`, `process.suspicious-path`, `network.beacon`, … */
  readonly detector: string;
  readonly viewpoint: Viewpoint;
  readonly severity: Severity;
  /** 0..1: how sure the detector is that this is bad (not how bad it would be) */
  readonly confidence: number;
  readonly stage?: KillChainStage;
  /** ATT&CK technique ids (`T1059.001`) */
  readonly attack: readonly string[];
  readonly host: string;
  readonly subject: FindingSubject;
  /** First and last time of the evidence */
  readonly first: EventTime | undefined;
  readonly last: EventTime | undefined;
  readonly evidence: readonly Provenance[];
  readonly evidenceCount: number;
  readonly message: LocalizedText;
  /** Figures behind the finding (scores, counts, thresholds) for the JSON output and the viewpoint table */
  readonly details: Readonly<Record<string, FieldValue>>;
}

/**
 * A stateful detector over the event stream. `observe` is called for every event in time order per
 * file (not globally: detectors must not assume a global order); `finish` returns the findings.
 * State is bounded; what is evicted is counted.
 */
export interface Analyzer {
  readonly name: string;
  observe(event: Event): void;
  finish(): Finding[];
  /** Evictions and other bounded-state counters, for the run summary */
  stats(): Readonly<Record<string, number>>;
}
