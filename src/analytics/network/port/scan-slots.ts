/**
 * What one scanning source did in one time slot (half a scan window): which ports it tried on
 * which hosts, with attempt and failure counts per host and per port, and a few sample attempts
 * for evidence. Two consecutive slots together make one window; `evaluateSlots` finds the vertical
 * (many ports on one host) and horizontal (one port on many hosts) scans in it, and counts only
 * the attempts that belong to those scans.
 * Input: attempts. Output: ScanHits and their totals for the window.
 */
import type { Event, EventTime } from "../../../events/event.js";
import type { Provenance } from "../../../events/provenance.js";
import { MAX_EVIDENCE } from "../../../findings/finding.js";

/** Attempts kept per slot as evidence candidates (those matching a scan are cited). */
const SAMPLES_PER_SLOT = 3 * MAX_EVIDENCE;

interface Tally {
  /** vertical: the ports tried on a host; horizontal: the hosts tried on a port */
  readonly spread: Set<string>;
  attempts: number;
  judged: number;
  failed: number;
  first: EventTime | undefined;
  last: EventTime | undefined;
}

/** One attempt kept as a possible piece of evidence. */
export interface ScanSample {
  readonly provenance: Provenance;
  readonly time: EventTime | undefined;
  readonly dst: string;
  readonly portKey: string;
}

function tally(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = { spread: new Set(), attempts: 0, judged: 0, failed: 0, first: undefined, last: undefined };
    map.set(key, t);
  }
  return t;
}

export class ScanSlot {
  /** destination → ports tried on it */
  readonly byHost = new Map<string, Tally>();
  /** port key (`445/tcp`, `icmp`) → destinations tried on it */
  readonly byPort = new Map<string, Tally>();
  readonly samples: ScanSample[] = [];
  targets = 0;
  overflow = 0;
  /** Scan kinds its attempts were counted for, so overlapping windows do not count them twice */
  readonly cited = new Set<ScanKind>();

  constructor(private readonly maxTargets: number) {}

  /** Records one attempt on `dst` at `portKey`; `failed` undefined when the source does not say. */
  add(event: Event, dst: string, portKey: string, failed: boolean | undefined): void {
    if (this.samples.length < SAMPLES_PER_SLOT)
      this.samples.push({ provenance: event.provenance, time: event.time, dst, portKey });
    const known = this.byHost.get(dst);
    if (!known?.spread.has(portKey) && this.targets >= this.maxTargets) {
      this.overflow++;
      return;
    }
    const h = known ?? tally(this.byHost, dst);
    const p = tally(this.byPort, portKey);
    const time = event.time;
    for (const t of [h, p]) {
      t.attempts++;
      if (time && (!t.first || time.ms < t.first.ms)) t.first = time;
      if (time && (!t.last || time.ms > t.last.ms)) t.last = time;
      if (failed !== undefined) {
        t.judged++;
        if (failed) t.failed++;
      }
    }
    if (!h.spread.has(portKey)) {
      h.spread.add(portKey);
      p.spread.add(dst);
      this.targets++;
    }
  }
}

/** The two shapes of a port scan. */
export const SCAN_KINDS = ["vertical", "horizontal"] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

/** A scan found in one window. */
export interface ScanHit {
  readonly kind: ScanKind;
  /** vertical: the host scanned; horizontal: the port key scanned */
  readonly target: string;
  /** vertical: the ports tried on it; horizontal: the hosts tried on it */
  readonly spread: readonly string[];
}

/** The attempts of a window's scans (one or two slots) summed. */
export interface WindowTotals {
  readonly attempts: number;
  readonly judged: number;
  readonly failed: number;
  readonly first: EventTime | undefined;
  readonly last: EventTime | undefined;
}

function union(a: Tally | undefined, b: Tally | undefined): Set<string> {
  const out = new Set<string>(a?.spread);
  if (b) for (const x of b.spread) out.add(x);
  return out;
}

/** Vertical and horizontal scans over the union of two slots (the second may be absent). */
export function evaluateSlots(
  slots: readonly ScanSlot[],
  verticalMinPorts: number,
  horizontalMinHosts: number,
): ScanHit[] {
  const [a, b] = slots;
  const hits: ScanHit[] = [];
  const hosts = new Set([...a.byHost.keys(), ...(b ? b.byHost.keys() : [])]);
  for (const h of hosts) {
    const ports = union(a.byHost.get(h), b?.byHost.get(h));
    // Ports without a number (ICMP) do not make a vertical scan.
    ports.delete("icmp");
    if (ports.size >= verticalMinPorts) hits.push({ kind: "vertical", target: h, spread: [...ports] });
  }
  const ports = new Set([...a.byPort.keys(), ...(b ? b.byPort.keys() : [])]);
  for (const p of ports) {
    const targets = union(a.byPort.get(p), b?.byPort.get(p));
    if (targets.size >= horizontalMinHosts)
      hits.push({ kind: "horizontal", target: p, spread: [...targets] });
  }
  return hits;
}

/** Attempts of `slots` that belong to hits of one kind (to the scanned hosts / on the scanned ports). */
export function scanTotals(slots: readonly ScanSlot[], hits: readonly ScanHit[]): WindowTotals {
  let attempts = 0;
  let judged = 0;
  let failed = 0;
  let first: EventTime | undefined;
  let last: EventTime | undefined;
  for (const slot of slots) {
    for (const hit of hits) {
      const t = hit.kind === "vertical" ? slot.byHost.get(hit.target) : slot.byPort.get(hit.target);
      if (!t) continue;
      attempts += t.attempts;
      judged += t.judged;
      failed += t.failed;
      if (t.first && (!first || t.first.ms < first.ms)) first = t.first;
      if (t.last && (!last || t.last.ms > last.ms)) last = t.last;
    }
  }
  return { attempts, judged, failed, first, last };
}

/** The sample attempts of `slots` that belong to hits of one kind. */
export function scanSamples(slots: readonly ScanSlot[], hits: readonly ScanHit[]): ScanSample[] {
  const hosts = new Set(hits.filter((h) => h.kind === "vertical").map((h) => h.target));
  const ports = new Set(hits.filter((h) => h.kind === "horizontal").map((h) => h.target));
  return slots.flatMap((s) => s.samples.filter((x) => hosts.has(x.dst) || ports.has(x.portKey)));
}
