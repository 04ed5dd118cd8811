/**
 * ECS-only endpoint documents (Elastic Defend style: `process.executable`, `event.category`, no
 * `winlog`) → events with Sysmon field names, following mappings/ecs.json. The whole document is
 * also kept, flattened to dotted ECS names.
 * Input: a JsonRecord in ECS. Output: an Event; logsource product from `host.os.type`.
 */
import { applyMappedPaths, flattenRecord } from "./json-fields.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event, FieldOrigin } from "../events/event.js";
import type { JsonRecord } from "../readers/record.js";
import { type FieldConversion, isFieldConversion, joinDomainUser } from "./field-conversions.js";
import { pickTime } from "./json-windows.js";
import { asInteger, asString, firstPath, getPath, toFieldValue } from "./json-value.js";
import ecsData from "./mappings/ecs.json" with { type: "json" };
import { recordLocation } from "./record-location.js";
import type { NormalizedLogsource } from "./windows-routes.js";

interface EcsData {
  readonly fields: readonly { readonly from: string; readonly to: string; readonly conversion?: string }[];
  readonly hashes: readonly { readonly from: string; readonly label: string }[];
  readonly user: { readonly to: string; readonly domain: string; readonly name: string };
  readonly categories: readonly {
    readonly category: string;
    readonly types?: readonly string[];
    readonly requires?: string;
    readonly categories: readonly string[];
  }[];
}

const TIME_PATHS = ["@timestamp", "event.created", "timestamp"] as const;
const HOST_PATHS = ["host.name", "host.hostname", "agent.hostname"] as const;
const PRODUCTS: ReadonlySet<string> = new Set(["windows", "linux", "macos"]);

interface CompiledEcs {
  readonly fields: readonly {
    readonly from: string;
    readonly to: string;
    readonly conversion: FieldConversion;
  }[];
  readonly data: EcsData;
  readonly origins: Readonly<Record<string, FieldOrigin>>;
  readonly logsources: Map<string, NormalizedLogsource>;
}

let compiled: CompiledEcs | undefined;

function compile(): CompiledEcs {
  const data = ecsData as EcsData;
  const fields = data.fields.map((f) => {
    const conversion = f.conversion ?? "rename";
    if (!isFieldConversion(conversion))
      throw new Error(`ecs.json: unknown conversion "${conversion}" for ${f.from}`);
    return { from: f.from, to: f.to, conversion };
  });
  const origins: Record<string, FieldOrigin> = {};
  for (const f of fields) origins[f.to] = Object.freeze({ from: f.from, conversion: f.conversion });
  origins.Hashes = Object.freeze({
    from: data.hashes.map((h) => h.from).join(","),
    conversion: "join-hashes",
  });
  origins[data.user.to] = Object.freeze({
    from: `${data.user.domain}\\${data.user.name}`,
    conversion: "join-domain-user",
  });
  return { fields, data, origins: Object.freeze(origins), logsources: new Map() };
}

/**
 * Normalizes one ECS document. `origins` lists every ECS → Sysmon name conversion of the mapping;
 * a listed target absent from `fields` means the document had no such value.
 */
export function normalizeEcs(record: JsonRecord, diagnostics: Diagnostics): Event {
  compiled ??= compile();
  const c = compiled;
  const v = record.value;
  const fields = flattenRecord(record, diagnostics);
  applyMappedPaths(fields, v, c.fields);
  const hashes: string[] = [];
  for (const h of c.data.hashes) {
    const hv = asString(getPath(v, h.from));
    if (hv) hashes.push(`${h.label}=${hv}`);
  }
  if (hashes.length > 0) fields.Hashes = hashes.join(",");
  const user = joinDomainUser(
    toFieldValue(getPath(v, c.data.user.domain)),
    toFieldValue(getPath(v, c.data.user.name)),
  );
  if (user !== undefined) fields[c.data.user.to] = user;

  const osType = asString(
    firstPath(v, ["host.os.type", "host.os.platform", "host.os.family"]),
  )?.toLowerCase();
  const product =
    osType !== undefined && PRODUCTS.has(osType) ? osType : osType === "darwin" ? "macos" : undefined;
  const logsource = logsourceFor(c, product, v);
  const host = asString(firstPath(v, HOST_PATHS)) ?? "";
  const provider = asString(firstPath(v, ["event.provider", "event.module", "agent.type"])) ?? "ecs";
  const channel = asString(firstPath(v, ["event.dataset", "data_stream.dataset"])) ?? "";
  const eventId = asInteger(getPath(v, "event.code")) ?? 0;
  fields.EventID = eventId;
  fields.Channel = channel;
  fields.Provider_Name = provider;
  fields.Computer = host;
  const time = pickTime(v, TIME_PATHS);
  if (!time) {
    diagnostics.warn(
      "E_NORMALIZE",
      `ECS record has no usable time (looked at ${TIME_PATHS.join(", ")}); time left empty`,
      recordLocation(record.provenance),
    );
  }
  return {
    kind: "windows",
    time,
    host,
    identity: { provider, channel, eventId },
    logsource,
    fields,
    origins: c.origins,
    provenance: record.provenance,
  };
}

function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function logsourceFor(
  c: CompiledEcs,
  product: string | undefined,
  v: Record<string, unknown>,
): NormalizedLogsource {
  const cats = listOf(getPath(v, "event.category"));
  const types = listOf(getPath(v, "event.type"));
  let index = -1;
  const rules = c.data.categories;
  for (let i = 0; i < rules.length && index < 0; i++) {
    const r = rules[i];
    if (!cats.includes(r.category)) continue;
    if (r.types && !r.types.some((t) => types.includes(t))) continue;
    if (r.requires !== undefined && getPath(v, r.requires) === undefined) continue;
    index = i;
  }
  const key = `${product ?? ""}|${index}`;
  const hit = c.logsources.get(key);
  if (hit) return hit;
  const categories = index >= 0 ? Object.freeze([...rules[index].categories]) : undefined;
  const made: { product?: string; category?: string; categories?: readonly string[] } = {};
  if (product !== undefined) made.product = product;
  if (categories) {
    made.category = categories[0];
    made.categories = categories;
  }
  const ls: NormalizedLogsource = Object.freeze(made);
  c.logsources.set(key, ls);
  return ls;
}
