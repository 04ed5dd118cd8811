/**
 * The hunt pipeline: read → normalize → Sigma engine → matches, streaming. The one library call the
 * `hunt` command (and later the server) makes. Input: paths, a rule matcher (a SigmaEngine) and the
 * analyze options. Output: the matches, handed batch by batch to `onMatches` in reading order, and the
 * read/normalize summary of the run with the counts of events and matches. Problems go to the
 * Diagnostics passed in; nothing prints.
 */
import type { Event } from "../events/event.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import type { AnalyzeSummary } from "./analyze-summary.js";
import { type AnalyzeOptions, analyze, provenanceLocation } from "./analyze.js";

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
}

export interface HuntResult {
  /** The read/normalize summary of the run (files, records, events, time range, diagnostics) */
  readonly summary: AnalyzeSummary;
  /** Events the rules were run on */
  readonly events: number;
  /** Matches produced (before any de-duplication by the consumer) */
  readonly matches: number;
}

/**
 * Runs `engine` over every event under `paths`. Never throws for bad input (problems are in
 * `options.diagnostics`); an engine that throws on an event is reported there as E_INTERNAL with the
 * event's location, and the run goes on. Rejects only when a callback throws.
 */
export async function hunt(
  paths: readonly string[],
  engine: RuleMatcher,
  options: HuntOptions,
): Promise<HuntResult> {
  const { diagnostics, onMatches } = options;
  let events = 0;
  let matchCount = 0;
  const summary = await analyze(paths, {
    ...options,
    onEvents: async (batch) => {
      const matches: RuleMatch[] = [];
      for (const event of batch) {
        events++;
        try {
          for (const m of engine.match(event)) matches.push(m);
        } catch (e) {
          diagnostics.fromError(e, "E_INTERNAL", provenanceLocation(event.provenance));
        }
      }
      matchCount += matches.length;
      if (matches.length > 0 && onMatches) await onMatches(matches);
    },
  });
  return { summary, events, matches: matchCount };
}
