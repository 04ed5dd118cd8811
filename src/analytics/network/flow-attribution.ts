/**
 * Attributes Zeek flows to processes by joining Sysmon 3 (or EDR network) events on the 4-tuple
 * (source address + port, destination address + port) within a time tolerance. It is an Analyzer
 * that only observes (it emits no findings): put it in the same run as the analyzers that query
 * it; they query in `finish`, when every file has been read, so file order does not matter.
 * State is bounded: at most `maxEntries` host connections are indexed; the oldest indexed are
 * evicted first and counted.
 * Input: events. Output: `lookup(flow)` → the process that made it, if known.
 */
import type { Event } from "../../events/event.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { readConnection } from "./connection.js";

export interface FlowAttributionOptions {
  /** Host connections indexed at most (oldest evicted first) */
  readonly maxEntries: number;
  /** Largest difference between the Zeek time and the host event time that still matches (ms) */
  readonly toleranceMs: number;
}

export const DEFAULT_FLOW_ATTRIBUTION_OPTIONS: FlowAttributionOptions = {
  maxEntries: 200_000,
  // Sysmon logs a connection when it sees it (often seconds after the SYN) and host and sensor
  // clocks drift; a 4-tuple is not reused within half a minute (TIME_WAIT), so 30 s is safe.
  toleranceMs: 30_000,
};

/** The process behind a flow. */
export interface FlowProcess {
  readonly host: string;
  readonly image: string | undefined;
  readonly processGuid: string | undefined;
  readonly pid: number | undefined;
  readonly time: number;
}

/** A flow to attribute: the 4-tuple and the time. */
export interface FlowKey {
  readonly srcIp: string;
  readonly srcPort: number | undefined;
  readonly dstIp: string;
  readonly dstPort: number | undefined;
  readonly time: number;
}

function tupleKey(k: {
  readonly srcIp: string;
  readonly srcPort?: number;
  readonly dstIp: string;
  readonly dstPort?: number;
}): string | undefined {
  if (k.srcPort === undefined || k.dstPort === undefined) return undefined;
  return `${k.srcIp}|${k.srcPort}|${k.dstIp}|${k.dstPort}`;
}

export class FlowAttribution implements Analyzer {
  readonly name = "network.flow-attribution";
  private readonly options: FlowAttributionOptions;
  private readonly index = new Map<string, FlowProcess[]>();
  private entries = 0;
  private evicted = 0;
  private lookups = 0;
  private hits = 0;

  constructor(options: Partial<FlowAttributionOptions> = {}) {
    this.options = { ...DEFAULT_FLOW_ATTRIBUTION_OPTIONS, ...options };
  }

  observe(event: Event): void {
    if (event.kind === "network") return;
    const c = readConnection(event);
    if (!c || (c.source !== "sysmon" && c.source !== "edr")) return;
    const key = tupleKey(c);
    if (!key || this.options.maxEntries < 1) return;
    while (this.entries >= this.options.maxEntries) this.evictOldest();
    const entry: FlowProcess = {
      host: c.host,
      image: c.image,
      processGuid: c.processGuid,
      pid: c.pid,
      time: c.time,
    };
    const list = this.index.get(key);
    if (list) list.push(entry);
    else this.index.set(key, [entry]);
    this.entries++;
  }

  /** Drops the first-inserted 4-tuple (Map order) with all its entries. */
  private evictOldest(): void {
    const first = this.index.keys().next();
    if (first.done) {
      this.entries = 0;
      return;
    }
    const n = this.index.get(first.value)?.length ?? 0;
    this.index.delete(first.value);
    this.entries -= n;
    this.evicted += n;
  }

  /** The process whose connection matches the flow's 4-tuple closest in time, within the tolerance. */
  lookup(flow: FlowKey): FlowProcess | undefined {
    this.lookups++;
    const key = tupleKey(flow);
    if (!key) return undefined;
    const list = this.index.get(key);
    if (!list) return undefined;
    let best: FlowProcess | undefined;
    let bestDelta = Infinity;
    for (const e of list) {
      const d = Math.abs(e.time - flow.time);
      if (d <= this.options.toleranceMs && d < bestDelta) {
        best = e;
        bestDelta = d;
      }
    }
    if (best) this.hits++;
    return best;
  }

  /** Host connections indexed now. */
  get size(): number {
    return this.entries;
  }

  finish(): Finding[] {
    return [];
  }

  stats(): Readonly<Record<string, number>> {
    return { indexed: this.entries, evicted: this.evicted, lookups: this.lookups, hits: this.hits };
  }
}
