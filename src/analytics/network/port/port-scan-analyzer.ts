/**
 * Port scans (ポート): vertical (many ports on one host) and horizontal (one port on many hosts)
 * from one source within a window, from Zeek `conn` (where most attempts must have failed: S0, REJ,
 * RSTO, …) and from Sysmon 3 / EDR (the source is then the process on its host).
 * Windows are two consecutive half-window slots, so a burst is never cut in two by a boundary.
 * Input: events (time order per file). Output: findings `network.port-scan.vertical` /
 * `network.port-scan.horizontal` (reconnaissance; T1046 inside or towards the Internet, T1595
 * for scans from the Internet). Bounded: sources, targets per slot; evictions in `stats()`.
 */
import type { Event } from "../../../events/event.js";
import type { Analyzer, Finding, FindingSubject } from "../../../findings/finding.js";
import { attemptFailed } from "../conn-state.js";
import { type Connection, imageName, readConnection } from "../connection.js";
import { type Direction, DirectionClassifier } from "../direction.js";
import { Evidence } from "../evidence.js";
import { formatSeconds, makeNetworkFinding } from "../network-finding.js";
import { DEFAULT_PORT_OPTIONS, type PortOptions } from "./port-options.js";
import {
  evaluateSlots,
  SCAN_KINDS,
  type ScanHit,
  type ScanKind,
  ScanSlot,
  scanSamples,
  scanTotals,
} from "./scan-slots.js";

/** Most distinct hosts/ports remembered per scan aggregate (beyond: counted only). */
const MAX_SPREAD = 4096;

interface ScanSource {
  readonly key: string;
  readonly src: string;
  readonly host: string;
  readonly image?: string;
  processGuid?: string;
  readonly slots: Map<number, ScanSlot>;
  readonly closed: Set<number>;
  lastSeen: number;
}

interface ScanAggregate {
  readonly source: ScanSource;
  readonly kind: ScanKind;
  /** target → largest spread seen on it in one window */
  readonly targets: Map<string, number>;
  readonly spread: Set<string>;
  spreadOverflow: number;
  readonly directions: Set<Direction>;
  readonly evidence: Evidence;
  windows: number;
  attempts: number;
  judged: number;
  failed: number;
}

function portKeyOf(c: Connection): string | undefined {
  if (c.protocol === "icmp" || c.protocol === "icmp6" || c.protocol === "ipv6-icmp") return "icmp";
  if (c.dstPort === undefined) return undefined;
  return c.protocol ? `${c.dstPort}/${c.protocol}` : String(c.dstPort);
}

export class PortScanAnalyzer implements Analyzer {
  readonly name = "network.port-scan";
  private readonly options: PortOptions;
  private readonly directions: DirectionClassifier;
  private readonly sources = new Map<string, ScanSource>();
  private readonly aggregates = new Map<string, ScanAggregate>();
  private readonly slotMs: number;
  private sourcesEvicted = 0;
  private attempts = 0;
  private notRatio = 0;
  private scansNotTracked = 0;

  constructor(options: Partial<PortOptions> = {}) {
    this.options = { ...DEFAULT_PORT_OPTIONS, ...options };
    this.directions = new DirectionClassifier(this.options.internalNetworks);
    this.slotMs = Math.max(1, (this.options.scanWindowSeconds * 1000) / 2);
  }

  observe(event: Event): void {
    const c = readConnection(event);
    if (!c) return;
    if (c.source !== "zeek-conn" && c.source !== "sysmon" && c.source !== "edr") return;
    if (c.initiated === false) return;
    const portKey = portKeyOf(c);
    if (portKey === undefined) return;
    this.attempts++;
    const source = this.sourceFor(c);
    if (!source) return;
    source.lastSeen = Math.max(source.lastSeen, c.time);
    if (c.processGuid) source.processGuid = c.processGuid;
    const s = Math.floor(c.time / this.slotMs);
    // Close the slots the stream has moved past (one slot of grace for slightly late events).
    const ready = [...source.slots.keys()]
      .filter((j) => j <= s - 3 && !source.closed.has(j))
      .sort((x, y) => x - y);
    for (const j of ready) this.closeSlot(source, j);
    let slot = source.slots.get(s);
    if (!slot) {
      slot = new ScanSlot(this.options.maxTargetsPerSlot);
      source.slots.set(s, slot);
    }
    slot.add(event, c.dstIp, portKey, attemptFailed(c));
  }

