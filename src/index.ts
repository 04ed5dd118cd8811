/**
 * The public library API of mikiwame: everything an embedder needs to read logs, normalize them and run
 * the pipeline, with the diagnostics and event types. Input/output: see each export. The CLI
 * (src/cli) is built on exactly this surface plus the terminal reporters.
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
