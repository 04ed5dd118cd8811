/**
 * STIX 2.1 bundles: each `indicator` object with `pattern_type` `stix` and a simple pattern
 * (stix-pattern.ts) becomes one indicator per comparison, with `valid_from` as first seen, `valid_until`
 * as expiry, `confidence`, `labels` as tags, `kill_chain_phases` as kill-chain stages, and the family
 * from an `indicates` relationship to a `malware` object. An indicator whose pattern is not supported
 * is reported at file:line (of its pattern) with the reason, and skipped.
 * Input: a path and an import sink. Output: indicators in the sink's store.
 */
import { toIsoTime } from "../intel-import.js";
import type { IntelImportSink } from "../intel-import.js";
import { arrayField, asObject, readJsonDocument, stringField } from "../json-document.js";
import { parseStixPattern } from "../stix-pattern.js";

/** Imports a STIX 2.1 bundle. Rejects only when the file cannot be read. */
export async function importStixBundle(file: string, sink: IntelImportSink): Promise<void> {
  const doc = await readJsonDocument(file, sink.options.maxJsonBytes, sink.diagnostics);
  if (!doc) return;
  const bundle = asObject(doc.value);
  if (stringField(bundle, "type") !== "bundle") {
    sink.diagnostics.error("E_JSON_SHAPE", 'STIX: not a bundle (no "type": "bundle"); skipped', { file });
    return;
  }
  const objects = arrayField(bundle, "objects").map(asObject);
  const malware = new Map<string, string>();
  for (const o of objects) {
    const name = stringField(o, "name");
    if (stringField(o, "type") === "malware" && name) malware.set(stringField(o, "id") ?? "", name);
  }
  const family = new Map<string, string>();
  for (const o of objects) {
    if (stringField(o, "type") !== "relationship" || stringField(o, "relationship_type") !== "indicates")
      continue;
    const name = malware.get(stringField(o, "target_ref") ?? "");
    if (name) family.set(stringField(o, "source_ref") ?? "", name);
  }
  for (const o of objects) {
    if (stringField(o, "type") !== "indicator") continue;
    const id = stringField(o, "id") ?? "";
    const pattern = stringField(o, "pattern") ?? "";
    const location = { file, line: doc.locator.lineOf(pattern), ...(id !== "" && { recordId: id }) };
    const patternType = stringField(o, "pattern_type") ?? "stix";
    if (patternType !== "stix") {
      sink.skip(`STIX indicator with pattern_type "${patternType}" is not supported`, location);
      continue;
    }
    const parsed = parseStixPattern(pattern);
    if (!parsed.ok) {
      sink.skip(`STIX pattern not supported: ${parsed.reason}`, location);
      continue;
    }
    const confidence = o?.confidence;
    const killChain = arrayField(o, "kill_chain_phases")
      .map((p) => stringField(asObject(p), "phase_name"))
      .filter((p): p is string => p !== undefined);
    const tags = arrayField(o, "labels")
      .filter((l): l is string => typeof l === "string")
      .map((l) => l.toLowerCase());
    const fam = family.get(id);
    for (const c of parsed.comparisons)
      sink.offer(
        {
          value: c.value,
          type: c.type,
          tags,
          firstSeen: toIsoTime(stringField(o, "valid_from")),
          lastSeen: toIsoTime(stringField(o, "modified")),
          expires: toIsoTime(stringField(o, "valid_until")),
          ...(typeof confidence === "number" && { confidence }),
          ...(killChain.length > 0 && { killChain }),
          ...(fam !== undefined && { family: fam }),
        },
        location,
      );
  }
}
