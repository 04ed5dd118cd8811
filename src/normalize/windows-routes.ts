/**
 * Where a Windows event goes: from (channel, provider, event id) to its canonical channel name, its
 * Sigma logsource (product / service / category, plus every category it belongs to) and the field
 * plan that converts it (Security 4688 → Sysmon names). Built once from mappings/logsources.json
 * and mappings/process-events.json; every route object is precomputed, frozen and shared.
 * Input: channel, provider, event id. Output: a WindowsRoute.
 */
import type { Logsource } from "../events/logsource.js";
import { compileFieldPlan, type FieldPlan, type FieldRuleSpec } from "./field-plan.js";
import logsourceData from "./mappings/logsources.json" with { type: "json" };
import processData from "./mappings/process-events.json" with { type: "json" };

/**
 * A logsource with every category the event belongs to (`categories[0]` is `category`): Sysmon 13
 * is `registry_event` and `registry_set`. Assignable to the `Logsource` contract.
 */
export interface NormalizedLogsource extends Logsource {
  readonly categories?: readonly string[];
}

export interface WindowsRoute {
  /** The channel as Windows spells it (`security` from nxlog becomes `Security`), or the input */
  readonly channel: string;
  readonly service: string | undefined;
  readonly logsource: NormalizedLogsource;
  /** Conversions to Sysmon field names, for Security 4688/4689 */
  readonly plan: FieldPlan | undefined;
}

interface LogsourceData {
  readonly product: string;
  readonly services: readonly { readonly service: string; readonly channels: readonly string[] }[];
  readonly providers: readonly { readonly provider: string; readonly service: string }[];
  readonly categories: readonly {
    readonly service?: string;
    readonly provider?: string;
    readonly eventIds: readonly number[];
    readonly categories: readonly string[];
  }[];
}

interface ProcessData {
  readonly mappings: readonly {
    readonly service: string;
    readonly eventIds: readonly number[];
    readonly fields: readonly FieldRuleSpec[];
  }[];
}

interface ChannelEntry {
  readonly base: WindowsRoute;
  readonly byEventId: ReadonlyMap<number, WindowsRoute>;
  /** Found by provider (the channel was unknown): the event keeps its own channel name */
  readonly viaProvider: boolean;
}

const UNKNOWN_CACHE_LIMIT = 1024;

/** Resolves Windows events to routes. Create once (see `defaultWindowsRoutes`). */
export class WindowsRoutes {
  private readonly byChannel = new Map<string, ChannelEntry>();
  private readonly byChannelLower = new Map<string, ChannelEntry>();
  private readonly byProvider = new Map<string, ChannelEntry>();
  private readonly providerCategories = new Map<string, Map<number, WindowsRoute>>();
  private readonly unknown = new Map<string, ChannelEntry | null>();
  private readonly productOnly: WindowsRoute;

