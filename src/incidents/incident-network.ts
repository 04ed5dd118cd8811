/**
 * The network destinations of an incident, each with the role it plays: `c2` (a beacon, or an address /
 * domain on a threat list contacted by a process), `download` / `exfiltration` (a volume spike in / out),
 * `lateral` (an internal host that answered a remote-administration connection), `scanned` (a target
 * of a scan, or of lateral-movement attempts — judged or stated by an outbound internal connection —
 * that nobody answered), `contacted` (anything else the
 * incident's processes reached, from their network logs). A benign incident has no C&C: what a beacon
 * points at is `contacted` there. DNS answers of the processes name the addresses. Active: a c2 still
 * contacted at the end of its host's data (within 3 beacon intervals, at least ACTIVE_CONTACT_MS).
 * Input: the incident's processes and active findings. Output: IncidentDestination[], bounded.
 */
import type { DirectionClassifier } from "../analytics/network/direction.js";
import type { Finding } from "../findings/finding.js";
import type { DestinationRole, IncidentDestination, IncidentTime } from "./incident.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import type { DraftProcess } from "./incident-draft.js";
import { isCounterEvidence } from "./finding-index.js";
import { earliest, latest } from "./incident-time.js";

/** A c2 whose last contact is at most this far (or 3 beacon intervals) before its host's data end is active. */
export const ACTIVE_CONTACT_MS = 15 * 60_000;

/** Reputation contexts that are contacts over the network (the others are files, logons). */
const NETWORK_CONTEXTS = ["connection", "dns-query", "dns-answer", "http", "tls"] as const;

const ROLE_RANK: Readonly<Record<DestinationRole, number>> = {
  c2: 5,
  exfiltration: 4,
  download: 3,
  lateral: 2,
  scanned: 1,
  contacted: 0,
};

export interface DestinationContext {
  readonly classifier: DirectionClassifier;
  /** The incident's verdict is benign */
  readonly benign: boolean;
  /** The host a finding is about (Zeek addresses mapped to host names) */
  readonly hostOfFinding: (f: Finding) => string;
  /** The incident process a finding is about, when it is one */
  readonly processKeyOf: (f: Finding) => string | undefined;
  /** The end of a host's data (ms), for "still contacted" */
  readonly dataEndMs: (host: string) => number | undefined;
}

interface Acc {
  address: string | undefined;
  domain: string | undefined;
  port: number | undefined;
  protocol: string | undefined;
  role: DestinationRole;
  readonly hosts: Set<string>;
  readonly processKeys: Set<string>;
  /** Connections a finding counted (the largest: Sysmon and Zeek see the same flows) */
  findingConnections: number;
  /** Connections in the processes' network logs */
  logConnections: number;
  /** Connections the internal-connection findings counted (one finding per service: summed) */
  serviceConnections: number;
  bytes: number | undefined;
  first: IncidentTime | undefined;
  last: IncidentTime | undefined;
  intervalMs: number | undefined;
  readonly findings: Set<string>;
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function list(v: unknown): string[] {
  const s = text(v);
  return s === undefined
    ? []
    : s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");
}

function isAddress(s: string): boolean {
  return /^[0-9a-f:.]+$/i.test(s) && /[.:]/.test(s) && !/^[.]|[.]$/.test(s);
}

function isNetworkListing(f: Finding): boolean {
  if (f.detector !== "reputation.malicious" && f.detector !== "reputation.suspicious") return false;
  const ctx = f.details.context;
  return typeof ctx === "string" && (NETWORK_CONTEXTS as readonly string[]).includes(ctx);
}

/** The external C&C destinations of findings (beacon destinations, listed network contacts), lower case. */
export function c2Destinations(findings: readonly Finding[], classifier: DirectionClassifier): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    if (isCounterEvidence(f)) continue;
    const d =
      f.detector === "network.beacon"
        ? text(f.details.destination)
        : isNetworkListing(f)
          ? text(f.details.matched)
          : undefined;
    if (d === undefined) continue;
    const v = d.toLowerCase();
    if (isAddress(v) ? classifier.isInternal(v) === false : true) out.add(v);
  }
  return [...out].sort();
}

