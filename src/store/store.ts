/**
 * The Store: what mikiwame keeps between runs — normalized events (with the raw record), findings,
 * incidents, the analysts' decision audit trail, key/value caches with expiry (allow-list entries,
 * intel lookups), ingest bookkeeping and retention. One interface, several back ends (the embedded
 * DuckDB file in duckdb-store.ts; ClickHouse later); store-conformance.ts is the suite every back end
 * must pass. No back-end type appears here. Every method is async; errors are MikiwameError E_STORE.
 */
import type { Event, EventKind } from "../events/event.js";
import type { Finding } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import type { Incident, IncidentState } from "../incidents/incident.js";
import type { Verdict } from "../incidents/verdict.js";
import type {
  DestinationStatsQuery,
  DestinationStatsRow,
  PrevalenceQuery,
  PrevalenceRow,
  ScanAggregateQuery,
  ScanAggregateRow,
} from "./fleet-analytics.js";

/** The embedded store's database file name in the data directory (`--db FILE` overrides the path). */
export const DEFAULT_STORE_FILE = "mikiwame.duckdb";

/** Where a batch of events came from. */
export interface IngestSource {
  /** A name for messages: the file path, `http:<client>` … */
  readonly name: string;
  /**
   * The raw record of each event, by the same index (JSON or XML text); undefined (or a missing array)
   * keeps none. Kept as is, for the analyst to go back to; never parsed again by the store.
   */
  readonly raw?: readonly (string | undefined)[];
}

/** What one `ingestEvents` call did. `inserted + duplicates` is the batch length. */
export interface IngestResult {
  readonly inserted: number;
  /** Events already stored (same key), or repeated inside the batch */
  readonly duplicates: number;
}

/** Which events: every given filter must hold. Times are epoch milliseconds; `to` is exclusive. */
export interface EventQuery {
  readonly from?: number;
  readonly to?: number;
  readonly hosts?: readonly string[];
  readonly channels?: readonly string[];
  readonly eventIds?: readonly number[];
  readonly kinds?: readonly EventKind[];
  /** At most this many events (default: all) */
  readonly limit?: number;
}

/** A field filter of a search: the field's value, as text, equals `value` (case-sensitive). */
export interface FieldFilter {
  readonly field: string;
  readonly value: string;
}

/** A search over stored events: the filters of EventQuery, plus text and field filters, one page. */
export interface EventSearch extends Omit<EventQuery, "limit"> {
  /** Case-insensitive substring of any field value (or field name) */
  readonly text?: string;
  readonly fields?: readonly FieldFilter[];
  /** Page size (default 100, at most MAX_PAGE) */
  readonly limit?: number;
  readonly offset?: number;
}

/** A page of search results, in (host, time) order. */
export interface EventPage {
  /** How many events match in all (not only this page) */
  readonly total: number;
  readonly events: readonly Event[];
}

/** Largest page any list method returns. */
export const MAX_PAGE = 10_000;

/** Which findings, newest run first, then strongest first. */
export interface FindingQuery {
  readonly runId?: string;
  readonly host?: string;
  readonly detector?: string;
  /** This severity or stronger */
  readonly minSeverity?: Severity;
  readonly limit?: number;
  readonly offset?: number;
}

/** How incidents can be sorted (strongest / latest first; ties by id). */
export const INCIDENT_SORTS = ["severity", "confidence", "first", "last", "id"] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/** Which incidents. */
export interface IncidentQuery {
  readonly verdict?: Verdict;
  readonly state?: IncidentState;
  /** Incidents that involve this host */
  readonly host?: string;
  /** Default `severity` (then confidence), descending; `id` ascending */
  readonly sort?: IncidentSort;
  readonly limit?: number;
  readonly offset?: number;
}

/** A page of incidents. */
export interface IncidentPage {
  readonly total: number;
  readonly incidents: readonly Incident[];
}

/**
 * One entry of the analysts' audit trail. The store keeps it opaque: `payload` is any JSON-serialisable
 * value (the feedback module defines what it holds); entries are only ever appended.
 */
export interface DecisionEntryInput {
  /** What was done (`decide`, `revoke` …) */
  readonly op: string;
  /** The decision it is about */
  readonly id: string;
  /** When, ISO-8601 UTC */
  readonly at: string;
  readonly analyst: string;
  readonly payload: unknown;
}

/** A stored audit entry: the input plus its position in the trail (1, 2, 3 …). */
export interface DecisionEntry extends DecisionEntryInput {
  readonly seq: number;
}

/** A cached value (allow-list entry, intel lookup …). */
export interface CacheEntry {
  readonly ns: string;
  readonly key: string;
  readonly value: unknown;
  /** Epoch ms after which the entry is gone; undefined: never expires */
  readonly expiresAt: number | undefined;
  /** Epoch ms of the last put */
  readonly updatedAt: number;
}

