import assert from "node:assert/strict";
import { it } from "node:test";
import { normaliseLookupValue } from "./lookup-value.js";
import type { LookupKind } from "./reputation-source.js";

const MD5 = "44d88612fea8a8f36de82e1278abb02f";
const ROWS: ReadonlyArray<[LookupKind, string, string | RegExp]> = [
  ["hash", ` ${MD5.toUpperCase()} `, MD5],
  ["hash", "a".repeat(40), "a".repeat(40)],
  ["hash", "b".repeat(64), "b".repeat(64)],
  ["hash", "abc", /not an MD5, SHA-1 or SHA-256 hash/],
  ["hash", "g".repeat(32), /not an MD5/],
  ["ip", "203.0.113.7", "203.0.113.7"],
  ["ip", "2001:DB8::1", "2001:db8::1"],
  ["ip", "999.1.1.1", /not an IP address/],
  ["domain", "Evil.Example.COM.", "evil.example.com"],
  ["domain", "localhost", /not a domain name/],
  ["domain", "bad..example.com", /not a domain name/],
  ["url", "http://evil.example.com/a?b=1", "http://evil.example.com/a?b=1"],
  ["url", "ftp://evil.example.com/", /only http and https/],
  ["url", "not a url", /not a URL/],
  ["url", `http://x.example/${"a".repeat(3000)}`, /longer than 2048/],
  ["ip", "   ", /empty ip/],
];

for (const [kind, input, want] of ROWS) {
  it(`${kind} ${JSON.stringify(input.slice(0, 40))} → ${want}`, () => {
    const got = normaliseLookupValue(kind, input);
    if (typeof want === "string") assert.deepEqual(got, { ok: true, value: want });
    else {
      assert.equal(got.ok, false);
      assert.match(got.ok ? "" : got.reason, want);
    }
  });
}
