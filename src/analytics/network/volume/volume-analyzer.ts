/**
 * Data volume (データ量): bytes per host and destination from Zeek `conn` (orig/resp bytes) and from
 * EDR network events that carry byte counts, judged against each host's own baseline (median +
 * MAD, never a fixed global limit alone):
 * - a connection far above its pair's usual size → payload delivery (bytes in) or exfiltration
 *   (bytes out);
 * - a destination that received far more of a host's data than its other destinations →
 *   exfiltration.
 * Zeek flows are attributed to the process that made them through Sysmon 3 (FlowAttribution).
 * Input: events. Output: findings `network.volume.delivery` (stage delivery, T1105) and
 * `network.volume.exfiltration` (stage actions_on_objectives, T1041/T1048). Bounded; see stats().
 */
import type { Event, EventTime } from "../../../events/event.js";
import type { Provenance } from "../../../events/provenance.js";
import type { Analyzer, Finding, FindingSubject } from "../../../findings/finding.js";
import { type Connection, imageName, readConnection } from "../connection.js";
import { type Direction, DirectionClassifier } from "../direction.js";
import { Evidence } from "../evidence.js";
import type { FlowAttribution, FlowKey } from "../flow-attribution.js";
import { formatBytes, makeNetworkFinding } from "../network-finding.js";
import { median, medianAbsoluteDeviation, robustZ } from "../robust-stats.js";
import { DEFAULT_VOLUME_OPTIONS, type VolumeOptions } from "./volume-options.js";

/** Optional collaborators: the flow → process index. */
export interface VolumeDependencies {
  readonly attribution?: FlowAttribution;
}

/** One large connection that may stand out from its pair. */
interface Spike {
  readonly way: "in" | "out";
  readonly bytes: number;
  readonly provenance: Provenance;
  readonly time: EventTime | undefined;
  readonly flow: FlowKey;
}

interface PairVolume {
  readonly key: string;
  readonly hostKey: string;
  readonly host: string;
  readonly src: string;
  readonly dst: string;
  readonly image?: string;
  readonly direction: Direction;
  connections: number;
  bytesOut: number;
  bytesIn: number;
  readonly outSizes: number[];
  readonly inSizes: number[];
  readonly spikes: Spike[];
  /** Connections of at least spikeMinBytes, per way (also those not kept as candidates) */
  bigIn: number;
  bigOut: number;
  readonly evidence: Evidence;
}

export class VolumeAnalyzer implements Analyzer {
  readonly name = "network.volume";
  private readonly options: VolumeOptions;
  private readonly directions: DirectionClassifier;
  private readonly wanted: ReadonlySet<Direction>;
  private readonly pairs = new Map<string, PairVolume>();
  private pairsDropped = 0;
  private measured = 0;

  constructor(
    options: Partial<VolumeOptions> = {},
    private readonly deps: VolumeDependencies = {},
  ) {
    this.options = { ...DEFAULT_VOLUME_OPTIONS, ...options };
    this.directions = new DirectionClassifier(this.options.internalNetworks);
    this.wanted = new Set(this.options.volumeDirections);
  }

  observe(event: Event): void {
    const c = readConnection(event);
    if (!c || c.initiated === false) return;
    if (c.source !== "zeek-conn" && c.source !== "sysmon" && c.source !== "edr") return;
    if (c.origBytes === undefined && c.respBytes === undefined) return;
    const direction = this.directions.classify(c.srcIp, c.dstIp);
    if (!this.wanted.has(direction)) return;
    const p = this.pairFor(c, direction);
    if (!p) return;
    this.measured++;
    p.connections++;
    p.evidence.add(event);
    const out = c.origBytes ?? 0;
    const inn = c.respBytes ?? 0;
    p.bytesOut += out;
    p.bytesIn += inn;
    if (p.outSizes.length < this.options.baselineSamples) {
      p.outSizes.push(out);
      p.inSizes.push(inn);
    }
    const flow: FlowKey = {
      srcIp: c.srcIp,
      srcPort: c.srcPort,
      dstIp: c.dstIp,
      dstPort: c.dstPort,
      time: c.time,
    };
    if (out >= this.options.spikeMinBytes) {
      p.bigOut++;
      this.keepSpike(p, { way: "out", bytes: out, provenance: event.provenance, time: event.time, flow });
    }
    if (inn >= this.options.spikeMinBytes) {
      p.bigIn++;
      this.keepSpike(p, { way: "in", bytes: inn, provenance: event.provenance, time: event.time, flow });
    }
  }

