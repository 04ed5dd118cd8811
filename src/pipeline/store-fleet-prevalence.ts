/**
 * Fleet-wide prevalence for the history viewpoint, from a Store: while the stored events of a run
 * stream past (`note`), it collects the values the history analyzer keys process creations by (image
 * identity, image path, command line, with the spellings the logs use); after the last event (`load`)
 * it asks `Store.prevalence` — pushed down as SQL to DuckDB or ClickHouse — how many hosts of everything
 * stored ran each of them, and since when, plus how many hosts have process data at all (the
 * population). The analyzer then reads the answers synchronously in `finish()`.
 * Input: events, then the store. Output: a FleetPrevalence (src/analytics/history/fleet-prevalence.ts).
 * Bounded: at most `maxValues` keys per kind and three spellings per key; queries of at most 1,000
 * values and 64 KiB of text. A store that fails is a warning, and the run's own prevalence is used.
 */
import type {
  FleetPrevalence,
  FleetSighting,
  PrevalenceKind,
} from "../analytics/history/fleet-prevalence.js";
import { DEFAULT_HISTORY_OPTIONS } from "../analytics/history/history-options.js";
import { processStartKeys } from "../analytics/history/process-start-keys.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Location } from "../diagnostics/location.js";
import type { Event, EventTime } from "../events/event.js";
import type { FleetPrevalenceKind, PrevalenceRow } from "../store/fleet-analytics.js";
import type { Store } from "../store/store.js";

/** Keys looked up per kind by default; further new keys fall back to the run's own prevalence. */
export const DEFAULT_MAX_FLEET_VALUES = 20_000;
/** Spellings of one key asked for (e.g. `C:\Temp\a.exe` and `c:\temp\A.EXE`). */
const MAX_SPELLINGS = 3;
/** The store's limit on values per prevalence query. */
const VALUES_PER_QUERY = 1_000;
/** Text per query (ClickHouse refuses queries over 256 KiB by default). */
const CHARS_PER_QUERY = 64 * 1024;

/** The SQL both back ends answer: hosts with an image in any event (the fleet population). */
const POPULATION_SQL =
  "SELECT count(DISTINCT host) AS n FROM events WHERE image IS NOT NULL AND image <> '' AND host <> ''";

export interface StoreFleetPrevalenceOptions {
  /** As the history analyzer's option (default 1,024) */
  readonly maxCommandLineChars?: number;
  /** Keys looked up per kind (default DEFAULT_MAX_FLEET_VALUES) */
  readonly maxValues?: number;
}

/** key → the spellings to ask the store for. */
class Spellings {
  readonly byKey = new Map<string, string[]>();
  /** Sightings of keys that came after the map was full */
  notKept = 0;
  constructor(private readonly maxKeys: number) {}

  add(key: string, spelling: string): void {
    const known = this.byKey.get(key);
    if (!known) {
      if (this.byKey.size < this.maxKeys) this.byKey.set(key, [spelling]);
      else this.notKept++;
    } else if (known.length < MAX_SPELLINGS && !known.includes(spelling)) known.push(spelling);
  }

  /** Every spelling, once. */
  values(): string[] {
    const out = new Set<string>();
    for (const list of this.byKey.values()) for (const v of list) out.add(v);
    return [...out];
  }
}

function timeOf(ms: number): EventTime | undefined {
  return Number.isFinite(ms) ? { iso: new Date(ms).toISOString(), ms } : undefined;
}

/** The rows of several spellings as one sighting: most hosts of any (a lower bound), events summed. */
function merged(rows: readonly PrevalenceRow[]): FleetSighting | undefined {
  if (rows.length === 0) return undefined;
  let hosts = 0;
  let events = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    hosts = Math.max(hosts, r.hosts);
    events += r.events;
    first = Math.min(first, r.firstSeen);
    last = Math.max(last, r.lastSeen);
  }
  return { hosts, events, firstSeen: timeOf(first), lastSeen: timeOf(last) };
}