  private sourceFor(c: Connection): ScanSource | undefined {
    const host = c.source === "zeek-conn";
    const image = c.image ? imageName(c.image) : undefined;
    const key = host ? `ip|${c.srcIp}` : `proc|${c.host}|${image ?? "?"}|${c.srcIp}`;
    const hit = this.sources.get(key);
    if (hit) return hit;
    if (this.options.maxScanSources < 1) return undefined;
    if (this.sources.size >= this.options.maxScanSources) this.evictIdle();
    const s: ScanSource = {
      key,
      src: c.srcIp,
      host: host ? c.srcIp : c.host,
      image,
      slots: new Map(),
      closed: new Set(),
      lastSeen: c.time,
    };
    this.sources.set(key, s);
    return s;
  }

  /** Finalizes and drops the least recently active 10% of the sources. */
  private evictIdle(): void {
    const all = [...this.sources.values()].sort((a, b) => a.lastSeen - b.lastSeen);
    const n = Math.max(1, Math.floor(all.length / 10));
    for (let i = 0; i < n; i++) {
      this.flush(all[i]);
      this.sources.delete(all[i].key);
    }
    this.sourcesEvicted += n;
  }

  /** Evaluates the window ending with slot j (j − 1 and j), then drops slot j − 1. */
  private closeSlot(source: ScanSource, j: number): void {
    const slot = source.slots.get(j);
    if (!slot) return;
    const prev = source.slots.get(j - 1);
    const slots = prev ? [prev, slot] : [slot];
    const hits = evaluateSlots(slots, this.options.verticalMinPorts, this.options.horizontalMinHosts);
    if (hits.length > 0) this.record(source, hits, slots);
    source.closed.add(j);
    source.slots.delete(j - 1);
    source.closed.delete(j - 1);
  }

  /** Closes every slot of a source (at eviction and at the end). */
  private flush(source: ScanSource): void {
    const open = [...source.slots.keys()].filter((j) => !source.closed.has(j)).sort((x, y) => x - y);
    for (const j of open) this.closeSlot(source, j);
    source.slots.clear();
    source.closed.clear();
  }

  private aggregate(source: ScanSource, kind: ScanKind): ScanAggregate | undefined {
    const key = `${source.key}|${kind}`;
    const hit = this.aggregates.get(key);
    if (hit) return hit;
    if (this.aggregates.size >= this.options.maxScanSources) {
      this.scansNotTracked++;
      return undefined;
    }
    const agg: ScanAggregate = {
      source,
      kind,
      targets: new Map(),
      spread: new Set(),
      spreadOverflow: 0,
      directions: new Set(),
      evidence: new Evidence(),
      windows: 0,
      attempts: 0,
      judged: 0,
      failed: 0,
    };
    this.aggregates.set(key, agg);
    return agg;
  }

  private record(source: ScanSource, hits: ScanHit[], slots: ScanSlot[]): void {
    for (const kind of SCAN_KINDS) {
      const kindHits = hits.filter((h) => h.kind === kind);
      if (kindHits.length === 0) continue;
      const window = scanTotals(slots, kindHits);
      if (window.judged > 0 && window.failed / window.judged < this.options.minFailedRatio) {
        this.notRatio++;
        continue;
      }
      const agg = this.aggregate(source, kind);
      if (!agg) continue;
      agg.windows++;
      for (const hit of kindHits) {
        agg.targets.set(hit.target, Math.max(agg.targets.get(hit.target) ?? 0, hit.spread.length));
        for (const x of hit.spread) {
          if (agg.spread.has(x)) continue;
          if (agg.spread.size < MAX_SPREAD) agg.spread.add(x);
          else agg.spreadOverflow++;
        }
        const hosts = kind === "vertical" ? [hit.target] : hit.spread;
        for (const h of hosts.slice(0, 64)) agg.directions.add(this.directions.classify(source.src, h));
      }
      // Each slot's attempts count once per kind, however many windows it is part of.
      const fresh = slots.filter((s) => !s.cited.has(kind));
      const t = scanTotals(fresh, kindHits);
      const samples = scanSamples(fresh, kindHits);
      for (const x of samples) agg.evidence.addProvenance(x.provenance, x.time);
      agg.evidence.extend(t.attempts - samples.length, t.first, t.last);
      agg.attempts += t.attempts;
      agg.judged += t.judged;
      agg.failed += t.failed;
      for (const s of fresh) s.cited.add(kind);
    }
  }

