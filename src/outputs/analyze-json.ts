/**
 * The `--json` output of `mikiwame analyze`: everything the run produced as one JSON object — the read
 * summary, the rule load counts, each analyzer's counters, what was skipped, timings, the incidents
 * (src/incidents/incident.ts: plain data), the per-process groups and every finding with all its details. Input: an AnalyzeResult. Output: a plain value tree
 * (64-bit record ids and detail values that are bigint become exact decimal strings) and its text.
 */
import type { FieldValue } from "../events/field-value.js";
import type { Provenance } from "../events/provenance.js";
import type { Finding } from "../findings/finding.js";
import type { AnalyzeResult } from "../pipeline/analyze-logs.js";
import { safeJsonStringify } from "./json-text.js";

/** JSON has no bigint: exact decimal text instead. */
type Jsonable<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Jsonable<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonable<T[K]> }
      : T;

function plainValue(v: FieldValue): Jsonable<FieldValue> {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(plainValue);
  return v as Jsonable<FieldValue>;
}

function plainProvenance(p: Provenance): Jsonable<Provenance> {
  return typeof p.recordId === "bigint"
    ? { ...p, recordId: p.recordId.toString() }
    : (p as Jsonable<Provenance>);
}

/** A finding with JSON-safe values. */
export function plainFinding(f: Finding): Jsonable<Finding> {
  const details: Record<string, Jsonable<FieldValue>> = {};
  for (const [k, v] of Object.entries(f.details)) details[k] = plainValue(v);
  return { ...f, evidence: f.evidence.map(plainProvenance), details } as Jsonable<Finding>;
}

/** The whole result as a JSON-safe object (incidents, then groups, then findings: the story first, the detail after). */
export function analyzeJsonValue(result: AnalyzeResult) {
  return {
    summary: result.summary,
    rules: result.rules ?? null,
    analyzers: result.analyzers,
    skipped: result.skipped,
    timings: result.timings,
    incidents: result.incidents,
    processes: result.groups,
    findings: result.findings.map(plainFinding),
  };
}

/** The `--json` text, indented, ending in a line break. */
export function renderAnalyzeJson(result: AnalyzeResult): string {
  return `${safeJsonStringify(analyzeJsonValue(result), 2)}\n`;
}
