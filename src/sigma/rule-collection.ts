/**
 * Rule collections (multi-document YAML files with `action: global | reset | repeat`, Sigma 1.x):
 * `global` documents are merged into every following document (global values win on conflict,
 * maps merge recursively, as in sigmac), `reset` clears them, `repeat` derives a new rule from the
 * previous one with the document's keys on top. Plain multi-document files pass through unchanged.
 * Input: the YAML documents of one file. Output: standalone documents, and located rejections.
 */
import { getEntry, type YamlDocument, type YEntry, type YMap } from "./yaml-tree.js";

export const COLLECTION_ACTIONS = ["global", "reset", "repeat"] as const;
export type CollectionAction = (typeof COLLECTION_ACTIONS)[number];

export interface StandaloneDocument {
  /** 1-based line where the document starts */
  readonly line: number;
  readonly root: YMap;
}

export interface CollectionProblem {
  readonly line: number;
  readonly reason: string;
}

export interface CollectionResult {
  readonly documents: readonly StandaloneDocument[];
  readonly problems: readonly CollectionProblem[];
}

/** `dest` with `src` merged on top: maps merge recursively, anything else from `src` replaces. */
export function deepMerge(dest: YMap, src: YMap): YMap {
  const entries: YEntry[] = [...dest.entries];
  for (const e of src.entries) {
    const i = entries.findIndex((d) => d.key === e.key);
    if (i === -1) entries.push(e);
    else {
      const d = entries[i];
      entries[i] =
        d.value.kind === "map" && e.value.kind === "map" ? { ...e, value: deepMerge(d.value, e.value) } : e;
    }
  }
  return { kind: "map", entries, line: dest.line };
}

function without(map: YMap, key: string): YMap {
  return { ...map, entries: map.entries.filter((e) => e.key !== key) };
}

/** Resolves collection actions. Documents with YAML errors become problems. */
export function resolveCollection(docs: readonly YamlDocument[]): CollectionResult {
  const documents: StandaloneDocument[] = [];
  const problems: CollectionProblem[] = [];
  let global: YMap | undefined;
  let previous: YMap | undefined;
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      problems.push({ line: doc.line, reason: doc.errors.join("; ") });
      continue;
    }
    const root = doc.root;
    if (root === undefined) continue; // an empty document (e.g. a trailing `---`)
    if (root.kind !== "map") {
      problems.push({
        line: doc.line,
        reason: `document is ${root.kind === "seq" ? "a list" : "a scalar"}, not a map`,
      });
      continue;
    }
    const actionEntry = getEntry(root, "action");
    const action = actionEntry?.value.kind === "scalar" ? actionEntry.value.value : undefined;
    if (actionEntry !== undefined && !(COLLECTION_ACTIONS as readonly unknown[]).includes(action)) {
      problems.push({
        line: actionEntry.keyLine,
        reason: `line ${actionEntry.keyLine}: unknown action '${String(action)}' (expected ${COLLECTION_ACTIONS.join(", ")})`,
      });
      continue;
    }
    const body = without(root, "action");
    switch (action as CollectionAction | undefined) {
      case "global":
        global = global ? deepMerge(global, body) : body;
        break;
      case "reset":
        global = undefined;
        break;
      case "repeat":
        if (previous === undefined) {
          problems.push({ line: doc.line, reason: "action 'repeat' before any rule in the file" });
          break;
        }
        previous = deepMerge(previous, body);
        documents.push({ line: doc.line, root: { ...previous, line: doc.line } });
        break;
      default: {
        const merged = global ? deepMerge(body, global) : body;
        previous = merged;
        documents.push({ line: doc.line, root: merged });
      }
    }
  }
  return { documents, problems };
}
