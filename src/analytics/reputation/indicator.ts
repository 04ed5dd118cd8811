/**
 * What the reputation viewpoint says about one matched value, whichever source said it: the intel
 * store (a threat-intel indicator: malicious or suspicious by its decayed confidence), the allow-list
 * (known good: benign) or an online service. The findings are written from this one shape.
 * Input: an `IntelMatch` or an `AllowEntry`. Output: an `Indicator` with its verdict and 0..1 confidence.
 */
import type { AllowEntry } from "../../intel/allow-list.js";
import { hexHashType } from "../../intel/intel-indicator.js";
import type { IntelMatch, IntelMatchKind } from "../../intel/intel-store.js";

/** The verdicts, strongest first. */
export const VERDICTS = ["malicious", "suspicious", "benign"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Where a verdict comes from. */
export const INDICATOR_ORIGINS = ["intel-store", "allow-list"] as const;
export type IndicatorOrigin = (typeof INDICATOR_ORIGINS)[number];

/** How a value matched: the store's kinds, or an allow-list path pattern (`*`). */
export type MatchKind = IntelMatchKind | "pattern";

/** A matched indicator as the findings see it. */
export interface Indicator {
  /** The store type (`sha256`, `ipv4`, `cidr`, `domain` …) or the allow-list kind (`path`, `signer`, `destination`, or the hash type) */
  readonly type: string;
  /** The listed value (canonical) */
  readonly value: string;
  readonly verdict: Verdict;
  readonly from: IndicatorOrigin;
  /** Feeds or analysts that listed it, comma-separated ("" when unknown) */
  readonly source: string;
  readonly tags: readonly string[];
  /** 0..1: the intel confidence (0..100, decayed) / 100; undefined for allow-list entries */
  readonly confidence?: number;
  /** The allow-list reason, or the store's malware family / threat */
  readonly note?: string;
  /** Where it was defined: `file:line`, or the allow-list author */
  readonly origin: string;
}

/**
 * A store match → an indicator: `malicious` when its decayed confidence (0..100) divided by 100 is at
 * least `maliciousThreshold`, else `suspicious`.
 */
export function indicatorOfIntel(m: IntelMatch, maliciousThreshold: number): Indicator {
  const i = m.indicator;
  const confidence = m.state.confidence / 100;
  const note = [i.family, i.threat].filter((x) => x !== undefined).join(" / ");
  return {
    type: i.type,
    value: i.value,
    verdict: confidence >= maliciousThreshold ? "malicious" : "suspicious",
    from: "intel-store",
    source: i.sources.join(","),
    tags: i.tags,
    confidence,
    ...(note !== "" && { note }),
    origin: i.origin ?? "",
  };
}

/** An allow-list entry → a benign indicator (a hash entry's type is its hash type). */
export function indicatorOfAllowEntry(e: AllowEntry): Indicator {
  const scope = e.scope === "global" ? "" : ` [${e.scope} ${e.scopeValue ?? ""}]`;
  return {
    type: e.kind === "hash" ? (hexHashType(e.value) ?? "hash") : e.kind,
    value: e.value,
    verdict: "benign",
    from: "allow-list",
    source: e.author,
    tags: [],
    note: `${e.reason}${scope}`,
    origin: `allow-list: ${e.author}${e.added ? ` ${e.added}` : ""}`,
  };
}
