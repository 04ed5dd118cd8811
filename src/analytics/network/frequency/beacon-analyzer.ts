/**
 * The frequency analyzer (頻度): C&C beacons scored the way RITA scores them (beacon-score.ts), plus
 * strobes and long connections. Pairs: Zeek conn source → destination address; Zeek http Host /
 * ssl SNI source → server name (found also through a proxy: the CONNECT host names the server);
 * Zeek dns source → query; Sysmon 3 / EDR (host, process image) → destination address.
 *
 * As RITA, a pair whose connections were analysed as an http/ssl name pair is not analysed again
 * as an address pair (RITA drops such uconn hashes); and each pair is scored on a 24-hour window
 * counted back from the end of the data. mikiwame also scores the earlier 24-hour windows (up to
 * `maxWindows`) and keeps each pair's best, so a beacon that stopped before the end is not missed.
 *
 * Input: events (any order across files). Output: findings `network.beacon`, `network.strobe`,
 * `network.long-connection`. State bounded by FrequencyOptions; evictions in `stats()`.
 */
import type { Event } from "../../../events/event.js";
import type { Analyzer, Finding } from "../../../findings/finding.js";
import { type Connection, imageName, readConnection, stringField } from "../connection.js";
import { CidrList } from "../../../events/ip-address.js";
import { type Direction, DirectionClassifier } from "../direction.js";
import type { FlowAttribution, FlowProcess } from "../flow-attribution.js";
import { bucketedScore, THREAT_CATEGORIES, threatCategory } from "./beacon-score.js";
import {
  type BeaconResult,
  beaconFinding,
  longConnectionFinding,
  strobeFinding,
} from "./frequency-findings.js";
import { type BeaconKind, DEFAULT_FREQUENCY_OPTIONS, type FrequencyOptions } from "./frequency-options.js";
import { bestWindow, dedupeByUid, type ScoringContext, type TimeRange } from "./pair-scoring.js";
import {
  MAX_OPEN_UIDS,
  MAX_PAIR_ADDRESSES,
  MAX_PAIR_PORTS,
  MAX_PAIR_PROBES,
  type PairIdentity,
  type PairState,
  PairTable,
} from "./pair-table.js";

/** Optional collaborators: the flow → process index (Zeek pairs are attributed through it). */
export interface FrequencyDependencies {
  readonly attribution?: FlowAttribution;
}

/** Multicast name resolution (mDNS, LLMNR) is local service discovery, never a C&C channel. */
const MULTICAST = new CidrList(["224.0.0.0/4", "ff00::/8"]);

/** Most dataset ranges tracked (one for Zeek, one per host with Sysmon); more hosts share one. */
const MAX_RANGES = 10_000;

export class BeaconAnalyzer implements Analyzer {
  readonly name = "network.frequency";
  private readonly options: FrequencyOptions;
  private readonly kinds: ReadonlySet<BeaconKind>;
  private readonly directions: DirectionClassifier;
  private readonly addressDirections: ReadonlySet<Direction>;
  private readonly table: PairTable;
  private readonly ranges = new Map<string, TimeRange>();
  private readonly uidBytes = new Map<string, number>();
  private uidBytesEvicted = 0;
  private connections = 0;
  private hostInbound = 0;
  private noName = 0;
  private directionSkipped = 0;
  private multicastSkipped = 0;

  constructor(
    options: Partial<FrequencyOptions> = {},
    private readonly deps: FrequencyDependencies = {},
  ) {
    this.options = { ...DEFAULT_FREQUENCY_OPTIONS, ...options };
    this.kinds = new Set(this.options.beaconKinds);
    this.directions = new DirectionClassifier(this.options.internalNetworks);
    this.addressDirections = new Set(this.options.addressDirections);
    const o = this.options;
    this.table = new PairTable(o.maxPairs, o.maxSamplesPerPair, o.maxSamplesTotal);
  }

  observe(event: Event): void {
    const c = readConnection(event);
    if (!c) return;
    this.connections++;
    const second = Math.floor(c.time / 1000);
    switch (c.source) {
      case "zeek-conn":
        this.widen("zeek", second);
        this.rememberUidBytes(c);
        this.observeConn(c, second);
        return;
      case "zeek-open-conn":
        this.observeOpenConn(c);
        return;
      case "zeek-http":
      case "zeek-ssl":
      case "zeek-dns":
        this.widen("zeek", second);
        this.observeName(c, second);
        return;
      case "sysmon":
      case "edr":
        this.observeHost(c, second);
        return;
    }
  }

