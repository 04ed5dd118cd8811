/**
 * `lookup(ip)`: where an address is — its scope, and for public addresses the country and the
 * autonomous system — from one or more address databases, with a bounded cache. Private, loopback,
 * link-local, documentation and other special-purpose addresses are never looked up.
 * `loadLocationLookup` opens the databases (the bundled DB-IP Lite country + ASN data, or the user's
 * `.mmdb` files) lazily and once per configuration; other modules call it to share the same instance.
 * Input: address text. Output: an `IpLocation`.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { type Cidr, cidrContains, parseCidr, parseIpAddress } from "../../events/ip-address.js";
import { type AddressScope, addressScope, LOCATION_IP_OPTIONS } from "./address-scope.js";
import { loadAsnTable } from "./asn-table.js";
import {
  BUNDLED_ASN,
  BUNDLED_COUNTRY,
  bundledAsnFiles,
  bundledCountryDatabase,
} from "./bundled-databases.js";
import type { IpDatabase } from "./ip-database.js";
import { openMmdbDatabase } from "./mmdb-database.js";

/** Where an address is. `scope: "invalid"` when the text is not an IP address. */
export interface IpLocation {
  /** Canonical text of the address (the input, trimmed, when it is not an address) */
  readonly address: string;
  readonly scope: AddressScope | "invalid";
  /** 4 or 6 (IPv4-mapped IPv6 is 4); absent when invalid. Plain JSON: no bigint in here */
  readonly version?: 4 | 6;
  /** ISO 3166-1 alpha-2, upper case; public addresses only */
  readonly country?: string;
  readonly asn?: number;
  readonly asOrganization?: string;
}

/** Which databases to open (part of `LocationOptions`). */
export interface LocationDatabaseOptions {
  /** The user's MaxMind-format country or city database (`--geoip`); undefined: the bundled DB-IP Lite country data */
  readonly geoipDatabase: string | undefined;
  /** The user's MaxMind-format ASN database (GeoLite2-ASN layout); undefined: the bundled ASN table */
  readonly asnDatabase: string | undefined;
  /** Load the bundled ASN table when no `asnDatabase` is given (about 0.5 s and several tens of MB) */
  readonly bundledAsn: boolean;
  /** Addresses whose location is kept in the lookup cache (oldest dropped first) */
  readonly lookupCacheSize: number;
  /**
   * Public blocks (CIDR) that are the organisation's own: their addresses get scope `internal`, are
   * never looked up and count as the inside when deciding direction. Default: none
   */
  readonly internalNetworks: readonly string[];
}

/** How a `LocationLookup` treats addresses besides its databases. */
export interface LocationLookupSettings {
  /** Addresses kept in the cache (at least half of them, the most recently used, at any time) */
  readonly cacheSize?: number;
  /** Blocks whose addresses are the organisation's own (scope `internal`) */
  readonly internalNetworks?: readonly Cidr[];
}

/** Answers `lookup(ip)` from a list of databases: each fact comes from the first database that has it. */
export class LocationLookup {
  /** Two generations: when `recent` is full it becomes `older` (whose entries are dropped); O(1) per lookup */
  private recent = new Map<string, IpLocation>();
  private older = new Map<string, IpLocation>();
  private counts = { lookups: 0, cacheHits: 0, cacheEvictions: 0, databaseLookups: 0, withCountry: 0 };

  private readonly cacheSize: number;
  private readonly internalNetworks: readonly Cidr[];

  constructor(
    private readonly databases: readonly IpDatabase[],
    settings: LocationLookupSettings = {},
  ) {
    this.cacheSize = settings.cacheSize ?? 50_000;
    this.internalNetworks = settings.internalNetworks ?? [];
  }

  /** What the answers come from (with the attribution the data licences ask for). */
  get sources(): readonly string[] {
    return this.databases.map((d) => d.description);
  }

  /** Where `text` is. Never throws: anything that is not an address has scope `invalid`. */
  lookup(text: string): IpLocation {
    this.counts.lookups++;
    const hit = this.recent.get(text);
    if (hit) {
      this.counts.cacheHits++;
      return hit;
    }
    const old = this.older.get(text);
    if (old) this.counts.cacheHits++;
    const location = old ?? this.resolve(text);
    this.remember(text, location);
    return location;
  }

