/**
 * The public library API of mikiwame: everything an embedder needs to read logs, normalize them, run
 * Sigma rules and the analytics, and get findings grouped per process (`analyzeLogs`), with the
 * diagnostics, event and finding types. Input/output: see each export. The CLI (src/cli) is built on
 * exactly this surface plus the terminal reporters.
 */

// diagnostics
export {
  type Diagnostic,
  type DiagnosticSeverity,
  Diagnostics,
  formatDiagnostic,
  SEVERITIES,
} from "./diagnostics/diagnostics.js";
export { ERROR_CODES, type ErrorCode } from "./diagnostics/error-codes.js";
export { formatLocation, type Location } from "./diagnostics/location.js";
export { MikiwameError, toMikiwameError } from "./diagnostics/mikiwame-error.js";
// events
export {
  EVENT_KINDS,
  type Event,
  type EventIdentity,
  type EventKind,
  type EventTime,
  type FieldOrigin,
} from "./events/event.js";
export {
  type FieldScalar,
  type FieldValue,
  type Fields,
  fieldToString,
  jsonReplacer,
} from "./events/field-value.js";
export type { Logsource } from "./events/logsource.js";
export { type Provenance, SOURCE_FORMATS, type SourceFormat } from "./events/provenance.js";
// readers
export { detectFormat } from "./readers/detect-format.js";
export { evtxReader } from "./readers/evtx/evtx-reader.js";
export { ndjsonReader } from "./readers/ndjson/ndjson-reader.js";
export type { FileReader, ReadOptions } from "./readers/reader.js";
export {
  type DetectFormat,
  FILE_OUTCOMES,
  type FileOutcome,
  type FileReadResult,
  type ReadPathsOptions,
  type ReadProgress,
  type ReadTotals,
  type RecordBatch,
  readPaths,
} from "./readers/read-paths.js";
export type { EvtxRecord, EvtxSystem, JsonRecord, RawRecord, ZeekRecord } from "./readers/record.js";
export { READERS, type ReaderRegistry, readerFor } from "./readers/registry.js";
export { type WalkedFile, type WalkOptions, walkPaths } from "./readers/walk.js";
export { zeekReader } from "./readers/zeek/zeek-reader.js";
// normalize
export { type FieldMapping, loadFieldMapping } from "./normalize/field-mapping.js";
export { createNormalizer, type Normalizer, type NormalizerOptions } from "./normalize/normalizer.js";
// pipeline
export { type AnalyzeOptions, analyze, provenanceLocation } from "./pipeline/analyze.js";
export type {
  AnalyzeSummary,
  DiagnosticsSummary,
  EventIdCount,
  FileSummary,
  SummaryOptions,
  TimeRange,
} from "./pipeline/analyze-summary.js";
export type { CountEntry, TopCounts } from "./pipeline/bounded-counter.js";
export {
  type AnalyzeLogsOptions,
  type AnalyzeResult,
  type AnalyzeTimings,
  analyzeLogs,
  type RuleLoadCounts,
} from "./pipeline/analyze-logs.js";
export { HostAddresses } from "./pipeline/analyze-host-addresses.js";
export {
  ATTEMPT_DETECTORS,
  compareFindings,
  compareGroups,
  GROUP_KINDS,
  GROUP_STATES,
  type GroupChainLink,
  type GroupKind,
  type GroupOptions,
  type GroupState,
  groupFindings,
  type ProcessGroup,
} from "./pipeline/analyze-process-groups.js";
export {
  DetectionStage,
  type DetectionStageOptions,
  type EventMatcher,
  type MatchedProcess,
  matchedProcess,
  type ResolvedProcess,
} from "./pipeline/detection-stage.js";
export {
  ATTACK_TACTICS,
  type AttackTactic,
  LEVEL_SEVERITY,
  ruleSeverity,
  ruleStage,
  ruleTechniques,
  ruleViewpoint,
  TACTIC_STAGE,
} from "./pipeline/detection-rule-mapping.js";
export { type HuntOptions, type HuntResult, hunt, type RuleMatcher } from "./pipeline/hunt.js";
// sigma
export type { CompiledRule } from "./sigma/compiled-rule.js";
export { type LoadedRules, type LoadOptions, loadRules, parseRuleText } from "./sigma/rule-loader.js";
export {
  type LoadWarning,
  type RejectedRule,
  type RuleSource,
  SIGMA_LEVELS,
  SIGMA_STATUSES,
  type SigmaLevel,
  type SigmaRule,
  type SigmaStatus,
} from "./sigma/rule-model.js";
export { type RuleSelection, type SelectedRules, selectRules } from "./sigma/rule-selection.js";
export { logsourceFits, type RuleMatch, SigmaEngine } from "./sigma/sigma-engine.js";
// findings
export {
  type Analyzer,
  type Finding,
  type FindingSubject,
  type LocalizedText,
  MAX_EVIDENCE,
} from "./findings/finding.js";
export { KILL_CHAIN_JA, KILL_CHAIN_STAGES, type KillChainStage, stageIndex } from "./findings/kill-chain.js";
export { SEVERITIES as FINDING_SEVERITIES, type Severity, severityRank } from "./findings/severity.js";
export { VIEWPOINT_JA, VIEWPOINTS, type Viewpoint } from "./findings/viewpoint.js";
// analytics
export { createHistoryAnalyzer, HistoryAnalyzer } from "./analytics/history/history-analyzer.js";
export { DEFAULT_HISTORY_OPTIONS, type HistoryOptions } from "./analytics/history/history-options.js";
export { createLocationAnalyzer, LocationAnalyzer } from "./analytics/location/location-analyzer.js";
export { type IpLocation, LocationLookup, loadLocationLookup } from "./analytics/location/location-lookup.js";
export { DEFAULT_LOCATION_OPTIONS, type LocationOptions } from "./analytics/location/location-options.js";
export { createNetworkAnalyzers, type NetworkOptions } from "./analytics/network/network-analyzers.js";
export { createProcessAnalyzer, ProcessAnalyzer } from "./analytics/process/process-analyzer.js";
export type { ProcessInfo } from "./analytics/process/process-node.js";
export { DEFAULT_PROCESS_OPTIONS, type ProcessOptions } from "./analytics/process/process-options.js";
export {
  PROCESS_STATES,
  type ProcessState,
  type ProcessStateInfo,
} from "./analytics/process/process-state.js";
export type { ChainLink, RootCause } from "./analytics/process/root-cause.js";
export { TimeAnalyzer } from "./analytics/time/time-analyzer.js";
export { DEFAULT_TIME_OPTIONS, type TimeOptions } from "./analytics/time/time-options.js";
// configuration
export {
  CONFIG_KEYS,
  type ConfigKey,
  DEFAULT_CONFIG,
  LANGUAGES,
  type Language,
  loadConfig,
  type MikiwameConfig,
  parseConfig,
} from "./config/config.js";
export { CONFIG_FILE_NAME, configFilePath, DATA_DIR_ENV, resolveDataDir } from "./config/data-dir.js";
// triage: incidents, analyst decisions, the response plan
export type {
  Incident,
  IncidentDestination,
  IncidentFile,
  IncidentProcess,
  IncidentStage,
  IncidentVerdict,
} from "./incidents/incident.js";
export { buildIncidents } from "./incidents/build-incidents.js";
export type { DecisionFilter, DecisionOutcome, FindingFacts } from "./incidents/applied-decisions.js";
export { type Decision, DECISION_VERDICTS, type DecisionScope } from "./feedback/decision.js";
export { DecisionLog } from "./feedback/decision-log.js";
export { decisionFilter } from "./feedback/apply-decisions.js";
export { buildResponsePlan, buildResponsePlans } from "./respond/build-plan.js";
export { ACTION_KINDS, type PlanAction, type ResponsePlan } from "./respond/response-plan.js";
// present: reports and exports
export { writeReports } from "./outputs/report/write-reports.js";
export { writeExports } from "./outputs/exports/write-exports.js";
// the store
export type { Store } from "./store/store.js";
export { openStore } from "./store/store-url.js";
export { analyzeStoredEvents, saveAnalysis } from "./pipeline/analyze-store.js";
