/**
 * The frequency analyzer on RITA's own test data (../shared/corpus/rita-zeek), read in place through
 * the Zeek reader and the normalizer: the known beacon of `missing_host/` (73.54.23.243 →
 * 64.225.56.201, every 200–350 s, its README) must score as a high beacon and its all-day SSH
 * session as a long connection; the proxy capture's beacon must be found by its CONNECT host
 * through the proxy, and the benign google.com traffic must not be a beacon (RITA's own integration
 * test gives www.google.com through the proxy 25.8 %).
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { corpusPath, corpusSkipReason } from "../../../testing/corpus.js";
import { feedPaths } from "../read-events.test.support.js";
import { BeaconAnalyzer } from "./beacon-analyzer.js";

/** The files of a directory tree whose log path is one of `paths` (by file name). */
function logFiles(dir: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...logFiles(p, paths));
    else if (paths.some((x) => entry.name === `${x}.log` || entry.name.startsWith(`${x}.`))) out.push(p);
  }
  return out.sort();
}

describe("RITA test data", () => {
  it("missing_host: the HTTP beacon scores high and the open SSH session is a long connection", async (t) => {
    const dir = corpusPath("rita-zeek", "test_data", "missing_host");
    if (!dir) return t.skip(corpusSkipReason("rita-zeek/test_data/missing_host"));
    // The client is the inside host here (the sensor ran on the server): say so, as RITA's config would.
    const analyzer = new BeaconAnalyzer({ internalNetworks: ["73.54.23.243/32"] });
    const { findings } = await feedPaths(logFiles(dir, ["conn", "open_conn"]), [analyzer]);
    const beacon = findings.find((f) => f.id === "network.beacon:ip:ip|73.54.23.243|64.225.56.201");
    assert.ok(beacon, findings.map((f) => f.id).join("; "));
    assert.equal(beacon.severity, "high");
    assert.ok(Number(beacon.details.score) >= 0.9, String(beacon.details.score));
    const interval = Number(beacon.details.intervalMedianSeconds);
    assert.ok(interval >= 200 && interval <= 350, `median interval ${interval} s`);
    t.diagnostic(
      `missing_host beacon score ${beacon.details.score} (${beacon.details.connections} connections)`,
    );
    const long = findings.find((f) => f.id === "network.long-connection:ip:ip|73.54.23.243|64.225.56.201");
    assert.ok(long);
    assert.ok(Number(long.details.longestSeconds) >= 48 * 3600, String(long.details.longestSeconds));
    assert.equal(long.severity, "high");
  });

  it("proxy: the beacon is found through the proxy by its host name; google.com is not a beacon", async (t) => {
    const dir = corpusPath("rita-zeek", "test_data", "proxy");
    if (!dir) return t.skip(corpusSkipReason("rita-zeek/test_data/proxy"));
    const analyzer = new BeaconAnalyzer();
    const { findings } = await feedPaths(logFiles(dir, ["conn", "http", "ssl"]), [analyzer]);
    const beacons = findings.filter((f) => f.detector === "network.beacon");
    assert.deepEqual(
      beacons.map((f) => f.id),
      ["network.beacon:sni:sni|10.136.0.18|www.honestimnotevil.com"],
    );
    assert.equal(beacons[0].severity, "high");
    assert.equal(beacons[0].details.addresses, "10.136.0.16");
    assert.match(beacons[0].message.en, /via proxy 10\.136\.0\.16/);
    const google = analyzer.scoreAll().find((p) => p.pair.key === "sni|10.136.0.18|www.google.com");
    assert.ok(!google?.beacon || google.beacon.score < 0.5, JSON.stringify(google?.beacon?.score));
    t.diagnostic(
      `proxy: honestimnotevil ${beacons[0].details.score}, google ${google?.beacon?.score ?? "not scored"}`,
    );
  });

  it("proxy_rolling: www.google.com through the proxy is not a beacon (RITA: 25.8 %)", async (t) => {
    const dir = corpusPath("rita-zeek", "test_data", "proxy_rolling");
    if (!dir) return t.skip(corpusSkipReason("rita-zeek/test_data/proxy_rolling"));
    const analyzer = new BeaconAnalyzer();
    const { findings } = await feedPaths(logFiles(dir, ["conn", "http", "ssl"]), [analyzer]);
    const google = analyzer.scoreAll().find((p) => p.pair.key === "sni|10.0.0.111|www.google.com");
    assert.ok(google?.beacon);
    assert.ok(google.beacon.score < 0.5, String(google.beacon.score));
    assert.equal(
      findings.filter((f) => f.detector === "network.beacon" && f.message.en.includes("google")).length,
      0,
    );
    t.diagnostic(`proxy_rolling: www.google.com scores ${google.beacon.score}`);
  });
});
