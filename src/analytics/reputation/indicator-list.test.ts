import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalIndicator, type Indicator, type IndicatorType, type Verdict } from "./indicator.js";
import { IndicatorList } from "./indicator-list.js";

function ind(type: IndicatorType, value: string, verdict: Verdict = "malicious"): Indicator {
  const v = canonicalIndicator(type, value);
  if (v === undefined) throw new Error(`bad test indicator ${value}`);
  return { type, value: v, verdict, source: "test", tags: [], origin: "test:1" };
}

function listOf(...indicators: Indicator[]): IndicatorList {
  const l = new IndicatorList();
  for (const i of indicators) l.add(i);
  return l;
}

test("hashes and addresses are found by exact value, in any spelling", () => {
  const l = listOf(ind("sha256", "ab".repeat(32)), ind("ipv4", "203.0.113.45"), ind("ipv6", "2001:db8::1"));
  assert.equal(l.lookupHash("AB".repeat(32))?.type, "sha256");
  assert.equal(l.lookupHash("ab".repeat(32))?.type, "sha256");
  assert.equal(l.lookupHash("cd".repeat(32)), undefined);
  assert.deepEqual(l.lookupIp("::ffff:203.0.113.45")?.kind, "exact");
  assert.deepEqual(l.lookupIp("2001:0db8::0:1")?.kind, "exact");
  assert.equal(l.lookupIp("203.0.113.46"), undefined);
  assert.equal(l.lookupIp("not an ip"), undefined);
  assert.equal(l.size, 3);
  assert.deepEqual(l.counts(), { sha256: 1, ipv4: 1, ipv6: 1 });
});

test("CIDR blocks match their addresses, the most specific block first", () => {
  const l = listOf(
    ind("cidr", "198.51.100.0/24", "suspicious"),
    ind("cidr", "198.51.100.128/25", "malicious"),
    ind("cidr", "2001:db8:bad::/48"),
    ind("cidr", "0.0.0.0/0", "benign"),
  );
  const cases: [string, string | undefined, string | undefined][] = [
    ["198.51.100.7", "198.51.100.0/24", "cidr"],
    ["198.51.100.200", "198.51.100.128/25", "cidr"],
    ["8.8.8.8", "0.0.0.0/0", "cidr"],
    ["2001:db8:bad:1::5", "2001:db8:bad::/48", "cidr"],
    ["2001:db8:bae::5", undefined, undefined],
  ];
  for (const [ip, block, kind] of cases) {
    const m = l.lookupIp(ip);
    assert.equal(m?.indicator.value, block, ip);
    assert.equal(m?.kind, kind, ip);
  }
});

test("a domain matches itself and its subdomains, not look-alikes", () => {
  const l = listOf(ind("domain", "evil.example"), ind("domain", "x.good.example", "benign"));
  const cases: [string, string | undefined, string | undefined][] = [
    ["evil.example", "evil.example", "exact"],
    ["EVIL.example.", "evil.example", "exact"],
    ["a.b.evil.example", "evil.example", "subdomain"],
    ["notevil.example", undefined, undefined],
    ["evil.example.com", undefined, undefined],
    ["good.example", undefined, undefined],
    ["y.x.good.example", "x.good.example", "subdomain"],
    ["203.0.113.45", undefined, undefined],
  ];
  for (const [name, value, kind] of cases) {
    const m = l.lookupDomain(name);
    assert.equal(m?.indicator.value, value, name);
    assert.equal(m?.kind, kind, name);
  }
});

test("URLs match exactly, or by path when the indicator has no query", () => {
  const l = listOf(ind("url", "http://evil.example/gate.php"), ind("url", "https://evil.example/a?id=1"));
  assert.equal(l.lookupUrl("evil.example/gate.php")?.kind, "exact");
  assert.equal(l.lookupUrl("http://EVIL.example:80/gate.php?x=2")?.kind, "url-path");
  assert.equal(l.lookupUrl("evil.example/a?id=1")?.kind, "exact");
  assert.equal(l.lookupUrl("evil.example/a?id=2"), undefined);
  assert.equal(l.lookupUrl("evil.example/other"), undefined);
});

test("a value listed twice keeps the stronger verdict", () => {
  const l = new IndicatorList();
  assert.deepEqual(l.add(ind("domain", "evil.example", "benign")), { added: true });
  const r = l.add(ind("domain", "evil.example", "malicious"));
  assert.equal(r.added, false);
  assert.equal(l.lookupDomain("evil.example")?.indicator.verdict, "malicious");
  l.add(ind("domain", "evil.example", "suspicious"));
  assert.equal(l.lookupDomain("evil.example")?.indicator.verdict, "malicious");
  l.add(ind("cidr", "10.0.0.0/8", "benign"));
  l.add(ind("cidr", "10.0.0.0/8", "suspicious"));
  assert.equal(l.lookupIp("10.1.2.3")?.indicator.verdict, "suspicious");
  assert.equal(l.size, 2);
});