/** One ingested file, for skipping it next time. */
export interface IngestedFile {
  readonly path: string;
  readonly size: number;
  /** Modification time, epoch ms */
  readonly mtime: number;
  /** Hex SHA-256 of the content, when computed */
  readonly sha256?: string;
  /** Events read from it */
  readonly events: number;
  /** When it was ingested, epoch ms */
  readonly at: number;
}

/** What retention removed. */
export interface RetentionResult {
  readonly events: number;
}

/** Counts and size, for `mikiwame store stats` and the server's health page. */
export interface StoreStats {
  readonly schemaVersion: number;
  readonly tables: Readonly<Record<string, number>>;
  /** Bytes on disk (database + write-ahead log); 0 for a store without files */
  readonly bytes: number;
}

/** A cell of a query result: JSON-safe (64-bit integers, dates and decimals as strings). */
export type QueryValue = string | number | boolean | null | readonly QueryValue[] | QueryObject;
export interface QueryObject {
  readonly [key: string]: QueryValue;
}

/** The result of a read-only query. */
export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly QueryValue[])[];
  /** True when more rows existed than `maxRows` */
  readonly truncated: boolean;
}

export interface QueryOptions {
  /** Most rows returned (default 10,000) */
  readonly maxRows?: number;
}

export interface Store {
  /**
   * Appends a batch in one transaction: all of it or (on error) nothing. The batch is validated before
   * anything is written; an invalid event throws E_STORE located at its record. Events already stored
   * (key: host + channel + record id, or a content hash without a record id) are counted, not doubled.
   * Resolves once the batch is committed ("acknowledged").
   */
  ingestEvents(events: readonly Event[], source: IngestSource): Promise<IngestResult>;
  /** Stored events, ordered by host, then time (events without a time last), then arrival. */
  events(query?: EventQuery): AsyncIterable<Event>;
  countEvents(query?: EventQuery): Promise<number>;
  searchEvents(search: EventSearch): Promise<EventPage>;

  /** Stores a run's findings; putting the same run and finding id again replaces it. */
  putFindings(runId: string, findings: readonly Finding[]): Promise<void>;
  findings(query?: FindingQuery): Promise<Finding[]>;

  /** Stores incidents; an incident id already stored is replaced (the latest run wins). */
  putIncidents(runId: string, incidents: readonly Incident[]): Promise<void>;
  incidents(query?: IncidentQuery): Promise<IncidentPage>;
  incident(id: string): Promise<Incident | undefined>;

  /** Appends to the audit trail; never rewrites. Returns the stored entry. */
  appendDecisionEntry(entry: DecisionEntryInput): Promise<DecisionEntry>;
  /** The whole trail in the order appended. */
  decisionEntries(): Promise<DecisionEntry[]>;

  /** Sets a cached value (replacing one with the same namespace and key). */
  putCache(ns: string, key: string, value: unknown, expiresAt?: number): Promise<void>;
  /** The value, unless absent or expired at `now` (default: the current time). */
  getCache(ns: string, key: string, now?: number): Promise<unknown | undefined>;
  /** The live entries of a namespace, by key. */
  listCache(ns: string, now?: number): Promise<CacheEntry[]>;
  /** Removes expired entries; returns how many. */
  purgeCache(now?: number): Promise<number>;

  /** Notes a file as ingested (replaces an earlier note for the same path). */
  recordIngest(file: IngestedFile): Promise<void>;
  ingestedFiles(): Promise<IngestedFile[]>;

  /**
   * Deletes events older than `eventsDays` days before `now` (by event time; by arrival time for events
   * without one). Returns how many were deleted.
   */
  applyRetention(options: { readonly eventsDays: number; readonly now?: number }): Promise<RetentionResult>;

  stats(): Promise<StoreStats>;

  /**
   * Fleet analytics, computed by the back end's engine (fleet-analytics.ts): how many hosts and events
   * show each value of a kind (SHA-256, image, command line, destination), with first and last seen.
   */
  prevalence(query: PrevalenceQuery): Promise<PrevalenceRow[]>;
  /** Per source→destination pair: events, bytes, first/last and the (bounded) timestamp list. */
  destinationStats(query?: DestinationStatsQuery): Promise<DestinationStatsRow[]>;
  /** Per source and fixed time window: distinct destinations and ports (port-scan candidates). */
  scanAggregates(query: ScanAggregateQuery): Promise<ScanAggregateRow[]>;

  /**
   * Runs one read-only SQL statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, SUMMARIZE …). Anything else
   * — several statements, INSERT, DROP, ATTACH, COPY, SET, a PRAGMA that changes something — is refused
   * with E_STORE before it runs; each back end documents how it guarantees nothing is written.
   */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;

  /** Commits what is pending and releases the database. Further calls throw E_STORE. */
  close(): Promise<void>;
}
