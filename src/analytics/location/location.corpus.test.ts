/**
 * Location analysis on real data: the bundled examples/ incident (must raise nothing with the default
 * risk list: its C&C is in the documentation range and its other peers are Microsoft, Google, Yahoo
 * Japan) and the Stratosphere Zeek captures (must run without crashing; reports the countries found).
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { corpusPath, corpusSkipReason, repoRoot } from "../../testing/corpus.js";
import { forEachEvent } from "../time/test-events.test.support.js";
import { bundledCountryDatabase } from "./bundled-databases.js";
import { LocationAnalyzer } from "./location-analyzer.js";
import { loadLocationLookup } from "./location-lookup.js";
import { DEFAULT_LOCATION_OPTIONS } from "./location-options.js";
import { remoteContacts } from "./remote-contacts.js";

function bundledMissing(): string | undefined {
  try {
    bundledCountryDatabase();
    return undefined;
  } catch {
    return "skipped: the bundled @ip-location-db packages are not installed";
  }
}

describe("location on the examples/ incident", () => {
  test("no risk finding; the C&C address is never looked up; public peers get countries", async (t) => {
    const missing = bundledMissing();
    const examples = join(repoRoot(), "examples");
    if (missing || !existsSync(examples)) {
      t.skip(missing ?? "skipped: examples/ not found");
      return;
    }
    const lookup = await loadLocationLookup(DEFAULT_LOCATION_OPTIONS);
    const analyzer = new LocationAnalyzer(lookup);
    const countries = new Map<string, number>();
    let documentation = 0;
    await forEachEvent([examples], (event) => {
      analyzer.observe(event);
      for (const c of remoteContacts(event, lookup)) {
        const key = `${c.remote.country ?? "?"}`;
        countries.set(key, (countries.get(key) ?? 0) + 1);
      }
      for (const f of ["SourceIp", "DestinationIp"] as const) {
        const v = event.fields[f];
        if (typeof v === "string" && v.startsWith("203.0.113.")) {
          assert.equal(lookup.lookup(v).scope, "documentation");
          documentation++;
        }
      }
    });
    const findings = analyzer.finish();
    assert.deepEqual(
      findings.map((f) => f.id),
      [],
    );
    assert.ok(documentation > 100, `beacon seen (${documentation} events with 203.0.113.x)`);
    assert.ok((countries.get("US") ?? 0) > 0, "Microsoft/Google peers are in the US");
    assert.equal(countries.get("?"), undefined, "every public peer has a country");
    t.diagnostic(`contacts by country: ${JSON.stringify(Object.fromEntries(countries))}`);
    t.diagnostic(`stats: ${JSON.stringify(analyzer.stats())}`);
  });
});

describe("location on stratosphere-zeek", () => {
  test("every public address gets a country; findings are well formed", async (t) => {
    // 008 was captured at CTU, whose public 147.32.0.0/16 is the inside there
    const missing = bundledMissing();
    const dir = corpusPath("stratosphere-zeek");
    if (missing || !dir) {
      t.skip(missing ?? corpusSkipReason("stratosphere-zeek"));
      return;
    }
    const options = { ...DEFAULT_LOCATION_OPTIONS, internalNetworks: ["147.32.0.0/16"] };
    const lookup = await loadLocationLookup(options);
    const analyzer = new LocationAnalyzer(lookup, options);
    const countries = new Map<string, number>();
    let events = 0;
    const files = [
      "001-zeek-scenario-malicious/conn.log",
      "005-zeek-scenario-malicious/conn.log",
      "008-zeek-mixed/data/conn.log.labeled",
    ]
      .map((name) => join(dir, name))
      .filter(existsSync);
    await forEachEvent(files, (event) => {
      events++;
      analyzer.observe(event);
      for (const c of remoteContacts(event, lookup))
        countries.set(c.remote.country ?? "?", (countries.get(c.remote.country ?? "?") ?? 0) + 1);
    });
    const findings = analyzer.finish();
    const stats = analyzer.stats();
    assert.ok(events > 1000, `events read: ${events}`);
    assert.ok(stats.contacts > 0);
    const all = [...countries.values()].reduce((s, n) => s + n, 0);
    const unknown = countries.get("?") ?? 0;
    assert.ok(all > 0 && unknown / all < 0.05, `nearly every contact resolved (${unknown} of ${all} not)`);
    for (const f of findings) {
      assert.equal(f.viewpoint, "location");
      assert.ok(f.evidence.length > 0 && f.evidence.length <= 20);
      assert.ok(f.message.en.length > 0 && f.message.ja.length > 0);
    }
    const top = [...countries.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
    t.diagnostic(`${events} events; contacts by country (top): ${JSON.stringify(Object.fromEntries(top))}`);
    const byDetector = new Map<string, number>();
    for (const f of findings) byDetector.set(f.detector, (byDetector.get(f.detector) ?? 0) + 1);
    const risky = findings.map(
      (f) => `${f.host}→${f.details.address} ${f.details.country} ${f.details.direction}`,
    );
    t.diagnostic(`findings: ${JSON.stringify(Object.fromEntries(byDetector))} ${risky.join("; ")}`);
    t.diagnostic(`stats: ${JSON.stringify(stats)}`);
  });
});
