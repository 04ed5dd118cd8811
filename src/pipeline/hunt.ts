/**
 * The hunt pipeline: read → normalize → Sigma engine → matches, streaming; then correlations. The one
 * library call the `hunt` command (and later the server) makes. Input: paths, a rule matcher (a
 * SigmaEngine), the correlations to run and the analyze options. Output: the reported matches, handed
 * batch by batch to `onMatches` in reading order; the correlation matches, handed to
 * `onCorrelationMatches` once the input is read (they need every match in time order); and the
 * read/normalize summary of the run with the counts of events, matches and correlation figures.
 * Problems go to the Diagnostics passed in; nothing prints.
 */
import type { Event } from "../events/event.js";
import type { CorrelationMatch } from "../sigma/correlation/correlation-engine.js";
import type { SigmaRule } from "../sigma/rule-model.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import type { AnalyzeSummary } from "./analyze-summary.js";
import { type AnalyzeOptions, analyze, provenanceLocation } from "./analyze.js";
import {
  type HuntCorrelationOptions,
  type HuntCorrelationResult,
  HuntCorrelator,
} from "./hunt-correlation.js";

/** What hunt needs of the engine (SigmaEngine has it). */
export interface RuleMatcher {
  /** The rules that match `event` */
  match(event: Event): readonly RuleMatch[];
}

export interface HuntOptions extends Omit<AnalyzeOptions, "onEvents"> {
  /**
   * Called with each batch's matches (events in file order, rules in engine order); awaited, so a slow
   * consumer slows the read. Not called for batches without a match.
   */
  readonly onMatches?: (matches: readonly RuleMatch[]) => void | Promise<void>;
  /**
   * Whether a detection rule's matches are reported through `onMatches` (default: all). Matches of a
   * rule it refuses still feed the correlations (building blocks, `generate: false`).
   */
  readonly reports?: (rule: SigmaRule) => boolean;
  /** The correlations to run over the matches (none when absent or empty) */
  readonly correlation?: HuntCorrelationOptions;
  /** Called once, after the input is read, with the reported correlation matches (when there are some) */
  readonly onCorrelationMatches?: (matches: readonly CorrelationMatch[]) => void | Promise<void>;
}

export interface HuntResult {
  /** The read/normalize summary of the run (files, records, events, time range, diagnostics) */
  readonly summary: AnalyzeSummary;
  /** Events the rules were run on */
  readonly events: number;
  /** Matches reported through `onMatches` (before any de-duplication by the consumer) */
  readonly matches: number;
  /** Matches of building-block rules, used by correlations only (not reported) */
  readonly hidden: number;
  /** The correlation step, when correlations ran */
  readonly correlation: HuntCorrelationResult | undefined;
}

/**
 * Runs `engine` over every event under `paths`. Never throws for bad input (problems are in
 * `options.diagnostics`); an engine that throws on an event is reported there as E_INTERNAL with the
 * event's location, and the run goes on. Rejects only when a callback throws. Correlations see the
 * matches of every rule they reference, reported or not, sorted by event time at the end of the input.
 */
export async function hunt(
  paths: readonly string[],
  engine: RuleMatcher,
  options: HuntOptions,
): Promise<HuntResult> {
  const { diagnostics, onMatches, reports } = options;
  const correlator =
    options.correlation !== undefined && options.correlation.rules.length > 0
      ? new HuntCorrelator(options.correlation)
      : undefined;
  let events = 0;
  let matchCount = 0;
  let hidden = 0;
  const summary = await analyze(paths, {
    ...options,
    onEvents: async (batch) => {
      const matches: RuleMatch[] = [];
      for (const event of batch) {
        events++;
        try {
          for (const m of engine.match(event)) {
            correlator?.add(m);
            if (reports === undefined || reports(m.rule)) matches.push(m);
            else hidden++;
          }
        } catch (e) {
          diagnostics.fromError(e, "E_INTERNAL", provenanceLocation(event.provenance));
        }
      }
      matchCount += matches.length;
      if (matches.length > 0 && onMatches) await onMatches(matches);
    },
  });
  let correlation: HuntCorrelationResult | undefined;
  if (correlator !== undefined) {
    const done = correlator.finish();
    correlation = done.result;
    if (done.matches.length > 0 && options.onCorrelationMatches)
      await options.onCorrelationMatches(done.matches);
  }
  return { summary, events, matches: matchCount, hidden, correlation };
}
