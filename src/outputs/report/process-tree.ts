/**
 * The process tree of an incident, flattened for rendering. Input: the incident's processes (each with
 * its parent key and the key of the process that wrote its image). Output: rows in depth-first order
 * with their depth, whether the tree parent also wrote the child's executable (a dropper edge), which
 * other process wrote it when that is not the parent, and the root-cause / malicious-branch marks.
 * Cycles and over-deep chains in the input cannot loop or recurse: the walk is iterative, visits each
 * process once and clamps the shown depth.
 */
import type { Incident, IncidentProcess } from "../../incidents/incident.js";

/** Deeper nesting is shown at this depth (a real chain is a handful of levels). */
export const MAX_TREE_DEPTH = 24;

/** One process of the tree, in depth-first order. */
export interface ProcessTreeRow {
  readonly process: IncidentProcess;
  /** 0 for a root; clamped to MAX_TREE_DEPTH */
  readonly depth: number;
  /** The tree parent wrote this process's executable and started it (dropper → payload) */
  readonly droppedByParent: boolean;
  /** Another process of the incident wrote this process's executable (not its parent) */
  readonly droppedBy: IncidentProcess | undefined;
  readonly rootCause: boolean;
  /** Malicious, or an ancestor (not a launcher) of a malicious process */
  readonly maliciousBranch: boolean;
}

function treeParentKey(p: IncidentProcess, byKey: ReadonlyMap<string, IncidentProcess>): string | undefined {
  if (p.parentKey !== undefined && p.parentKey !== p.key && byKey.has(p.parentKey)) return p.parentKey;
  if (p.droppedByKey !== undefined && p.droppedByKey !== p.key && byKey.has(p.droppedByKey))
    return p.droppedByKey;
  return undefined;
}

function startMs(p: IncidentProcess): number {
  return p.start?.ms ?? Number.POSITIVE_INFINITY;
}

function byHostThenStart(a: IncidentProcess, b: IncidentProcess): number {
  if (a.host !== b.host) return a.host < b.host ? -1 : 1;
  return startMs(a) === startMs(b) ? 0 : startMs(a) - startMs(b);
}

/** The root of the tree that holds `key` (the walk stops on a cycle). */
function topAncestor(
  key: string | undefined,
  parentOf: ReadonlyMap<string, string | undefined>,
): string | undefined {
  const seen = new Set<string>();
  let at = key;
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    const parent = parentOf.get(at);
    if (parent === undefined) return at;
    at = parent;
  }
  return undefined;
}

/** Keys of malicious processes and of their non-launcher ancestors. */
function maliciousBranch(
  processes: readonly IncidentProcess[],
  byKey: ReadonlyMap<string, IncidentProcess>,
  parentOf: ReadonlyMap<string, string | undefined>,
): Set<string> {
  const marked = new Set<string>();
  for (const p of processes) {
    if (p.verdict !== "malicious") continue;
    let key: string | undefined = p.key;
    // each step marks a new key, so the walk ends after at most processes.length steps
    while (key !== undefined && !marked.has(key)) {
      const at = byKey.get(key);
      if (!at || at.role === "launcher") break;
      marked.add(key);
      key = parentOf.get(key);
    }
  }
  return marked;
}

/** The incident's processes as tree rows (roots by host and start time, children by start time). */
export function processTreeRows(incident: Pick<Incident, "processes" | "rootCause">): ProcessTreeRow[] {
  const processes = incident.processes;
  const byKey = new Map<string, IncidentProcess>();
  for (const p of processes) if (!byKey.has(p.key)) byKey.set(p.key, p);
  const parentOf = new Map<string, string | undefined>();
  const children = new Map<string, IncidentProcess[]>();
  const roots: IncidentProcess[] = [];
  for (const p of byKey.values()) {
    const parent = treeParentKey(p, byKey);
    parentOf.set(p.key, parent);
    if (parent === undefined) roots.push(p);
    else {
      const list = children.get(parent) ?? [];
      list.push(p);
      children.set(parent, list);
    }
  }
  // the tree holding the root cause comes first, the others by host and start time
  const top = topAncestor(incident.rootCause, parentOf);
  roots.sort((a, b) => (a.key === top ? -1 : b.key === top ? 1 : byHostThenStart(a, b)));
  for (const list of children.values()) list.sort(byHostThenStart);
  const branch = maliciousBranch([...byKey.values()], byKey, parentOf);
  const rows: ProcessTreeRow[] = [];
  const visited = new Set<string>();
  const walk = (root: IncidentProcess): void => {
    const stack: { readonly p: IncidentProcess; readonly depth: number }[] = [{ p: root, depth: 0 }];
    while (stack.length > 0) {
      const { p, depth } = stack.pop()!;
      if (visited.has(p.key)) continue;
      visited.add(p.key);
      const parent = parentOf.get(p.key);
      const writer = p.droppedByKey !== undefined ? byKey.get(p.droppedByKey) : undefined;
      rows.push({
        process: p,
        depth: Math.min(depth, MAX_TREE_DEPTH),
        droppedByParent: parent !== undefined && p.droppedByKey === parent,
        droppedBy: writer && writer.key !== parent && writer.key !== p.key ? writer : undefined,
        rootCause: p.key === incident.rootCause || p.role === "root-cause",
        maliciousBranch: branch.has(p.key),
      });
      const kids = children.get(p.key) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ p: kids[i]!, depth: depth + 1 });
    }
  };
  for (const r of roots) walk(r);
  // processes only reachable through a cycle of parent keys: shown from the first of each cycle
  for (const p of byKey.values()) if (!visited.has(p.key)) walk(p);
  return rows;
}
