/**
 * The hosts of an incident: each with its own addresses (learnt from its processes' connections: the
 * local end), how it joined (the root cause's host, or the shared indicator that merged it), whether a
 * process of the incident still runs there or a C&C it contacts is still live, how many processes of
 * the incident ran there, and its first and last activity in the incident.
 * Input: the graph, the incident's processes, findings, destinations, the merge's `via`.
 * Output: the host → addresses index; IncidentHost[].
 */
import { hostKey } from "../analytics/process/host-key.js";
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { Finding } from "../findings/finding.js";
import type { IncidentDestination, IncidentHost, SharedIndicatorKind } from "./incident.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import type { DraftProcess } from "./incident-draft.js";
import { earliest, latest } from "./incident-time.js";

function isLocalOnly(ip: string): boolean {
  return ip === "" || ip.startsWith("127.") || ip === "::1" || ip === "0.0.0.0" || ip === "::";
}

/** host key → the host's own addresses (the local end of its processes' connections), bounded per host. */
export function hostAddressIndex(graph: ProcessAnalyzer): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of graph.processes())
    for (const n of p.network.items) {
      const local = (n.initiated === false ? n.destinationIp : n.sourceIp)?.trim().toLowerCase() ?? "";
      if (isLocalOnly(local)) continue;
      let set = out.get(p.hostId);
      if (!set) {
        set = new Set();
        out.set(p.hostId, set);
      }
      if (set.size < INCIDENT_LIMITS.addressesPerHost) set.add(local);
    }
  return out;
}

export interface HostContext {
  readonly addresses: ReadonlyMap<string, ReadonlySet<string>>;
  readonly via: ReadonlyMap<string, "root-cause" | SharedIndicatorKind>;
  readonly hostOfFinding: (f: Finding) => string;
  /** Process key → running at the end of its host's data */
  readonly running: (key: string) => boolean;
}

/** The hosts of an incident, the root cause's first (see the module header). */
export function buildHosts(
  hostNames: readonly string[],
  processes: readonly DraftProcess[],
  findings: readonly Finding[],
  destinations: readonly IncidentDestination[],
  ctx: HostContext,
): IncidentHost[] {
  const order = new Map<string, string>();
  for (const h of hostNames) if (!order.has(hostKey(h))) order.set(hostKey(h), h);
  for (const p of processes) if (!order.has(hostKey(p.host))) order.set(hostKey(p.host), p.host);
  const out: IncidentHost[] = [];
  for (const [id, host] of order) {
    const mine = processes.filter((p) => hostKey(p.host) === id);
    const actors = mine.filter((p) => p.role !== "launcher");
    const own = findings.filter((f) => hostKey(ctx.hostOfFinding(f)) === id);
    const liveC2 = destinations.some((d) => d.active && d.hosts.some((h) => hostKey(h) === id));
    out.push({
      host,
      addresses: [...(ctx.addresses.get(id) ?? (/^[0-9a-f:.]+$/i.test(host) ? [host] : []))].sort(),
      via: ctx.via.get(id) ?? "root-cause",
      active: liveC2 || actors.some((p) => ctx.running(p.key)),
      processes: mine.length,
      first: earliest(...actors.map((p) => p.info?.start ?? p.info?.firstSeen), ...own.map((f) => f.first)),
      last: latest(...actors.map((p) => p.info?.end ?? p.info?.lastSeen), ...own.map((f) => f.last)),
    });
  }
  return out;
}