class Destinations {
  readonly byKey = new Map<string, Acc>();

  constructor(private readonly ctx: DestinationContext) {}

  entry(value: string, role: DestinationRole): Acc {
    const key = value.toLowerCase();
    let a = this.byKey.get(key);
    if (!a) {
      const address = isAddress(key) ? key : undefined;
      a = {
        address,
        domain: address ? undefined : key,
        port: undefined,
        protocol: undefined,
        role,
        hosts: new Set(),
        processKeys: new Set(),
        findingConnections: 0,
        logConnections: 0,
        serviceConnections: 0,
        bytes: undefined,
        first: undefined,
        last: undefined,
        intervalMs: undefined,
        findings: new Set(),
      };
      this.byKey.set(key, a);
    } else if (ROLE_RANK[role] > ROLE_RANK[a.role]) a.role = role;
    return a;
  }

  /** What a finding says of one destination. */
  fromFinding(f: Finding, value: string, role: DestinationRole, connections?: number): Acc {
    const benignRole: DestinationRole = this.ctx.benign && role === "c2" ? "contacted" : role;
    const a = this.entry(value, benignRole);
    a.hosts.add(this.ctx.hostOfFinding(f));
    const key = this.ctx.processKeyOf(f);
    if (key) a.processKeys.add(key);
    a.findings.add(f.id);
    if (connections !== undefined) a.findingConnections = Math.max(a.findingConnections, connections);
    if (f.detector === "network.internal-connection") a.serviceConnections += num(f.details.count) ?? 0;
    a.first = earliest(a.first, f.first);
    a.last = latest(a.last, f.last);
    return a;
  }

  findings(findings: readonly Finding[]): void {
    const answered = new Set<string>();
    const targets = new Map<string, Finding[]>();
    const scanned = new Map<string, Finding[]>();
    const push = (m: Map<string, Finding[]>, k: string, f: Finding) => m.set(k, [...(m.get(k) ?? []), f]);
    for (const f of findings) {
      if (isCounterEvidence(f)) continue;
      const d = f.details;
      if (f.detector === "network.beacon") {
        const dest = text(d.destination);
        if (!dest) continue;
        const a = this.fromFinding(f, dest, "c2", num(d.connections));
        a.port ??= Number(list(d.ports)[0]) || undefined;
        const interval = num(d.intervalMedianSeconds);
        if (interval !== undefined) a.intervalMs = Math.max(a.intervalMs ?? 0, interval * 1000);
      } else if (isNetworkListing(f)) {
        const matched = text(d.matched);
        if (matched) this.fromFinding(f, matched, d.context === "download" ? "download" : "c2");
      } else if (f.detector === "network.volume.delivery" || f.detector === "network.volume.exfiltration") {
        const dest = text(d.destination);
        if (!dest) continue;
        const role = f.detector === "network.volume.delivery" ? "download" : "exfiltration";
        const a = this.fromFinding(f, dest, role);
        const bytes = (num(d.bytesOut) ?? 0) + (num(d.bytesIn) ?? 0);
        if (bytes > 0) a.bytes = Math.max(a.bytes ?? 0, bytes);
      } else if (f.detector === "network.lateral-movement") {
        for (const t of list(d.answeredTargets)) answered.add(t);
        for (const t of list(d.targets)) push(targets, t, f);
      } else if (f.detector.startsWith("network.port-scan")) {
        for (const t of list(d.spread)) if (isAddress(t)) push(scanned, t, f);
      } else if (f.detector === "network.internal-connection") {
        // an outbound internal connection to an admin service is a lateral attempt at its peer
        const peer = text(d.peer);
        if (!peer) continue;
        if (d.inbound === true) this.fromFinding(f, peer, "contacted");
        else push(targets, peer, f);
      } else {
        const dest = text(d.destination);
        if (dest && isAddress(dest)) this.fromFinding(f, dest, "contacted");
      }
    }
    // who answered a remote-administration connection is a lateral target; the rest were scanned
    for (const [t, fs] of targets)
      for (const f of fs)
        this.fromFinding(
          f,
          t,
          answered.size > 0
            ? answered.has(t)
              ? "lateral"
              : "scanned"
            : scanned.has(t)
              ? "scanned"
              : "lateral",
        );
    for (const [t, fs] of scanned)
      for (const f of fs) this.fromFinding(f, t, answered.has(t) ? "lateral" : "scanned");
    for (const t of answered) if (!targets.has(t) && !scanned.has(t)) this.entry(t, "lateral");
  }

