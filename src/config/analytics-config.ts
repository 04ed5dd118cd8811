/**
 * The `analytics:` section of config.yaml: internal networks and every analytics module's options,
 * snake_case in YAML, checked against the kind of each default (analytics-schema.ts) and then by the
 * module's own resolver, so a bad value stops the load. Input: the YAML node of the section, the
 * config file (for locations and relative paths) and Diagnostics. Output: AnalyticsConfig — only the
 * keys the file sets, ready to be passed to `analyzeLogs`; `analyticsInEffect` gives every value in effect.
 * A bad value throws MikiwameError E_CONFIG naming file:line and the key path; an unknown key is a
 * located warning.
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import type { HistoryOptions } from "../analytics/history/history-options.js";
import type { LocationOptions } from "../analytics/location/location-options.js";
import { isInternalNetworkBlock } from "../analytics/location/address-scope.js";
import { DEFAULT_INTERNAL_NETWORKS } from "../analytics/network/direction.js";
import type { NetworkOptions } from "../analytics/network/network-analyzers.js";
import type { ProcessOptions } from "../analytics/process/process-options.js";
import type { ReputationOptions } from "../analytics/reputation/reputation-options.js";
import type { TimeOptions } from "../analytics/time/time-options.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import {
  ANALYTICS_SECTIONS,
  type AnalyticsSection,
  EXCLUDED_KEYS,
  SECTION_SPECS,
  sectionKeys,
  snakeCase,
} from "./analytics-schema.js";
import { type ValueReader, readOptionValue } from "./option-value.js";

/** The analytics settings of config.yaml: what the file sets (defaults stay with the modules). */
export interface AnalyticsConfig {
  /** `analytics.internal_networks`: CIDR blocks that are ours, for every module (unset: the modules' default) */
  readonly internalNetworks: readonly string[] | undefined;
  /** `analytics.time.baselines`: false turns the time baselines (unusual hours / weekdays) off */
  readonly timeBaselines: boolean;
  readonly process: Partial<ProcessOptions>;
  readonly history: Partial<HistoryOptions>;
  readonly location: Partial<LocationOptions>;
  readonly time: Partial<TimeOptions>;
  readonly reputation: Partial<ReputationOptions>;
  readonly network: NetworkOptions;
}

/** No analytics settings: every module keeps its defaults. */
export const DEFAULT_ANALYTICS_CONFIG: AnalyticsConfig = {
  internalNetworks: undefined,
  timeBaselines: true,
  process: {},
  history: {},
  location: {},
  time: {},
  reputation: {},
  network: {},
};

/** Where the section comes from: the config file and the line of a YAML node. */
export interface ConfigSource {
  readonly file: string;
  readonly lineOf: (node: Node | null | undefined) => number | undefined;
  readonly diagnostics: Diagnostics;
}

const TOP_KEYS = ["internal_networks", "process", "history", "location", "time", "reputation", "network"];
const NETWORK_MODULES = ["direction", "logons", "port", "volume", "frequency", "attribution"] as const;
/** The config-only key of `analytics.time` (no TimeOptions field: it sets `subjects` to none). */
const BASELINES_KEY = "baselines";

type Overrides = Record<string, unknown>;