  private widen(key: string, second: number): void {
    let r = this.ranges.get(key);
    if (!r) {
      if (this.ranges.size >= MAX_RANGES) {
        key = "host:*";
        r = this.ranges.get(key);
      }
      if (!r) {
        r = { min: second, max: second };
        this.ranges.set(key, r);
      }
    }
    if (second < r.min) r.min = second;
    if (second > r.max) r.max = second;
  }

  private rangeKeyFor(key: string): string {
    return this.ranges.has(key) ? key : "host:*";
  }

  /** Keeps the initiator's bytes of http/ssl connections for the name pairs' data-size score. */
  private rememberUidBytes(c: Connection): void {
    if (!this.kinds.has("sni") || !c.uid || this.options.maxUidBytes < 1) return;
    const service = stringField(c.event.fields.service)?.toLowerCase() ?? "";
    if (!service.includes("http") && !service.includes("ssl")) return;
    const bytes = c.origIpBytes ?? c.origBytes;
    if (bytes === undefined) return;
    if (this.uidBytes.size >= this.options.maxUidBytes) {
      const first = this.uidBytes.keys().next();
      if (!first.done) this.uidBytes.delete(first.value);
      this.uidBytesEvicted++;
    }
    this.uidBytes.set(c.uid, bytes);
  }

  private pair(identity: PairIdentity, c: Connection): PairState | undefined {
    const p = this.table.get(identity);
    if (!p) return undefined;
    p.count++;
    p.evidence.add(c.event);
    if (c.dstPort !== undefined && p.ports.size < MAX_PAIR_PORTS) p.ports.add(c.dstPort);
    if (p.probes.length < MAX_PAIR_PROBES)
      p.probes.push({ srcIp: c.srcIp, srcPort: c.srcPort, dstIp: c.dstIp, dstPort: c.dstPort, time: c.time });
    return p;
  }

  private observeConn(c: Connection, second: number): void {
    const p = this.ipPair(c);
    if (!p) return;
    this.table.addSample(p, second, c.origIpBytes ?? c.origBytes, undefined);
    const d = c.duration ?? 0;
    p.durationSum += d;
    if (d > p.longest) p.longest = d;
    if (c.uid && p.open.delete(c.uid) && p.closed.size < MAX_OPEN_UIDS) p.closed.add(c.uid);
  }

  /** RITA's pair filter: address pairs in the configured directions, name pairs from inside. */
  private accepts(c: Connection, names: boolean): boolean {
    const d = this.directions.classify(c.srcIp, c.dstIp);
    const ok = names ? d === "outbound" || d === "internal" : this.addressDirections.has(d);
    if (!ok) this.directionSkipped++;
    return ok;
  }

  private ipPair(c: Connection): PairState | undefined {
    if (!this.kinds.has("ip") || !this.accepts(c, false)) return undefined;
    const key = `ip|${c.srcIp}|${c.dstIp}`;
    return this.pair({ kind: "ip", key, rangeKey: "zeek", src: c.srcIp, dst: c.dstIp, host: c.srcIp }, c);
  }

  /** Zeek open_conn rows: no beacon sample (RITA leaves open connections out), only their duration. */
  private observeOpenConn(c: Connection): void {
    if (!this.kinds.has("ip") || !c.uid || !this.accepts(c, false)) return;
    const key = `ip|${c.srcIp}|${c.dstIp}`;
    const p = this.table.get({
      kind: "ip",
      key,
      rangeKey: "zeek",
      src: c.srcIp,
      dst: c.dstIp,
      host: c.srcIp,
    });
    if (!p || p.closed.has(c.uid)) return;
    if (p.count === 0) p.evidence.add(c.event);
    const d = c.duration ?? 0;
    const before = p.open.get(c.uid);
    if (before === undefined && p.open.size >= MAX_OPEN_UIDS) return;
    if (before === undefined || d > before) p.open.set(c.uid, d);
    if (d > p.longest) p.longest = d;
  }

  private observeName(c: Connection, second: number): void {
    const kind: BeaconKind = c.source === "zeek-dns" ? "dns" : "sni";
    if (!this.kinds.has(kind)) return;
    if (!c.fqdn) {
      this.noName++;
      return;
    }
    if (kind === "dns" && MULTICAST.contains(c.dstIp)) {
      this.multicastSkipped++;
      return;
    }
    if (!this.accepts(c, true)) return;
    const key = `${kind}|${c.srcIp}|${c.fqdn}`;
    const p = this.pair({ kind, key, rangeKey: "zeek", src: c.srcIp, dst: c.fqdn, host: c.srcIp }, c);
    if (!p) return;
    if (p.addresses.size < MAX_PAIR_ADDRESSES) p.addresses.add(c.dstIp);
    if (c.proxied) p.proxied++;
    this.table.addSample(p, second, undefined, kind === "sni" ? c.uid : undefined);
  }

