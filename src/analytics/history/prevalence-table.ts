/**
 * Prevalence: on which hosts each value (an image, an image path, a command line) was seen, when it
 * was first seen on each, and how often. Bounded: at most `maxKeys` values (later new values are
 * only counted) and `maxHostsPerKey` hosts per value (more are only counted).
 * Input: (value, host, time, evidence) sightings in any order. Output: per-value host lists.
 */
import type { EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";

/** One host's sightings of a value. */
export interface HostSighting {
  /** The host as the source names it */
  readonly host: string;
  readonly firstSeen: EventTime | undefined;
  readonly lastSeen: EventTime | undefined;
  readonly count: number;
  /** The event of the first sighting */
  readonly evidence: Provenance;
}

export interface PrevalenceEntry {
  readonly value: string;
  /** Host key → sightings */
  readonly hosts: ReadonlyMap<string, HostSighting>;
  /** Hosts seen but not remembered (beyond `maxHostsPerKey`) */
  readonly hostsNotKept: number;
  readonly count: number;
}

interface MutableSighting {
  host: string;
  firstSeen: EventTime | undefined;
  lastSeen: EventTime | undefined;
  count: number;
  evidence: Provenance;
}

interface MutableEntry {
  readonly value: string;
  readonly hosts: Map<string, MutableSighting>;
  hostsNotKept: number;
  count: number;
}

export class PrevalenceTable {
  private readonly entries = new Map<string, MutableEntry>();
  private notTracked = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly maxHostsPerKey: number,
  ) {}

  /** Records one sighting of `value` on host `hostId`. */
  add(value: string, hostId: string, host: string, time: EventTime | undefined, evidence: Provenance): void {
    let e = this.entries.get(value);
    if (!e) {
      if (this.entries.size >= this.maxKeys) {
        this.notTracked++;
        return;
      }
      e = { value, hosts: new Map(), hostsNotKept: 0, count: 0 };
      this.entries.set(value, e);
    }
    e.count++;
    const s = e.hosts.get(hostId);
    if (!s) {
      if (e.hosts.size >= this.maxHostsPerKey) e.hostsNotKept++;
      else e.hosts.set(hostId, { host, firstSeen: time, lastSeen: time, count: 1, evidence });
      return;
    }
    s.count++;
    if (time && (!s.firstSeen || time.ms < s.firstSeen.ms)) {
      s.firstSeen = time;
      s.evidence = evidence;
    }
    if (time && (!s.lastSeen || time.ms > s.lastSeen.ms)) s.lastSeen = time;
  }

  get(value: string): PrevalenceEntry | undefined {
    return this.entries.get(value);
  }

  values(): IterableIterator<PrevalenceEntry> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sightings of values first seen after the table was full */
  get sightingsNotTracked(): number {
    return this.notTracked;
  }
}

/** Number of hosts a value was seen on (remembered plus counted-only). */
export function hostCount(e: PrevalenceEntry): number {
  return e.hosts.size + e.hostsNotKept;
}
