/**
 * The descriptive part of a correlation rule: title, id, name, status, level, dates, tags, … and the
 * custom keys. Input: a YAML document as plain values. Output: typed metadata, or the reason a key has
 * the wrong type. Shared by correlation documents and legacy aggregation rules.
 */
import { SIGMA_LEVELS, SIGMA_STATUSES, type SigmaLevel, type SigmaStatus } from "../rule-model.js";
import { describeValue } from "./describe-value.js";

export interface CorrelationMeta {
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly title: string;
  readonly status: SigmaStatus | undefined;
  readonly level: SigmaLevel | undefined;
  readonly description: string | undefined;
  readonly author: string | undefined;
  readonly date: string | undefined;
  readonly modified: string | undefined;
  readonly taxonomy: string | undefined;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  /** Every other top-level key (except those the caller models itself), kept as parsed */
  readonly custom: Readonly<Record<string, unknown>>;
}

/** The top-level keys modelled by `CorrelationMeta`. */
export const META_KEYS = [
  "title",
  "id",
  "name",
  "status",
  "level",
  "description",
  "author",
  "date",
  "modified",
  "taxonomy",
  "tags",
  "references",
  "falsepositives",
] as const;

const MAX_TITLE = 256;

/** A failed parse step inside this module family: the reason, carried up to the rejection. */
export class InvalidCorrelation {
  constructor(readonly reason: string) {}
}

/** Whether a parsed YAML value is a mapping (a plain object). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Map)
  );
}

/**
 * Parses the metadata of `doc`; `modelled` names further top-level keys the caller handles (they are
 * left out of `custom`). Throws `InvalidCorrelation` with the reason when a key has the wrong type.
 */
export function parseCorrelationMeta(
  doc: Record<string, unknown>,
  modelled: readonly string[],
): CorrelationMeta {
  const title = doc.title;
  if (typeof title !== "string" || title.trim() === "") {
    throw new InvalidCorrelation("`title` is required (a non-empty string)");
  }
  if (title.length > MAX_TITLE)
    throw new InvalidCorrelation(`\`title\` is longer than ${MAX_TITLE} characters`);
  const custom: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (!(META_KEYS as readonly string[]).includes(k) && !modelled.includes(k)) {
      Object.defineProperty(custom, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  return {
    id: optionalString(doc.id, "id"),
    name: optionalString(doc.name, "name"),
    title,
    status: optionalEnum(doc.status, "status", SIGMA_STATUSES),
    level: optionalEnum(doc.level, "level", SIGMA_LEVELS),
    description: optionalString(doc.description, "description"),
    author: optionalString(doc.author, "author"),
    date: optionalDate(doc.date, "date"),
    modified: optionalDate(doc.modified, "modified"),
    taxonomy: optionalString(doc.taxonomy, "taxonomy"),
    tags: stringList(doc.tags, "tags", false),
    references: stringList(doc.references, "references", false),
    falsepositives: stringList(doc.falsepositives, "falsepositives", false),
    custom,
  };
}

function optionalString(v: unknown, key: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  throw new InvalidCorrelation(`\`${key}\` must be a string, got ${describeValue(v)}`);
}

function optionalDate(v: unknown, key: string): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return optionalString(v, key);
}

function optionalEnum<T extends string>(v: unknown, key: string, allowed: readonly T[]): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new InvalidCorrelation(`\`${key}\` ${describeValue(v)} is not one of ${allowed.join(", ")}`);
}

/**
 * A string or a list of non-empty strings (a single string is a one-item list); `unique` rejects a
 * repeated item. Throws `InvalidCorrelation` naming `key`.
 */
export function stringList(v: unknown, key: string, unique: boolean): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== "string" || item.trim() === "") {
      throw new InvalidCorrelation(
        `\`${key}\` must be a string or a list of non-empty strings, got ${describeValue(item)}`,
      );
    }
    if (unique && out.includes(item)) throw new InvalidCorrelation(`\`${key}\` lists "${item}" twice`);
    out.push(item);
  }
  return out;
}
