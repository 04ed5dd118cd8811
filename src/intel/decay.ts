/**
 * Expiry and confidence decay per indicator type. Infrastructure changes hands (addresses are
 * reassigned, domains re-registered, URLs cleaned up), so their confidence halves every `halfLifeDays`
 * from the last time a feed saw them, and they expire `maxAgeDays` after it; a file hash never changes
 * meaning, so it does not decay (an imphash, shared by rebuilt samples and sometimes by benign
 * software, decays slowly). An explicit `expires` always wins. The age is counted from `lastSeen`,
 * else `firstSeen`, else the import time.
 * Input: an indicator and "now". Output: its effective confidence and whether it has expired.
 */
import type { IntelIndicator, IntelType } from "./intel-indicator.js";

/** Decay parameters of one type (undefined: no decay / no automatic expiry). */
export interface DecayRule {
  readonly halfLifeDays?: number;
  readonly maxAgeDays?: number;
}

/** The documented decay per type (docs/intel.md). */
export const DECAY_RULES: Readonly<Record<IntelType, DecayRule>> = {
  md5: {},
  sha1: {},
  sha256: {},
  imphash: { halfLifeDays: 365 },
  ipv4: { halfLifeDays: 30, maxAgeDays: 90 },
  ipv6: { halfLifeDays: 30, maxAgeDays: 90 },
  cidr: { halfLifeDays: 60, maxAgeDays: 180 },
  domain: { halfLifeDays: 90, maxAgeDays: 365 },
  url: { halfLifeDays: 30, maxAgeDays: 180 },
};

const DAY_MS = 86_400_000;

/** The state of an indicator at a given time. */
export interface DecayState {
  /** Confidence after decay, 0..100, rounded to an integer */
  readonly confidence: number;
  readonly expired: boolean;
  /** Days since lastSeen / firstSeen / import (0 when in the future or unknown) */
  readonly ageDays: number;
}

function time(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** The indicator's effective confidence and expiry at `now` (ms since the epoch). */
export function decayState(indicator: IntelIndicator, now: number): DecayState {
  const rule = DECAY_RULES[indicator.type];
  const seen = time(indicator.lastSeen) ?? time(indicator.firstSeen) ?? time(indicator.imported) ?? now;
  const ageDays = Math.max(0, (now - seen) / DAY_MS);
  const expiresAt = time(indicator.expires);
  const expired =
    expiresAt !== undefined ? expiresAt <= now : rule.maxAgeDays !== undefined && ageDays > rule.maxAgeDays;
  const factor = rule.halfLifeDays === undefined ? 1 : 0.5 ** (ageDays / rule.halfLifeDays);
  return { confidence: expired ? 0 : Math.round(indicator.confidence * factor), expired, ageDays };
}
