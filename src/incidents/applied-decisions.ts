/**
 * The seam between analyst feedback (src/feedback: stored decisions) and triage: before grouping, the
 * pipeline hands every finding with its facts to a DecisionFilter; what comes back says which findings
 * an over-detection decision suppressed (kept, counted and listed, but left out of the verdict) and
 * which a malware confirmation covers (the incident's verdict is forced to malicious).
 */
import type { Finding } from "../findings/finding.js";

/** What a decision scope can match a finding on (resolved by the pipeline from the process graph). */
export interface FindingFacts {
  readonly host: string;
  /** Full image path of the finding's process, when it has one */
  readonly image: string | undefined;
  readonly sha256: string | undefined;
  readonly commandLine: string | undefined;
  /** The file path of a file finding */
  readonly path: string | undefined;
  /** The detector (`sigma:<rule id>`, `network.beacon` …) */
  readonly detector: string;
}

export interface DecidedFinding {
  readonly finding: Finding;
  readonly decisionId: string;
  readonly reason: string;
}

export interface DecisionOutcome {
  /** Findings no decision touched, or that a malware confirmation covers: they go into the verdict */
  readonly active: readonly Finding[];
  /** Findings marked as over-detection: out of the verdict, still listed with the decision */
  readonly suppressed: readonly DecidedFinding[];
  /** Findings an analyst confirmed as malware (also in `active`) */
  readonly confirmed: readonly DecidedFinding[];
}

/** Applies the stored decisions to a run's findings. */
export type DecisionFilter = (
  findings: readonly Finding[],
  factsOf: (finding: Finding) => FindingFacts,
) => DecisionOutcome;
