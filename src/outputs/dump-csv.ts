/**
 * CSV for `mikiwame dump --format csv`. Input: a raw record or a normalized event. Output: one CSV row
 * with a fixed column set (time, host, identity, logsource, provenance) and a last column `fields`
 * holding every field as one flat JSON object (nested objects flattened to dotted keys). A fixed header
 * keeps the output streamable (no second pass to collect field names). Cells are formula-neutralised.
 */
import type { Event } from "../events/event.js";
import type { Provenance } from "../events/provenance.js";
import type { RawRecord } from "../readers/record.js";
import { csvRow } from "./csv-row.js";
import type { DumpFormatter } from "./dump-format.js";
import { toJsonText } from "./json-text.js";

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  "time",
  "host",
  "provider",
  "channel",
  "event_id",
  "record_id",
  "product",
  "service",
  "category",
  "format",
  "file",
  "line",
  "offset",
  "fields",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Objects nested deeper than this are kept whole (as JSON) instead of being flattened further. */
const MAX_FLATTEN_DEPTH = 32;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `{a: {b: 1}, c: [1]}` → `{"a.b": 1, c: [1]}`. */
export function flattenFields(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (obj: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      const name = prefix ? `${prefix}.${key}` : key;
      if (isPlainObject(v) && depth < MAX_FLATTEN_DEPTH && Object.keys(v).length > 0)
        visit(v, name, depth + 1);
      else out[name] = v;
    }
  };
  visit(value, "", 0);
  return out;
}

function text(v: string | number | bigint | undefined): string {
  return v === undefined ? "" : String(v);
}

function row(cells: Record<CsvColumn, string>): string {
  return csvRow(CSV_COLUMNS.map((c) => cells[c]));
}

function provenanceCells(
  p: Provenance,
): Pick<Record<CsvColumn, string>, "format" | "file" | "line" | "offset"> {
  return { format: p.format, file: p.file, line: text(p.line), offset: text(p.offset) };
}

const EMPTY_LOGSOURCE = { product: "", service: "", category: "" };

/** Zeek `ts`: epoch seconds (TSV, most JSON) → ISO; an ISO string (some JSON writers) as it is. */
function zeekTime(ts: unknown): string {
  if (typeof ts === "string") return ts;
  if (typeof ts !== "number" || !Number.isFinite(ts)) return "";
  const d = new Date(ts * 1000);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

function recordRow(record: RawRecord): string {
  switch (record.kind) {
    case "evtx": {
      const s = record.system;
      return row({
        time: s.timeCreated ?? record.writtenTime,
        host: s.computer,
        provider: s.providerName,
        channel: s.channel,
        event_id: String(s.eventId),
        record_id: String(s.recordId),
        ...EMPTY_LOGSOURCE,
        ...provenanceCells(record.provenance),
        fields: toJsonText(record.data),
      });
    }
    case "json":
      return row({
        time: "",
        host: "",
        provider: "",
        channel: "",
        event_id: "",
        record_id: "",
        ...EMPTY_LOGSOURCE,
        ...provenanceCells(record.provenance),
        fields: toJsonText(flattenFields(record.value)),
      });
    case "zeek":
      return row({
        time: zeekTime(record.fields.ts),
        host: "",
        provider: "zeek",
        channel: record.path,
        event_id: "",
        record_id: "",
        ...EMPTY_LOGSOURCE,
        ...provenanceCells(record.provenance),
        fields: toJsonText(record.fields),
      });
  }
}

function eventRow(event: Event): string {
  return row({
    time: event.time?.iso ?? "",
    host: event.host,
    provider: event.identity.provider,
    channel: event.identity.channel,
    event_id: String(event.identity.eventId),
    record_id: text(event.identity.recordId),
    product: event.logsource.product ?? "",
    service: event.logsource.service ?? "",
    category: event.logsource.category ?? "",
    ...provenanceCells(event.provenance),
    fields: toJsonText(event.fields),
  });
}

export const csvDumpFormatter: DumpFormatter = {
  header: csvRow(CSV_COLUMNS),
  formatRecord: recordRow,
  formatEvent: eventRow,
};