/** Splits values into queries the store takes. */
function chunks(values: readonly string[]): string[][] {
  const out: string[][] = [];
  let chunk: string[] = [];
  let chars = 0;
  for (const v of values) {
    if (chunk.length > 0 && (chunk.length >= VALUES_PER_QUERY || chars + v.length > CHARS_PER_QUERY)) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(v);
    chars += v.length + 4;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

/** Fleet-wide prevalence from a store (see the module header). */
export class StoreFleetPrevalence implements FleetPrevalence {
  readonly source = "store";
  private readonly maxCommandLineChars: number;
  /** sha256 identity → lowercase hex, as the store's `sha256` column holds it */
  private readonly hashes = new Map<string, string>();
  private readonly spellings: Readonly<Record<PrevalenceKind, Spellings>>;
  private readonly answers: Record<PrevalenceKind, Map<string, FleetSighting>> = {
    image: new Map(),
    "image-path": new Map(),
    "command-line": new Map(),
  };
  private hosts: number | undefined;
  private queries = 0;
  private readonly maxValues: number;

  constructor(options: StoreFleetPrevalenceOptions = {}) {
    this.maxCommandLineChars = options.maxCommandLineChars ?? DEFAULT_HISTORY_OPTIONS.maxCommandLineChars;
    this.maxValues = options.maxValues ?? DEFAULT_MAX_FLEET_VALUES;
    this.spellings = {
      image: new Spellings(this.maxValues),
      "image-path": new Spellings(this.maxValues),
      "command-line": new Spellings(this.maxValues),
    };
  }

  /** Collects the keys of one event (a process creation; anything else is ignored). */
  note(event: Event): void {
    const keys = processStartKeys(event, this.maxCommandLineChars);
    if (!keys) return;
    if (keys.identity.startsWith("sha256:")) {
      if (!this.hashes.has(keys.identity)) {
        if (this.hashes.size < this.maxValues)
          this.hashes.set(keys.identity, keys.identity.slice(7).toLowerCase());
        else this.spellings.image.notKept++;
      }
    } else this.spellings.image.add(keys.identity, keys.image);
    this.spellings["image-path"].add(keys.path, keys.image);
    if (keys.commandLine && keys.commandLineKey)
      this.spellings["command-line"].add(keys.commandLineKey, keys.commandLine);
  }

  /**
   * Asks the store about every key noted. A failing store is reported as a warning (E_STORE) on
   * `diagnostics`, located at `where` (the store's file or URL); lookups then answer nothing and the
   * analyzer uses the run's own prevalence.
   */
  async load(store: Store, diagnostics: Diagnostics, where: Location = {}): Promise<void> {
    try {
      const population = await store.query(POPULATION_SQL, { maxRows: 1 });
      const n = Number(population.rows[0]?.[0]);
      this.hosts = Number.isSafeInteger(n) ? n : undefined;
      const bySha = await this.rows(store, "sha256", [...new Set(this.hashes.values())]);
      for (const [identity, hex] of this.hashes) {
        const s = merged(bySha.get(hex) ?? []);
        if (s) this.answers.image.set(identity, s);
      }
      const images = new Set([...this.spellings.image.values(), ...this.spellings["image-path"].values()]);
      const byImage = await this.rows(store, "image", [...images]);
      for (const kind of ["image", "image-path"] as const) this.answer(kind, byImage);
      const byCommand = await this.rows(store, "command-line", this.spellings["command-line"].values());
      this.answer("command-line", byCommand);
    } catch (e) {
      diagnostics.warn(
        "E_STORE",
        `fleet prevalence unavailable, the history viewpoint uses the analysed events only: ${e instanceof Error ? e.message : String(e)}`,
        where,
      );
      this.hosts = undefined;
      for (const m of Object.values(this.answers)) m.clear();
    }
  }

  population(): number | undefined {
    return this.hosts;
  }

  lookup(kind: PrevalenceKind, key: string): FleetSighting | undefined {
    return this.answers[kind].get(key);
  }

  /** Counters for the run summary. */
  stats(): Readonly<Record<string, number>> {
    return {
      queries: this.queries,
      imageSightingsNotLooked: this.spellings.image.notKept,
      pathSightingsNotLooked: this.spellings["image-path"].notKept,
      commandLineSightingsNotLooked: this.spellings["command-line"].notKept,
    };
  }

  private answer(kind: PrevalenceKind, rows: ReadonlyMap<string, PrevalenceRow[]>): void {
    for (const [key, list] of this.spellings[kind].byKey) {
      const s = merged(list.flatMap((v) => rows.get(v) ?? []));
      if (s) this.answers[kind].set(key, s);
    }
  }

  /** The store's rows for these values, by value. */
  private async rows(
    store: Store,
    kind: FleetPrevalenceKind,
    values: readonly string[],
  ): Promise<Map<string, PrevalenceRow[]>> {
    const out = new Map<string, PrevalenceRow[]>();
    for (const chunk of chunks(values)) {
      this.queries++;
      for (const row of await store.prevalence({ kind, values: chunk, limit: chunk.length })) {
        const list = out.get(row.value);
        if (list) list.push(row);
        else out.set(row.value, [row]);
      }
    }
    return out;
  }
}
