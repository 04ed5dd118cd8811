/**
 * The whole analysis as one library call: read → normalize → detect (Sigma rules, Sigma correlations and every analyzer,
 * in one pass over the same event objects) → findings → analyst decisions (suppressed / confirmed) →
 * per-process groups → incidents (src/incidents/build-incidents.ts). The CLI's `analyze` (and later the
 * server) call this. Input: paths, the loaded rules, analyzer options, the decision filter. Output:
 * AnalyzeResult (the read summary, every finding, the groups, the incidents, rule load counts, analyzer
 * counters, timings).
 * Location analysis is optional and opened only when an event has a public address (analyze-location.ts):
 * when its data cannot be opened, a located diagnostic says so and the run goes on without it. An analyzer that throws on one event is reported (E_INTERNAL, located at the
 * event, once per analyzer) and counted, never fatal. Nothing prints.
 */
import type { Location } from "../diagnostics/location.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Event } from "../events/event.js";
import { createHistoryAnalyzer } from "../analytics/history/history-analyzer.js";
import type { HistoryOptions } from "../analytics/history/history-options.js";
import { createLocationAnalyzer } from "../analytics/location/location-analyzer.js";
import { type LocationOptions, resolveLocationOptions } from "../analytics/location/location-options.js";
import { createNetworkAnalyzers, type NetworkOptions } from "../analytics/network/network-analyzers.js";
import { PersistenceEvents } from "../analytics/persistence/persistence-events.js";
import type { ImageFacts } from "../analytics/reputation/image-facts.js";
import { onlineReputationFindings, onlineTargets } from "../analytics/reputation/online-reputation.js";
import { type ReputationOptions, reputationOptions } from "../analytics/reputation/reputation-options.js";
import { createReputationAnalyzer } from "../analytics/reputation/reputation-setup.js";
import { type OnlineSourcesOptions, openOnlineSources } from "../intel/online/online-sources.js";
import { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { ProcessOptions } from "../analytics/process/process-options.js";
import { TimeAnalyzer } from "../analytics/time/time-analyzer.js";
import type { TimeOptions } from "../analytics/time/time-options.js";
import type { Analyzer, Finding } from "../findings/finding.js";
import type { DecisionFilter, DecisionOutcome } from "../incidents/applied-decisions.js";
import { buildIncidents } from "../incidents/build-incidents.js";
import type { Incident } from "../incidents/incident.js";
import type { LoadedRules } from "../sigma/rule-loader.js";
import { SigmaEngine } from "../sigma/sigma-engine.js";
import { findingFactsOf } from "./analyze-finding-facts.js";
import { HostAddresses } from "./analyze-host-addresses.js";
import { LazyLocation } from "./analyze-location.js";
import {
  compareFindings,
  type GroupOptions,
  groupFindings,
  type ProcessGroup,
} from "./analyze-process-groups.js";
import { processResolver } from "./analyze-process-resolver.js";
import type { AnalyzeSummary } from "./analyze-summary.js";
import { type AnalyzeOptions, analyze, provenanceLocation } from "./analyze.js";
import { CorrelationStage, runnableCorrelations } from "./correlation-stage.js";
import { DetectionStage } from "./detection-stage.js";

export interface AnalyzeLogsOptions extends Omit<AnalyzeOptions, "onEvents"> {
  /** Sigma rules to run (from `loadRules`); without them there is no Sigma stage */
  readonly rules?: LoadedRules;
  /** CIDR blocks that are ours, for the network and location analyses (E_CONFIG when malformed) */
  readonly internalNetworks?: readonly string[];
  /** Location options (e.g. `geoipDatabase`), or false to skip location analysis */
  readonly location?: Partial<LocationOptions> | false;
  readonly process?: Partial<ProcessOptions>;
  readonly history?: Partial<HistoryOptions>;
  readonly network?: NetworkOptions;
  readonly time?: Partial<TimeOptions>;
  /** Indicator lists for the reputation viewpoint; without any list or store reputation is "not checked" */
  readonly reputation?: Partial<ReputationOptions>;
  /** The data directory whose `intel/` store and allow-list the reputation viewpoint also uses */
  readonly dataDir?: string;
  /**
   * `--online`: after the pass, look the suspicious processes' image SHA256s and destinations up online
   * (these options open the sources; `offline: true` answers from the cache only). Absent: no lookup.
   */
  readonly online?: OnlineSourcesOptions;
  readonly groups?: GroupOptions;
  /**
   * Stored analyst decisions (src/feedback), applied to the findings before grouping: suppressed
   * findings stay in `findings` but are left out of the verdicts; a confirmation forces its incident
   * to malicious. Absent: no decisions.
   */
  readonly decisions?: DecisionFilter;
  /** More analyzers to run in the same pass (e.g. an embedder's own); their findings are grouped too */
  readonly analyzers?: readonly Analyzer[];
}

/** What the rule load gave (the rules themselves are the caller's). */
export interface RuleLoadCounts {
  readonly files: number;
  /** Detection rules run */
  readonly loaded: number;
  readonly rejected: number;
  /** Correlation rules loaded (analyze runs those that parse and resolve: src/pipeline/correlation-stage.ts) */
  readonly correlations: number;
  readonly filters: number;
  readonly warnings: number;
  /** Rules that matched at least once */
  readonly matched: number;
  readonly matches: number;
}

export interface AnalyzeTimings {
  /** Reading, normalizing, Sigma and every analyzer's `observe` (and opening the location data) */
  readonly passMs: number;
  /** Every analyzer's `finish`, the grouping and the incidents */
  readonly finishMs: number;
  /** Opening the location data (0 when it was not needed or skipped) */
  readonly locationMs: number;
}

export interface AnalyzeResult {
  readonly summary: AnalyzeSummary;
  readonly rules: RuleLoadCounts | undefined;
  /** Every finding, strongest first */
  readonly findings: readonly Finding[];
  /** Findings per process (or host), most severe first */
  readonly groups: readonly ProcessGroup[];
  /** Incidents: findings around their root cause, merged across hosts, most severe first */
  readonly incidents: readonly Incident[];
  /** Each analyzer's counters (bounded-state evictions, errors …), by analyzer name */
  readonly analyzers: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Analyzers that did not run, with the reason (e.g. location data missing) */
  readonly skipped: Readonly<Record<string, string>>;
  readonly timings: AnalyzeTimings;
}

/** An analyzer in the pass, with its failure count. */
interface Running {
  readonly analyzer: Analyzer;
  errors: number;
}

/** The location options of a run: the given ones, with the run's internal networks. */
function locationOptions(options: AnalyzeLogsOptions): Partial<LocationOptions> {
  const given = options.location || {};
  return { ...given, internalNetworks: given.internalNetworks ?? options.internalNetworks ?? [] };
}

/** Opens the location analyzer, or reports why not (a warning for missing bundled data, an error for a given file). */
async function openLocation(
  options: AnalyzeLogsOptions,
  skipped: Record<string, string>,
): Promise<Analyzer | undefined> {
  const location = locationOptions(options);
  try {
    return await createLocationAnalyzer(location, options.diagnostics);
  } catch (e) {
    if (!(e instanceof MikiwameError) || e.code !== "E_GEOIP") throw e;
    const text = `location analysis skipped: ${e.message}`;
    const at: Location = e.location ?? {};
    if (location.geoipDatabase !== undefined || location.asnDatabase !== undefined)
      options.diagnostics.error("E_GEOIP", text, at);
    else options.diagnostics.warn("E_GEOIP", text, at);
    skipped.location = e.message;
    return undefined;
  }
}

/** Feeds one event to every analyzer; a throwing analyzer is reported once and counted. */
function observeAll(event: Event, running: readonly Running[], options: AnalyzeLogsOptions): void {
  for (const r of running) {
    try {
      r.analyzer.observe(event);
    } catch (e) {
      if (r.errors++ === 0)
        options.diagnostics.fromError(
          new Error(
            `analyzer ${r.analyzer.name} failed on an event (later failures are counted): ${String(e)}`,
          ),
          "E_INTERNAL",
          provenanceLocation(event.provenance),
        );
    }
  }
}

function ruleCounts(loaded: LoadedRules, stage: DetectionStage): RuleLoadCounts {
  let matches = 0;
  for (const n of stage.matchesPerRule().values()) matches += n;
  return {
    files: loaded.files,
    loaded: loaded.rules.length,
    rejected: loaded.rejected.length,
    correlations: loaded.correlations.length,
    filters: loaded.filters.length,
    warnings: loaded.warnings.length,
    matched: stage.matchesPerRule().size,
    matches,
  };
}

/** `--online`: the reputation findings of the online sources for the suspicious processes (see online-reputation.ts). */
async function lookUpOnline(
  options: AnalyzeLogsOptions,
  online: OnlineSourcesOptions,
  groups: readonly ProcessGroup[],
  images: ImageFacts,
): Promise<Finding[]> {
  const o = reputationOptions(options.reputation);
  const targets = onlineTargets(groups, images, o);
  if (targets.length === 0) return [];
  const { sources, cache } = await openOnlineSources({ diagnostics: options.diagnostics, ...online });
  const found = await onlineReputationFindings(targets, sources, o, options.signal);
  await cache.save();
  return found;
}

/**
 * Analyses every log under `paths` (see the module header). Throws only for a usage problem found
 * before reading (E_CONFIG: a malformed internal network or analyzer option); bad input is in
 * `options.diagnostics`.
 */
export async function analyzeLogs(
  paths: readonly string[],
  options: AnalyzeLogsOptions,
): Promise<AnalyzeResult> {
  const skipped: Record<string, string> = {};
  const internal = options.internalNetworks;
  const processes = new ProcessAnalyzer(options.process);
  const addresses = new HostAddresses();
  const persistence = new PersistenceEvents();
  const network = createNetworkAnalyzers(
    internal === undefined ? options.network : { internalNetworks: internal, ...options.network },
  );
  const analyzers: Analyzer[] = [
    addresses,
    processes,
    persistence,
    createHistoryAnalyzer(options.history),
    ...network,
    new TimeAnalyzer(options.time),
    ...(options.analyzers ?? []),
  ];
  const reputation = await createReputationAnalyzer(options.reputation ?? {}, options.diagnostics, {
    dataDir: options.dataDir,
    evenWithoutIntel: options.online !== undefined,
  });
  if (reputation) analyzers.push(reputation);
  else skipped.reputation = "not checked: no indicator list given (--indicators)";
  const correlation = options.rules
    ? new CorrelationStage(runnableCorrelations(options.rules, options.diagnostics))
    : undefined;
  const detection =
    options.rules && correlation
      ? new DetectionStage(correlation.wrap(new SigmaEngine(options.rules.rules)), {
          diagnostics: options.diagnostics,
          resolveProcess: processResolver(processes),
        })
      : undefined;
  if (detection && correlation) analyzers.unshift(detection, correlation);
  else skipped.sigma = "no rules";

  const location =
    options.location === false ? undefined : new LazyLocation(() => openLocation(options, skipped));
  if (options.location === false) skipped.location = "disabled";
  if (location) {
    resolveLocationOptions(locationOptions(options)); // E_CONFIG now, not in the middle of the read
    const named = options.location && (options.location.geoipDatabase ?? options.location.asnDatabase);
    if (named !== undefined) await location.openNow();
    analyzers.push(location);
  }

  const running: Running[] = analyzers.map((analyzer) => ({ analyzer, errors: 0 }));
  const passStart = performance.now();
  const { rules: _rules, analyzers: _analyzers, ...readOptions } = options;
  const summary = await analyze(paths, {
    ...readOptions,
    onEvents: async (events) => {
      if (location) await location.prepare(events);
      for (const event of events) observeAll(event, running, options);
    },
  });
  const finishStart = performance.now();

  const findings: Finding[] = [];
  const stats: Record<string, Readonly<Record<string, number>>> = {};
  for (const r of running) {
    try {
      findings.push(...r.analyzer.finish());
    } catch (e) {
      r.errors++;
      options.diagnostics.fromError(
        new Error(`analyzer ${r.analyzer.name} failed to finish; its findings are missing: ${String(e)}`),
        "E_INTERNAL",
      );
    }
    stats[r.analyzer.name] = { ...r.analyzer.stats(), ...(r.errors > 0 && { analyzerErrors: r.errors }) };
  }
  findings.sort(compareFindings);
  // each group gets its explained verdict (src/incidents/verdict.ts) while it is built
  const groupOptions = { ...options.groups, reputationChecked: reputation !== undefined };
  let groups = groupFindings(findings, processes, addresses, groupOptions);
  if (options.online && reputation) {
    const online = await lookUpOnline(options, options.online, groups, reputation.images);
    if (online.length > 0) {
      findings.push(...online);
      findings.sort(compareFindings);
      groups = groupFindings(findings, processes, addresses, groupOptions);
    }
  }
  let decisions: DecisionOutcome | undefined;
  if (options.decisions) {
    decisions = options.decisions(findings, findingFactsOf(groups, processes, addresses));
    if (decisions.suppressed.length > 0) {
      const excluded = new Set(decisions.suppressed.map((d) => d.finding.id));
      groups = groupFindings(findings, processes, addresses, { ...groupOptions, excluded });
    }
  }
  const incidents = buildIncidents({
    findings,
    groups,
    processes,
    hostOf: (address) => addresses.hostOf(address),
    persistence: persistence.records(),
    decisions,
    internalNetworks: options.network?.internalNetworks ?? internal,
  });
  const end = performance.now();
  return {
    summary,
    rules: options.rules && detection ? ruleCounts(options.rules, detection) : undefined,
    findings,
    groups,
    incidents,
    analyzers: stats,
    skipped,
    timings: {
      passMs: finishStart - passStart,
      finishMs: end - finishStart,
      locationMs: location?.openMs ?? 0,
    },
  };
}