  private pairFor(c: Connection, direction: Direction): PairVolume | undefined {
    const zeek = c.source === "zeek-conn";
    const hostKey = zeek ? `ip|${c.srcIp}` : `host|${c.host}`;
    const key = `${hostKey}|${c.dstIp}`;
    const hit = this.pairs.get(key);
    if (hit) return hit;
    if (this.pairs.size >= this.options.maxVolumePairs) {
      this.pairsDropped++;
      return undefined;
    }
    const p: PairVolume = {
      key,
      hostKey,
      host: zeek ? c.srcIp : c.host,
      src: c.srcIp,
      dst: c.dstIp,
      image: c.image ? imageName(c.image) : undefined,
      direction,
      connections: 0,
      bytesOut: 0,
      bytesIn: 0,
      outSizes: [],
      inSizes: [],
      spikes: [],
      bigIn: 0,
      bigOut: 0,
      evidence: new Evidence(),
    };
    this.pairs.set(key, p);
    return p;
  }

  /** Keeps the largest `maxSpikesPerPair` candidates. */
  private keepSpike(p: PairVolume, s: Spike): void {
    p.spikes.push(s);
    if (p.spikes.length > this.options.maxSpikesPerPair) {
      p.spikes.sort((a, b) => b.bytes - a.bytes);
      p.spikes.length = this.options.maxSpikesPerPair;
    }
  }

  finish(): Finding[] {
    const findings: Finding[] = [];
    for (const p of this.pairs.values()) findings.push(...this.spikeFindings(p));
    findings.push(...this.hostFindings());
    findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return findings;
  }

  /** Connections of a pair that stand out from the pair's own sizes. */
  private spikeFindings(p: PairVolume): Finding[] {
    const o = this.options;
    if (p.connections < o.pairMinConnections || p.spikes.length === 0) return [];
    const out: Finding[] = [];
    for (const way of ["in", "out"] as const) {
      const sizes = way === "in" ? p.inSizes : p.outSizes;
      const m = median(sizes);
      const mad = medianAbsoluteDeviation(sizes);
      const spikes = p.spikes
        .filter((s) => s.way === way)
        .filter((s) => s.bytes / Math.max(m, 1) >= o.spikeMinRatio && robustZ(s.bytes, m, mad) >= o.spikeMinZ)
        .sort((a, b) => b.bytes - a.bytes);
      const allowed = Math.max(1, Math.floor(p.connections * o.spikeMaxShare));
      const big = way === "in" ? p.bigIn : p.bigOut;
      if (spikes.length > 0 && big <= allowed) out.push(this.spikeFinding(p, way, spikes, m));
    }
    return out;
  }

