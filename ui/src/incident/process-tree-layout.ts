/**
 * Lays out an incident's process tree with dagre: nodes are processes, solid edges parent → child,
 * dashed edges dropper → payload (the process that wrote the child's image), left to right. Marks the
 * root cause and the malicious branch (the root cause and everything it started or wrote, transitively).
 * Input: the incident's processes. Output: positioned nodes and edges for the SVG (process-tree-graph).
 */
import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from "@dagrejs/dagre";
import type { Incident, IncidentProcess } from "../../../src/incidents/incident.js";

/** At most this many processes are drawn (the rest are listed in the tables). */
export const MAX_TREE_NODES = 250;

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 58;

export interface TreeNode {
  readonly key: string;
  readonly process: IncidentProcess;
  /** Centre */
  readonly x: number;
  readonly y: number;
  readonly rootCause: boolean;
  readonly inBranch: boolean;
}

export const TREE_EDGE_KINDS = ["parent", "dropper"] as const;
export type TreeEdgeKind = (typeof TREE_EDGE_KINDS)[number];

export interface TreeEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: TreeEdgeKind;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Where the edge's label goes (dropper edges) */
  readonly label: { readonly x: number; readonly y: number } | undefined;
  readonly inBranch: boolean;
}

export interface TreeLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly TreeNode[];
  readonly edges: readonly TreeEdge[];
  /** Processes left out (beyond MAX_TREE_NODES) */
  readonly omitted: number;
}

/** The keys of the root cause and of every process reached from it by parent or dropper edges. */
export function maliciousBranch(incident: Pick<Incident, "rootCause" | "processes">): ReadonlySet<string> {
  const out = new Set<string>();
  if (incident.rootCause === undefined) return out;
  const children = new Map<string, string[]>();
  const link = (from: string | undefined, to: string) => {
    if (from === undefined || from === to) return;
    const list = children.get(from);
    if (list) list.push(to);
    else children.set(from, [to]);
  };
  for (const p of incident.processes) {
    link(p.parentKey, p.key);
    link(p.droppedByKey, p.key);
  }
  const queue = [incident.rootCause];
  // bounded: each key enters the set once
  while (queue.length > 0) {
    const k = queue.pop()!;
    if (out.has(k)) continue;
    out.add(k);
    for (const c of children.get(k) ?? []) if (!out.has(c)) queue.push(c);
  }
  return out;
}

/**
 * The layout of the tree. `highlightBranch` is false for benign incidents (an over-detection has a root
 * cause but no malicious branch to paint).
 */
export function layoutProcessTree(
  incident: Pick<Incident, "rootCause" | "processes">,
  highlightBranch: boolean,
): TreeLayout {
  const shown = incident.processes.slice(0, MAX_TREE_NODES);
  const keys = new Set(shown.map((p) => p.key));
  const branch = highlightBranch ? maliciousBranch(incident) : new Set<string>();
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 26, ranksep: 70, edgesep: 14, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const p of shown) g.setNode(p.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const p of shown) {
    if (p.parentKey !== undefined && keys.has(p.parentKey) && p.parentKey !== p.key)
      g.setEdge(p.parentKey, p.key, { minlen: 1 }, "parent");
    if (p.droppedByKey !== undefined && keys.has(p.droppedByKey) && p.droppedByKey !== p.key)
      g.setEdge(p.droppedByKey, p.key, { minlen: 1, width: 60, height: 16, labelpos: "c" }, "dropper");
  }
  dagre.layout(g);
  const nodes: TreeNode[] = shown.map((p) => {
    const n = g.node(p.key);
    return {
      key: p.key,
      process: p,
      x: n?.x ?? 0,
      y: n?.y ?? 0,
      rootCause: p.key === incident.rootCause,
      inBranch: branch.has(p.key),
    };
  });
  const edges: TreeEdge[] = g.edges().map((e) => {
    const label = g.edge(e);
    const kind: TreeEdgeKind = e.name === "dropper" ? "dropper" : "parent";
    return {
      from: e.v,
      to: e.w,
      kind,
      points: (label?.points ?? []).map((pt) => ({ x: pt.x, y: pt.y })),
      label:
        kind === "dropper" && label?.x !== undefined && label.y !== undefined
          ? { x: label.x, y: label.y }
          : undefined,
      inBranch: branch.has(e.v) && branch.has(e.w),
    };
  });
  const graph = g.graph();
  return {
    width: Math.max(NODE_WIDTH + 24, graph.width ?? 0),
    height: Math.max(NODE_HEIGHT + 24, graph.height ?? 0),
    nodes,
    edges,
    omitted: incident.processes.length - shown.length,
  };
}