  /** The processes' own connections (Sysmon 3 / EDR) and DNS answers. */
  logs(processes: readonly DraftProcess[]): void {
    const names = new Map<string, string>();
    for (const p of processes) {
      const info = p.info;
      if (!info) continue;
      for (const n of info.network.items) {
        if (n.initiated === false || !n.destinationIp) continue;
        const a = this.entry(n.destinationIp, "contacted");
        a.hosts.add(p.host);
        a.processKeys.add(p.key);
        a.logConnections++;
        a.port ??= n.destinationPort;
        a.protocol ??= n.protocol;
        if (n.destinationHostname) a.domain ??= n.destinationHostname.toLowerCase();
        a.first = earliest(a.first, n.time);
        a.last = latest(a.last, n.time);
      }
      for (const q of info.dns.items)
        for (const r of (q.results ?? "").split(";"))
          for (const part of r.split(" ")) {
            const ip = part
              .replace(/^::ffff:/i, "")
              .trim()
              .toLowerCase();
            if (isAddress(ip)) names.set(ip, q.query.toLowerCase());
          }
    }
    for (const a of this.byKey.values()) if (a.address && !a.domain) a.domain = names.get(a.address);
  }

  result(): IncidentDestination[] {
    const out: IncidentDestination[] = [];
    for (const a of this.byKey.values()) {
      const hosts = [...a.hosts].sort();
      const ends = hosts.map((h) => this.ctx.dataEndMs(h)).filter((x): x is number => x !== undefined);
      const end = ends.length > 0 ? Math.max(...ends) : undefined;
      const window = Math.max(ACTIVE_CONTACT_MS, 3 * (a.intervalMs ?? 0));
      const active =
        a.role === "c2" && a.last !== undefined && end !== undefined && end - a.last.ms <= window;
      out.push({
        address: a.address,
        domain: a.domain,
        port: a.port,
        protocol: a.protocol,
        role: a.role,
        external: a.address === undefined ? true : this.ctx.classifier.isInternal(a.address) === false,
        hosts,
        processKeys: [...a.processKeys].sort().slice(0, INCIDENT_LIMITS.idsPerItem),
        connections: Math.max(a.findingConnections, a.logConnections, a.serviceConnections),
        bytes: a.bytes,
        first: a.first,
        last: a.last,
        active,
        findings: [...a.findings].sort().slice(0, INCIDENT_LIMITS.idsPerItem),
      });
    }
    return out
      .sort(
        (x, y) =>
          ROLE_RANK[y.role] - ROLE_RANK[x.role] ||
          y.connections - x.connections ||
          (x.address ?? x.domain ?? "").localeCompare(y.address ?? y.domain ?? "", "en", { numeric: true }),
      )
      .slice(0, INCIDENT_LIMITS.destinations);
  }
}

/** The destinations of an incident (see the module header). */
export function buildDestinations(
  processes: readonly DraftProcess[],
  findings: readonly Finding[],
  ctx: DestinationContext,
): IncidentDestination[] {
  const d = new Destinations(ctx);
  d.findings(findings);
  d.logs(processes);
  return d.result();
}
