/**
 * Merging incidents across hosts ("is the same thing happening on other hosts?"): drafts that share a
 * strong indicator become one incident — the same SHA256 of a root-cause or payload image (the same
 * dropper: same name and hash), or the same external C&C destination (a beacon or a listed address).
 * Never on a private address, never on a launcher, never on the hash of a Windows binary, shell or
 * validly signed trusted image (a LOLBin or Outlook on two hosts is not the same attack), and a
 * destination never joins a benign incident with a suspicious or malicious one (a cloud service polled
 * by Outlook is not the C&C of the malware that also talks to it).
 * Input: the drafts (strongest first) with their verdict class and C&C destinations.
 * Output: the merged groups, with the shared indicators and how each host joined.
 */
import { imageName } from "../analytics/process/image-families.js";
import { hostKey } from "../analytics/process/host-key.js";
import type { ProcessInfo } from "../analytics/process/process-node.js";
import type { SharedIndicator, SharedIndicatorKind } from "./incident.js";
import { isCommonImageName } from "./draft-links.js";
import type { Draft } from "./incident-draft.js";

/** What the merge knows of a draft. */
export interface MergeCandidate {
  readonly draft: Draft;
  /** Its verdict is benign (destinations do not join benign and non-benign drafts) */
  readonly benign: boolean;
  /** External C&C destinations (addresses or domains), canonical lower case */
  readonly c2: readonly string[];
}

export interface MergedGroup {
  /** The drafts of one incident, the strongest (the primary, whose root cause names the incident) first */
  readonly drafts: readonly Draft[];
  readonly shared: readonly SharedIndicator[];
  /** host key → how the host joined (the primary's host: root-cause) */
  readonly via: ReadonlyMap<string, "root-cause" | SharedIndicatorKind>;
}

interface Held {
  readonly kind: "sha256" | "destination";
  readonly value: string;
  /** The lower-case image name when the draft holds the hash as its root cause that dropped a payload */
  readonly dropper: string | undefined;
}

/** The hash indicators of a draft (see the module header for what is left out). */
function hashIndicators(d: Draft, trusted: (p: ProcessInfo) => boolean): Held[] {
  const out = new Map<string, Held>();
  const dropped = [...d.processes.values()].some((p) => p.role === "payload");
  for (const p of d.processes.values()) {
    if (p.role !== "root-cause" && p.role !== "payload") continue;
    const sha = p.info?.hashes.sha256?.toLowerCase();
    const name = imageName(p.info?.image);
    if (!sha || !p.info || isCommonImageName(name) || trusted(p.info)) continue;
    const dropper = p.role === "root-cause" && dropped ? name : undefined;
    const before = out.get(sha);
    if (!before || (dropper && !before.dropper)) out.set(sha, { kind: "sha256", value: sha, dropper });
  }
  return [...out.values()];
}

class UnionFind {
  private readonly parent: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Joins the sets; the smaller index (the stronger draft) stays the root. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

const VIA_ORDER: readonly SharedIndicatorKind[] = ["dropper", "sha256", "destination"];

/**
 * Merges the candidates (strongest first) that share an indicator (see the module header).
 * `trusted` says whether a process image is validly signed by a trusted vendor.
 */
export function mergeDrafts(
  candidates: readonly MergeCandidate[],
  trusted: (p: ProcessInfo) => boolean,
): MergedGroup[] {
  // indicator key → indices of the drafts holding it, with how they hold it
  const holders = new Map<string, { i: number; held: Held }[]>();
  candidates.forEach((c, i) => {
    const held: Held[] = [
      ...hashIndicators(c.draft, trusted),
      ...c.c2.map((value): Held => ({ kind: "destination", value, dropper: undefined })),
    ];
    for (const h of held) {
      const key = h.kind === "destination" ? `destination|${c.benign}|${h.value}` : `sha256|${h.value}`;
      const list = holders.get(key);
      if (list) list.push({ i, held: h });
      else holders.set(key, [{ i, held: h }]);
    }
  });
  const uf = new UnionFind(candidates.length);
  for (const list of holders.values()) for (const { i } of list.slice(1)) uf.union(list[0].i, i);
  const members = new Map<number, number[]>();
  candidates.forEach((_, i) => {
    const r = uf.find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  });
  const out: MergedGroup[] = [];
  for (const [root, idx] of [...members.entries()].sort((a, b) => a[0] - b[0])) {
    const drafts = idx.map((i) => candidates[i].draft);
    const shared: SharedIndicator[] = [];
    const heldBy = new Map<number, SharedIndicatorKind[]>();
    for (const list of holders.values()) {
      const mine = list.filter((h) => uf.find(h.i) === root);
      if (mine.length < 2) continue;
      const first = mine[0].held;
      const names = new Set(mine.map((h) => h.held.dropper));
      const kind: SharedIndicatorKind =
        first.kind === "destination"
          ? "destination"
          : names.size === 1 && first.dropper
            ? "dropper"
            : "sha256";
      const value = kind === "dropper" ? `${first.dropper}|${first.value}` : first.value;
      const hosts = new Map<string, string>();
      for (const h of mine) hosts.set(hostKey(candidates[h.i].draft.host), candidates[h.i].draft.host);
      shared.push({ kind, value, hosts: [...hosts.values()].sort() });
      for (const h of mine) heldBy.set(h.i, [...(heldBy.get(h.i) ?? []), kind]);
    }
    shared.sort(
      (a, b) => VIA_ORDER.indexOf(a.kind) - VIA_ORDER.indexOf(b.kind) || a.value.localeCompare(b.value),
    );
    const via = new Map<string, "root-cause" | SharedIndicatorKind>();
    via.set(hostKey(drafts[0].host), "root-cause");
    for (const i of idx.slice(1)) {
      const id = hostKey(candidates[i].draft.host);
      if (via.has(id)) continue;
      const kinds = heldBy.get(i) ?? [];
      via.set(id, VIA_ORDER.find((k) => kinds.includes(k)) ?? "destination");
    }
    out.push({ drafts, shared, via });
  }
  return out;
}
