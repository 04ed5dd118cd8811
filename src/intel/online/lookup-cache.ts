/**
 * The cache of online answers, one JSON file (by default `<data dir>/intel/cache/online-lookups.json`),
 * so a repeated lookup does not call the service again. Input: results to keep; lookups by source, kind and
 * value. Output: a fresh cached result or nothing. Entries expire after a TTL per kind; the entry count is
 * capped (oldest written are dropped first); an unreadable file is reported and the cache starts empty.
 */
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { type Clock, systemClock } from "./clock.js";
import {
  type DetailValue,
  isLookupKind,
  LOOKUP_VERDICTS,
  type LookupKind,
  type LookupResult,
  type LookupVerdict,
} from "./reputation-source.js";

/** The cache file's path under the data directory. */
export function lookupCacheFile(dataDir: string): string {
  return join(dataDir, "intel", "cache", "online-lookups.json");
}

const HOUR_MS = 3_600_000;

/** Default time-to-live per kind: file verdicts change slowly, infrastructure quickly. */
export const DEFAULT_CACHE_TTL_MS: Readonly<Record<LookupKind, number>> = {
  hash: 7 * 24 * HOUR_MS,
  ip: 24 * HOUR_MS,
  domain: 24 * HOUR_MS,
  url: 24 * HOUR_MS,
};

/** Cache limits and clock. */
export interface LookupCacheOptions {
  /** TTL per kind (ms); missing kinds use `DEFAULT_CACHE_TTL_MS`. */
  readonly ttlMs?: Partial<Record<LookupKind, number>>;
  /** TTL for `not-found` answers (default 24 h, capped by the kind's TTL). */
  readonly notFoundTtlMs?: number;
  /** Most entries kept (default 10 000). */
  readonly maxEntries?: number;
  /** A larger cache file is not read (default 64 MiB); the cache then starts empty. */
  readonly maxFileBytes?: number;
  readonly clock?: Clock;
  /** Where an unreadable cache file or a failed write is reported (E_INTEL_ONLINE warning). */
  readonly diagnostics?: Diagnostics;
}

/** What is stored for one answer: only `found` and `not-found` are cached. */
interface CacheEntry {
  readonly storedAt: number;
  readonly status: "found" | "not-found";
  readonly verdict?: LookupVerdict;
  readonly score?: number;
  readonly details: Readonly<Record<string, DetailValue>>;
}

const FILE_VERSION = 1;

