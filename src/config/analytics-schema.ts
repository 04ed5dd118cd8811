/**
 * The table behind the `analytics:` section of config.yaml: every analytics module's options object
 * (its DEFAULT_* value and, where it has one, its resolver), the YAML path it lives under, and the few
 * facts a default value cannot tell (the kind of an empty or unset default, closed vocabularies, which
 * counts must be ≥ 1). Keys are generated from the defaults, so a new option is reachable at once.
 * Input: none. Output: `ANALYTICS_SECTIONS`, `SECTION_SPECS`, `optionKind`, `numberRule`, `snakeCase`.
 */
import { DEFAULT_HISTORY_OPTIONS } from "../analytics/history/history-options.js";
import { DEFAULT_LOCATION_OPTIONS, resolveLocationOptions } from "../analytics/location/location-options.js";
import { DIRECTIONS } from "../analytics/network/direction.js";
import { DEFAULT_DIRECTION_OPTIONS } from "../analytics/network/direction/direction-options.js";
import { DEFAULT_LOGON_DIRECTION_OPTIONS } from "../analytics/network/direction/logon-direction-analyzer.js";
import { DEFAULT_FLOW_ATTRIBUTION_OPTIONS } from "../analytics/network/flow-attribution.js";
import { BEACON_KINDS, DEFAULT_FREQUENCY_OPTIONS } from "../analytics/network/frequency/frequency-options.js";
import { DEFAULT_PORT_OPTIONS } from "../analytics/network/port/port-options.js";
import { DEFAULT_VOLUME_OPTIONS } from "../analytics/network/volume/volume-options.js";
import { DEFAULT_PROCESS_OPTIONS } from "../analytics/process/process-options.js";
import { DEFAULT_REPUTATION_OPTIONS, reputationOptions } from "../analytics/reputation/reputation-options.js";
import { ACTIVITY_KINDS } from "../analytics/time/activity.js";
import {
  BASELINE_SUBJECTS,
  DEFAULT_TIME_OPTIONS,
  resolveTimeOptions,
} from "../analytics/time/time-options.js";
import { SEVERITIES } from "../findings/severity.js";

/** The option sections under `analytics:` (a dot is one more YAML level). */
export const ANALYTICS_SECTIONS = [
  "process",
  "history",
  "location",
  "time",
  "reputation",
  "network.direction",
  "network.logons",
  "network.port",
  "network.volume",
  "network.frequency",
  "network.attribution",
] as const;
export type AnalyticsSection = (typeof ANALYTICS_SECTIONS)[number];

/** How a YAML value is read for an option. */
export const OPTION_KINDS = [
  "number",
  "string",
  "boolean",
  "string-list",
  "number-list",
  "path", // a file path, resolved against the config file's folder
  "path-list",
  "object", // a mapping with the default's keys (partial: the rest keep their default)
  "object-list", // a list of mappings, each with every key of the default's first item
] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

