/**
 * Zeek records → `kind: "network"` events, following mappings/zeek.json: Zeek's own field names are
 * kept, and the names the analytics share with Sysmon 3 (`SourceIp`, `DestinationPort` …) and the
 * generic Sigma category names (`src_ip`, `c-uri` …) are added. Host is the sensor (`_node`) or "".
 * Input: a ZeekRecord. Output: an Event (time from `ts`, to the microsecond).
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event, FieldOrigin } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { ZeekRecord } from "../readers/record.js";
import { parseZeekTime } from "./event-time.js";
import { convertValue, type FieldConversion, isFieldConversion } from "./field-conversions.js";
import { isObject } from "./json-value.js";
import zeekData from "./mappings/zeek.json" with { type: "json" };
import { recordLocation } from "./record-location.js";
import type { NormalizedLogsource } from "./windows-routes.js";

interface ZeekFieldSpec {
  readonly from: string;
  readonly to: readonly string[];
  readonly conversion?: string;
}

interface ZeekData {
  readonly product: string;
  readonly common: readonly ZeekFieldSpec[];
  readonly paths: Readonly<
    Record<string, { readonly categories?: readonly string[]; readonly fields: readonly ZeekFieldSpec[] }>
  >;
}

interface CompiledRule {
  readonly from: string;
  readonly to: readonly string[];
  readonly conversion: FieldConversion;
}

interface PathPlan {
  readonly logsource: NormalizedLogsource;
  readonly rules: readonly CompiledRule[];
  readonly origins: Readonly<Record<string, FieldOrigin>>;
}

const PATH_CACHE_LIMIT = 256;

/** Turns Zeek records into events; holds the compiled per-path plans. */
export class ZeekNormalizer {
  private readonly plans = new Map<string, PathPlan>();
  private readonly data: ZeekData;

  constructor(data: ZeekData = zeekData as ZeekData) {
    this.data = data;
  }

  /** Normalizes one Zeek record; undefined (after an error) only when it has no fields object. */
  normalize(record: ZeekRecord, diagnostics: Diagnostics): Event | undefined {
    const src = record.fields;
    if (!isObject(src)) {
      diagnostics.error(
        "E_NORMALIZE",
        "Zeek record has no fields; record skipped",
        recordLocation(record.provenance),
      );
      return undefined;
    }
    const path = typeof record.path === "string" ? record.path : "";
    const plan = this.planFor(path);
    const fields: Fields = {};
    for (const key in src) {
      if (key === "__proto__") continue;
      fields[key] = src[key];
    }
    for (const rule of plan.rules) {
      const value = convertValue(rule.conversion, src[rule.from]);
      if (value === undefined) continue;
      for (const to of rule.to) fields[to] = value;
    }
    const time = parseZeekTime(src.ts);
    if (!time) {
      diagnostics.warn(
        "E_NORMALIZE",
        `Zeek ${path || "log"} record has no usable ts (${JSON.stringify(src.ts ?? null)}); time left empty`,
        recordLocation(record.provenance),
      );
    }
    const node = src._node;
    return {
      kind: "network",
      time,
      host: typeof node === "string" ? node : "",
      identity: { provider: "zeek", channel: path, eventId: 0 },
      logsource: plan.logsource,
      fields,
      origins: plan.origins,
      provenance: record.provenance,
    };
  }

  private planFor(path: string): PathPlan {
    const hit = this.plans.get(path);
    if (hit) return hit;
    const spec = Object.hasOwn(this.data.paths, path) ? this.data.paths[path] : undefined;
    const specs = [...this.data.common, ...(spec?.fields ?? [])];
    const rules = specs.map((s): CompiledRule => {
      const conversion = s.conversion ?? "rename";
      if (!isFieldConversion(conversion))
        throw new Error(`zeek.json: unknown conversion "${conversion}" for ${s.from}`);
      return { from: s.from, to: s.to, conversion };
    });
    const origins: Record<string, FieldOrigin> = {};
    for (const r of rules)
      for (const to of r.to) origins[to] = Object.freeze({ from: r.from, conversion: r.conversion });
    const logsource: {
      product: string;
      service?: string;
      category?: string;
      categories?: readonly string[];
    } = {
      product: this.data.product,
    };
    if (path !== "") logsource.service = path;
    if (spec?.categories && spec.categories.length > 0) {
      logsource.categories = Object.freeze([...spec.categories]);
      logsource.category = spec.categories[0];
    }
    const plan: PathPlan = { logsource: Object.freeze(logsource), rules, origins: Object.freeze(origins) };
    if (this.plans.size < PATH_CACHE_LIMIT) this.plans.set(path, plan);
    return plan;
  }
}
