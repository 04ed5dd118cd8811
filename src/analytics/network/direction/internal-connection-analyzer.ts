/**
 * Internal-to-internal connections seen by a host (方向性): every Sysmon 3 / EDR connection whose two ends
 * are inside the internal networks, in either direction, grouped per (host, peer, service). It records
 * the direction even where the process is an ordinary system one (the SMB client and server live in
 * `System`; RPC in svchost) — the lateral-movement analyzer judges the suspicious processes; this one
 * states the fact "this host talked to that internal host on SMB", which the incident view needs to show
 * spread, and which the target side of lateral movement (an inbound SMB/RDP/WinRM session) only shows here.
 * Input: events. Output: findings `network.internal-connection` (viewpoint direction, details.direction
 * `internal`), info for system traffic and low otherwise; bounded groups, drops counted.
 */
import type { Event } from "../../../events/event.js";
import type { Analyzer, Finding } from "../../../findings/finding.js";
import { imageName, readConnection } from "../connection.js";
import { DirectionClassifier } from "../direction.js";
import { Evidence } from "../evidence.js";
import { makeNetworkFinding } from "../network-finding.js";
import { DEFAULT_DIRECTION_OPTIONS, type DirectionOptions } from "./direction-options.js";

interface Group {
  readonly host: string;
  readonly local: string;
  readonly peer: string;
  readonly service: string;
  readonly inbound: boolean;
  readonly technique: string | undefined;
  readonly images: Set<string>;
  readonly evidence: Evidence;
  system: boolean;
}

const MAX_GROUPS = 20_000;

export class InternalConnectionAnalyzer implements Analyzer {
  readonly name = "network.internal-connection";
  private readonly options: DirectionOptions;
  private readonly directions: DirectionClassifier;
  private readonly services: ReadonlyMap<number, { name: string; technique: string }>;
  private readonly system: ReadonlySet<string>;
  private readonly groups = new Map<string, Group>();
  private dropped = 0;

  constructor(options: Partial<DirectionOptions> = {}) {
    this.options = { ...DEFAULT_DIRECTION_OPTIONS, ...options };
    this.directions = new DirectionClassifier(this.options.internalNetworks);
    this.services = new Map(
      this.options.adminServices.map((s) => [s.port, { name: s.name, technique: s.technique }]),
    );
    this.system = new Set(this.options.systemImages.map((s) => s.toLowerCase()));
  }

  observe(event: Event): void {
    const c = readConnection(event);
    if (!c || (c.source !== "sysmon" && c.source !== "edr")) return;
    if (c.srcIp === c.dstIp || this.directions.classify(c.srcIp, c.dstIp) !== "internal") return;
    if (isLoopback(c.srcIp) || isLoopback(c.dstIp)) return;
    const inbound = c.initiated === false;
    // Sysmon writes the initiator as the source: for an inbound connection the peer is the source.
    const peer = inbound ? c.srcIp : c.dstIp;
    const local = inbound ? c.dstIp : c.srcIp;
    const svc = c.dstPort !== undefined ? this.services.get(c.dstPort) : undefined;
    const service =
      svc?.name ??
      (c.dstPort !== undefined && c.dstPort >= 49152 ? "dynamic RPC/high port" : `port ${c.dstPort ?? "?"}`);
    const key = `${c.host.toLowerCase()}|${peer}|${service}|${inbound ? "in" : "out"}`;
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= MAX_GROUPS) {
        this.dropped++;
        return;
      }
      g = {
        host: c.host,
        local,
        peer,
        service,
        inbound,
        technique: svc?.technique,
        images: new Set(),
        evidence: new Evidence(),
        system: true,
      };
      this.groups.set(key, g);
    }
    const image = c.image ? imageName(c.image) : undefined;
    if (image !== undefined && g.images.size < 10) g.images.add(image);
    if (image === undefined || !this.system.has(image)) g.system = false;
    g.evidence.add(event);
  }

  finish(): Finding[] {
    const out: Finding[] = [];
    for (const [key, g] of this.groups) {
      const n = g.evidence.count;
      const images = [...g.images].sort().join(", ") || "an unknown process";
      const arrow = g.inbound ? `${g.peer} → ${g.host} (${g.local})` : `${g.host} (${g.local}) → ${g.peer}`;
      out.push(
        makeNetworkFinding({
          detector: "network.internal-connection",
          key,
          viewpoint: "direction",
          severity: g.system ? "info" : "low",
          confidence: 0.3,
          stage: g.technique ? "lateral_movement" : undefined,
          attack: g.technique ? [g.technique] : [],
          host: g.host,
          subject: { kind: "flow", src: g.inbound ? g.peer : g.local, dst: g.inbound ? g.local : g.peer },
          evidence: g.evidence,
          message: {
            en: `Internal ${g.inbound ? "inbound" : "outbound"} ${g.service} connection${n === 1 ? "" : "s"} ${arrow} by ${images} (${n}).`,
            ja: `内部${g.inbound ? "からの受信" : "への送信"}接続 (${g.service}): ${arrow}、プロセス ${images}、${n} 件。`,
          },
          details: {
            direction: "internal",
            inbound: g.inbound,
            peer: g.peer,
            service: g.service,
            count: n,
            images,
          },
        }),
      );
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  stats(): Readonly<Record<string, number>> {
    return { groups: this.groups.size, groupsDropped: this.dropped };
  }
}

function isLoopback(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1";
}
