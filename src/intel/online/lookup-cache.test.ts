import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Clock } from "./clock.js";
import { LookupCache, lookupCacheFile } from "./lookup-cache.js";
import type { LookupResult } from "./reputation-source.js";

class FakeClock implements Clock {
  t = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

const HOUR = 3_600_000;
const found = (value: string, kind: "hash" | "ip" = "hash"): LookupResult => ({
  source: "virustotal",
  kind,
  value,
  status: "found",
  verdict: "malicious",
  score: 40,
  details: { reputation: -12, tags: ["peexe"] },
  cached: false,
});

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-lookup-cache-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("LookupCache", () => {
  it("lives in <data dir>/intel/cache/", () => {
    assert.equal(lookupCacheFile("/data"), join("/data", "intel", "cache", "online-lookups.json"));
  });

  it("returns a stored answer marked cached, until its kind's TTL runs out", () => {
    const clock = new FakeClock();
    const cache = LookupCache.inMemory({ clock, ttlMs: { ip: 2 * HOUR } });
    cache.set(found("aa".repeat(16)));
    cache.set(found("198.51.100.1", "ip"));
    assert.deepEqual(cache.get("virustotal", "hash", "aa".repeat(16)), {
      ...found("aa".repeat(16)),
      cached: true,
    });
    assert.equal(cache.get("xforce", "hash", "aa".repeat(16)), undefined, "keys include the source");
    clock.t += 2 * HOUR;
    assert.equal(cache.get("virustotal", "ip", "198.51.100.1"), undefined, "ip TTL (2 h) is over");
    assert.equal(cache.get("virustotal", "hash", "aa".repeat(16))?.status, "found", "hash TTL (7 d) is not");
  });

  it("keeps not-found for the shorter not-found TTL and never keeps errors or not-checked", () => {
    const clock = new FakeClock();
    const cache = LookupCache.inMemory({ clock, notFoundTtlMs: HOUR });
    const base = { source: "virustotal", kind: "hash" as const, details: {}, cached: false };
    cache.set({ ...base, value: "1".repeat(32), status: "not-found" });
    cache.set({ ...base, value: "2".repeat(32), status: "error", reason: "HTTP 500" });
    cache.set({ ...base, value: "3".repeat(32), status: "not-checked", reason: "offline" });
    assert.equal(cache.size, 1);
    assert.equal(cache.get("virustotal", "hash", "1".repeat(32))?.status, "not-found");
    clock.t += HOUR;
    assert.equal(cache.get("virustotal", "hash", "1".repeat(32)), undefined);
  });

  it("drops the oldest-written entries beyond maxEntries", () => {
    const cache = LookupCache.inMemory({ maxEntries: 2 });
    cache.set(found("a".repeat(32)));
    cache.set(found("b".repeat(32)));
    cache.set(found("a".repeat(32))); // rewritten: now the newest
    cache.set(found("c".repeat(32)));
    assert.equal(cache.size, 2);
    assert.equal(cache.get("virustotal", "hash", "b".repeat(32)), undefined);
    assert.ok(cache.get("virustotal", "hash", "a".repeat(32)));
    assert.ok(cache.get("virustotal", "hash", "c".repeat(32)));
  });

  it("saves to its file and a new run reads the answers back; expired entries are not written", async () => {
    const clock = new FakeClock();
    const file = lookupCacheFile(join(dir, "roundtrip"));
    const first = await LookupCache.open(file, { clock });
    first.set(found("d".repeat(32)));
    first.set(found("203.0.113.9", "ip"));
    clock.t += 25 * HOUR; // the ip answer (24 h) is now stale
    first.set(found("e".repeat(32)));
    await first.save();
    const text = await readFile(file, "utf8");
    assert.doesNotMatch(text, /203\.0\.113\.9/);
    const second = await LookupCache.open(file, { clock });
    assert.equal(second.size, 2);
    assert.deepEqual(second.get("virustotal", "hash", "d".repeat(32)), {
      ...found("d".repeat(32)),
      cached: true,
    });
  });

  const BROKEN: ReadonlyArray<[string, string, RegExp]> = [
    ["not JSON", "{oops", /not valid JSON/],
    ["wrong version", JSON.stringify({ version: 99, entries: {} }), /not a version-1 lookup cache/],
    [
      "malformed entries",
      JSON.stringify({
        version: 1,
        entries: {
          "virustotal|hash|x": { storedAt: "yesterday", status: "found", verdict: "malicious", details: {} },
          "virustotal|bogus|x": { storedAt: 1, status: "found", verdict: "malicious", details: {} },
          "virustotal|hash|y": { storedAt: 1, status: "found", verdict: "evil", details: {} },
        },
      }),
      /3 malformed entries skipped/,
    ],
  ];
  for (const [name, content, reason] of BROKEN) {
    it(`an unreadable cache file (${name}) is reported with E_INTEL_ONLINE and its path; the cache starts empty`, async () => {
      const file = join(dir, `broken-${name.replace(/\W/g, "-")}.json`);
      await writeFile(file, content);
      const diagnostics = new Diagnostics();
      const cache = await LookupCache.open(file, { diagnostics });
      assert.equal(cache.size, 0);
      const [d] = diagnostics.list();
      assert.equal(diagnostics.warnings, 1);
      assert.equal(d?.code, "E_INTEL_ONLINE");
      assert.equal(d?.location.file, file);
      assert.match(d?.message ?? "", reason);
    });
  }

  it("does not read a cache file larger than maxFileBytes", async () => {
    const file = join(dir, "big.json");
    await writeFile(file, JSON.stringify({ version: 1, entries: {}, pad: "x".repeat(2000) }));
    const diagnostics = new Diagnostics();
    const cache = await LookupCache.open(file, { diagnostics, maxFileBytes: 1000 });
    assert.equal(cache.size, 0);
    assert.equal(diagnostics.list()[0]?.code, "E_INTEL_ONLINE");
    assert.equal(diagnostics.list()[0]?.location.file, file);
    assert.match(diagnostics.list()[0]?.message ?? "", /more than the 1000 allowed/);
  });

  it("a missing file is an empty cache without any diagnostic", async () => {
    const diagnostics = new Diagnostics();
    const cache = await LookupCache.open(join(dir, "none", "x.json"), { diagnostics });
    assert.equal(cache.size, 0);
    assert.equal(diagnostics.total, 0);
  });

  it("a failed write is reported with the file, not thrown", async () => {
    const blocker = join(dir, "blocker");
    await writeFile(blocker, "a file where a directory should be");
    const file = join(blocker, "cache", "online-lookups.json");
    const diagnostics = new Diagnostics();
    const cache = await LookupCache.open(file, { diagnostics });
    cache.set(found("f".repeat(32)));
    await cache.save();
    const last = diagnostics.list().at(-1);
    assert.equal(last?.code, "E_INTEL_ONLINE");
    assert.equal(last?.location.file, file);
    assert.match(last?.message ?? "", /could not be written/);
  });
});