  private spikeFinding(p: PairVolume, way: "in" | "out", spikes: Spike[], baseline: number): Finding {
    const top = spikes[0];
    const proc = p.image === undefined ? this.deps.attribution?.lookup(top.flow) : undefined;
    const image = p.image ?? (proc?.image ? imageName(proc.image) : undefined);
    const evidence = new Evidence();
    for (const s of spikes) evidence.addProvenance(s.provenance, s.time);
    const delivery = way === "in";
    const who = image ? `${p.src} (${image})` : p.src;
    const arrow = delivery ? `${p.dst} → ${who}` : `${who} → ${p.dst}`;
    const total = spikes.reduce((n, s) => n + s.bytes, 0);
    const what = delivery ? "payload delivery" : "exfiltration";
    const whatJa = delivery ? "ペイロード配送" : "データ持ち出し";
    return makeNetworkFinding({
      detector: delivery ? "network.volume.delivery" : "network.volume.exfiltration",
      key: `spike:${p.key}`,
      viewpoint: "volume",
      severity: delivery ? "medium" : "high",
      confidence: 0.6,
      stage: delivery ? "delivery" : "actions_on_objectives",
      attack: delivery ? ["T1105"] : ["T1041"],
      host: p.host,
      subject: this.subject(p, image, proc?.processGuid),
      evidence,
      message: {
        en: `Possible ${what}: ${arrow} — ${spikes.length} connection${spikes.length === 1 ? "" : "s"} of up to ${formatBytes(top.bytes)} where this pair usually moves ${formatBytes(baseline)} (${p.connections} connections).`,
        ja: `${whatJa}の可能性: ${arrow} — 通常 ${formatBytes(baseline)} 程度のこのペア (${p.connections} 接続) で最大 ${formatBytes(top.bytes)} の接続が ${spikes.length} 件。`,
      },
      details: {
        source: p.src,
        destination: p.dst,
        image,
        way,
        largestBytes: top.bytes,
        spikeBytes: total,
        spikes: spikes.length,
        baselineMedianBytes: baseline,
        connections: p.connections,
        bytesOut: p.bytesOut,
        bytesIn: p.bytesIn,
      },
    });
  }

  /** Destinations that received far more of a host's data than the host's other destinations. */
  private hostFindings(): Finding[] {
    const o = this.options;
    const byHost = new Map<string, PairVolume[]>();
    for (const p of this.pairs.values()) {
      const list = byHost.get(p.hostKey);
      if (list) list.push(p);
      else byHost.set(p.hostKey, [p]);
    }
    const findings: Finding[] = [];
    for (const pairs of byHost.values()) {
      if (pairs.length < o.hostMinDestinations) continue;
      const totals = pairs.map((p) => p.bytesOut);
      const m = median(totals);
      const mad = medianAbsoluteDeviation(totals);
      for (const p of pairs) {
        const z = robustZ(p.bytesOut, m, mad);
        if (p.bytesOut < o.exfilMinBytes || z < o.hostMinZ) continue;
        findings.push(this.hostFinding(p, m, z, pairs.length));
      }
    }
    return findings;
  }

  private hostFinding(p: PairVolume, baseline: number, z: number, destinations: number): Finding {
    const who = p.image ? `${p.src} (${p.image})` : p.src;
    return makeNetworkFinding({
      detector: "network.volume.exfiltration",
      key: `total:${p.key}`,
      viewpoint: "volume",
      severity: "high",
      confidence: 0.6,
      stage: "actions_on_objectives",
      attack: ["T1048"],
      host: p.host,
      subject: this.subject(p, p.image, undefined),
      evidence: p.evidence,
      message: {
        en: `Possible exfiltration: ${who} sent ${formatBytes(p.bytesOut)} to ${p.dst}, where it sends a median ${formatBytes(baseline)} to each of its ${destinations} destinations.`,
        ja: `データ持ち出しの可能性: ${who} が ${p.dst} へ ${formatBytes(p.bytesOut)} を送信 (このホストの宛先 ${destinations} 件の中央値は ${formatBytes(baseline)})。`,
      },
      details: {
        source: p.src,
        destination: p.dst,
        image: p.image,
        bytesOut: p.bytesOut,
        bytesIn: p.bytesIn,
        connections: p.connections,
        baselineMedianBytes: baseline,
        robustZ: Number.isFinite(z) ? z : undefined,
        destinations,
      },
    });
  }

  private subject(p: PairVolume, image: string | undefined, guid: string | undefined): FindingSubject {
    if (image && p.hostKey.startsWith("host|"))
      return { kind: "process", key: guid ?? `${p.host}|${image}`, image };
    return { kind: "flow", src: p.src, dst: p.dst };
  }

  stats(): Readonly<Record<string, number>> {
    return { pairs: this.pairs.size, pairsDropped: this.pairsDropped, connectionsMeasured: this.measured };
  }
}
