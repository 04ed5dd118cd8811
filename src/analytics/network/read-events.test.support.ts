/**
 * Test support: feeds real files (EVTX, JSON, Zeek; files or directories) through the project's
 * readers and normalizer into analyzers, the way the pipeline does, and returns their findings.
 * Input: paths, analyzers. Output: findings of every analyzer plus the run's diagnostics.
 */
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Event } from "../../events/event.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { readPaths } from "../../readers/read-paths.js";

export interface FedRun {
  readonly findings: Finding[];
  readonly diagnostics: Diagnostics;
  readonly events: number;
}

/** Reads every file under `paths` (those `accept` keeps), normalizes, observes; then finishes all analyzers. */
export async function feedPaths(
  paths: readonly string[],
  analyzers: readonly Analyzer[],
  accept: (event: Event) => boolean = () => true,
): Promise<FedRun> {
  const diagnostics = new Diagnostics();
  const normalizer = createNormalizer();
  let events = 0;
  for await (const batch of readPaths(paths, { diagnostics })) {
    for (const record of batch.records) {
      const event = normalizer.normalize(record, diagnostics);
      if (!event || !accept(event)) continue;
      events++;
      for (const a of analyzers) a.observe(event);
    }
  }
  const findings = analyzers.flatMap((a) => a.finish());
  return { findings, diagnostics, events };
}
