/**
 * Options of the location (場所) analysis: databases, risk lists and the thresholds of the findings,
 * each documented with its default (`DEFAULT_LOCATION_OPTIONS`); the config file overrides any of them.
 * Input: a partial options object. Output: complete, checked options (`E_CONFIG` on a bad value).
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { parseCidr } from "../../events/ip-address.js";
import { LOCATION_IP_OPTIONS } from "./address-scope.js";
import type { LocationDatabaseOptions } from "./location-lookup.js";

export interface LocationOptions extends LocationDatabaseOptions {
  /**
   * Countries (ISO 3166-1 alpha-2) whose addresses raise `location.high-risk-country`. Default: the
   * jurisdictions under comprehensive embargo (KP, IR, SY, CU), where an ordinary organisation has
   * next to no legitimate traffic. Set your own list (or `[]`) from your organisation's policy.
   */
  readonly highRiskCountries: readonly string[];
  /** Autonomous systems whose addresses raise `location.high-risk-asn`. Default: none (see docs) */
  readonly highRiskAsns: readonly number[];
  /** A host's first contact with a country is "new" only after it has been observed this long (ms) */
  readonly newCountryLearningMs: number;
  /** … and only for hosts with at least this many connections to public addresses */
  readonly newCountryMinConnections: number;
  /** At most this many new-country findings per host (the earliest); the rest are counted in stats */
  readonly newCountryMaxPerHost: number;
  /** (host, address) pairs tracked for risk-list findings; more are dropped and counted */
  readonly maxRiskPairs: number;
  /** Hosts whose contacted countries are tracked; more are dropped and counted */
  readonly maxHosts: number;
}

export const DEFAULT_LOCATION_OPTIONS: LocationOptions = {
  geoipDatabase: undefined,
  asnDatabase: undefined,
  bundledAsn: true,
  lookupCacheSize: 50_000,
  internalNetworks: [],
  highRiskCountries: ["KP", "IR", "SY", "CU"],
  highRiskAsns: [],
  newCountryLearningMs: 24 * 60 * 60 * 1000,
  newCountryMinConnections: 20,
  newCountryMaxPerHost: 5,
  maxRiskPairs: 10_000,
  maxHosts: 10_000,
};

function bad(name: string, value: unknown, expected: string): MikiwameError {
  return new MikiwameError(
    "E_CONFIG",
    `location option ${name}: ${JSON.stringify(value)} is not ${expected}`,
  );
}

function count(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw bad(name, value, "a number ≥ 0");
  return value;
}

/** Defaults overlaid with `options`, checked. Throws `E_CONFIG` naming the option on a bad value. */
export function resolveLocationOptions(options: Partial<LocationOptions> = {}): LocationOptions {
  const o: LocationOptions = { ...DEFAULT_LOCATION_OPTIONS, ...options };
  const countries = o.highRiskCountries.map((c) => {
    if (typeof c !== "string" || !/^[A-Za-z]{2}$/.test(c))
      throw bad("highRiskCountries", c, "a two-letter country code");
    return c.toUpperCase();
  });
  for (const a of o.highRiskAsns)
    if (!Number.isInteger(a) || a < 0 || a > 0xffffffff) throw bad("highRiskAsns", a, "an AS number");
  for (const n of o.internalNetworks)
    if (typeof n !== "string" || !parseCidr(n, LOCATION_IP_OPTIONS))
      throw bad("internalNetworks", n, "a CIDR block (203.0.113.0/24)");
  for (const [name, value] of [
    ["geoipDatabase", o.geoipDatabase],
    ["asnDatabase", o.asnDatabase],
  ] as const)
    if (value !== undefined && (typeof value !== "string" || value === ""))
      throw bad(name, value, "a file path");
  return {
    ...o,
    highRiskCountries: countries,
    lookupCacheSize: count("lookupCacheSize", o.lookupCacheSize),
    newCountryLearningMs: count("newCountryLearningMs", o.newCountryLearningMs),
    newCountryMinConnections: count("newCountryMinConnections", o.newCountryMinConnections),
    newCountryMaxPerHost: count("newCountryMaxPerHost", o.newCountryMaxPerHost),
    maxRiskPairs: count("maxRiskPairs", o.maxRiskPairs),
    maxHosts: count("maxHosts", o.maxHosts),
  };
}
