import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { bundledCountryDatabase } from "./bundled-databases.js";
import { type IpAddress, parseCidr } from "../../events/ip-address.js";
import type { IpDatabase, IpFacts } from "./ip-database.js";
import { LocationLookup, loadLocationLookup } from "./location-lookup.js";
import { DEFAULT_LOCATION_OPTIONS } from "./location-options.js";

/** A database answering from a table, counting the questions it is asked. */
class TableDatabase implements IpDatabase {
  asked: string[] = [];
  constructor(
    readonly description: string,
    private readonly table: Readonly<Record<string, IpFacts>>,
  ) {}
  lookup(ip: IpAddress): IpFacts | undefined {
    this.asked.push(ip.text);
    return this.table[ip.text];
  }
}

function bundledInstalled(): boolean {
  try {
    bundledCountryDatabase();
    return true;
  } catch {
    return false;
  }
}

describe("LocationLookup", () => {
  test("private, reserved, documentation and invalid addresses are never looked up", () => {
    const db = new TableDatabase("t", {});
    const lookup = new LocationLookup([db]);
    const cases = [
      ["10.0.5.27", "private"],
      ["192.168.0.1", "private"],
      ["fd12::1", "private"],
      ["fe80::1%eth0", "link-local"],
      ["127.0.0.1", "loopback"],
      ["::1", "loopback"],
      ["203.0.113.45", "documentation"],
      ["2001:db8::5", "documentation"],
      ["240.1.2.3", "reserved"],
      ["ff02::fb", "multicast"],
      ["-", "invalid"],
      ["host.example", "invalid"],
    ] as const;
    for (const [text, scope] of cases) {
      const l = lookup.lookup(text);
      assert.equal(l.scope, scope, text);
      assert.equal(l.country, undefined, text);
    }
    assert.deepEqual(db.asked, []);
  });

  test("public addresses: each fact from the first database that has it; canonical address", () => {
    const country = new TableDatabase("country", {
      "198.18.0.1": {},
      "8.8.8.8": { country: "US" },
      "2001:200::1": { country: "JP" },
    });
    const asn = new TableDatabase("asn", {
      "8.8.8.8": { country: "ZZ", asn: 15169, asOrganization: "Google LLC" },
      "2001:200::1": { asn: 2500 },
    });
    const lookup = new LocationLookup([country, asn]);
    assert.deepEqual(lookup.lookup("::ffff:8.8.8.8"), {
      address: "8.8.8.8",
      scope: "public",
      version: 4,
      country: "US",
      asn: 15169,
      asOrganization: "Google LLC",
    });
    const v6 = lookup.lookup("2001:0200:0:0::1");
    assert.equal(v6.address, "2001:200::1");
    assert.equal(v6.country, "JP");
    assert.equal(v6.asn, 2500);
    assert.equal(v6.asOrganization, undefined);
    assert.equal(JSON.parse(JSON.stringify(v6)).version, 6, "plain JSON");
    const unknown = lookup.lookup("5.5.5.5");
    assert.equal(unknown.scope, "public");
    assert.equal(unknown.country, undefined);
    assert.deepEqual(lookup.sources, ["country", "asn"]);
  });

  test("declared internal networks are never looked up", () => {
    const db = new TableDatabase("t", { "147.32.81.167": { country: "CZ" } });
    const lookup = new LocationLookup([db], { internalNetworks: [parseCidr("147.32.0.0/16")!] });
    assert.equal(lookup.lookup("147.32.81.167").scope, "internal");
    assert.equal(lookup.lookup("147.33.0.1").scope, "public");
    assert.deepEqual(db.asked, ["147.33.0.1"]);
  });

  test("the cache is bounded and counted", () => {
    const db = new TableDatabase("t", { "8.8.8.8": { country: "US" } });
    const lookup = new LocationLookup([db], { cacheSize: 4 });
    lookup.lookup("8.8.8.8");
    lookup.lookup("8.8.8.8");
    assert.equal(db.asked.length, 1, "second lookup from the cache");
    for (let i = 1; i <= 10; i++) lookup.lookup(`9.9.9.${i}`);
    const stats = lookup.stats();
    assert.equal(stats.lookups, 12);
    assert.equal(stats.cacheHits, 1);
    assert.ok(stats.cached <= 4, `cached ${stats.cached}`);
    assert.ok(stats.cacheEvictions > 0);
    lookup.lookup("8.8.8.8");
    assert.equal(db.asked.length, 12, "evicted entry is looked up again");
  });
});

describe("loadLocationLookup", () => {
  test("a user database that cannot be opened rejects with E_GEOIP at its path, and is not remembered", async () => {
    const file = join("/nonexistent", "GeoLite2-Country.mmdb");
    const options = { ...DEFAULT_LOCATION_OPTIONS, geoipDatabase: file, bundledAsn: false };
    for (let i = 0; i < 2; i++)
      await assert.rejects(loadLocationLookup(options), (e: unknown) => {
        assert.ok(e instanceof MikiwameError);
        assert.equal(e.code, "E_GEOIP");
        assert.equal(e.location?.file, file);
        return true;
      });
  });

  test("a bad internal network rejects with E_CONFIG before anything is opened", async () => {
    const options = { ...DEFAULT_LOCATION_OPTIONS, internalNetworks: ["10.0.0.0/99"] };
    await assert.rejects(loadLocationLookup(options), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_CONFIG");
      assert.equal(e.location, undefined);
      assert.match(e.message, /internalNetworks: "10\.0\.0\.0\/99"/);
      return true;
    });
  });

  test("the bundled data resolves well-known addresses (load once, shared)", async (t) => {
    if (!bundledInstalled()) {
      t.skip("skipped: the bundled @ip-location-db packages are not installed");
      return;
    }
    const started = performance.now();
    const lookup = await loadLocationLookup(DEFAULT_LOCATION_OPTIONS);
    const loadMs = performance.now() - started;
    assert.equal(await loadLocationLookup(DEFAULT_LOCATION_OPTIONS), lookup, "same instance");
    assert.equal(lookup.sources.length, 2);
    assert.match(lookup.sources[0], /DB-IP/);
    // stable, long-lived assignments: Google DNS, RIPE NCC, WIDE Project (M root), Cloudflare DNS
    const expected: ReadonlyArray<readonly [string, string, number]> = [
      ["8.8.8.8", "US", 15169],
      ["193.0.6.139", "NL", 3333],
      ["2001:200::1", "JP", 2500],
      ["2001:67c:2e8:22::c100:68b", "NL", 3333],
      ["1.1.1.1", "AU", 13335],
    ];
    for (const [ip, country, asn] of expected) {
      const l = lookup.lookup(ip);
      assert.equal(l.country, country, `${ip} country`);
      assert.equal(l.asn, asn, `${ip} AS`);
    }
    assert.equal(lookup.lookup("10.0.0.1").country, undefined);
    // lookup rate over distinct public addresses (no cache hits)
    const n = 20_000;
    const rateStart = performance.now();
    for (let i = 0; i < n; i++)
      lookup.lookup(`${(i % 200) + 1}.${(i * 7) % 256}.${(i * 13) % 256}.${i % 251}`);
    const perSecond = Math.round(n / ((performance.now() - rateStart) / 1000));
    t.diagnostic(`bundled data loaded in ${Math.round(loadMs)} ms; ${perSecond} uncached lookups/s`);
  });
});
