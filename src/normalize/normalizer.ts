/**
 * The normalize stage: records from any reader → events that Sigma rules and analytics share.
 * Dispatches on the record kind (EVTX, JSON, Zeek) and, for JSON, on the detected shape (or the
 * user's field mapping). Never throws on odd input: a record that cannot become an event at all
 * gives a located E_NORMALIZE error and undefined; lesser problems are warnings.
 * Input: a RawRecord and the run's Diagnostics. Output: an Event or undefined.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Location } from "../diagnostics/location.js";
import type { Event } from "../events/event.js";
import type { JsonRecord, RawRecord } from "../readers/record.js";
import { normalizeEcs } from "./ecs-normalizer.js";
import { normalizeEvtxJson } from "./evtx-json-normalizer.js";
import { normalizeEvtx } from "./evtx-normalizer.js";
import type { FieldMapping } from "./field-mapping.js";
import { normalizeFlatWindows } from "./flat-windows-normalizer.js";
import { detectJsonShape } from "./json-shape.js";
import { isObject } from "./json-value.js";
import { recordLocation } from "./record-location.js";
import { normalizeUnknownJson } from "./unknown-json-normalizer.js";
import { UserMappingNormalizer } from "./user-mapping-normalizer.js";
import { normalizeWinlogbeat, normalizeWinlogbeatLegacy } from "./winlogbeat-normalizer.js";
import { defaultWindowsRoutes, type WindowsRoutes } from "./windows-routes.js";
import { ZeekNormalizer } from "./zeek-normalizer.js";

export interface NormalizerOptions {
  /** For flat EDR exports: applied to JSON records it matches (all of them when it has no `match`) */
  readonly userMapping?: FieldMapping;
}

export interface Normalizer {
  /** One record → one event; undefined (after a located E_NORMALIZE error) when impossible. */
  normalize(record: RawRecord, diagnostics: Diagnostics): Event | undefined;
}

/** How many files we remember having warned about (unknown JSON shape); beyond it we warn again. */
const WARNED_FILES_LIMIT = 10_000;

class DefaultNormalizer implements Normalizer {
  private readonly routes: WindowsRoutes = defaultWindowsRoutes();
  private readonly zeek = new ZeekNormalizer();
  private readonly user: UserMappingNormalizer | undefined;
  private readonly warnedFiles = new Set<string>();

  constructor(options: NormalizerOptions) {
    this.user = options.userMapping ? new UserMappingNormalizer(options.userMapping) : undefined;
  }

  normalize(record: RawRecord, diagnostics: Diagnostics): Event | undefined {
    try {
      if (typeof record !== "object" || record === null) {
        diagnostics.error(
          "E_NORMALIZE",
          `record is not an object (${record === null ? "null" : typeof record}); skipped`,
        );
        return undefined;
      }
      switch (record.kind) {
        case "evtx":
          return normalizeEvtx(this.routes, record, diagnostics);
        case "json":
          return this.normalizeJson(record, diagnostics);
        case "zeek":
          return this.zeek.normalize(record, diagnostics);
        default: {
          const kind = (record as { kind?: unknown }).kind;
          diagnostics.error(
            "E_NORMALIZE",
            `unknown record kind ${JSON.stringify(kind ?? null)}; skipped`,
            recordLocation((record as { provenance?: JsonRecord["provenance"] }).provenance),
          );
          return undefined;
        }
      }
    } catch (e) {
      diagnostics.error(
        "E_NORMALIZE",
        `record could not be normalized: ${e instanceof Error ? e.message : String(e)}; skipped`,
        safeLocation(record),
      );
      return undefined;
    }
  }

  private normalizeJson(record: JsonRecord, diagnostics: Diagnostics): Event | undefined {
    const v: unknown = record.value;
    if (!isObject(v)) {
      diagnostics.error(
        "E_NORMALIZE",
        `JSON value is ${Array.isArray(v) ? "an array" : v === null ? "null" : `a ${typeof v}`}, not an object; skipped`,
        recordLocation(record.provenance),
      );
      return undefined;
    }
    if (this.user?.matches(v)) return this.user.normalize(record, diagnostics);
    const shape = detectJsonShape(v);
    switch (shape) {
      case "evtx-json":
        return normalizeEvtxJson(this.routes, record, diagnostics);
      case "winlogbeat":
        return normalizeWinlogbeat(this.routes, record, diagnostics);
      case "winlogbeat-legacy":
        return normalizeWinlogbeatLegacy(this.routes, record, diagnostics);
      case "flat-windows":
        return normalizeFlatWindows(this.routes, record, diagnostics);
      case "ecs":
        return normalizeEcs(record, diagnostics);
      case "unknown":
        this.warnUnknownOnce(record, diagnostics);
        return normalizeUnknownJson(record, diagnostics);
    }
  }

  private warnUnknownOnce(record: JsonRecord, diagnostics: Diagnostics): void {
    const file = typeof record.provenance?.file === "string" ? record.provenance.file : "";
    if (this.warnedFiles.has(file)) return;
    if (this.warnedFiles.size < WARNED_FILES_LIMIT) this.warnedFiles.add(file);
    const keys = Object.keys(record.value).slice(0, 8).join(", ");
    diagnostics.warn(
      "E_NORMALIZE",
      `JSON objects of an unknown shape (keys: ${keys}…): fields kept as they are, no logsource assigned; ` +
        "a field-mapping file can describe them (see docs/field-mappings.md). Reported once per file.",
      recordLocation(record.provenance),
    );
  }
}

/** The record's location, even when reading its provenance throws (a broken embedder's record). */
function safeLocation(record: unknown): Location {
  try {
    return recordLocation((record as { provenance?: JsonRecord["provenance"] } | null)?.provenance);
  } catch {
    return {};
  }
}

/** Creates a normalizer. Mapping data is loaded once and shared by every normalizer. */
export function createNormalizer(options: NormalizerOptions = {}): Normalizer {
  return new DefaultNormalizer(options);
}
