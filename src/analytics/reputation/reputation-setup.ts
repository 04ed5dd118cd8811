/**
 * How the pipeline sets the reputation viewpoint up: one intel store and one allow-list for the run —
 * the user's (`<data dir>/intel/indicators.jsonl`, `allowlist.jsonl`, when they exist and `useDataDir`)
 * plus the configured `indicatorLists` (imported with the intel importers, format detected) and
 * `knownGoodLists` (global hash entries) — and the analyzer over them; or, when there is nothing to look
 * values up in, no analyzer at all and a run-summary line saying "reputation: not checked".
 * Input: ReputationOptions, Diagnostics, the data directory. Output: a ReputationAnalyzer or undefined; the status line.
 */
import { stat } from "node:fs/promises";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { LocalizedText } from "../../findings/finding.js";
import { AllowList } from "../../intel/allow-list.js";
import { allowListFile, loadAllowList, readKnownGoodHashes } from "../../intel/allow-list-file.js";
import { importFeed } from "../../intel/importers/import-feed.js";
import { IntelStore } from "../../intel/intel-store.js";
import { intelStoreFile, loadIntelStore } from "../../intel/intel-store-file.js";
import { ReputationAnalyzer } from "./reputation-analyzer.js";
import { type ReputationOptions, reputationOptions } from "./reputation-options.js";

/** Whether reputation was checked in a run, and against what. */
export interface ReputationStatus {
  readonly checked: boolean;
  /** Distinct indicators in the run's store */
  readonly indicators: number;
  /** Allow-list entries of the run */
  readonly allowEntries: number;
  /** The files loaded (lists given, then the data directory's store and allow-list) */
  readonly files: readonly string[];
  /** The run-summary line: `reputation: not checked (no indicator list configured)` or what was checked */
  readonly text: LocalizedText;
}

/** Where the run finds the user's intel, and the lookup time. */
export interface ReputationSetup {
  /** The data directory whose `intel/` store and allow-list are loaded (when `useDataDir`) */
  readonly dataDir?: string;
  /** Lookup time (decay, expiry), ms since the epoch; default now */
  readonly now?: number;
  /** Make the analyzer even with nothing to look up locally (for `--online`, which needs its image facts) */
  readonly evenWithoutIntel?: boolean;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Loads the store and allow-list of the run and makes the analyzer; resolves to undefined when no list
 * is configured and the data directory has neither (unless `evenWithoutIntel`). Rejects with `E_CONFIG` on a bad option and `E_IO` when a configured
 * list cannot be opened; problems inside a list are located diagnostics and the line is skipped.
 */
export async function createReputationAnalyzer(
  options: Partial<ReputationOptions>,
  diagnostics: Diagnostics,
  setup: ReputationSetup = {},
): Promise<ReputationAnalyzer | undefined> {
  const o = reputationOptions(options);
  const store = new IntelStore();
  const allowList = new AllowList();
  const files: string[] = [];
  const now = setup.now ?? Date.now();
  const importOptions = {
    maxLineBytes: o.maxLineBytes,
    maxIndicators: o.maxIndicators,
    now: new Date(now).toISOString(),
  };
  for (const file of o.indicatorLists) {
    await importFeed(file, store, diagnostics, importOptions);
    files.push(file);
  }
  const meta = { reason: "known-good list", author: "analyze --known-good", added: importOptions.now };
  for (const file of o.knownGoodLists) {
    const entries = await readKnownGoodHashes(
      file,
      { ...meta, reason: `known-good list ${file}` },
      diagnostics,
    );
    for (const e of entries) allowList.add(e);
    files.push(file);
  }
  if (o.useDataDir && setup.dataDir !== undefined) {
    const storeFile = intelStoreFile(setup.dataDir);
    if (await exists(storeFile)) {
      await loadIntelStore(storeFile, diagnostics, store);
      files.push(storeFile);
    }
    const allowFile = allowListFile(setup.dataDir);
    if (await exists(allowFile)) {
      await loadAllowList(allowFile, diagnostics, allowList);
      files.push(allowFile);
    }
  }
  if (files.length === 0 && !setup.evenWithoutIntel) return undefined;
  return new ReputationAnalyzer({ store, allowList, files, now }, o);
}

/** The status of the reputation viewpoint for the run summary (pass the analyzer, or undefined when none). */
export function reputationStatus(analyzer: ReputationAnalyzer | undefined): ReputationStatus {
  if (!analyzer)
    return {
      checked: false,
      indicators: 0,
      allowEntries: 0,
      files: [],
      text: {
        en: "reputation: not checked (no indicator list configured)",
        ja: "評価: 未確認（指標リストが設定されていません）",
      },
    };
  const n = analyzer.sources.store.size;
  const a = analyzer.sources.allowList.size;
  const files = [...analyzer.sources.files];
  return {
    checked: true,
    indicators: n,
    allowEntries: a,
    files,
    text: {
      en: `reputation: checked against ${n} indicator(s) and ${a} allow-list entr${a === 1 ? "y" : "ies"} from ${files.length} file(s)`,
      ja: `評価: ${files.length} 件のファイルの ${n} 件の指標と ${a} 件の許可リスト項目で確認済み`,
    },
  };
}