  private remember(text: string, location: IpLocation): void {
    const generation = Math.floor(this.cacheSize / 2);
    if (generation <= 0) return;
    if (this.recent.size >= generation) {
      this.counts.cacheEvictions += this.older.size;
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(text, location);
  }

  /** Lookup and cache counters, for the run summary. */
  stats(): Readonly<Record<string, number>> {
    return { ...this.counts, cached: this.recent.size + this.older.size };
  }

  private resolve(text: string): IpLocation {
    const ip = parseIpAddress(text, LOCATION_IP_OPTIONS);
    if (!ip) return { address: text.trim(), scope: "invalid" };
    const scope = addressScope(ip);
    if (scope !== "public") return { address: ip.text, scope, version: ip.version };
    if (this.internalNetworks.some((c) => cidrContains(c, ip)))
      return { address: ip.text, scope: "internal", version: ip.version };
    this.counts.databaseLookups++;
    let country: string | undefined;
    let asn: number | undefined;
    let asOrganization: string | undefined;
    for (const db of this.databases) {
      const facts = db.lookup(ip);
      if (!facts) continue;
      country ??= facts.country;
      if (asn === undefined && facts.asn !== undefined) {
        asn = facts.asn;
        asOrganization = facts.asOrganization;
      }
      if (country !== undefined && asn !== undefined) break;
    }
    if (country !== undefined) this.counts.withCountry++;
    const location: { -readonly [K in keyof IpLocation]: IpLocation[K] } = {
      address: ip.text,
      scope,
      version: ip.version,
    };
    if (country !== undefined) location.country = country;
    if (asn !== undefined) location.asn = asn;
    if (asOrganization !== undefined) location.asOrganization = asOrganization;
    return location;
  }
}

/** Opens the databases named by `options` (bundled ones where none is given). */
async function openDatabases(
  options: LocationDatabaseOptions,
  diagnostics: Diagnostics | undefined,
): Promise<IpDatabase[]> {
  const databases: IpDatabase[] = [];
  databases.push(
    options.geoipDatabase !== undefined
      ? await openMmdbDatabase(options.geoipDatabase)
      : await openMmdbDatabase(bundledCountryDatabase(), BUNDLED_COUNTRY.label),
  );
  if (options.asnDatabase !== undefined) databases.push(await openMmdbDatabase(options.asnDatabase));
  else if (options.bundledAsn) {
    const load = await loadAsnTable(bundledAsnFiles(), BUNDLED_ASN.label);
    if (load.firstSkipped)
      diagnostics?.warn(
        "E_GEOIP",
        `${load.skippedRows} row(s) of the ASN table skipped; first: ${load.firstSkipped.reason}`,
        load.firstSkipped.location,
      );
    databases.push(load.table);
  }
  return databases;
}

/** Open databases, shared by every lookup over the same files (the data is loaded once). */
const databaseLoads = new Map<string, Promise<IpDatabase[]>>();
/** Lookups per full configuration (databases + internal networks + cache size). */
const lookups = new Map<string, Promise<LocationLookup>>();

/**
 * The lookup for these options, opened on first use and shared afterwards (the data is loaded once per
 * process and set of database files; mmdb-lib itself is imported lazily). Rejects with a `MikiwameError`
 * `E_GEOIP` (located at the file) when a database cannot be opened — a failed load is not remembered —
 * and with `E_CONFIG` for an `internalNetworks` entry that is not a CIDR block.
 * Problems that do not stop the load (skipped table rows) go to `diagnostics` of the first caller.
 */
export function loadLocationLookup(
  options: LocationDatabaseOptions,
  diagnostics?: Diagnostics,
): Promise<LocationLookup> {
  const dbKey = JSON.stringify([options.geoipDatabase, options.asnDatabase, options.bundledAsn]);
  const key = JSON.stringify([dbKey, options.lookupCacheSize, options.internalNetworks]);
  const pending = lookups.get(key);
  if (pending) return pending;
  const internalNetworks: Cidr[] = [];
  for (const text of options.internalNetworks) {
    const cidr = parseCidr(text, LOCATION_IP_OPTIONS);
    if (!cidr)
      return Promise.reject(
        new MikiwameError(
          "E_CONFIG",
          `location option internalNetworks: ${JSON.stringify(text)} is not a CIDR block`,
        ),
      );
    internalNetworks.push(cidr);
  }
  let databases = databaseLoads.get(dbKey);
  if (!databases) {
    databases = openDatabases(options, diagnostics);
    databaseLoads.set(dbKey, databases);
    databases.catch(() => databaseLoads.delete(dbKey));
  }
  const load = databases.then(
    (dbs) => new LocationLookup(dbs, { cacheSize: options.lookupCacheSize, internalNetworks }),
  );
  lookups.set(key, load);
  load.catch(() => lookups.delete(key));
  return load;
}
