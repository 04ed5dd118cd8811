/**
 * The configured online sources of one run, sharing one cache file. Input: the data directory (the cache
 * lives in `intel/cache/` under it), the environment (API keys), `offline`, optional per-source settings.
 * Output: the sources (VirusTotal, X-Force) and the cache, whose `save()` the caller may await at the end.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Clock } from "./clock.js";
import type { FetchFunction } from "./fetch-json.js";
import { LookupCache, type LookupCacheOptions, lookupCacheFile } from "./lookup-cache.js";
import type { OnlineSource } from "./online-source.js";
import type { LookupKind, LookupOptions, LookupResult } from "./reputation-source.js";
import { createVirusTotalSource, type VirusTotalOptions } from "./virustotal.js";
import { createXForceSource, type XForceOptions } from "./xforce.js";

/** The services this module can ask. */
export const ONLINE_SOURCE_NAMES = ["virustotal", "xforce"] as const;
export type OnlineSourceName = (typeof ONLINE_SOURCE_NAMES)[number];

/** Settings for `openOnlineSources`. */
export interface OnlineSourcesOptions {
  /** The data directory; the cache is `<dataDir>/intel/cache/online-lookups.json`. Without it: memory only. */
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Never call any service; answers come from the cache only. */
  readonly offline?: boolean;
  /** Which services (default both). */
  readonly sources?: readonly OnlineSourceName[];
  readonly virustotal?: Omit<
    VirusTotalOptions,
    "env" | "offline" | "cache" | "clock" | "fetchImpl" | "diagnostics"
  >;
  readonly xforce?: Omit<XForceOptions, "env" | "offline" | "cache" | "clock" | "fetchImpl" | "diagnostics">;
  readonly cache?: Omit<LookupCacheOptions, "clock" | "diagnostics">;
  readonly clock?: Clock;
  readonly fetchImpl?: FetchFunction;
  readonly diagnostics?: Diagnostics;
}

/** The sources of a run and their shared cache. */
export interface OnlineSources {
  readonly sources: readonly OnlineSource[];
  readonly cache: LookupCache;
}

/** Opens the cache and builds the selected sources. Never calls a service itself. */
export async function openOnlineSources(options: OnlineSourcesOptions = {}): Promise<OnlineSources> {
  const cacheOptions: LookupCacheOptions = {
    ...options.cache,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
  };
  const cache =
    options.dataDir !== undefined
      ? await LookupCache.open(lookupCacheFile(options.dataDir), cacheOptions)
      : LookupCache.inMemory(cacheOptions);
  const shared = {
    env: options.env ?? process.env,
    offline: options.offline,
    cache,
    clock: options.clock,
    fetchImpl: options.fetchImpl,
    diagnostics: options.diagnostics,
  };
  const wanted = options.sources ?? ONLINE_SOURCE_NAMES;
  const sources: OnlineSource[] = [];
  for (const name of wanted) {
    if (name === "virustotal") sources.push(createVirusTotalSource({ ...options.virustotal, ...shared }));
    else sources.push(createXForceSource({ ...options.xforce, ...shared }));
  }
  return { sources, cache };
}

/** Asks every source about one indicator, in parallel; one result per source, in the sources' order. */
export function lookupAll(
  sources: readonly OnlineSource[],
  kind: LookupKind,
  value: string,
  opts?: LookupOptions,
): Promise<LookupResult[]> {
  return Promise.all(sources.map((s) => s.lookup(kind, value, opts)));
}
