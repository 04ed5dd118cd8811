/**
 * The one interface every address database implements (a MaxMind-format `.mmdb` file, the bundled ASN
 * table, a test stub), so the lookup can merge several: country from one, ASN from another.
 * Input: a parsed public address. Output: what the database knows about it.
 */
import type { IpAddress } from "../../events/ip-address.js";

/** What a database knows about one address; any part may be missing. */
export interface IpFacts {
  /** ISO 3166-1 alpha-2 country code, upper case */
  readonly country?: string;
  /** Autonomous system number */
  readonly asn?: number;
  /** Autonomous system organisation name */
  readonly asOrganization?: string;
}

/** A source of facts about public addresses. */
export interface IpDatabase {
  /** A short description for reports: what it is and where it comes from (incl. attribution) */
  readonly description: string;
  lookup(ip: IpAddress): IpFacts | undefined;
}
