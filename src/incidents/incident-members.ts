/**
 * The processes of each incident, grouped around their root cause: every flagged process group joins
 * the draft of its root cause (the earliest suspicious ancestor on the dropper / parent walk, or the
 * process itself). The draft then holds the root cause (role root-cause), the processes on the chain
 * from it to each flagged process (member), the processes whose image a process of the incident wrote
 * (payload), and the launcher above the root cause (context only). Input: the groups, the process graph.
 * Output: one Draft per root cause, with the finding ids of its actors (the launcher's are not its).
 */
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { ProcessRole } from "./incident.js";
import { type Draft, newDraft, strongerRole } from "./incident-draft.js";
import { INCIDENT_LIMITS, type IncidentGroup } from "./incident-input.js";

/** Walks: at most this many payload rounds (a dropper writing a dropper writing …). */
const MAX_PAYLOAD_ROUNDS = 8;

class MemberBuilder {
  readonly drafts = new Map<string, Draft>();
  /** process key → the draft that holds it as an actor (a launcher may sit in several) */
  private readonly owner = new Map<string, Draft>();
  private readonly groupOf = new Map<string, IncidentGroup>();

  constructor(
    private readonly graph: ProcessAnalyzer,
    groups: readonly IncidentGroup[],
  ) {
    for (const g of groups) if (g.kind === "process") this.groupOf.set(this.canonical(g.key), g);
  }

  canonical(key: string): string {
    return this.graph.processByKey(key)?.key ?? key;
  }

  draftFor(rootKey: string, fallbackHost: string): Draft {
    let d = this.drafts.get(rootKey);
    if (!d) {
      d = newDraft(this.graph.processByKey(rootKey)?.host ?? fallbackHost, rootKey);
      this.drafts.set(rootKey, d);
    }
    return d;
  }

  /** Adds `key` to `d` with `role` (or raises its role); false when it belongs to another draft or the cap is hit. */
  add(d: Draft, key: string, role: ProcessRole, fallbackHost = d.host): boolean {
    const k = this.canonical(key);
    const known = d.processes.get(k);
    if (known) {
      if (strongerRole(role, known.role)) {
        if (known.role === "launcher") {
          if (this.owner.has(k) && this.owner.get(k) !== d) return false;
          this.owner.set(k, d);
        }
        known.role = role;
      }
      return true;
    }
    if (role !== "launcher") {
      const other = this.owner.get(k);
      if (other && other !== d) return false;
    }
    if (d.processes.size >= INCIDENT_LIMITS.processes) {
      d.omittedProcesses++;
      return false;
    }
    const info = this.graph.processByKey(k);
    const group = this.groupOf.get(k);
    d.processes.set(k, { key: k, host: info?.host ?? group?.host ?? fallbackHost, role, info, group });
    if (role !== "launcher") this.owner.set(k, d);
    return true;
  }

  /** A flagged group joins its root cause's draft, with the chain between them. */
  seed(g: IncidentGroup): void {
    const key = this.canonical(g.key);
    const rootKey = this.canonical(g.rootCauseKey ?? g.key);
    const d = this.draftFor(rootKey, g.host);
    d.groupKeys.add(g.key);
    this.add(d, rootKey, "root-cause", g.host);
    if (key !== rootKey) {
      const rc = this.graph.rootCause(key);
      if (rc && rc.root.key === rootKey)
        for (const link of rc.chain)
          if (link.process.key !== rc.entry?.key && link.process.key !== rootKey)
            this.add(d, link.process.key, "member", g.host);
      this.add(d, key, "member", g.host);
    }
  }

  /** Payloads (images written by a process of the draft), the launcher, and the finding ids. */
  complete(d: Draft): void {
    if (d.rootKey !== undefined) {
      const entry = this.graph.rootCause(d.rootKey)?.entry;
      if (entry) this.add(d, entry.key, "launcher");
    }
    let frontier = [...d.processes.values()].filter((p) => p.role !== "launcher").map((p) => p.key);
    for (let round = 0; round < MAX_PAYLOAD_ROUNDS && frontier.length > 0; round++) {
      const next: string[] = [];
      for (const key of frontier)
        for (const child of this.graph.dropped(key)) {
          const before = d.processes.get(child.key)?.role;
          if (this.add(d, child.key, "payload") && before === undefined) next.push(child.key);
        }
      frontier = next;
    }
    // a member whose image another actor wrote is a payload
    for (const p of d.processes.values()) {
      if (p.role !== "member") continue;
      const writer = this.graph.droppedBy(p.key)?.writer;
      const w = writer ? d.processes.get(writer.key) : undefined;
      if (w && w.role !== "launcher") p.role = "payload";
    }
    for (const p of d.processes.values())
      if (p.role !== "launcher") for (const id of p.group?.findings ?? []) d.findingIds.add(id);
  }
}

/**
 * One draft per root cause of the flagged process groups (see the module header), in the order the
 * groups come (most severe first).
 */
export function draftsFromGroups(groups: readonly IncidentGroup[], graph: ProcessAnalyzer): Draft[] {
  const b = new MemberBuilder(graph, groups);
  for (const g of groups) if (g.kind === "process" && g.suspicious) b.seed(g);
  const drafts = [...b.drafts.values()];
  for (const d of drafts) b.complete(d);
  return drafts;
}
