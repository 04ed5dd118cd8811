/**
 * Direction of remote logons (方向性): Windows logon events carry the address the logon came from, and the
 * host logged on to is the event's own computer. Internal-to-internal network and RDP logons are
 * lateral-movement candidates (横への展開); logons from outside the internal networks are inbound exposure.
 * Sources: Security 4624 (success), 4625 (failure), 4648 (explicit credentials, with `IpAddress`),
 * 5140/5145 (share access), TerminalServices-RemoteConnectionManager 1149, LocalSessionManager 21/24/25 and
 * RdpCoreTS 131 (`ClientIP`).
 * Input: events. Output: findings `network.logon-direction` (viewpoint direction, `details.direction`
 * internal | inbound), one per (host, source address, kind), bounded; drops counted in `stats()`.
 */
import type { Event } from "../../../events/event.js";
import { fieldToString } from "../../../events/field-value.js";
import type { Analyzer, Finding } from "../../../findings/finding.js";
import type { Severity } from "../../../findings/severity.js";
import { DEFAULT_INTERNAL_NETWORKS, DirectionClassifier } from "../direction.js";
import { Evidence } from "../evidence.js";
import { makeNetworkFinding } from "../network-finding.js";

export interface LogonDirectionOptions {
  /** CIDR blocks counted as internal */
  readonly internalNetworks: readonly string[];
  /** Failed logons from one source to one host at or above this count are reported as guessing (high) */
  readonly failureBurst: number;
  /** Cap on (host, source, kind) groups tracked */
  readonly maxGroups: number;
}

export const DEFAULT_LOGON_DIRECTION_OPTIONS: LogonDirectionOptions = {
  internalNetworks: DEFAULT_INTERNAL_NETWORKS,
  failureBurst: 10,
  maxGroups: 20_000,
};

/** What kind of remote access an event records. */
export const LOGON_KINDS = ["network", "rdp", "explicit", "share", "failed"] as const;
export type LogonKind = (typeof LOGON_KINDS)[number];

const LOCAL = new Set(["", "-", "::1", "127.0.0.1", "localhost", "local"]);

interface Group {
  readonly host: string;
  readonly src: string;
  readonly kind: LogonKind;
  readonly direction: "internal" | "inbound";
  readonly users: Set<string>;
  readonly evidence: Evidence;
}

/** The remote source address and kind of a logon event, or undefined for anything else. */
export function remoteLogonOf(event: Event): { src: string; kind: LogonKind; user: string } | undefined {
  if (event.kind !== "windows") return undefined;
  const f = event.fields;
  const id = event.identity.eventId;
  const channel = event.identity.channel;
  const user = fieldToString(f["TargetUserName"] ?? f["User"] ?? f["Param1"] ?? "");
  let src: string;
  let kind: LogonKind;
  if (channel === "Security") {
    src = fieldToString(f["IpAddress"]);
    if (id === 4624) {
      const type = Number(fieldToString(f["LogonType"]));
      if (type === 10) kind = "rdp";
      else if (type === 3) kind = "network";
      else return undefined;
    } else if (id === 4625) kind = "failed";
    else if (id === 4648) kind = "explicit";
    else if (id === 5140 || id === 5145) kind = "share";
    else return undefined;
  } else if (channel === "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational" && id === 131) {
    // "The server accepted a new TCP connection from client 10.0.2.16:49879"
    src = fieldToString(f["ClientIP"])
      .replace(/:\d+$/, "")
      .replace(/^\[|\]$/g, "");
    kind = "rdp";
  } else if (
    channel === "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational" &&
    id === 1149
  ) {
    src = fieldToString(f["Param3"]);
    kind = "rdp";
  } else if (
    channel === "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational" &&
    (id === 21 || id === 24 || id === 25)
  ) {
    src = fieldToString(f["Address"]);
    kind = "rdp";
  } else return undefined;
  src = src.trim().replace(/^::ffff:/i, "");
  if (LOCAL.has(src.toLowerCase())) return undefined;
  return { src, kind, user };
}

export class LogonDirectionAnalyzer implements Analyzer {
  readonly name = "network.logon-direction";
  private readonly options: LogonDirectionOptions;
  private readonly directions: DirectionClassifier;
  private readonly groups = new Map<string, Group>();
  private dropped = 0;
  private notAddress = 0;

