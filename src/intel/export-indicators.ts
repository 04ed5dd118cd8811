/**
 * Export of the store: CSV (`type,value,confidence,sources,first_seen,last_seen,expires,family,threat,
 * kill_chain,tags`; lists joined with `|`) or a STIX 2.1 bundle with one indicator per entry (simple
 * `[… = '…']` patterns, which the STIX importer reads back). Ids are derived from type and value, so an
 * export is reproducible. Output goes line by line to a writer (streamed, not built in memory).
 * Input: indicators. Output: text lines.
 */
import { createHash } from "node:crypto";
import type { IntelIndicator, IntelType } from "./intel-indicator.js";

/** The export formats. */
export const EXPORT_FORMATS = ["csv", "stix"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Header of the CSV export. */
export const CSV_EXPORT_HEADER =
  "type,value,confidence,sources,first_seen,last_seen,expires,family,threat,kill_chain,tags";

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no line end). */
export function indicatorCsvLine(i: IntelIndicator): string {
  return [
    i.type,
    i.value,
    String(i.confidence),
    i.sources.join("|"),
    i.firstSeen ?? "",
    i.lastSeen ?? "",
    i.expires ?? "",
    i.family ?? "",
    i.threat ?? "",
    (i.killChain ?? []).join("|"),
    i.tags.join("|"),
  ]
    .map(csvCell)
    .join(",");
}

const STIX_PATH: Readonly<Record<IntelType, string>> = {
  md5: "file:hashes.MD5",
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
  imphash: "file:hashes.imphash",
  ipv4: "ipv4-addr:value",
  ipv6: "ipv6-addr:value",
  cidr: "ipv4-addr:value",
  domain: "domain-name:value",
  url: "url:value",
};

/** A deterministic UUID (v4 layout) from a text. */
function stableUuid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The STIX 2.1 indicator object of an indicator. */
export function indicatorStixObject(i: IntelIndicator): Record<string, unknown> {
  const path = i.type === "cidr" && i.value.includes(":") ? "ipv6-addr:value" : STIX_PATH[i.type];
  const value = i.type === "url" ? `http://${i.value}` : i.value;
  const created = i.imported;
  return {
    type: "indicator",
    spec_version: "2.1",
    id: `indicator--${stableUuid(`${i.type}|${i.value}`)}`,
    created,
    modified: i.lastSeen ?? created,
    pattern: `[${path} = '${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`,
    pattern_type: "stix",
    valid_from: i.firstSeen ?? created,
    ...(i.expires !== undefined && { valid_until: i.expires }),
    confidence: i.confidence,
    ...(i.tags.length > 0 && { labels: i.tags }),
    ...(i.killChain !== undefined && {
      kill_chain_phases: i.killChain.map((p) => ({ kill_chain_name: "mikiwame", phase_name: p })),
    }),
    ...(i.family !== undefined && { description: `family: ${i.family}` }),
  };
}

/** Writes the export of `indicators` through `write` (awaited per line). */
export async function exportIndicators(
  indicators: Iterable<IntelIndicator>,
  format: ExportFormat,
  write: (text: string) => Promise<void>,
): Promise<number> {
  let n = 0;
  if (format === "csv") {
    await write(`${CSV_EXPORT_HEADER}\n`);
    for (const i of indicators) {
      await write(`${indicatorCsvLine(i)}\n`);
      n++;
    }
    return n;
  }
  await write(`{"type":"bundle","id":"bundle--${stableUuid(String(Date.now()))}","objects":[\n`);
  for (const i of indicators) {
    await write(`${n > 0 ? ",\n" : ""}${JSON.stringify(indicatorStixObject(i))}`);
    n++;
  }
  await write("\n]}\n");
  return n;
}