/** The key text of a pair, or undefined when it is not a scalar. */
function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** True for an absent value (`key:` or `key: null`): the key keeps its default. */
function isUnset(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/**
 * Parses the `analytics:` node. Throws E_CONFIG (file:line, key path) on a bad value; warns about
 * unknown keys.
 */
export function parseAnalyticsConfig(node: Node, source: ConfigSource): AnalyticsConfig {
  const reader: ValueReader = {
    fail: (path, message, at) => {
      throw new MikiwameError("E_CONFIG", `${path}: ${message}`, {
        file: source.file,
        line: source.lineOf(at),
      });
    },
    warnUnknown: (path, at) =>
      source.diagnostics.warn("E_CONFIG", `unknown key ${JSON.stringify(path)}: ignored`, {
        file: source.file,
        line: source.lineOf(at),
      }),
    resolvePath: (p) => (isAbsolute(p) ? p : resolve(dirname(source.file), p)),
  };
  if (!isMap(node)) return reader.fail("analytics", "must be a mapping of sections", node);
  const sections: Partial<Record<AnalyticsSection, Overrides>> = {};
  let internalNetworks: readonly string[] | undefined;
  let timeBaselines = true;

  const readSection = (section: AnalyticsSection, value: Node): void => {
    const path = `analytics.${section}`;
    if (!isMap(value)) reader.fail(path, "must be a mapping of option names to values", value);
    const spec = SECTION_SPECS[section];
    const byName = new Map(sectionKeys(section).map((k) => [snakeCase(k), k]));
    const overrides: Overrides = {};
    const lines = new Map<string, Node>();
    for (const pair of value.items) {
      const name = keyOf(pair);
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      if (section === "time" && name === BASELINES_KEY) {
        if (isUnset(valueNode)) continue;
        if (!isScalar(valueNode) || typeof valueNode.value !== "boolean")
          reader.fail(`${path}.${BASELINES_KEY}`, "must be true or false", valueNode ?? keyNode);
        timeBaselines = valueNode.value;
        continue;
      }
      const key = name === undefined ? undefined : byName.get(name);
      if (key === undefined) {
        reader.warnUnknown(`${path}.${name ?? "?"}`, keyNode);
        continue;
      }
      if (isUnset(valueNode)) continue;
      lines.set(key, keyNode);
      overrides[key] = readOptionValue(reader, {
        path: `${path}.${name}`,
        key,
        node: valueNode as Node,
        defaultValue: spec.defaults[key],
        atLeastOne: spec.atLeastOne,
      });
    }
    if (spec.resolve) runResolver(section, spec.resolve, overrides, lines, value, reader);
    sections[section] = overrides;
  };

  for (const pair of node.items) {
    const name = keyOf(pair);
    const keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    if (name === undefined || !TOP_KEYS.includes(name)) {
      reader.warnUnknown(`analytics.${name ?? "?"}`, keyNode);
      continue;
    }
    if (isUnset(value)) continue;
    const at = value as Node;
    if (name === "internal_networks") internalNetworks = readNetworks(reader, at);
    else if (name === "network") {
      if (!isMap(at))
        return reader.fail("analytics.network", `must be a mapping of ${NETWORK_MODULES.join(", ")}`, at);
      for (const inner of at.items) {
        const module = keyOf(inner);
        const innerValue = inner.value as Node | null;
        if (module === undefined || !(NETWORK_MODULES as readonly string[]).includes(module)) {
          reader.warnUnknown(`analytics.network.${module ?? "?"}`, inner.key as Node);
          continue;
        }
        if (!isUnset(innerValue)) readSection(`network.${module}` as AnalyticsSection, innerValue as Node);
      }
    } else readSection(name as AnalyticsSection, at);
  }

  const time: Overrides = { ...sections.time };
  if (!timeBaselines) time.subjects = [];
  return {
    internalNetworks,
    timeBaselines,
    process: (sections.process ?? {}) as Partial<ProcessOptions>,
    history: (sections.history ?? {}) as Partial<HistoryOptions>,
    location: (sections.location ?? {}) as Partial<LocationOptions>,
    time: time as Partial<TimeOptions>,
    reputation: (sections.reputation ?? {}) as Partial<ReputationOptions>,
    network: Object.fromEntries(
      NETWORK_MODULES.flatMap((m) => {
        const o = sections[`network.${m}`];
        return o ? [[m, o]] : [];
      }),
    ) as NetworkOptions,
  };
}

/** `internal_networks`: a list of CIDR blocks both the network and the location analyses accept. */
function readNetworks(reader: ValueReader, node: Node): string[] {
  const path = "analytics.internal_networks";
  if (!isSeq(node)) return reader.fail(path, "must be a list of CIDR blocks (203.0.113.0/24)", node);
  return node.items.map((item) => {
    const text = isScalar(item) && typeof item.value === "string" ? item.value.trim() : undefined;
    const ok = text !== undefined && isInternalNetworkBlock(text);
    if (!ok || text === undefined)
      return reader.fail(
        path,
        `${JSON.stringify(isScalar(item) ? item.value : "?")} is not a CIDR block (203.0.113.0/24)`,
        item as Node,
      );
    return text;
  });
}

/**
 * Runs a module's resolver on the overrides now, so its semantic checks stop the load; its E_CONFIG is
 * located at the key it names (the longest option name in its message), else at the section.
 */
function runResolver(
  section: AnalyticsSection,
  resolver: (o: Readonly<Record<string, unknown>>) => unknown,
  overrides: Overrides,
  lines: ReadonlyMap<string, Node>,
  sectionNode: Node,
  reader: ValueReader,
): void {
  try {
    resolver(overrides);
  } catch (e) {
    if (!(e instanceof MikiwameError) || e.code !== "E_CONFIG") throw e;
    const named = [...lines.keys()]
      .sort((a, b) => b.length - a.length)
      .find((k) => new RegExp(`\\b${k}\\b`).test(e.message));
    const path = named ? `analytics.${section}.${snakeCase(named)}` : `analytics.${section}`;
    reader.fail(path, e.message, named ? lines.get(named) : sectionNode);
  }
}

/** A value as shown to the user: object keys in snake_case, recursively. */
function display(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(display);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), display(v)]));
  return value ?? null;
}

/**
 * Every analytics setting in effect (the defaults overlaid with `config`, through each module's
 * resolver), as the nested snake_case object config.yaml would hold.
 */
export function analyticsInEffect(config: AnalyticsConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {
    internal_networks: [...(config.internalNetworks ?? DEFAULT_INTERNAL_NETWORKS)],
  };
  for (const section of ANALYTICS_SECTIONS) {
    const spec = SECTION_SPECS[section];
    const [top, module] = section.split(".") as [string, string | undefined];
    const given = module
      ? (config.network as Record<string, Overrides | undefined>)[module]
      : config[top as "process"];
    const merged = spec.resolve ? spec.resolve(given ?? {}) : { ...spec.defaults, ...given };
    const shown: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(merged)) if (!EXCLUDED_KEYS.has(k)) shown[snakeCase(k)] = display(v);
    if (section === "time") shown[BASELINES_KEY] = config.timeBaselines;
    if (module) {
      const network = (out.network ?? {}) as Record<string, unknown>;
      network[module] = shown;
      out.network = network;
    } else out[top] = shown;
  }
  return out;
}
