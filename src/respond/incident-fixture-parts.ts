/**
 * Builders for hand-built Incident fixtures (test support): a time on the examples scenario's day,
 * and processes / destinations with every field defaulted, so a fixture states only what matters.
 * Input: the fields that differ. Output: complete IncidentProcess / IncidentDestination values.
 */
import type { IncidentDestination, IncidentProcess, IncidentTime } from "../incidents/incident.js";

/** An incident time on the scenario's day (2026-03-02, UTC) from `hh:mm:ss.mmm`. */
export function fixtureTime(hms: string): IncidentTime {
  const iso = `2026-03-02T${hms}Z`;
  return { iso, ms: Date.parse(iso) };
}

/** A process with every unstated field undefined / empty (signature "unknown"). */
export const proc = (
  p: Partial<IncidentProcess> & Pick<IncidentProcess, "key" | "host" | "role">,
): IncidentProcess => ({
  image: undefined,
  pid: undefined,
  commandLine: undefined,
  user: undefined,
  parentKey: undefined,
  parentImage: undefined,
  droppedByKey: undefined,
  sha256: undefined,
  md5: undefined,
  signer: undefined,
  signature: "unknown",
  state: undefined,
  start: undefined,
  end: undefined,
  verdict: undefined,
  confidence: undefined,
  severity: undefined,
  findings: [],
  ...p,
});

/** A destination with every unstated field defaulted (tcp, no hosts, one connection, inactive). */
export const destination = (
  d: Partial<IncidentDestination> & Pick<IncidentDestination, "role" | "external">,
): IncidentDestination => ({
  address: undefined,
  domain: undefined,
  port: undefined,
  protocol: "tcp",
  hosts: [],
  processKeys: [],
  connections: 1,
  bytes: undefined,
  first: undefined,
  last: undefined,
  active: false,
  findings: [],
  ...d,
});