  constructor(options: Partial<LogonDirectionOptions> = {}) {
    this.options = { ...DEFAULT_LOGON_DIRECTION_OPTIONS, ...options };
    this.directions = new DirectionClassifier(this.options.internalNetworks);
  }

  observe(event: Event): void {
    const logon = remoteLogonOf(event);
    if (!logon) return;
    const internal = this.directions.isInternal(logon.src);
    if (internal === undefined) {
      this.notAddress++;
      return;
    }
    const key = `${event.host.toLowerCase()}|${logon.src}|${logon.kind}`;
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.options.maxGroups) {
        this.dropped++;
        return;
      }
      g = {
        host: event.host,
        src: logon.src,
        kind: logon.kind,
        direction: internal ? "internal" : "inbound",
        users: new Set(),
        evidence: new Evidence(),
      };
      this.groups.set(key, g);
    }
    if (logon.user && g.users.size < 20) g.users.add(logon.user);
    g.evidence.add(event);
  }

  finish(): Finding[] {
    const out: Finding[] = [];
    for (const [key, g] of this.groups) out.push(this.finding(key, g));
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private finding(key: string, g: Group): Finding {
    const n = g.evidence.count;
    const guessing = g.kind === "failed" && n >= this.options.failureBurst;
    const internal = g.direction === "internal";
    let severity: Severity;
    if (guessing) severity = "high";
    else if (!internal) severity = g.kind === "failed" ? "medium" : "high";
    else if (g.kind === "rdp" || g.kind === "explicit") severity = "medium";
    else severity = "low"; // an internal network logon or share access is everyday Windows traffic
    const users = [...g.users].sort();
    const who = users.length > 0 ? ` as ${users.slice(0, 3).join(", ")}${users.length > 3 ? ", …" : ""}` : "";
    const whoJa =
      users.length > 0
        ? ` (アカウント: ${users.slice(0, 3).join(", ")}${users.length > 3 ? ", …" : ""})`
        : "";
    const kindEn: Record<LogonKind, string> = {
      network: "network logon",
      rdp: "RDP logon",
      explicit: "logon with explicit credentials",
      share: "file-share access",
      failed: "failed logon",
    };
    const kindJa: Record<LogonKind, string> = {
      network: "ネットワークログオン",
      rdp: "RDP ログオン",
      explicit: "明示的な資格情報でのログオン",
      share: "ファイル共有へのアクセス",
      failed: "ログオン失敗",
    };
    const dirEn = internal ? "from the internal address" : "from the external address";
    const dirJa = internal ? "内部アドレス" : "外部アドレス";
    const attack = guessing
      ? ["T1110"]
      : g.kind === "rdp"
        ? ["T1021.001"]
        : g.kind === "share"
          ? ["T1021.002"]
          : ["T1078"];
    return makeNetworkFinding({
      detector: "network.logon-direction",
      key,
      viewpoint: "direction",
      severity,
      confidence: guessing ? 0.8 : internal ? 0.4 : 0.7,
      stage: internal ? "lateral_movement" : "exploitation",
      attack,
      host: g.host,
      subject: { kind: "address", address: g.src },
      evidence: g.evidence,
      message: {
        en: `${n} ${kindEn[g.kind]}${n === 1 ? "" : "s"} on ${g.host} ${dirEn} ${g.src}${who}${
          guessing
            ? ": password guessing"
            : internal
              ? ": possible lateral movement"
              : ": inbound access from outside"
        }.`,
        ja: `${g.host} への${dirJa} ${g.src} からの${kindJa[g.kind]}が ${n} 件${whoJa}${
          guessing ? ": パスワード推測の疑い" : internal ? ": 横展開の可能性" : ": 外部からの侵入の可能性"
        }。`,
      },
      details: { direction: g.direction, source: g.src, kind: g.kind, count: n, users: users.join(",") },
    });
  }

  stats(): Readonly<Record<string, number>> {
    return { groups: this.groups.size, groupsDropped: this.dropped, sourceNotAnAddress: this.notAddress };
  }
}