  private observeHost(c: Connection, second: number): void {
    if (!this.kinds.has("process")) return;
    if (c.initiated === false) {
      this.hostInbound++;
      return;
    }
    if (!this.accepts(c, false)) return;
    const rangeKey = `host:${c.host}`;
    this.widen(rangeKey, second);
    const image = c.image ?? "?";
    const key = `process|${c.host}|${image.toLowerCase()}|${c.dstIp}`;
    const identity: PairIdentity = {
      kind: "process",
      key,
      rangeKey: this.rangeKeyFor(rangeKey),
      src: c.srcIp,
      dst: c.dstIp,
      host: c.host,
      image: c.image ? imageName(c.image) : undefined,
    };
    const p = this.pair(identity, c);
    if (!p) return;
    if (c.processGuid) p.processGuid = c.processGuid;
    this.table.addSample(p, second, c.origBytes, undefined);
  }

  private context(p: PairState): ScoringContext {
    return { range: this.ranges.get(p.rangeKey), options: this.options, uidBytes: this.uidBytes };
  }

  private attribute(p: PairState): FlowProcess | undefined {
    if (p.kind === "process" || !this.deps.attribution) return undefined;
    for (const probe of p.probes) {
      const hit = this.deps.attribution.lookup(probe);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Address pairs covered by a name pair that RITA would analyse (≥ threshold times, not a strobe). */
  private coveredByNames(): Set<string> {
    const covered = new Set<string>();
    for (const p of this.table.values()) {
      if (p.kind !== "sni") continue;
      const unique = new Set(dedupeByUid(p, p.samples.within(-Infinity, Infinity)).map((s) => s.second)).size;
      if (
        unique < this.options.scoring.uniqueConnectionThreshold ||
        p.count >= this.options.strobeConnections
      )
        continue;
      for (const a of p.addresses) covered.add(`ip|${p.src}|${a}`);
    }
    return covered;
  }

  finish(): Finding[] {
    const o = this.options;
    const minRank = THREAT_CATEGORIES.indexOf(o.minBeaconCategory);
    for (const p of this.table.values()) p.samples.settle();
    const covered = this.coveredByNames();
    const findings: Finding[] = [];
    for (const p of this.table.values()) {
      const { beacon, strobe } = bestWindow(p, this.context(p));
      const proc = this.attribute(p);
      const ctx = {
        attributedImage: proc?.image ? imageName(proc.image) : undefined,
        attributedHost: proc?.host,
      };
      if (strobe !== undefined) findings.push(strobeFinding(p, strobe, o.windowHours, ctx));
      if (
        beacon &&
        !covered.has(p.key) &&
        THREAT_CATEGORIES.indexOf(beacon.category) >= minRank &&
        beacon.connections >= o.minBeaconConnections
      )
        findings.push(beaconFinding(p, beacon, ctx));
      if (p.kind === "ip") {
        let total = p.durationSum;
        for (const d of p.open.values()) total += d;
        if (total >= o.longConnectionSeconds) {
          const bucketed = bucketedScore(total, o.longConnectionThresholds);
          findings.push(longConnectionFinding(p, total, threatCategory(bucketed), bucketed, ctx));
        }
      }
    }
    findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return findings;
  }

  /** Scores every tracked pair (for corpus evaluation and tuning): best window per pair. */
  scoreAll(): { pair: PairIdentity; beacon?: BeaconResult; strobe?: number }[] {
    for (const p of this.table.values()) p.samples.settle();
    return [...this.table.values()].map((p) => ({ pair: p, ...bestWindow(p, this.context(p)) }));
  }

  stats(): Readonly<Record<string, number>> {
    return {
      ...this.table.stats(),
      connections: this.connections,
      hostInboundSkipped: this.hostInbound,
      namelessSkipped: this.noName,
      directionSkipped: this.directionSkipped,
      multicastDnsSkipped: this.multicastSkipped,
      uidBytes: this.uidBytes.size,
      uidBytesEvicted: this.uidBytesEvicted,
    };
  }
}