  finish(): Finding[] {
    for (const s of this.sources.values()) this.flush(s);
    const findings = [...this.aggregates.values()].map((a) => this.finding(a));
    findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return findings;
  }

  private finding(a: ScanAggregate): Finding {
    const o = this.options;
    const s = a.source;
    const fromInternet = !a.directions.has("internal") && !a.directions.has("outbound");
    const ranked = [...a.targets].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const top = ranked[0];
    const listed = ranked.slice(0, o.maxListed).map(([t]) => t);
    const who = s.image ? `${s.image} on ${s.host} (${s.src})` : s.src;
    const whoJa = s.image ? `${s.host} の ${s.image} (${s.src})` : s.src;
    const spreadCount = a.spread.size + a.spreadOverflow;
    const failedText = a.judged > 0 ? `; ${a.failed} of ${a.judged} attempts failed` : "";
    const failedJa = a.judged > 0 ? `。${a.judged} 回中 ${a.failed} 回が失敗` : "";
    const window = formatSeconds(o.scanWindowSeconds);
    const en =
      a.kind === "vertical"
        ? `Port scan (vertical): ${who} tried ${top[1]} ports on ${top[0]}` +
          (ranked.length > 1 ? ` (and ${ranked.length - 1} more hosts)` : "") +
          ` within ${window}${failedText}.`
        : `Port scan (horizontal): ${who} tried ${top[0]} on ${top[1]} hosts` +
          (ranked.length > 1 ? ` (also ${listed.slice(1, 6).join(", ")})` : "") +
          ` within ${window}${failedText}.`;
    const ja =
      a.kind === "vertical"
        ? `ポートスキャン (垂直): ${whoJa} が ${window}以内に ${top[0]} の ${top[1]} 個のポートへ接続を試行` +
          (ranked.length > 1 ? ` (他 ${ranked.length - 1} ホスト)` : "") +
          `${failedJa}。`
        : `ポートスキャン (水平): ${whoJa} が ${window}以内に ${top[1]} 台のホストの ${top[0]} へ接続を試行` +
          (ranked.length > 1 ? ` (${listed.slice(1, 6).join(", ")} も)` : "") +
          `${failedJa}。`;
    const subject: FindingSubject = s.image
      ? { kind: "process", key: s.processGuid ?? `${s.host}|${s.image}`, image: s.image }
      : { kind: "address", address: s.src };
    let host = s.host;
    if (fromInternet && !s.image) {
      const inside =
        a.kind === "vertical" ? top[0] : [...a.spread].find((h) => this.directions.isInternal(h));
      host = inside ?? s.src;
    }
    return makeNetworkFinding({
      detector: `network.port-scan.${a.kind}`,
      key: s.key,
      viewpoint: "port",
      severity: fromInternet ? "low" : "high",
      confidence: fromInternet ? 0.5 : 0.8,
      stage: "reconnaissance",
      attack: fromInternet ? ["T1595"] : ["T1046"],
      host,
      subject,
      evidence: a.evidence,
      message: { en, ja },
      details: {
        source: s.src,
        image: s.image,
        kind: a.kind,
        targets: listed.join(","),
        targetCount: a.targets.size,
        maxSpread: top[1],
        spread: [...a.spread].slice(0, o.maxListed).sort().join(","),
        spreadCount,
        windows: a.windows,
        attempts: a.attempts,
        failed: a.judged > 0 ? a.failed : undefined,
        directions: [...a.directions].sort().join(","),
        windowSeconds: o.scanWindowSeconds,
      },
    });
  }

  stats(): Readonly<Record<string, number>> {
    return {
      attempts: this.attempts,
      sources: this.sources.size,
      sourcesEvicted: this.sourcesEvicted,
      windowsBelowFailedRatio: this.notRatio,
      scans: this.aggregates.size,
      scansNotTracked: this.scansNotTracked,
    };
  }
}
