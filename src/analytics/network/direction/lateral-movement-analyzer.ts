/**
 * Lateral-movement candidates (方向性 → 横への展開): internal-to-internal connections to remote
 * administration services (SMB, RDP, WinRM, RPC, SSH, VNC). From Sysmon 3 / EDR: any process
 * other than the usual system ones (System, svchost, lsass …). From Zeek (no process known): a
 * source reaching several internal hosts on such ports, shared servers (reached by many sources:
 * domain controllers, file servers) not counted.
 * Input: events. Output: findings `network.lateral-movement` (stage lateral_movement, T1021.*).
 * Bounded: sources, targets per source, sources per destination; drops counted in `stats()`.
 */
import type { Event } from "../../../events/event.js";
import type { Analyzer, Finding, FindingSubject } from "../../../findings/finding.js";
import { attemptAnswered } from "../conn-state.js";
import { type Connection, imageName, readConnection } from "../connection.js";
import { DirectionClassifier } from "../direction.js";
import { Evidence } from "../evidence.js";
import { makeNetworkFinding } from "../network-finding.js";
import { type AdminService, DEFAULT_DIRECTION_OPTIONS, type DirectionOptions } from "./direction-options.js";

interface LateralSource {
  readonly key: string;
  readonly src: string;
  readonly host: string;
  readonly image?: string;
  processGuid?: string;
  /** target → services tried on it */
  readonly targets: Map<string, Set<string>>;
  readonly answered: Set<string>;
  readonly techniques: Set<string>;
  readonly evidence: Evidence;
  attempts: number;
  targetsDropped: number;
}

export class LateralMovementAnalyzer implements Analyzer {
  readonly name = "network.direction";
  private readonly options: DirectionOptions;
  private readonly directions: DirectionClassifier;
  private readonly services: ReadonlyMap<number, AdminService>;
  private readonly system: ReadonlySet<string>;
  private readonly sources = new Map<string, LateralSource>();
  /** Zeek: destination → sources that reached it on admin ports (capped at the shared-server count) */
  private readonly reachedBy = new Map<string, Set<string>>();
  private sourcesDropped = 0;
  private serversDropped = 0;
  private systemSkipped = 0;

  constructor(options: Partial<DirectionOptions> = {}) {
    this.options = { ...DEFAULT_DIRECTION_OPTIONS, ...options };
    this.directions = new DirectionClassifier(this.options.internalNetworks);
    this.services = new Map(this.options.adminServices.map((s) => [s.port, s]));
    this.system = new Set(this.options.systemImages.map((s) => s.toLowerCase()));
  }

  observe(event: Event): void {
    const c = readConnection(event);
    if (!c || c.initiated === false || c.dstPort === undefined) return;
    if (c.source !== "zeek-conn" && c.source !== "sysmon" && c.source !== "edr") return;
    if (c.protocol !== undefined && c.protocol !== "tcp") return;
    const service = this.services.get(c.dstPort);
    if (!service || this.directions.classify(c.srcIp, c.dstIp) !== "internal") return;
    if (c.srcIp === c.dstIp) return;
    const zeek = c.source === "zeek-conn";
    const image = c.image ? imageName(c.image) : undefined;
    if (!zeek && image !== undefined && this.system.has(image)) {
      this.systemSkipped++;
      return;
    }
    if (zeek) this.noteReached(c);
    const s = this.sourceFor(c, zeek, image);
    if (!s) return;
    s.attempts++;
    s.evidence.add(event);
    s.techniques.add(service.technique);
    if (c.processGuid) s.processGuid = c.processGuid;
    let t = s.targets.get(c.dstIp);
    if (!t) {
      if (s.targets.size >= this.options.maxTargetsPerSource) {
        s.targetsDropped++;
        return;
      }
      t = new Set();
      s.targets.set(c.dstIp, t);
    }
    t.add(service.name);
    if (attemptAnswered(c)) s.answered.add(c.dstIp);
  }

  private noteReached(c: Connection): void {
    let by = this.reachedBy.get(c.dstIp);
    if (!by) {
      if (this.reachedBy.size >= this.options.maxLateralSources) {
        this.serversDropped++;
        return;
      }
      by = new Set();
      this.reachedBy.set(c.dstIp, by);
    }
    if (by.size < this.options.sharedServerMinSources) by.add(c.srcIp);
  }