/** One options object of an analytics module. */
export interface SectionSpec {
  /** The module's defaults; every key but `exclude` is a config key */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The module's own resolver: overrides in, checked options out (throws E_CONFIG) */
  readonly resolve?: (overrides: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;
  /** Counts that must be at least 1 although their name does not say "min" */
  readonly atLeastOne?: readonly string[];
}

/** `internalNetworks` is set once, as `analytics.internal_networks`, for every module. */
export const EXCLUDED_KEYS: ReadonlySet<string> = new Set(["internalNetworks"]);

/** Kinds a default cannot show (unset, or an empty list). */
const KIND_OVERRIDES: Readonly<Record<string, OptionKind>> = {
  geoipDatabase: "path",
  asnDatabase: "path",
  highRiskAsns: "number-list",
  indicatorLists: "path-list",
  knownGoodLists: "path-list",
};

/** Closed vocabularies of string options (checked here so the error names the key and line). */
export const OPTION_CHOICES: Readonly<Record<string, readonly string[]>> = {
  flagSeverity: SEVERITIES,
  minBeaconCategory: ["low", "medium", "high"],
  beaconKinds: BEACON_KINDS,
  addressDirections: DIRECTIONS,
  volumeDirections: DIRECTIONS,
  unusualDirections: DIRECTIONS,
  activities: ACTIVITY_KINDS,
  subjects: BASELINE_SUBJECTS,
};

/** Numbers whose default is whole but which may be fractional (ratios, z-scores, percent thresholds). */
const FRACTIONAL_KEYS: ReadonlySet<string> = new Set([
  "spikeMinRatio",
  "spikeMinZ",
  "hostMinZ",
  "base",
  "low",
  "medium",
  "high",
]);

type Options = Readonly<Record<string, unknown>>;
const asOptions = (o: object): Options => o as Options;

/** The options objects, by section. */
export const SECTION_SPECS: Readonly<Record<AnalyticsSection, SectionSpec>> = {
  process: {
    defaults: asOptions(DEFAULT_PROCESS_OPTIONS),
    atLeastOne: ["deepPathDepth", "paddingRun", "maxChainDepth"],
  },
  history: { defaults: asOptions(DEFAULT_HISTORY_OPTIONS), atLeastOne: ["deepPathDepth"] },
  location: {
    defaults: asOptions(DEFAULT_LOCATION_OPTIONS),
    resolve: (o) => asOptions(resolveLocationOptions(o)),
  },
  time: { defaults: asOptions(DEFAULT_TIME_OPTIONS), resolve: (o) => asOptions(resolveTimeOptions(o)) },
  reputation: {
    defaults: asOptions(DEFAULT_REPUTATION_OPTIONS),
    resolve: (o) => asOptions(reputationOptions(o)),
  },
  "network.direction": { defaults: asOptions(DEFAULT_DIRECTION_OPTIONS) },
  "network.logons": { defaults: asOptions(DEFAULT_LOGON_DIRECTION_OPTIONS), atLeastOne: ["failureBurst"] },
  "network.port": { defaults: asOptions(DEFAULT_PORT_OPTIONS), atLeastOne: ["scanWindowSeconds"] },
  "network.volume": { defaults: asOptions(DEFAULT_VOLUME_OPTIONS) },
  "network.frequency": {
    defaults: asOptions(DEFAULT_FREQUENCY_OPTIONS),
    atLeastOne: [
      "windowHours",
      "maxWindows",
      "strobeConnections",
      "uniqueConnectionThreshold",
      "histogramBins",
    ],
  },
  "network.attribution": { defaults: asOptions(DEFAULT_FLOW_ATTRIBUTION_OPTIONS) },
};

/** The config keys (camelCase option names) of a section, in the defaults' order. */
export function sectionKeys(section: AnalyticsSection): string[] {
  return Object.keys(SECTION_SPECS[section].defaults).filter((k) => !EXCLUDED_KEYS.has(k));
}

/** `verticalMinPorts` → `vertical_min_ports`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The kind of option `key` with default `value`; undefined when neither tells (a table gap). */
export function optionKind(key: string, value: unknown): OptionKind | undefined {
  const override = KIND_OVERRIDES[key];
  if (override) return override;
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (typeof first === "string") return "string-list";
    if (typeof first === "number") return "number-list";
    if (first !== null && typeof first === "object") return "object-list";
    return undefined;
  }
  if (value !== null && typeof value === "object") return "object";
  return undefined;
}

/** What a number option accepts. */
export interface NumberRule {
  readonly whole: boolean;
  readonly min: number;
}

/**
 * The rule of a number option from its default: finite always; ≥ 0 when the default is; whole when
 * the default is (but for ratios and scores); ≥ 1 for a count named `min…`/`…Min…` or listed.
 */
export function numberRule(
  key: string,
  defaultValue: number,
  atLeastOne: readonly string[] = [],
): NumberRule {
  const fractional = FRACTIONAL_KEYS.has(key);
  const whole = Number.isInteger(defaultValue) && !fractional;
  const namedMin = /(^min|Min)[A-Z]/.test(key) && whole && defaultValue >= 1;
  if (namedMin || atLeastOne.includes(key)) return { whole, min: 1 };
  return { whole, min: defaultValue >= 0 ? 0 : Number.NEGATIVE_INFINITY };
}