  constructor(data: LogsourceData, processes: ProcessData) {
    const product = data.product;
    this.productOnly = route("", undefined, { product }, undefined);
    const categoriesByService = new Map<string, Map<number, readonly string[]>>();
    for (const c of data.categories) {
      if (c.provider !== undefined) {
        const m = this.providerCategories.get(c.provider.toLowerCase()) ?? new Map<number, WindowsRoute>();
        for (const id of c.eventIds)
          m.set(id, route("", undefined, logsourceOf(product, undefined, c.categories), undefined));
        this.providerCategories.set(c.provider.toLowerCase(), m);
      } else if (c.service !== undefined) {
        const m = categoriesByService.get(c.service) ?? new Map<number, readonly string[]>();
        for (const id of c.eventIds) m.set(id, c.categories);
        categoriesByService.set(c.service, m);
      }
    }
    const plansByService = new Map<string, Map<number, FieldPlan>>();
    for (const m of processes.mappings) {
      const plan = compileFieldPlan(m.fields, `process-events.json ${m.service} ${m.eventIds.join(",")}`);
      const byId = plansByService.get(m.service) ?? new Map<number, FieldPlan>();
      for (const id of m.eventIds) byId.set(id, plan);
      plansByService.set(m.service, byId);
    }
    const entryFor = (service: string, channel: string, viaProvider: boolean): ChannelEntry => {
      const base = route(channel, service, { product, service }, undefined);
      const byEventId = new Map<number, WindowsRoute>();
      const cats = categoriesByService.get(service);
      const plans = plansByService.get(service);
      const ids = new Set<number>([...(cats?.keys() ?? []), ...(plans?.keys() ?? [])]);
      for (const id of ids) {
        const c = cats?.get(id);
        byEventId.set(
          id,
          route(channel, service, c ? logsourceOf(product, service, c) : base.logsource, plans?.get(id)),
        );
      }
      return { base, byEventId, viaProvider };
    };
    for (const s of data.services) {
      for (const channel of s.channels) {
        const entry = entryFor(s.service, channel, false);
        if (this.byChannel.has(channel))
          throw new Error(`logsources.json: channel "${channel}" listed twice`);
        this.byChannel.set(channel, entry);
        this.byChannelLower.set(channel.toLowerCase(), entry);
      }
    }
    for (const p of data.providers) {
      const canonical = data.services.find((s) => s.service === p.service)?.channels[0] ?? "";
      const entry = entryFor(p.service, canonical, true);
      this.byProvider.set(p.provider.toLowerCase(), entry);
    }
  }

  /** The route of one event. Never throws; unknown channels get `product: windows` only. */
  resolve(channel: string, provider: string, eventId: number): WindowsRoute {
    const entry = this.byChannel.get(channel) ?? this.slowEntry(channel, provider);
    if (entry) {
      const r = entry.byEventId.get(eventId) ?? entry.base;
      return entry.viaProvider && channel !== "" ? withChannel(r, channel) : r;
    }
    const byProvider = provider
      ? this.providerCategories.get(provider.toLowerCase())?.get(eventId)
      : undefined;
    const r = byProvider ?? this.productOnly;
    return channel === "" ? r : withChannel(r, channel);
  }

  private slowEntry(channel: string, provider: string): ChannelEntry | undefined {
    const key = `${channel}\u0000${provider}`;
    const cached = this.unknown.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const entry =
      this.byChannelLower.get(channel.toLowerCase()) ??
      (provider && !channel.includes("/") ? this.byProvider.get(provider.toLowerCase()) : undefined);
    if (this.unknown.size < UNKNOWN_CACHE_LIMIT) this.unknown.set(key, entry ?? null);
    return entry;
  }
}

function route(
  channel: string,
  service: string | undefined,
  logsource: NormalizedLogsource,
  plan: FieldPlan | undefined,
): WindowsRoute {
  return Object.freeze({ channel, service, logsource: Object.freeze(logsource), plan });
}

function logsourceOf(
  product: string,
  service: string | undefined,
  categories: readonly string[],
): NormalizedLogsource {
  const cats = Object.freeze([...categories]);
  return service === undefined
    ? { product, category: cats[0], categories: cats }
    : { product, service, category: cats[0], categories: cats };
}

const withChannelCache = new WeakMap<WindowsRoute, Map<string, WindowsRoute>>();

/** The same route under another channel name (cached, bounded). */
function withChannel(r: WindowsRoute, channel: string): WindowsRoute {
  let m = withChannelCache.get(r);
  if (!m) {
    m = new Map();
    withChannelCache.set(r, m);
  }
  const hit = m.get(channel);
  if (hit) return hit;
  const made = Object.freeze({ ...r, channel });
  if (m.size < UNKNOWN_CACHE_LIMIT) m.set(channel, made);
  return made;
}

let shared: WindowsRoutes | undefined;

/** The routes built from the shipped mapping data (built on first use, then shared). */
export function defaultWindowsRoutes(): WindowsRoutes {
  shared ??= new WindowsRoutes(logsourceData as LogsourceData, processData as ProcessData);
  return shared;
}
