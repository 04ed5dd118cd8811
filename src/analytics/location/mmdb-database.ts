/**
 * A MaxMind-format (`.mmdb`) database as an `IpDatabase`, read with mmdb-lib (loaded lazily).
 * Understands the record layouts in common use: MaxMind GeoIP2/GeoLite2 and DB-IP (`country.iso_code`,
 * `registered_country.iso_code`, `autonomous_system_number`, `autonomous_system_organization`) and
 * ip-location-db (`country_code`, and the same ASN keys).
 * Input: a file path. Output: an `IpDatabase`; a file that cannot be read or is not an MMDB is a
 * `MikiwameError` `E_GEOIP` located at the file.
 */
import { readFile, stat } from "node:fs/promises";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { IpAddress } from "../../events/ip-address.js";
import type { IpDatabase, IpFacts } from "./ip-database.js";

/** Larger files are refused: the reader keeps the whole database in memory. */
export const MAX_MMDB_BYTES = 1024 * 1024 * 1024;

function member(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function countryCode(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : undefined;
}

/** Reads the facts out of one MMDB record, whichever of the known layouts it has. */
export function readMmdbRecord(record: unknown): IpFacts {
  const country =
    countryCode(member(record, "country_code")) ??
    countryCode(member(member(record, "country"), "iso_code")) ??
    countryCode(member(member(record, "registered_country"), "iso_code"));
  const rawAsn = member(record, "autonomous_system_number");
  const asn = typeof rawAsn === "number" && Number.isInteger(rawAsn) && rawAsn >= 0 ? rawAsn : undefined;
  const rawOrg = member(record, "autonomous_system_organization");
  const asOrganization = typeof rawOrg === "string" && rawOrg !== "" ? rawOrg : undefined;
  const facts: { country?: string; asn?: number; asOrganization?: string } = {};
  if (country !== undefined) facts.country = country;
  if (asn !== undefined) facts.asn = asn;
  if (asOrganization !== undefined) facts.asOrganization = asOrganization;
  return facts;
}

/** The part of mmdb-lib's Reader that is used here. */
interface MmdbReader {
  readonly metadata: { readonly databaseType: string; readonly buildEpoch: Date; readonly ipVersion: number };
  get(ip: string): unknown;
}

/** An open `.mmdb` file. */
export class MmdbDatabase implements IpDatabase {
  constructor(
    readonly file: string,
    private readonly reader: MmdbReader,
    readonly description: string,
  ) {}

  /** The database type from its metadata (`GeoLite2-Country`, `DBIP-Country-Lite`, `country` …). */
  get databaseType(): string {
    return this.reader.metadata.databaseType;
  }

  /** When the database was built. */
  get built(): Date {
    return this.reader.metadata.buildEpoch;
  }

  lookup(ip: IpAddress): IpFacts | undefined {
    // an IPv4-only tree would answer an IPv6 query from unrelated bits
    if (ip.version === 6 && this.reader.metadata.ipVersion !== 6) return undefined;
    let record: unknown;
    try {
      record = this.reader.get(ip.text);
    } catch {
      // mmdb-lib throws on an address it cannot place: nothing known
      return undefined;
    }
    return record === null || record === undefined ? undefined : readMmdbRecord(record);
  }
}

/**
 * Opens a `.mmdb` file. `label` names it in descriptions (e.g. "DB-IP Lite country (CC BY 4.0)").
 * Throws `E_GEOIP` (located at the file) when it is missing, too large or not a MaxMind DB.
 */
export async function openMmdbDatabase(file: string, label?: string): Promise<MmdbDatabase> {
  const location = { file };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_MMDB_BYTES)
      throw new Error(`${info.size} bytes is more than the ${MAX_MMDB_BYTES}-byte limit`);
    bytes = await readFile(file);
  } catch (e) {
    throw new MikiwameError(
      "E_GEOIP",
      `cannot read the GeoIP database: ${e instanceof Error ? e.message : String(e)}; check the path`,
      location,
      { cause: e },
    );
  }
  let reader: MmdbReader;
  try {
    const { Reader } = await import("mmdb-lib");
    reader = new Reader(bytes);
  } catch (e) {
    throw new MikiwameError(
      "E_GEOIP",
      `not a MaxMind DB (.mmdb) file: ${e instanceof Error ? e.message : String(e)}`,
      location,
      { cause: e },
    );
  }
  const built = reader.metadata.buildEpoch.toISOString().slice(0, 10);
  const name = label ?? `${reader.metadata.databaseType} (${file})`;
  return new MmdbDatabase(file, reader, `${name}, built ${built}`);
}
