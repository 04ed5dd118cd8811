/**
 * What every feed importer shares: the options, the per-file counts, and `IntelImportSink`, which turns
 * one candidate row (raw value, feed type name, metadata) into a canonical `IntelIndicator` in the store —
 * or reports why it cannot (`E_INDICATOR`, located at file:line) and skips it.
 * Input: candidates from an importer. Output: indicators in an `IntelStore`, diagnostics, stats.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Location } from "../diagnostics/location.js";
import {
  canonicalIntelValue,
  INTEL_TYPES,
  type IntelIndicator,
  type IntelType,
  inferIntelType,
  resolveIntelType,
} from "./intel-indicator.js";
import type { IntelStore } from "./intel-store.js";

/** Options of an import. */
export interface IntelImportOptions {
  /** Source name recorded on each indicator; default: the importer's feed name or the file's base name */
  readonly source?: string;
  /** Confidence (0..100) of rows that give none */
  readonly confidence: number;
  /** Tags added to every indicator */
  readonly tags: readonly string[];
  /** Import time (ISO) */
  readonly now: string;
  /** Longest line of a text feed, in bytes (E_LIMIT beyond) */
  readonly maxLineBytes: number;
  /** Largest JSON feed document (MISP event, STIX bundle), in bytes (E_LIMIT beyond) */
  readonly maxJsonBytes: number;
  /** Most indicators in the store; beyond it rows are counted and skipped (E_LIMIT once) */
  readonly maxIndicators: number;
}

/** Defaults of `IntelImportOptions`. */
export function defaultImportOptions(): IntelImportOptions {
  return {
    confidence: 75,
    tags: [],
    now: new Date().toISOString(),
    maxLineBytes: 65_536,
    maxJsonBytes: 256 * 1024 * 1024,
    maxIndicators: 10_000_000,
  };
}

/** Counts of one import. */
export interface IntelImportStats {
  rows: number;
  added: number;
  merged: number;
  skipped: number;
  /** Rows or attributes that are not indicators (e.g. a MISP filename attribute) */
  ignored: number;
}

/** One row of a feed before validation. */
export interface IntelCandidate {
  readonly value: string;
  /** The feed's type name (an alias of INTEL_TYPES, e.g. `ip-dst`, `sha256_hash`); inferred when absent */
  readonly type?: string;
  readonly confidence?: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly expires?: string;
  readonly tags?: readonly string[];
  readonly family?: string;
  readonly threat?: string;
  readonly killChain?: readonly string[];
  readonly source?: string;
}

/** Feed times → ISO UTC: epoch seconds, `YYYY-MM-DD HH:MM:SS` (UTC, as abuse.ch writes), ISO text. */
export function toIsoTime(text: string | number | undefined): string | undefined {
  if (text === undefined) return undefined;
  const s = String(text).trim();
  if (s === "" || /^(?:none|null|n\/a|-)$/i.test(s)) return undefined;
  let ms: number;
  if (/^[0-9]{9,11}$/.test(s)) ms = Number(s) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s))
    ms = Date.parse(`${s.replace(" ", "T")}Z`);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) ms = Date.parse(`${s}T00:00:00Z`);
  else ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Splits a tag cell (`,`, `;`, `|` or space separated) into lower-case tags. */
export function splitTags(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[,;|]|\s+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== "" && t !== "none" && t !== "null")
    .slice(0, 32);
}

function clampConfidence(n: number | undefined): number | undefined {
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, Math.round(n)));
}

/** Validates candidates and adds them to a store, reporting bad ones. */
export class IntelImportSink {
  readonly stats: IntelImportStats = { rows: 0, added: 0, merged: 0, skipped: 0, ignored: 0 };
  private overLimit = false;

  constructor(
    readonly store: IntelStore,
    readonly diagnostics: Diagnostics,
    readonly options: IntelImportOptions,
    /** Source when neither the options nor the row give one */
    readonly defaultSource: string,
  ) {}

  /** Reports a row that cannot be used and counts it as skipped. */
  skip(reason: string, location: Location): void {
    this.stats.skipped++;
    this.diagnostics.warn("E_INDICATOR", `${reason}; skipped`, location);
  }

  /** Validates one candidate and adds it; returns true when it was stored. */
  offer(c: IntelCandidate, location: Location): boolean {
    this.stats.rows++;
    const value = c.value.trim();
    if (value === "") {
      this.skip("empty indicator value", location);
      return false;
    }
    let type: IntelType | undefined;
    if (c.type !== undefined && c.type.trim() !== "") {
      type = (INTEL_TYPES as readonly string[]).includes(c.type)
        ? (c.type as IntelType)
        : resolveIntelType(c.type, value);
      if (type === undefined) {
        this.skip(`unsupported indicator type "${c.type}" for "${clip(value)}"`, location);
        return false;
      }
    } else {
      type = inferIntelType(value);
      if (type === undefined) {
        this.skip(`"${clip(value)}" is not a hash, address, block, domain or URL`, location);
        return false;
      }
    }
    const key = canonicalIntelValue(type, value);
    if (key === undefined) {
      this.skip(`"${clip(value)}" is not a valid ${type}`, location);
      return false;
    }
    if (this.store.size >= this.options.maxIndicators) {
      this.stats.skipped++;
      if (!this.overLimit)
        this.diagnostics.warn(
          "E_LIMIT",
          `the store holds ${this.options.maxIndicators} indicators (maxIndicators); further rows are skipped`,
          location,
        );
      this.overLimit = true;
      return false;
    }
    const tags = [...new Set([...(c.tags ?? []), ...this.options.tags])].slice(0, 32);
    const confidence = clampConfidence(c.confidence) ?? this.options.confidence;
    const origin =
      location.file === undefined ? undefined : `${location.file}${location.line ? `:${location.line}` : ""}`;
    const indicator: IntelIndicator = {
      type,
      value: key,
      sources: [this.options.source ?? c.source ?? this.defaultSource],
      confidence,
      tags,
      imported: this.options.now,
      ...(c.firstSeen !== undefined && { firstSeen: c.firstSeen }),
      ...(c.lastSeen !== undefined && { lastSeen: c.lastSeen }),
      ...(c.expires !== undefined && { expires: c.expires }),
      ...(c.family !== undefined && c.family !== "" && { family: c.family.toLowerCase() }),
      ...(c.threat !== undefined && c.threat !== "" && { threat: c.threat.toLowerCase() }),
      ...(c.killChain !== undefined && c.killChain.length > 0 && { killChain: c.killChain }),
      ...(origin !== undefined && { origin }),
    };
    if (this.store.add(indicator)) this.stats.added++;
    else this.stats.merged++;
    return true;
  }
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The base name of a path. */
export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return file.slice(i + 1);
}
