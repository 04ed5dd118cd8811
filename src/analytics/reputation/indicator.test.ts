import assert from "node:assert/strict";
import { test } from "node:test";
import {
  canonicalDomain,
  canonicalIndicator,
  canonicalUrl,
  inferIndicatorType,
  refang,
} from "./indicator.js";
import { withoutPort } from "./observations.js";

test("indicator types are inferred from the value", () => {
  const cases: [string, string | undefined][] = [
    ["d41d8cd98f00b204e9800998ecf8427e", "md5"],
    ["da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1"],
    ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256"],
    ["E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B85", undefined], // 63 hex digits
    ["203.0.113.45", "ipv4"],
    ["2001:db8::1", "ipv6"],
    ["::ffff:203.0.113.45", "ipv4"],
    ["203.0.113.0/24", "cidr"],
    ["2001:db8::/32", "cidr"],
    ["203.0.113.0/33", undefined],
    ["evil.example", "domain"],
    ["*.evil.example", "domain"],
    ["http://evil.example/a?b=1", "url"],
    ["evil.example/payload.bin", "url"],
    ["localhost", undefined],
    ["1.2.3", undefined],
    ["not a value", undefined],
    ["", undefined],
  ];
  for (const [text, type] of cases) assert.equal(inferIndicatorType(text), type, text);
});

test("values are canonicalized for matching", () => {
  const cases: [Parameters<typeof canonicalIndicator>[0], string, string | undefined][] = [
    ["md5", "d41d8cd98f00b204e9800998ecf8427e", "D41D8CD98F00B204E9800998ECF8427E"],
    ["sha1", "d41d8cd98f00b204e9800998ecf8427e", undefined],
    ["ipv4", "::ffff:203.0.113.45", "203.0.113.45"],
    ["ipv6", "2001:0db8:0000::0001", "2001:db8::1"],
    ["ipv6", "203.0.113.45", undefined],
    ["domain", "Evil.Example.", "evil.example"],
    ["domain", "-bad-.example", undefined],
    ["url", "HTTPS://Evil.Example:443/Path?q=1#frag", "evil.example/Path?q=1"],
    ["url", "http://evil.example:8080", "evil.example:8080/"],
    ["url", "http://user@203.0.113.45/x", "203.0.113.45/x"],
    ["url", "http://[2001:db8::1]:80/x", "[2001:db8::1]/x"],
    ["url", "http:///nohost", undefined],
  ];
  for (const [type, text, want] of cases)
    assert.equal(canonicalIndicator(type, text), want, `${type} ${text}`);
});

test("defanged values are refanged", () => {
  assert.equal(refang("hxxp://evil[.]example/x"), "http://evil.example/x");
  assert.equal(refang("203[.]0[.]113[.]45"), "203.0.113.45");
  assert.equal(refang("evil(.)example"), "evil.example");
  assert.equal(canonicalDomain("a.b.evil.example"), "a.b.evil.example");
  assert.equal(canonicalUrl("evil.example"), "evil.example/");
});

test("HTTP Host headers lose their port, not IPv6 groups", () => {
  const cases: [string, string][] = [
    ["a.example:8080", "a.example"],
    ["a.example", "a.example"],
    ["[2001:db8::1]:80", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["203.0.113.45:8443", "203.0.113.45"],
  ];
  for (const [host, want] of cases) assert.equal(withoutPort(host), want, host);
});
