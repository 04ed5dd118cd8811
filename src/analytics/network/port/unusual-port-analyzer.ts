/**
 * Unusual destination ports (ポート): connections (towards the Internet by default) to a port outside
 * the common service ports, by a process that is not expected to use arbitrary ports (Sysmon 3 /
 * EDR: per host and process image) or by an address (Zeek). A port that several processes on the
 * host (or several sources in the capture) use is normal here and not reported.
 * Input: events. Output: findings `network.unusual-port` (low severity; T1571 Non-Standard Port),
 * one per process or source, listing its unusual ports. Bounded: tracked keys; drops counted.
 */
import type { Event } from "../../../events/event.js";
import type { Analyzer, Finding, FindingSubject } from "../../../findings/finding.js";
import { type Connection, imageName, readConnection } from "../connection.js";
import { type Direction, DirectionClassifier } from "../direction.js";
import { Evidence } from "../evidence.js";
import { makeNetworkFinding } from "../network-finding.js";
import { DEFAULT_PORT_OPTIONS, type PortOptions } from "./port-options.js";

interface PortUse {
  readonly portKey: string;
  attempts: number;
  readonly destinations: Set<string>;
}

interface UnusualSource {
  readonly key: string;
  /** Scope in which "used by several" is judged: the host (Sysmon) or the capture (Zeek) */
  readonly scope: string;
  /** Who counts as one user of a port in that scope: the image, or the source address */
  readonly user: string;
  readonly src: string;
  readonly host: string;
  readonly image?: string;
  processGuid?: string;
  readonly ports: Map<string, PortUse>;
  readonly evidence: Evidence;
}

/** Destinations remembered per (source, port). */
const MAX_DESTINATIONS = 20;
/** Ports remembered per source. */
const MAX_PORTS = 64;

export class UnusualPortAnalyzer implements Analyzer {
  readonly name = "network.unusual-port";
  private readonly options: PortOptions;
  private readonly directions: DirectionClassifier;
  private readonly common: ReadonlySet<number>;
  private readonly anyPort: ReadonlySet<string>;
  private readonly wanted: ReadonlySet<Direction>;
  private readonly sources = new Map<string, UnusualSource>();
  /** `${scope}|${portKey}` → users (capped at unusualMaxUsers) */
  private readonly users = new Map<string, Set<string>>();
  private dropped = 0;

  constructor(options: Partial<PortOptions> = {}) {
    this.options = { ...DEFAULT_PORT_OPTIONS, ...options };
    this.directions = new DirectionClassifier(this.options.internalNetworks);
    this.common = new Set(this.options.commonPorts);
    this.anyPort = new Set(this.options.anyPortImages.map((i) => i.toLowerCase()));
    this.wanted = new Set(this.options.unusualDirections);
  }

  observe(event: Event): void {
    const c = readConnection(event);
    if (!c || c.initiated === false || c.dstPort === undefined) return;
    if (c.source !== "zeek-conn" && c.source !== "sysmon" && c.source !== "edr") return;
    if (c.protocol !== undefined && c.protocol !== "tcp" && c.protocol !== "udp") return;
    if (this.common.has(c.dstPort)) return;
    if (!this.wanted.has(this.directions.classify(c.srcIp, c.dstIp))) return;
    const zeek = c.source === "zeek-conn";
    const image = c.image ? imageName(c.image) : undefined;
    if (!zeek && image !== undefined && this.anyPort.has(image)) return;
    const portKey = c.protocol ? `${c.dstPort}/${c.protocol}` : String(c.dstPort);
    const s = this.sourceFor(c, zeek, image);
    if (!s) return;
    this.noteUser(s, portKey);
    let use = s.ports.get(portKey);
    if (!use) {
      if (s.ports.size >= MAX_PORTS) {
        this.dropped++;
        return;
      }
      use = { portKey, attempts: 0, destinations: new Set() };
      s.ports.set(portKey, use);
    }
    use.attempts++;
    if (use.destinations.size < MAX_DESTINATIONS) use.destinations.add(c.dstIp);
    if (c.processGuid) s.processGuid = c.processGuid;
    s.evidence.add(event);
  }

  private sourceFor(c: Connection, zeek: boolean, image: string | undefined): UnusualSource | undefined {
    const key = zeek ? `ip|${c.srcIp}` : `proc|${c.host}|${image ?? "?"}`;
    const hit = this.sources.get(key);
    if (hit) return hit;
    if (this.sources.size >= this.options.maxUnusualKeys) {
      this.dropped++;
      return undefined;
    }
    const s: UnusualSource = {
      key,
      scope: zeek ? "zeek" : `host:${c.host}`,
      user: zeek ? c.srcIp : (image ?? "?"),
      src: c.srcIp,
      host: zeek ? c.srcIp : c.host,
      image,
      ports: new Map(),
      evidence: new Evidence(),
    };
    this.sources.set(key, s);
    return s;
  }

  private noteUser(s: UnusualSource, portKey: string): void {
    const key = `${s.scope}|${portKey}`;
    let u = this.users.get(key);
    if (!u) {
      if (this.users.size >= this.options.maxUnusualKeys) return;
      u = new Set();
      this.users.set(key, u);
    }
    if (u.size < this.options.unusualMaxUsers) u.add(s.user);
  }

  finish(): Finding[] {
    const findings: Finding[] = [];
    for (const s of this.sources.values()) {
      const unusual = [...s.ports.values()].filter(
        (p) => (this.users.get(`${s.scope}|${p.portKey}`)?.size ?? 0) < this.options.unusualMaxUsers,
      );
      if (unusual.length > 0) findings.push(this.finding(s, unusual));
    }
    findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return findings;
  }

  private finding(s: UnusualSource, ports: PortUse[]): Finding {
    ports.sort((a, b) => b.attempts - a.attempts || (a.portKey < b.portKey ? -1 : 1));
    const list = ports
      .slice(0, 5)
      .map((p) => `${p.portKey} (${p.attempts}× to ${[...p.destinations].slice(0, 3).join(", ")})`)
      .join("; ");
    const listJa = ports
      .slice(0, 5)
      .map((p) => `${p.portKey} (${[...p.destinations].slice(0, 3).join(", ")} へ ${p.attempts} 回)`)
      .join("、");
    const who = s.image ? `${s.image} on ${s.host}` : s.src;
    const whoJa = s.image ? `${s.host} の ${s.image}` : s.src;
    const subject: FindingSubject = s.image
      ? { kind: "process", key: s.processGuid ?? `${s.host}|${s.image}`, image: s.image }
      : { kind: "address", address: s.src };
    return makeNetworkFinding({
      detector: "network.unusual-port",
      key: s.key,
      viewpoint: "port",
      severity: "low",
      confidence: 0.3,
      stage: "command_and_control",
      attack: ["T1571"],
      host: s.host,
      subject,
      evidence: s.evidence,
      message: {
        en: `Unusual destination port${ports.length > 1 ? "s" : ""}: ${who} → ${list}.`,
        ja: `通常と異なる宛先ポート: ${whoJa} → ${listJa}。`,
      },
      details: {
        source: s.src,
        image: s.image,
        ports: ports.map((p) => p.portKey).join(","),
        destinations: [...new Set(ports.flatMap((p) => [...p.destinations]))].slice(0, 20).join(","),
        connections: ports.reduce((n, p) => n + p.attempts, 0),
      },
    });
  }

  stats(): Readonly<Record<string, number>> {
    return { sources: this.sources.size, portUsers: this.users.size, dropped: this.dropped };
  }
}
