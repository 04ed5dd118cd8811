/**
 * One entry point for every feed format: `importFeed(path, format, …)` with the format given or
 * detected (a directory with manifest.json → misp; JSON with `"type": "bundle"` → stix, with `"Event"` →
 * misp; a CSV whose header names abuse.ch columns → abusech; otherwise a plain list).
 * Input: a path, a format (or "auto"), a store, diagnostics, options. Output: the import's counts.
 */
import { open, stat } from "node:fs/promises";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import {
  baseName,
  defaultImportOptions,
  type IntelImportOptions,
  IntelImportSink,
  type IntelImportStats,
} from "../intel-import.js";
import type { IntelStore } from "../intel-store.js";
import { importAbuseChCsv, parseAbuseChHeader } from "./abuse-ch-csv.js";
import { type CsvMapping, importMappedCsv } from "./mapped-csv.js";
import { importMispEvent, importMispFeed } from "./misp-feed.js";
import { importPlainList } from "./plain-list.js";
import { importStixBundle } from "./stix-bundle.js";

/** The feed formats. */
export const FEED_FORMATS = ["auto", "plain", "abusech", "misp", "stix", "csv"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** Bytes read to detect a format. */
const SNIFF_BYTES = 65_536;

/** Detects the format of `path` (never "auto"; "csv" needs a mapping, so it is never detected). */
export async function detectFeedFormat(path: string): Promise<Exclude<FeedFormat, "auto" | "csv">> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    throw new MikiwameError("E_IO", `cannot read feed: ${e instanceof Error ? e.message : String(e)}`, {
      file: path,
    });
  }
  if (info.isDirectory()) return "misp";
  const handle = await open(path, "r");
  let head: string;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    head = buf
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  } finally {
    await handle.close();
  }
  const trimmed = head.trimStart();
  if (trimmed.startsWith("{")) {
    if (/"type"\s*:\s*"bundle"/.test(head)) return "stix";
    return "misp";
  }
  for (const line of head.split("\n").slice(0, 50)) if (parseAbuseChHeader(line.trim())) return "abusech";
  return "plain";
}

/** Imports one feed into `store`. Rejects with E_IO when it cannot be read, E_USAGE on a bad mapping. */
export async function importFeed(
  path: string,
  store: IntelStore,
  diagnostics: Diagnostics,
  options: Partial<IntelImportOptions> & { readonly format?: FeedFormat; readonly mapping?: CsvMapping } = {},
): Promise<IntelImportStats & { readonly format: FeedFormat }> {
  const format = !options.format || options.format === "auto" ? await detectFeedFormat(path) : options.format;
  const sink = new IntelImportSink(
    store,
    diagnostics,
    { ...defaultImportOptions(), ...options },
    baseName(path),
  );
  try {
    switch (format) {
      case "plain":
        await importPlainList(path, sink);
        break;
      case "abusech":
        await importAbuseChCsv(path, sink);
        break;
      case "misp":
        if ((await stat(path)).isDirectory()) await importMispFeed(path, sink);
        else await importMispEvent(path, sink);
        break;
      case "stix":
        await importStixBundle(path, sink);
        break;
      case "csv":
        if (!options.mapping)
          throw new MikiwameError("E_USAGE", "--format csv needs a column mapping (--map value=<column>,…)");
        await importMappedCsv(path, options.mapping, sink);
        break;
    }
  } catch (e) {
    if (e instanceof MikiwameError) throw e;
    throw new MikiwameError("E_IO", `cannot read feed: ${e instanceof Error ? e.message : String(e)}`, {
      file: path,
    });
  }
  return { ...sink.stats, format };
}
