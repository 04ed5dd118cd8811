/**
 * What the action builders ask of an incident, computed once: processes by key, the root cause and
 * its host, the external destinations to block, the hosts with a live C&C channel, and whether the
 * verdict calls for destructive steps. Input: an Incident. Output: IncidentFacts.
 */
import type {
  DestinationRole,
  Incident,
  IncidentDestination,
  IncidentProcess,
} from "../incidents/incident.js";

/** Destination roles a malicious incident blocks; a suspicious one blocks only `c2`. */
export const BLOCKED_ROLES_MALICIOUS = [
  "c2",
  "download",
  "exfiltration",
] as const satisfies readonly DestinationRole[];
/** Destination roles a suspicious incident blocks. */
export const BLOCKED_ROLES_SUSPICIOUS = ["c2"] as const satisfies readonly DestinationRole[];

/** The facts the action builders share. */
export interface IncidentFacts {
  readonly incident: Incident;
  /** Verdict malicious: containment and eradication without waiting for confirmation */
  readonly malicious: boolean;
  readonly processByKey: ReadonlyMap<string, IncidentProcess>;
  readonly rootCause: IncidentProcess | undefined;
  /** The root cause's host, else the host the incident joined through its root cause, else the first host */
  readonly rootHost: string | undefined;
  /** External destinations this verdict blocks */
  readonly blocked: readonly IncidentDestination[];
  /** External C&C destinations */
  readonly c2: readonly IncidentDestination[];
  /** Hosts that still call an external C&C at the end of the data */
  readonly liveC2Hosts: ReadonlySet<string>;
}

/** Computes the shared facts of one incident. */
export function incidentFacts(incident: Incident): IncidentFacts {
  const malicious = incident.verdict.verdict === "malicious";
  const processByKey = new Map<string, IncidentProcess>();
  for (const p of incident.processes) processByKey.set(p.key, p);
  const rootCause = incident.rootCause !== undefined ? processByKey.get(incident.rootCause) : undefined;
  const rootHost =
    rootCause?.host ?? incident.hosts.find((h) => h.via === "root-cause")?.host ?? incident.hosts[0]?.host;
  const roles: readonly DestinationRole[] = malicious ? BLOCKED_ROLES_MALICIOUS : BLOCKED_ROLES_SUSPICIOUS;
  const blocked = incident.destinations.filter((d) => d.external && roles.includes(d.role));
  const c2 = incident.destinations.filter((d) => d.external && d.role === "c2");
  const liveC2Hosts = new Set<string>();
  for (const d of c2) if (d.active) for (const h of d.hosts) liveC2Hosts.add(h);
  return { incident, malicious, processByKey, rootCause, rootHost, blocked, c2, liveC2Hosts };
}
