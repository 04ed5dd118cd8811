/**
 * The links of the process graph, built on demand from each process's own references: parent →
 * children (a GUID parent directly, a Security parent PID resolved to the latest process with that
 * PID started on the host before the child), and dropper → dropped processes.
 * Input: the processes and two resolvers. Output: the three indexes, plus the processes whose parent
 * PID matched no process (their parent existed before the data).
 */
import type { ProcessInfo } from "./process-node.js";

export interface ProcessLinks {
  /** Child key → parent key */
  readonly parent: Map<string, string>;
  /** Parent key → child keys */
  readonly children: Map<string, string[]>;
  /** Writer key → keys of the processes whose image it wrote */
  readonly dropped: Map<string, string[]>;
}

/**
 * Builds the links. `resolveParent` gives a process's parent key (or undefined); `canonical` maps a
 * key or alias to the tracked key (or undefined when the process is not tracked).
 */
export function buildLinks(
  processes: Iterable<ProcessInfo>,
  resolveParent: (p: ProcessInfo) => string | undefined,
  canonical: (key: string) => string | undefined,
): { readonly links: ProcessLinks; readonly unresolved: ProcessInfo[] } {
  const links: ProcessLinks = { parent: new Map(), children: new Map(), dropped: new Map() };
  const unresolved: ProcessInfo[] = [];
  for (const p of processes) {
    const parent = resolveParent(p);
    if (parent !== undefined) addLink(links, p.key, parent);
    else if (p.parent?.kind === "pid") unresolved.push(p);
    if (p.dropper) {
      const writer = canonical(p.dropper.writerKey);
      if (writer !== undefined) push(links.dropped, writer, p.key);
    }
  }
  return { links, unresolved };
}

/** Records `child`'s parent. */
export function addLink(links: ProcessLinks, child: string, parent: string): void {
  links.parent.set(child, parent);
  push(links.children, parent, child);
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
