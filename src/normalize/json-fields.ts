/**
 * The two steps every JSON normalizer shares: flattening a record's object into fields (bounded,
 * with one located warning when the budget cuts it short) and copying mapped paths into target names
 * with their value conversion.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Fields } from "../events/field-value.js";
import type { JsonRecord } from "../readers/record.js";
import { convertValue, type FieldConversion } from "./field-conversions.js";
import { flattenInto, getPath, type JsonObject, newBudget, toFieldValue } from "./json-value.js";
import { recordLocation } from "./record-location.js";

/** All of the record's values as flat dotted fields, within the flatten budget. */
export function flattenRecord(record: JsonRecord, diagnostics: Diagnostics, into: Fields = {}): Fields {
  const budget = newBudget();
  flattenInto(into, record.value, "", budget);
  if (budget.truncated)
    diagnostics.warn(
      "E_NORMALIZE",
      "record has too many fields; the rest were left out",
      recordLocation(record.provenance),
    );
  return into;
}

export interface MappedPath {
  readonly from: string;
  readonly to: string;
  readonly conversion: FieldConversion;
}

/** Sets `fields[to]` from each `from` path present in `obj`, converted. */
export function applyMappedPaths(fields: Fields, obj: JsonObject, paths: readonly MappedPath[]): void {
  for (const f of paths) {
    const raw = getPath(obj, f.from);
    if (raw === undefined) continue;
    const value = convertValue(f.conversion, toFieldValue(raw));
    if (value !== undefined) fields[f.to] = value;
  }
}
