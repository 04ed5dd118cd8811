/**
 * The findings of the frequency module: beacon (頻度, C&C), strobe (頻度) and long connection
 * (期間), with their Japanese and English sentences and the figures behind them.
 * Input: a scored pair. Output: a Finding.
 */
import type { Finding, FindingSubject } from "../../../findings/finding.js";
import type { Severity } from "../../../findings/severity.js";
import { formatSeconds, makeNetworkFinding, round3 } from "../network-finding.js";
import type { StatisticalScore, ThreatCategory } from "./beacon-score.js";
import type { BeaconKind } from "./frequency-options.js";
import type { PairState } from "./pair-table.js";

/** The best window of a pair and its scores. */
export interface BeaconResult {
  readonly score: number;
  readonly category: ThreatCategory;
  readonly timestamp: StatisticalScore;
  readonly dataSize: StatisticalScore | undefined;
  readonly histogram: number;
  readonly duration: number;
  readonly connections: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly first: number;
  readonly last: number;
}

/** What else is known about the pair when it is reported. */
export interface PairContext {
  /** The process a Zeek pair was attributed to through Sysmon 3 */
  readonly attributedImage?: string;
  readonly attributedHost?: string;
}

const ATTACK: Readonly<Record<BeaconKind, readonly string[]>> = {
  ip: ["T1071"],
  sni: ["T1071.001"],
  dns: ["T1071.004"],
  process: ["T1071"],
};

const KIND_EN: Readonly<Record<BeaconKind, string>> = {
  ip: "connections",
  sni: "HTTP/TLS sessions",
  dns: "DNS queries",
  process: "connections",
};

const KIND_JA: Readonly<Record<BeaconKind, string>> = {
  ip: "接続",
  sni: "HTTP/TLS セッション",
  dns: "DNS 問い合わせ",
  process: "接続",
};

function severityOf(category: ThreatCategory): Severity {
  return category === "none" ? "info" : category;
}

function isoSeconds(s: number): string {
  return new Date(s * 1000).toISOString();
}

/** Who talks to whom, for messages: `chrome.exe on WS-1 → 1.2.3.4`, `10.0.0.5 → evil.example`. */
function pairLabel(p: PairState): string {
  return p.kind === "process" ? `${p.image ?? "?"} on ${p.host} → ${p.dst}` : `${p.src} → ${p.dst}`;
}

function pairLabelJa(p: PairState): string {
  return p.kind === "process" ? `${p.host} の ${p.image ?? "?"} → ${p.dst}` : `${p.src} → ${p.dst}`;
}

/** The subject of a pair's findings: the process for process pairs, else the flow. */
export function pairSubject(p: PairState): FindingSubject {
  if (p.kind === "process")
    return { kind: "process", key: p.processGuid ?? `${p.host}|${p.image ?? ""}`, image: p.image };
  const port = p.ports.size === 1 ? [...p.ports][0] : undefined;
  return { kind: "flow", src: p.src, dst: p.dst, port };
}

function common(p: PairState, ctx: PairContext): Record<string, string | number | undefined> {
  return {
    pairKind: p.kind,
    source: p.src,
    destination: p.dst,
    image: p.image ?? ctx.attributedImage,
    attributedHost: ctx.attributedHost,
    ports: p.ports.size > 0 ? [...p.ports].sort((a, b) => a - b).join(",") : undefined,
    addresses: p.kind === "sni" || p.kind === "dns" ? [...p.addresses].sort().join(",") : undefined,
    proxiedRequests: p.proxied > 0 ? p.proxied : undefined,
  };
}