  private sourceFor(c: Connection, zeek: boolean, image: string | undefined): LateralSource | undefined {
    const key = zeek ? `ip|${c.srcIp}` : `proc|${c.host}|${image ?? "?"}`;
    const hit = this.sources.get(key);
    if (hit) return hit;
    if (this.sources.size >= this.options.maxLateralSources) {
      this.sourcesDropped++;
      return undefined;
    }
    const s: LateralSource = {
      key,
      src: c.srcIp,
      host: zeek ? c.srcIp : c.host,
      image,
      targets: new Map(),
      answered: new Set(),
      techniques: new Set(),
      evidence: new Evidence(),
      attempts: 0,
      targetsDropped: 0,
    };
    this.sources.set(key, s);
    return s;
  }

  private isSharedServer(dst: string): boolean {
    return (this.reachedBy.get(dst)?.size ?? 0) >= this.options.sharedServerMinSources;
  }

  finish(): Finding[] {
    const findings: Finding[] = [];
    for (const s of this.sources.values()) {
      const zeek = s.image === undefined && s.key.startsWith("ip|");
      const targets = [...s.targets.keys()].filter((t) => !zeek || !this.isSharedServer(t)).sort();
      if (targets.length === 0 || (zeek && targets.length < this.options.zeekMinTargets)) continue;
      findings.push(this.finding(s, targets, zeek));
    }
    findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return findings;
  }

  private finding(s: LateralSource, targets: string[], zeek: boolean): Finding {
    const o = this.options;
    const services = new Set<string>();
    for (const t of targets) for (const name of s.targets.get(t) ?? []) services.add(name);
    const serviceList = [...services].sort().join(", ");
    const answered = targets.filter((t) => s.answered.has(t));
    const count = targets.length + s.targetsDropped;
    const who = s.image ? `${s.image} on ${s.host} (${s.src})` : s.src;
    const whoJa = s.image ? `${s.host} の ${s.image} (${s.src})` : s.src;
    const listed = targets.slice(0, 5).join(", ") + (targets.length > 5 ? ", …" : "");
    const answeredEn = zeek
      ? `; ${answered.length} answered${answered.length > 0 ? ` (${answered.slice(0, 5).join(", ")})` : ""}`
      : "";
    const answeredJa = zeek
      ? `。応答したホスト ${answered.length} 台${answered.length > 0 ? ` (${answered.slice(0, 5).join(", ")})` : ""}`
      : "";
    const subject: FindingSubject = s.image
      ? { kind: "process", key: s.processGuid ?? `${s.host}|${s.image}`, image: s.image }
      : { kind: "address", address: s.src };
    const strong = count >= 3 || answered.length > 0;
    return makeNetworkFinding({
      detector: "network.lateral-movement",
      key: s.key,
      viewpoint: "direction",
      severity: strong ? "high" : "medium",
      confidence: s.image ? (strong ? 0.8 : 0.6) : strong ? 0.7 : 0.5,
      stage: "lateral_movement",
      attack: [...s.techniques].sort(),
      host: s.host,
      subject,
      evidence: s.evidence,
      message: {
        en: `Lateral-movement candidate: ${who} connected to ${serviceList} on ${count} internal host${count === 1 ? "" : "s"} (${listed})${answeredEn}.`,
        ja: `横展開の候補: ${whoJa} が内部ホスト ${count} 台 (${listed}) の ${serviceList} に接続${answeredJa}。`,
      },
      details: {
        source: s.src,
        image: s.image,
        services: serviceList,
        targetCount: count,
        targets: targets.slice(0, o.maxListed).join(","),
        answeredTargets: zeek ? answered.slice(0, o.maxListed).join(",") : undefined,
        answeredCount: zeek ? answered.length : undefined,
        attempts: s.attempts,
      },
    });
  }

  stats(): Readonly<Record<string, number>> {
    return {
      sources: this.sources.size,
      sourcesDropped: this.sourcesDropped,
      serversTracked: this.reachedBy.size,
      serversDropped: this.serversDropped,
      systemProcessSkipped: this.systemSkipped,
    };
  }
}
