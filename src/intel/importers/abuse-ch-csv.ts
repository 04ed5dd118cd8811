/**
 * abuse.ch CSV exports — MalwareBazaar, ThreatFox (incl. `ip:port` values), Feodo Tracker, URLhaus — read
 * by their column header, never by position: the header is the (usually `#`-commented) line that names
 * a known value column (`sha256_hash`, `ioc_value`, `dst_ip`, `url`). Metadata columns map to first/last
 * seen, family (`signature`, `malware_printable`, `malware`), threat type, confidence and tags; the
 * threat type gives the kill-chain stage. A data row before any header is an error (the file is
 * skipped: its columns are unknown); bad rows are reported at file:line and skipped.
 * Input: a path and an import sink. Output: indicators in the sink's store.
 */
import { csvCells } from "../csv-cells.js";
import { type IntelCandidate, type IntelImportSink, splitTags, toIsoTime } from "../intel-import.js";
import { textLines } from "../../readers/text/text-lines.js";

/** The abuse.ch feeds told apart by their header. */
export const ABUSE_CH_FEEDS = ["malwarebazaar", "threatfox", "feodotracker", "urlhaus"] as const;
export type AbuseChFeed = (typeof ABUSE_CH_FEEDS)[number];

/** Value columns and the indicator type each holds (`ioc_value` takes its type from `ioc_type`). */
const VALUE_COLUMNS: Readonly<Record<string, string | undefined>> = {
  sha256_hash: "sha256",
  md5_hash: "md5",
  sha1_hash: "sha1",
  imphash: "imphash",
  ioc_value: undefined,
  ioc: undefined,
  dst_ip: "ip",
  url: "url",
};

/** Threat type → kill-chain stage. */
const KILL_CHAIN: Readonly<Record<string, string>> = {
  botnet_cc: "command-and-control",
  c2: "command-and-control",
  payload_delivery: "delivery",
  malware_download: "delivery",
  payload: "installation",
};

/** The column header of an abuse.ch CSV, when `line` is one. */
export function parseAbuseChHeader(line: string): string[] | undefined {
  const cells = csvCells(line.replace(/^#\s*/, "")).map((c) => c.toLowerCase());
  return cells.some((c) => c in VALUE_COLUMNS) && cells.length >= 2 ? cells : undefined;
}

/** Which feed a header belongs to. */
export function abuseChFeedOf(header: readonly string[]): AbuseChFeed {
  if (header.includes("ioc_value") || header.includes("ioc")) return "threatfox";
  if (header.includes("dst_ip")) return "feodotracker";
  if (header.includes("sha256_hash")) return "malwarebazaar";
  return "urlhaus";
}

function rowCandidates(
  header: readonly string[],
  cells: readonly string[],
  feed: AbuseChFeed,
): IntelCandidate[] {
  const get = (...names: string[]): string | undefined => {
    for (const n of names) {
      const i = header.indexOf(n);
      const v = i < 0 ? undefined : cells[i];
      if (v !== undefined && v !== "" && !/^(?:n\/a|none|null)$/i.test(v)) return v;
    }
    return undefined;
  };
  const threat = (
    get("threat_type", "threat") ?? (feed === "feodotracker" ? "botnet_cc" : undefined)
  )?.toLowerCase();
  const tags = splitTags(get("tags"));
  const status = get("c2_status", "url_status");
  if (status) tags.push(`status:${status.toLowerCase()}`);
  const confidence = get("confidence_level");
  const stage = threat === undefined ? undefined : KILL_CHAIN[threat];
  const base = {
    firstSeen: toIsoTime(get("first_seen_utc", "first_seen", "dateadded")),
    lastSeen: toIsoTime(get("last_seen_utc", "last_online", "last_seen")),
    family: get("signature", "malware_printable", "malware", "fk_malware"),
    threat,
    tags,
    source: feed,
    ...(confidence !== undefined && { confidence: Number(confidence) }),
    ...(stage !== undefined && { killChain: [stage] }),
  };
  const out: IntelCandidate[] = [];
  for (const [column, type] of Object.entries(VALUE_COLUMNS)) {
    const i = header.indexOf(column);
    const raw = i < 0 ? undefined : cells[i];
    if (raw === undefined || raw === "" || /^(?:n\/a|none|null)$/i.test(raw)) continue;
    let value = raw;
    let t = type ?? get("ioc_type");
    const rowTags = [...tags];
    // ThreatFox `ip:port`, Feodo `dst_ip` + `dst_port`: the port becomes a tag
    const ipPort = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(value);
    if (ipPort) {
      value = ipPort[1]!;
      rowTags.push(`port:${ipPort[2]}`);
    } else if (column === "dst_ip") {
      const port = get("dst_port");
      if (port) rowTags.push(`port:${port}`);
    }
    if (t === "ip:port") t = "ip";
    out.push({ ...base, value, tags: rowTags, ...(t !== undefined && { type: t }) });
  }
  return out;
}

/** Imports an abuse.ch CSV export. Rejects only when the file cannot be read at all. */
export async function importAbuseChCsv(file: string, sink: IntelImportSink): Promise<void> {
  let header: string[] | undefined;
  let feed: AbuseChFeed = "urlhaus";
  for await (const { line, text } of textLines(file, sink.options.maxLineBytes)) {
    if (text === undefined) {
      sink.stats.skipped++;
      sink.diagnostics.warn("E_LIMIT", `line longer than ${sink.options.maxLineBytes} bytes; skipped`, {
        file,
        line,
      });
      continue;
    }
    const t = text.trim();
    if (t === "") continue;
    const h = parseAbuseChHeader(t);
    if (h && (t.startsWith("#") || header === undefined)) {
      header = h;
      feed = abuseChFeedOf(h);
      continue;
    }
    if (t.startsWith("#")) continue;
    if (!header) {
      sink.diagnostics.error(
        "E_FORMAT_UNKNOWN",
        "abuse.ch CSV: a data row comes before any column header naming sha256_hash, ioc_value, dst_ip or url; the file is skipped",
        { file, line },
      );
      return;
    }
    const cells = csvCells(t);
    const candidates = rowCandidates(header, cells, feed);
    if (candidates.length === 0) {
      sink.skip("row has no indicator value in its value columns", { file, line });
      continue;
    }
    for (const c of candidates) sink.offer(c, { file, line });
  }
}
