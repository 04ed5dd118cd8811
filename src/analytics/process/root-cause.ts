/**
 * The root cause of a process: walk up its dropper edges ("who wrote my image") and parent edges
 * ("who started me"), preferring the dropper, until a system or shell launcher (explorer.exe,
 * services.exe, svchost.exe …) or a trusted entry application (an Office app, browser or mail client in
 * its install folder) is reached. The root cause is the earliest suspicious process on that walk; the
 * chain runs from the launcher above it (the entry) down to the process asked about.
 * Input: the graph, a process key, a "suspicious" predicate. Output: RootCause.
 */
import { imageName, isBrowser, isDocumentApp, isMailClient, isSystemLauncher } from "./image-families.js";
import type { ProcessGraph } from "./process-graph.js";
import type { ProcessInfo } from "./process-node.js";
import { isInInstallFolder, normalizePath } from "./windows-path.js";

export const CHAIN_EDGES = ["origin", "parent", "dropper", "parent+dropper"] as const;
/** How a chain link relates to the link before it: started by it, its image written by it, or both. */
export type ChainEdge = (typeof CHAIN_EDGES)[number];

export interface ChainLink {
  readonly process: ProcessInfo;
  readonly via: ChainEdge;
}

export interface RootCause {
  /** The earliest suspicious process of the chain (the process itself when nothing above is suspicious) */
  readonly root: ProcessInfo;
  /** The process directly above the root cause on the walk (typically the launcher), when known */
  readonly entry: ProcessInfo | undefined;
  /** entry (if any) → root → … → the process asked about */
  readonly chain: readonly ChainLink[];
}

/** True for a process that starts others as part of normal operation and is not itself suspicious. */
export function isBoundary(p: ProcessInfo, isSuspicious: (p: ProcessInfo) => boolean): boolean {
  if (isSuspicious(p)) return false;
  if (isSystemLauncher(p.image)) return true;
  const name = imageName(p.image);
  const entryApp = isDocumentApp(name) || isBrowser(name) || isMailClient(name);
  return entryApp && p.image !== undefined && isInInstallFolder(normalizePath(p.image));
}

/** Walks up from `key` (see the module comment); undefined when the graph does not know `key`. */
export function findRootCause(
  graph: ProcessGraph,
  key: string,
  isSuspicious: (p: ProcessInfo) => boolean,
  maxDepth: number,
): RootCause | undefined {
  const start = graph.processByKey(key);
  if (!start) return undefined;
  const path: ProcessInfo[] = [start]; // upwards: start, its parent or dropper, …
  const seen = new Set<string>([start.key]);
  let entry: ProcessInfo | undefined;
  let cur = start;
  for (let depth = 0; depth < maxDepth; depth++) {
    const writer = graph.droppedBy(cur.key)?.writer;
    const parent = graph.parentOf(cur.key);
    const candidates = [writer, parent].filter((c): c is ProcessInfo => c !== undefined && !seen.has(c.key));
    if (candidates.length === 0) break;
    const next = candidates.find((c) => !isBoundary(c, isSuspicious));
    if (!next) {
      entry = candidates[0];
      break;
    }
    path.push(next);
    seen.add(next.key);
    cur = next;
  }
  let rootIndex = 0;
  for (let i = path.length - 1; i >= 0; i--)
    if (isSuspicious(path[i])) {
      rootIndex = i;
      break;
    }
  const root = path[rootIndex];
  const above = rootIndex + 1 < path.length ? path[rootIndex + 1] : entry;
  const chain: ChainLink[] = above ? [{ process: above, via: "origin" }] : [];
  for (let i = rootIndex; i >= 0; i--) {
    const prev = chain[chain.length - 1]?.process;
    chain.push({ process: path[i], via: linkVia(graph, path[i], prev) });
  }
  return { root, entry: above, chain };
}

/** How `p` is linked to `above`: started by it, dropped by it, or both. */
function linkVia(graph: ProcessGraph, p: ProcessInfo, above: ProcessInfo | undefined): ChainEdge {
  if (!above) return "origin";
  const parent = graph.parentOf(p.key)?.key === above.key;
  const dropper = graph.droppedBy(p.key)?.writer?.key === above.key;
  if (parent && dropper) return "parent+dropper";
  if (dropper) return "dropper";
  return "parent";
}
