/**
 * Host-level findings (no process could be named for them) join the incident of their host that they
 * are about: one naming an image of the incident (`details.image(s)`), one about an address the
 * incident's processes contacted, or one whose evidence is a persistence event that starts a file of the
 * incident. The rest of a flagged host group becomes an incident of its own (no root cause).
 * Input: the drafts, the host groups, the findings, the host address index, persistence events.
 * Output: the drafts' finding ids extended; the new host-level drafts.
 */
import type { PersistenceEvent } from "../analytics/persistence/persistence-events.js";
import { hostKey } from "../analytics/process/host-key.js";
import type { Finding } from "../findings/finding.js";
import {
  contactedAddresses,
  distinctiveNames,
  findingAddresses,
  findingImageNames,
  mentionsName,
} from "./draft-links.js";
import { type Draft, newDraft } from "./incident-draft.js";
import type { IncidentGroup } from "./incident-input.js";
import { type FindingIndex, isCounterEvidence } from "./finding-index.js";
import { provenanceKey } from "./plain-provenance.js";

/** What ties findings to one draft. */
interface Links {
  readonly draft: Draft;
  readonly names: ReadonlySet<string>;
  readonly addresses: ReadonlySet<string>;
  /** Provenance keys of the persistence events that start a file of the draft */
  readonly persistence: ReadonlySet<string>;
}

export interface HostFindingContext {
  readonly index: FindingIndex;
  /** host key → the host's own addresses */
  readonly hostAddresses: ReadonlyMap<string, ReadonlySet<string>>;
  readonly hostOf?: (address: string) => string | undefined;
  readonly persistence?: readonly PersistenceEvent[];
}

function linksOf(d: Draft, ctx: HostFindingContext): Links {
  const names = distinctiveNames(d);
  const id = hostKey(d.host);
  const persistence = new Set<string>();
  for (const e of ctx.persistence ?? [])
    if (hostKey(e.host) === id && mentionsName(e.value, names)) persistence.add(provenanceKey(e.evidence));
  return { draft: d, names, addresses: contactedAddresses(d, ctx.index), persistence };
}

function ties(f: Finding, l: Links): boolean {
  for (const n of findingImageNames(f)) if (l.names.has(n)) return true;
  for (const a of findingAddresses(f)) if (l.addresses.has(a)) return true;
  for (const e of f.evidence) if (l.persistence.has(provenanceKey(e))) return true;
  return false;
}

/** The drafts a host group's findings may join: same host, or a host that owns the group's address. */
function candidates(
  g: IncidentGroup,
  byHost: ReadonlyMap<string, Links[]>,
  ctx: HostFindingContext,
): readonly Links[] {
  const id = hostKey(g.host);
  const direct = byHost.get(id) ?? byHost.get(hostKey(ctx.hostOf?.(g.host) ?? ""));
  if (direct) return direct;
  for (const [host, links] of byHost) if (ctx.hostAddresses.get(host)?.has(g.host)) return links;
  return [];
}

/**
 * Attaches each finding of the host groups to a draft of its host (see the module header); returns
 * the drafts made of what is left of flagged host groups.
 */
export function attachHostFindings(
  drafts: readonly Draft[],
  groups: readonly IncidentGroup[],
  ctx: HostFindingContext,
): Draft[] {
  const byHost = new Map<string, Links[]>();
  for (const d of drafts) {
    const l = linksOf(d, ctx);
    const id = hostKey(d.host);
    const list = byHost.get(id);
    if (list) list.push(l);
    else byHost.set(id, [l]);
  }
  const created: Draft[] = [];
  for (const g of groups) {
    if (g.kind !== "host") continue;
    const options = candidates(g, byHost, ctx);
    const rest: Finding[] = [];
    for (const id of g.findings) {
      const f = ctx.index.get(id);
      if (!f) continue;
      const target = options.find((l) => ties(f, l));
      if (target) target.draft.findingIds.add(id);
      else rest.push(f);
    }
    const stillFlagged = rest.some((f) => f.severity === g.severity && !isCounterEvidence(f));
    if (!g.suspicious || !stillFlagged) continue;
    const d = newDraft(g.host, undefined, g);
    d.groupKeys.add(g.key);
    for (const f of rest) d.findingIds.add(f.id);
    created.push(d);
  }
  return created;
}
