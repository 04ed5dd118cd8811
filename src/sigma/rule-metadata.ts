/**
 * Reads and checks a rule document's metadata against the Sigma JSON schema's rules that matter:
 * required keys (`title`, `logsource`, `detection`), types (strings, lists of strings, maps) and
 * enums (`status`, `level`, `related[].type`), and the title/description length limits. Every
 * problem of a document is collected, not just the first. Date formats and tag syntax are not
 * enforced (they do not change what a rule matches).
 * Input: a document's root map and its source. Output: a SigmaRule, or the list of problems.
 */
import {
  type RuleSource,
  SIGMA_LEVELS,
  SIGMA_STATUSES,
  type SigmaLevel,
  type SigmaRule,
  type SigmaStatus,
} from "./rule-model.js";
import { describeNode, getEntry, toPlain, type YMap, type YNode } from "./yaml-tree.js";

export const RELATED_TYPES = ["derived", "obsolete", "merged", "renamed", "similar"] as const;

/** Top-level keys with a place in SigmaRule; every other key goes to `custom`. */
const MODEL_KEYS = new Set([
  "title",
  "id",
  "name",
  "status",
  "level",
  "description",
  "author",
  "date",
  "modified",
  "tags",
  "references",
  "falsepositives",
  "fields",
  "logsource",
  "detection",
]);

const LOGSOURCE_KEYS = ["product", "service", "category", "definition"] as const;

export type MetadataResult =
  | { readonly ok: true; readonly rule: SigmaRule }
  | {
      readonly ok: false;
      readonly problems: readonly string[];
      readonly id?: string;
      readonly title?: string;
    };

/** Reads one scalar field as a string (numbers and dates are rendered); records a problem otherwise. */
function readString(root: YMap, key: string, problems: string[], maxLength?: number): string | undefined {
  const e = getEntry(root, key);
  if (!e || (e.value.kind === "scalar" && e.value.value === null)) return undefined;
  if (e.value.kind !== "scalar") {
    problems.push(`line ${e.keyLine}: '${key}' must be a string, got ${describeNode(e.value)}`);
    return undefined;
  }
  const s = String(e.value.value);
  if (maxLength !== undefined && s.length > maxLength) {
    problems.push(`line ${e.keyLine}: '${key}' is longer than ${maxLength} characters`);
  }
  return s;
}

function readStringList(root: YMap, key: string, problems: string[]): string[] {
  const e = getEntry(root, key);
  if (!e || (e.value.kind === "scalar" && e.value.value === null)) return [];
  if (e.value.kind !== "seq") {
    problems.push(`line ${e.keyLine}: '${key}' must be a list of strings, got ${describeNode(e.value)}`);
    return [];
  }
  const out: string[] = [];
  for (const item of e.value.items) {
    if (item.kind !== "scalar" || item.value === null) {
      problems.push(`line ${item.line}: '${key}' items must be strings, got ${describeNode(item)}`);
    } else out.push(String(item.value));
  }
  return out;
}

function readEnum<T extends string>(
  root: YMap,
  key: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  const s = readString(root, key, problems);
  if (s === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(s)) {
    const line = getEntry(root, key)?.keyLine;
    problems.push(`line ${line}: '${key}' is '${s}', expected one of ${allowed.join(", ")}`);
    return undefined;
  }
  return s as T;
}

/** Checks `related`: a list of {id, type} maps. */
function checkRelated(node: YNode | undefined, problems: string[]): void {
  if (!node || (node.kind === "scalar" && node.value === null)) return;
  if (node.kind !== "seq") {
    problems.push(`line ${node.line}: 'related' must be a list, got ${describeNode(node)}`);
    return;
  }
  for (const item of node.items) {
    if (item.kind !== "map") {
      problems.push(`line ${item.line}: 'related' items must be maps with id and type`);
      continue;
    }
    const id = getEntry(item, "id");
    const type = getEntry(item, "type");
    if (id?.value.kind !== "scalar") problems.push(`line ${item.line}: 'related' item without an id`);
    if (type?.value.kind !== "scalar" || !(RELATED_TYPES as readonly unknown[]).includes(type.value.value)) {
      problems.push(`line ${item.line}: 'related' item type must be one of ${RELATED_TYPES.join(", ")}`);
    }
  }
}

/** Reads the metadata of a detection rule document. */
export function readRuleMetadata(root: YMap, source: RuleSource): MetadataResult {
  const problems: string[] = [];
  const title = readString(root, "title", problems, 256);
  const id = readString(root, "id", problems);
  if (title === undefined && !problems.some((p) => p.includes("'title'")))
    problems.push("'title' is missing");
  const name = readString(root, "name", problems, 256);
  const status = readEnum<SigmaStatus>(root, "status", SIGMA_STATUSES, problems);
  const level = readEnum<SigmaLevel>(root, "level", SIGMA_LEVELS, problems);
  const description = readString(root, "description", problems, 65_535);
  const author = readString(root, "author", problems);
  const date = readString(root, "date", problems);
  const modified = readString(root, "modified", problems);
  readString(root, "license", problems);
  const taxonomy = readString(root, "taxonomy", problems, 256);
  if (taxonomy !== undefined && taxonomy !== "sigma") {
    problems.push(
      `line ${getEntry(root, "taxonomy")?.keyLine}: taxonomy '${taxonomy}' is not supported (only 'sigma': field names as the Sigma taxonomy defines them)`,
    );
  }
  const tags = readStringList(root, "tags", problems);
  const references = readStringList(root, "references", problems);
  const falsepositives = readStringList(root, "falsepositives", problems);
  const fields = readStringList(root, "fields", problems);
  readStringList(root, "scope", problems);
  checkRelated(getEntry(root, "related")?.value, problems);

  const logsource: Record<string, string> = {};
  const ls = getEntry(root, "logsource");
  if (!ls) problems.push("'logsource' is missing");
  else if (ls.value.kind !== "map")
    problems.push(`line ${ls.keyLine}: 'logsource' must be a map, got ${describeNode(ls.value)}`);
  else {
    for (const key of LOGSOURCE_KEYS) {
      const v = readString(ls.value, key, problems);
      if (v !== undefined) logsource[key] = v;
    }
  }
  const det = getEntry(root, "detection");
  if (!det) problems.push("'detection' is missing");
  else if (det.value.kind !== "map")
    problems.push(`line ${det.keyLine}: 'detection' must be a map, got ${describeNode(det.value)}`);

  if (problems.length > 0 || title === undefined) return { ok: false, problems, id, title };
  const custom: Record<string, unknown> = {};
  for (const e of root.entries) if (!MODEL_KEYS.has(e.key)) custom[e.key] = toPlain(e.value);
  const rule: SigmaRule = {
    kind: "rule",
    id,
    name,
    title,
    status,
    level,
    description,
    author,
    date,
    modified,
    tags,
    references,
    falsepositives,
    fields,
    logsource,
    source,
    custom,
  };
  return { ok: true, rule };
}
