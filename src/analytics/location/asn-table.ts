/**
 * An address → autonomous system table read from ip-location-db's numeric CSV layout
 * (`range_start,range_end,asn,"organisation"`, one inclusive range per line, IPv4 as 32-bit numbers,
 * IPv6 as 128-bit decimal numbers). The files are streamed line by line into compact typed arrays
 * (about 10 bytes per IPv4 range) and searched by binary search.
 * Input: the IPv4 and IPv6 CSV paths. Output: an `IpDatabase` plus a count of the rows it had to skip
 * (with the first one's location), which the caller reports.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Location } from "../../diagnostics/location.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { IpAddress } from "../../events/ip-address.js";
import type { IpDatabase, IpFacts } from "./ip-database.js";

/** Lines longer than this are not ranges (the longest real row is about 200 characters). */
const MAX_LINE = 1000;
const MAX_U32 = 0xffffffff;
const MAX_U128 = (1n << 128n) - 1n;
const MASK_64 = (1n << 64n) - 1n;

/** The two files of the table. */
export interface AsnTableFiles {
  readonly ipv4: string;
  readonly ipv6: string;
}

/** A loaded table and what loading it skipped. */
export interface AsnTableLoad {
  readonly table: AsnTable;
  readonly skippedRows: number;
  /** Where the first skipped row is, with the reason */
  readonly firstSkipped?: { readonly location: Location; readonly reason: string };
}

/** Splits `start,end,asn,org` (org optionally quoted with `""` escapes); undefined if malformed. */
export function splitAsnRow(line: string): [string, string, string, string] | undefined {
  const a = line.indexOf(",");
  const b = a < 0 ? -1 : line.indexOf(",", a + 1);
  const c = b < 0 ? -1 : line.indexOf(",", b + 1);
  if (c < 0) return undefined;
  let org = line.slice(c + 1);
  if (org.startsWith('"')) {
    if (org.length < 2 || !org.endsWith('"')) return undefined;
    org = org.slice(1, -1).replaceAll('""', '"');
  }
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), org];
}

function readU32(text: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_U32 ? n : undefined;
}

function readU128(text: string): bigint | undefined {
  if (!/^[0-9]{1,39}$/.test(text)) return undefined;
  const n = BigInt(text);
  return n <= MAX_U128 ? n : undefined;
}

/** Indices 0..n-1 ordered by `less`, or undefined when already in order (the usual case). */
function orderIfUnsorted(n: number, less: (i: number, j: number) => boolean): number[] | undefined {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (less(i, i - 1)) sorted = false;
  if (sorted) return undefined;
  return Array.from({ length: n }, (_, i) => i).sort((i, j) => (less(i, j) ? -1 : less(j, i) ? 1 : 0));
}

/** The in-memory table. Build it with `loadAsnTable`. */
export class AsnTable implements IpDatabase {
  constructor(
    readonly description: string,
    private readonly v4Start: Uint32Array,
    private readonly v4End: Uint32Array,
    private readonly v4Asn: Uint32Array,
    /** IPv6: start and end as (high, low) 64-bit halves */
    private readonly v6StartHi: BigUint64Array,
    private readonly v6StartLo: BigUint64Array,
    private readonly v6EndHi: BigUint64Array,
    private readonly v6EndLo: BigUint64Array,
    private readonly v6Asn: Uint32Array,
    private readonly organizations: ReadonlyMap<number, string>,
  ) {}

  /** Number of ranges (IPv4 + IPv6). */
  get size(): number {
    return this.v4Start.length + this.v6StartHi.length;
  }

  lookup(ip: IpAddress): IpFacts | undefined {
    const asn =
      ip.version === 4 ? this.findV4(Number(ip.value)) : this.findV6(ip.value >> 64n, ip.value & MASK_64);
    if (asn === undefined) return undefined;
    const org = this.organizations.get(asn);
    return org === undefined ? { asn } : { asn, asOrganization: org };
  }

  private findV4(value: number): number | undefined {
    let lo = 0;
    let hi = this.v4Start.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.v4Start[mid] <= value) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && value <= this.v4End[found] ? this.v4Asn[found] : undefined;
  }

  private findV6(h: bigint, l: bigint): number | undefined {
    let lo = 0;
    let hi = this.v6StartHi.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const sh = this.v6StartHi[mid];
      if (sh < h || (sh === h && this.v6StartLo[mid] <= l)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const eh = this.v6EndHi[found];
    const inside = h < eh || (h === eh && l <= this.v6EndLo[found]);
    return inside ? this.v6Asn[found] : undefined;
  }
}