/** A beacon finding (RITA score ≥ the reporting category). */
export function beaconFinding(p: PairState, r: BeaconResult, ctx: PairContext): Finding {
  const interval = r.timestamp.median;
  const span = r.last - r.first;
  const via = p.proxied > 0 && p.addresses.size > 0 ? ` via proxy ${[...p.addresses].sort().join(", ")}` : "";
  const viaJa =
    p.proxied > 0 && p.addresses.size > 0 ? ` (プロキシ ${[...p.addresses].sort().join(", ")} 経由)` : "";
  const who = ctx.attributedImage ? ` (process ${ctx.attributedImage})` : "";
  const whoJa = ctx.attributedImage ? ` (プロセス ${ctx.attributedImage})` : "";
  return makeNetworkFinding({
    detector: "network.beacon",
    key: `${p.kind}:${p.key}`,
    viewpoint: "frequency",
    severity: severityOf(r.category),
    confidence: r.score,
    stage: "command_and_control",
    attack: ATTACK[p.kind],
    host: p.host,
    subject: pairSubject(p),
    evidence: p.evidence,
    message: {
      en:
        `Beacon: ${pairLabel(p)}${via}${who} — ${r.connections} ${KIND_EN[p.kind]} at a regular interval ` +
        `(median ${formatSeconds(interval)}) over ${formatSeconds(span)}; RITA beacon score ${round3(r.score)} (${r.category}).`,
      ja:
        `ビーコン: ${pairLabelJa(p)}${viaJa}${whoJa} — ${formatSeconds(span)} にわたり ${r.connections} 回の${KIND_JA[p.kind]}が` +
        `一定間隔 (中央値 ${formatSeconds(interval)}) で発生。RITA ビーコンスコア ${round3(r.score)} (${r.category})。`,
    },
    details: {
      ...common(p, ctx),
      score: r.score,
      category: r.category,
      timestampScore: r.timestamp.score,
      dataSizeScore: r.dataSize?.score,
      histogramScore: r.histogram,
      durationScore: r.duration,
      connections: r.connections,
      intervalMedianSeconds: interval,
      intervalMadSeconds: r.timestamp.mad,
      intervalSkew: r.timestamp.skew,
      bytesMedian: r.dataSize?.median,
      bytesMad: r.dataSize?.mad,
      windowStart: isoSeconds(r.windowStart),
      windowEnd: isoSeconds(r.windowEnd),
    },
  });
}

/** A strobe: so many connections in one window that it is not a human or a normal program pattern. */
export function strobeFinding(
  p: PairState,
  connections: number,
  windowHours: number,
  ctx: PairContext,
): Finding {
  return makeNetworkFinding({
    detector: "network.strobe",
    key: `${p.kind}:${p.key}`,
    viewpoint: "frequency",
    severity: "medium",
    confidence: 0.5,
    stage: "command_and_control",
    attack: ATTACK[p.kind],
    host: p.host,
    subject: pairSubject(p),
    evidence: p.evidence,
    message: {
      en: `Strobe: ${pairLabel(p)} — ${connections} ${KIND_EN[p.kind]} within ${windowHours} h (at least one per second on average).`,
      ja: `ストローブ: ${pairLabelJa(p)} — ${windowHours} 時間に ${connections} 回の${KIND_JA[p.kind]} (平均で毎秒 1 回以上)。`,
    },
    details: { ...common(p, ctx), connections, windowHours },
  });
}

/** A long connection: the pair's connections add up to hours (or one is still open for hours). */
export function longConnectionFinding(
  p: PairState,
  totalSeconds: number,
  category: ThreatCategory,
  bucketed: number,
  ctx: PairContext,
): Finding {
  return makeNetworkFinding({
    detector: "network.long-connection",
    key: `${p.kind}:${p.key}`,
    viewpoint: "duration",
    severity: category === "none" ? "low" : category,
    confidence: Math.max(0.2, bucketed),
    stage: "command_and_control",
    attack: ["T1071"],
    host: p.host,
    subject: pairSubject(p),
    evidence: p.evidence,
    message: {
      en: `Long connection: ${pairLabel(p)} — connected for ${formatSeconds(totalSeconds)} in total (longest single connection ${formatSeconds(p.longest)}).`,
      ja: `長時間接続: ${pairLabelJa(p)} — 合計 ${formatSeconds(totalSeconds)} 接続 (最長の 1 接続 ${formatSeconds(p.longest)})。`,
    },
    details: {
      ...common(p, ctx),
      totalSeconds,
      longestSeconds: p.longest,
      openConnections: p.open.size,
      connections: p.count,
      category,
    },
  });
}