/** A bounded, file-backed map from `source|kind|value` to the service's last answer. */
export class LookupCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly clock: Clock;
  private readonly maxEntries: number;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    /** The cache file, or undefined for a cache held in memory only. */
    readonly file: string | undefined,
    private readonly options: LookupCacheOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  }

  /** A cache held in memory only (nothing is read or written). */
  static inMemory(options: LookupCacheOptions = {}): LookupCache {
    return new LookupCache(undefined, options);
  }

  /** Opens `file`; a missing file is an empty cache, an unreadable one is reported and ignored. */
  static async open(file: string, options: LookupCacheOptions = {}): Promise<LookupCache> {
    const cache = new LookupCache(file, options);
    await cache.load();
    return cache;
  }

  /** Number of entries held (expired ones included until they are looked up or saved). */
  get size(): number {
    return this.entries.size;
  }

  /** The cached answer when present and fresh, marked `cached: true`. */
  get(source: string, kind: LookupKind, value: string): LookupResult | undefined {
    const key = cacheKey(source, kind, value);
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (!this.isFresh(kind, e)) {
      this.entries.delete(key);
      this.dirty = true;
      return undefined;
    }
    const base = { source, kind, value, details: e.details, cached: true };
    if (e.status === "not-found") return { ...base, status: "not-found" };
    return {
      ...base,
      status: "found",
      verdict: e.verdict ?? "unknown",
      ...(e.score !== undefined ? { score: e.score } : {}),
    };
  }

  /** Keeps a `found` or `not-found` answer (others are ignored); drops the oldest beyond `maxEntries`. */
  set(result: LookupResult): void {
    if (result.status !== "found" && result.status !== "not-found") return;
    const key = cacheKey(result.source, result.kind, result.value);
    const entry: CacheEntry =
      result.status === "found"
        ? {
            storedAt: this.clock.now(),
            status: "found",
            verdict: result.verdict,
            ...(result.score !== undefined ? { score: result.score } : {}),
            details: result.details,
          }
        : { storedAt: this.clock.now(), status: "not-found", details: result.details };
    this.entries.delete(key); // re-insert so Map order stays oldest-written first
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.dirty = true;
  }

  /**
   * Writes the cache file (expired entries dropped) when something changed; writes are serialised and
   * atomic (temporary file + rename). A failed write is reported, not thrown.
   */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  private isFresh(kind: LookupKind, e: CacheEntry): boolean {
    const kindTtl = this.options.ttlMs?.[kind] ?? DEFAULT_CACHE_TTL_MS[kind];
    const ttl =
      e.status === "not-found" ? Math.min(kindTtl, this.options.notFoundTtlMs ?? 24 * HOUR_MS) : kindTtl;
    const age = this.clock.now() - e.storedAt;
    return age >= 0 && age < ttl;
  }

  private async write(): Promise<void> {
    if (this.file === undefined || !this.dirty) return;
    this.dirty = false;
    const out: Record<string, CacheEntry> = {};
    for (const [key, e] of this.entries) {
      const kind = key.split("|", 2)[1];
      if (kind !== undefined && isLookupKind(kind) && this.isFresh(kind, e)) out[key] = e;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(tmp, JSON.stringify({ version: FILE_VERSION, entries: out }), "utf8");
      await rename(tmp, this.file);
    } catch (e) {
      this.dirty = true;
      this.options.diagnostics?.warn(
        "E_INTEL_ONLINE",
        `the lookup cache could not be written (${e instanceof Error ? e.message : String(e)}); answers of this run are not kept`,
        { file: this.file },
      );
    }
  }

  private async load(): Promise<void> {
    if (this.file === undefined) return;
    const file = this.file;
    const warn = (why: string): void =>
      this.options.diagnostics?.warn("E_INTEL_ONLINE", `lookup cache ignored, starting empty: ${why}`, {
        file,
      });
    let text: string;
    try {
      const st = await stat(file);
      const max = this.options.maxFileBytes ?? 64 * 1024 * 1024;
      if (st.size > max) {
        warn(`file is ${st.size} bytes, more than the ${max} allowed; delete it to start afresh`);
        return;
      }
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      warn(e instanceof Error ? e.message : String(e));
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      warn("not valid JSON");
      return;
    }
    const entries = (doc as { entries?: unknown } | null)?.entries;
    if ((doc as { version?: unknown } | null)?.version !== FILE_VERSION || !isPlainObject(entries)) {
      warn(`not a version-${FILE_VERSION} lookup cache`);
      return;
    }
    let bad = 0;
    for (const [key, raw] of Object.entries(entries)) {
      const e = parseEntry(key, raw);
      if (e) this.entries.set(key, e);
      else bad++;
    }
    // The file is written oldest-first; keep the newest when the cap is lower than the file's count.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    if (bad > 0) warn(`${bad} malformed entr${bad === 1 ? "y" : "ies"} skipped`);
  }
}

function cacheKey(source: string, kind: LookupKind, value: string): string {
  return `${source}|${kind}|${value}`;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** One stored entry checked field by field; undefined when anything is off. */
function parseEntry(key: string, raw: unknown): CacheEntry | undefined {
  const parts = key.split("|");
  if (parts.length < 3 || !isLookupKind(parts[1]!) || !isPlainObject(raw)) return undefined;
  const { storedAt, status, verdict, score, details } = raw;
  if (typeof storedAt !== "number" || !Number.isFinite(storedAt) || !isPlainObject(details)) return undefined;
  if (status === "not-found") return { storedAt, status, details: details as Record<string, DetailValue> };
  if (status !== "found") return undefined;
  if (typeof verdict !== "string" || !(LOOKUP_VERDICTS as readonly string[]).includes(verdict))
    return undefined;
  if (score !== undefined && typeof score !== "number") return undefined;
  return {
    storedAt,
    status,
    verdict: verdict as LookupVerdict,
    ...(score !== undefined ? { score } : {}),
    details: details as Record<string, DetailValue>,
  };
}