/** Accumulates rows while the files stream. */
class AsnTableBuilder {
  readonly v4: { start: number[]; end: number[]; asn: number[] } = { start: [], end: [], asn: [] };
  readonly v6: { start: bigint[]; end: bigint[]; asn: number[] } = { start: [], end: [], asn: [] };
  readonly organizations = new Map<number, string>();
  skipped = 0;
  firstSkipped: { location: Location; reason: string } | undefined;

  skip(location: Location, reason: string): void {
    this.skipped++;
    this.firstSkipped ??= { location, reason };
  }

  add(version: 4 | 6, row: readonly [string, string, string, string], location: Location): void {
    const asn = readU32(row[2]);
    if (asn === undefined) {
      this.skip(location, `bad AS number "${row[2].slice(0, 20)}"`);
      return;
    }
    if (version === 4) {
      const start = readU32(row[0]);
      const end = readU32(row[1]);
      if (start === undefined || end === undefined || end < start) {
        this.skip(location, "bad IPv4 range");
        return;
      }
      this.v4.start.push(start);
      this.v4.end.push(end);
      this.v4.asn.push(asn);
    } else {
      const start = readU128(row[0]);
      const end = readU128(row[1]);
      if (start === undefined || end === undefined || end < start) {
        this.skip(location, "bad IPv6 range");
        return;
      }
      this.v6.start.push(start);
      this.v6.end.push(end);
      this.v6.asn.push(asn);
    }
    // a copy: the row's text is a slice of the read chunk, which a kept slice would keep alive (~30 MB)
    if (row[3] !== "" && !this.organizations.has(asn))
      this.organizations.set(asn, Buffer.from(row[3]).toString());
  }

  build(description: string): AsnTable {
    const v4Order = orderIfUnsorted(this.v4.start.length, (i, j) => this.v4.start[i] < this.v4.start[j]);
    const v6Order = orderIfUnsorted(this.v6.start.length, (i, j) => this.v6.start[i] < this.v6.start[j]);
    const pick = <T>(values: readonly T[], order: number[] | undefined): T[] =>
      order ? order.map((i) => values[i]) : (values as T[]);
    const v6Start = pick(this.v6.start, v6Order);
    const v6End = pick(this.v6.end, v6Order);
    return new AsnTable(
      description,
      Uint32Array.from(pick(this.v4.start, v4Order)),
      Uint32Array.from(pick(this.v4.end, v4Order)),
      Uint32Array.from(pick(this.v4.asn, v4Order)),
      BigUint64Array.from(v6Start, (v) => v >> 64n),
      BigUint64Array.from(v6Start, (v) => v & MASK_64),
      BigUint64Array.from(v6End, (v) => v >> 64n),
      BigUint64Array.from(v6End, (v) => v & MASK_64),
      Uint32Array.from(pick(this.v6.asn, v6Order)),
      this.organizations,
    );
  }
}

async function readRows(file: string, version: 4 | 6, builder: AsnTableBuilder): Promise<void> {
  const input = createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text === "") continue;
      const location = { file, line };
      if (text.length > MAX_LINE) {
        builder.skip(location, `line longer than ${MAX_LINE} characters`);
        continue;
      }
      const row = splitAsnRow(text);
      if (!row) builder.skip(location, "not start,end,asn,organisation");
      else builder.add(version, row, location);
    }
  } catch (e) {
    throw new MikiwameError(
      "E_GEOIP",
      `cannot read the ASN table: ${e instanceof Error ? e.message : String(e)}`,
      { file, line: line > 0 ? line : undefined },
      { cause: e },
    );
  } finally {
    input.destroy();
  }
}

/** Streams both CSV files into a table. Throws `E_GEOIP` (located) when a file cannot be read. */
export async function loadAsnTable(files: AsnTableFiles, description: string): Promise<AsnTableLoad> {
  const builder = new AsnTableBuilder();
  await readRows(files.ipv4, 4, builder);
  await readRows(files.ipv6, 6, builder);
  const table = builder.build(description);
  return builder.firstSkipped
    ? { table, skippedRows: builder.skipped, firstSkipped: builder.firstSkipped }
    : { table, skippedRows: builder.skipped };
}
