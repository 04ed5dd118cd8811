/**
 * Builds the reputation sources of one `mikiwame file` run: the intel store and allow-list of the data
 * directory (when present), indicator feeds and known-good hash lists given on the command line (imported
 * in memory with the intel importers, never written to the data directory), and — only when asked
 * (`online`) — the online services; `offline` wins over `online` (cached answers only, no call).
 * Input: paths and switches. Output: `FileReputationSources` and a `finish()` that saves the lookup cache.
 * A feed that cannot be read rejects with its E_IO; bad lines are reported by the importers and skipped.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { loadAllowList, allowListFile, readKnownGoodHashes } from "../intel/allow-list-file.js";
import { importFeed } from "../intel/importers/import-feed.js";
import { AllowList } from "../intel/allow-list.js";
import { IntelStore } from "../intel/intel-store.js";
import { intelStoreFile, loadIntelStore } from "../intel/intel-store-file.js";
import { openOnlineSources, type OnlineSourcesOptions } from "../intel/online/online-sources.js";
import type { FileReputationSources } from "./file-reputation.js";

/** What the run asks for. */
export interface ReputationSetupOptions {
  /** The data directory (store, allow-list, online cache); absent: none of them */
  readonly dataDir?: string;
  /** Indicator feeds (any format `mikiwame intel import` reads) */
  readonly indicators?: readonly string[];
  /** Known-good hash lists (one hash a line, or a CSV with md5/sha1/sha256 columns) */
  readonly knownGood?: readonly string[];
  /** Ask the online services (never by default) */
  readonly online?: boolean;
  /** Never call a service; wins over `online` */
  readonly offline?: boolean;
  /** API keys (default process.env) */
  readonly env?: NodeJS.ProcessEnv;
  /** Per-service settings (base URLs, limits, fetch) for the online sources */
  readonly onlineOptions?: Omit<OnlineSourcesOptions, "dataDir" | "env" | "offline" | "diagnostics">;
  readonly signal?: AbortSignal;
  readonly diagnostics: Diagnostics;
}

/** The sources, and what to do when the run ends. */
export interface ReputationSetup {
  readonly sources: FileReputationSources;
  /** Saves the online lookup cache (when online sources were opened). */
  finish(): Promise<void>;
}

/** Loads and imports everything the options name. */
export async function setUpReputation(options: ReputationSetupOptions): Promise<ReputationSetup> {
  const { diagnostics, dataDir } = options;
  const store =
    dataDir !== undefined ? await loadIntelStore(intelStoreFile(dataDir), diagnostics) : new IntelStore();
  for (const feed of options.indicators ?? []) await importFeed(feed, store, diagnostics);
  const allowList =
    dataDir !== undefined ? await loadAllowList(allowListFile(dataDir), diagnostics) : new AllowList();
  const added = new Date().toISOString();
  for (const file of options.knownGood ?? []) {
    const entries = await readKnownGoodHashes(
      file,
      { reason: `listed in ${file}`, author: "--known-good", added },
      diagnostics,
    );
    for (const e of entries) allowList.add(e);
  }
  const base = {
    store,
    allowList,
    ...(options.signal !== undefined && { signal: options.signal }),
  };
  if (!options.online) {
    const onlineSkipped = options.offline ? "offline (--offline)" : "not asked (use --online)";
    return { sources: { ...base, onlineSkipped }, finish: async () => {} };
  }
  const { sources, cache } = await openOnlineSources({
    ...options.onlineOptions,
    ...(dataDir !== undefined && { dataDir }),
    env: options.env ?? process.env,
    offline: options.offline === true,
    diagnostics,
  });
  return { sources: { ...base, online: sources }, finish: () => cache.save() };
}
