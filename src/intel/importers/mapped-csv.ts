/**
 * CSV with a column mapping: the first non-comment line is the header; the mapping names which column
 * holds the value and, optionally, its type, confidence, first/last seen, tags, family, threat and
 * source (`value=ioc,type=kind,tags=labels`). Without a type column the type is inferred. Bad rows are
 * reported at file:line and skipped; a mapping naming a column the header lacks is E_USAGE.
 * Input: a path, a mapping and an import sink. Output: indicators in the sink's store.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { csvCells } from "../csv-cells.js";
import { type IntelImportSink, splitTags, toIsoTime } from "../intel-import.js";
import { textLines } from "../../readers/text/text-lines.js";

/** The fields a mapping may name. */
export const CSV_MAPPING_FIELDS = [
  "value",
  "type",
  "confidence",
  "firstSeen",
  "lastSeen",
  "tags",
  "family",
  "threat",
  "source",
] as const;
export type CsvMappingField = (typeof CSV_MAPPING_FIELDS)[number];

/** Field → header column name. `value` is required. */
export type CsvMapping = Readonly<Partial<Record<CsvMappingField, string>>> & { readonly value: string };

/** Parses `value=ioc,type=kind` into a mapping; throws E_USAGE on unknown fields or a missing value. */
export function parseCsvMapping(text: string): CsvMapping {
  const out: Partial<Record<CsvMappingField, string>> = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    const field = part.slice(0, eq).trim();
    if (eq < 0 || !(CSV_MAPPING_FIELDS as readonly string[]).includes(field))
      throw new MikiwameError(
        "E_USAGE",
        `column mapping: "${part}" is not field=column (fields: ${CSV_MAPPING_FIELDS.join(", ")})`,
      );
    out[field as CsvMappingField] = part
      .slice(eq + 1)
      .trim()
      .toLowerCase();
  }
  if (!out.value) throw new MikiwameError("E_USAGE", "column mapping: value=<column> is required");
  return { ...out, value: out.value };
}

/** Imports a CSV through `mapping`. Rejects with E_USAGE when the header lacks a mapped column. */
export async function importMappedCsv(
  file: string,
  mapping: CsvMapping,
  sink: IntelImportSink,
): Promise<void> {
  let columns: Partial<Record<CsvMappingField, number>> | undefined;
  let separator = ",";
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
    if (t === "" || t.startsWith("#")) continue;
    if (!columns) {
      separator = t.includes("\t") ? "\t" : t.includes(";") && !t.includes(",") ? ";" : ",";
      const header = csvCells(t, separator).map((c) => c.toLowerCase());
      const found: Partial<Record<CsvMappingField, number>> = {};
      for (const [field, name] of Object.entries(mapping) as [CsvMappingField, string][]) {
        const i = header.indexOf(name);
        if (i < 0)
          throw new MikiwameError(
            "E_USAGE",
            `column mapping: the header has no column "${name}" (for ${field})`,
            {
              file,
              line,
            },
          );
        found[field] = i;
      }
      columns = found;
      continue;
    }
    const cells = csvCells(t, separator);
    const cell = (f: CsvMappingField): string | undefined => {
      const i = columns?.[f];
      const v = i === undefined ? undefined : cells[i];
      return v === "" ? undefined : v;
    };
    const confidence = cell("confidence");
    const type = cell("type");
    const family = cell("family");
    const threat = cell("threat");
    const source = cell("source");
    const firstSeen = toIsoTime(cell("firstSeen"));
    const lastSeen = toIsoTime(cell("lastSeen"));
    sink.offer(
      {
        value: cell("value") ?? "",
        tags: splitTags(cell("tags")),
        ...(type !== undefined && { type }),
        ...(confidence !== undefined && { confidence: Number(confidence) }),
        ...(family !== undefined && { family }),
        ...(threat !== undefined && { threat }),
        ...(source !== undefined && { source }),
        ...(firstSeen !== undefined && { firstSeen }),
        ...(lastSeen !== undefined && { lastSeen }),
      },
      { file, line },
    );
  }
}
