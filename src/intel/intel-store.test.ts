/** Tests of the indicator store: canonical forms, lookups by type, merging and decay. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decayState } from "./decay.js";
import {
  canonicalIntelValue,
  type IntelIndicator,
  type IntelType,
  inferIntelType,
} from "./intel-indicator.js";
import { IntelStore } from "./intel-store.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

function ind(type: IntelType, value: string, extra: Partial<IntelIndicator> = {}): IntelIndicator {
  const v = canonicalIntelValue(type, value);
  assert.ok(v, `${value} is a ${type}`);
  return {
    type,
    value: v,
    sources: ["test"],
    confidence: 80,
    tags: [],
    imported: "2025-12-31T00:00:00Z",
    ...extra,
  };
}

describe("canonical forms", () => {
  const cases: [string, IntelType | undefined, string | undefined][] = [
    ["D41D8CD98F00B204E9800998ECF8427E", "md5", "d41d8cd98f00b204e9800998ecf8427e"],
    ["hxxp://Evil[.]Example:80/a?b#frag", "url", "evil.example/a?b"],
    ["::ffff:10.1.2.3", "ipv4", "10.1.2.3"],
    ["2001:DB8:0:0:0:0:0:1", "ipv6", "2001:db8::1"],
    ["10.1.2.3/8", "cidr", "10.0.0.0/8"],
    ["*.Evil.Example.", "domain", "evil.example"],
    ["not a value", undefined, undefined],
    ["1.2.3.4/33", undefined, undefined],
  ];
  for (const [text, type, key] of cases)
    it(text, () => {
      assert.equal(inferIntelType(text), type);
      if (type) assert.equal(canonicalIntelValue(type, text), key);
    });
});

describe("IntelStore lookups", () => {
  const store = new IntelStore();
  store.add(ind("sha256", "a".repeat(64)));
  store.add(ind("imphash", "b".repeat(32), { confidence: 40 }));
  store.add(ind("md5", "b".repeat(32)));
  store.add(ind("ipv4", "192.0.2.7"));
  store.add(ind("cidr", "198.51.100.0/24"));
  store.add(ind("cidr", "198.51.0.0/16", { confidence: 10 }));
  store.add(ind("cidr", "2001:db8::/32"));
  store.add(ind("domain", "evil.example"));
  store.add(ind("url", "http://bad.example/x"));
  const cases: [string, string[]][] = [
    ["A".repeat(64), ["sha256:exact"]],
    ["b".repeat(32), ["md5:exact", "imphash:exact"]],
    ["192.0.2.7", ["ipv4:exact"]],
    ["198.51.100.9", ["cidr:cidr:198.51.100.0/24"]],
    ["198.51.7.1", ["cidr:cidr:198.51.0.0/16"]],
    ["2001:db8:1::5", ["cidr:cidr:2001:db8::/32"]],
    ["a.b.evil.example", ["domain:subdomain"]],
    ["notevil.example", []],
    ["https://bad.example/x?q=1", ["url:url-path"]],
    ["192.0.2.8", []],
  ];
  for (const [value, want] of cases)
    it(value, () => {
      const got = store
        .lookup(value, { now: NOW })
        .map((m) =>
          m.kind === "cidr"
            ? `${m.indicator.type}:${m.kind}:${m.indicator.value}`
            : `${m.indicator.type}:${m.kind}`,
        );
      assert.deepEqual(got.sort(), want.sort());
    });
  it("counts", () => {
    assert.equal(store.size, 9);
    assert.deepEqual(store.counts(), { sha256: 1, imphash: 1, md5: 1, ipv4: 1, cidr: 3, domain: 1, url: 1 });
  });
});

describe("merging and decay", () => {
  it("merges a second sighting", () => {
    const store = new IntelStore();
    assert.equal(
      store.add(ind("domain", "x.example", { firstSeen: "2025-01-02T00:00:00.000Z", tags: ["a"] })),
      true,
    );
    assert.equal(
      store.add(
        ind("domain", "X.example", {
          sources: ["other"],
          confidence: 95,
          firstSeen: "2025-01-01T00:00:00.000Z",
          lastSeen: "2025-12-30T00:00:00.000Z",
          tags: ["b"],
        }),
      ),
      false,
    );
    const i = store.get("domain", "x.example");
    assert.deepEqual(
      [i?.sources, i?.confidence, i?.firstSeen, i?.lastSeen, i?.tags],
      [["test", "other"], 95, "2025-01-01T00:00:00.000Z", "2025-12-30T00:00:00.000Z", ["a", "b"]],
    );
  });
  it("decays addresses and expires them; hashes do not decay", () => {
    const old = ind("ipv4", "192.0.2.1", { lastSeen: "2025-12-02T00:00:00Z" }); // 30 days
    assert.deepEqual(decayState(old, NOW), { confidence: 40, expired: false, ageDays: 30 });
    const older = ind("ipv4", "192.0.2.1", { lastSeen: "2025-09-01T00:00:00Z" });
    assert.equal(decayState(older, NOW).expired, true);
    const hash = ind("sha1", "c".repeat(40), { lastSeen: "2015-01-01T00:00:00Z" });
    assert.deepEqual([decayState(hash, NOW).confidence, decayState(hash, NOW).expired], [80, false]);
    const explicit = ind("sha1", "c".repeat(40), { expires: "2025-12-31T00:00:00Z" });
    assert.equal(decayState(explicit, NOW).expired, true);
  });
  it("lookup hides expired indicators unless asked", () => {
    const store = new IntelStore();
    store.add(ind("ipv4", "192.0.2.1", { lastSeen: "2025-01-01T00:00:00Z" }));
    assert.deepEqual(store.lookup("192.0.2.1", { now: NOW }), []);
    assert.equal(store.lookup("192.0.2.1", { now: NOW, includeExpired: true })[0]?.state.expired, true);
  });
});
