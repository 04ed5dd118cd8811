/** Tests of the simple STIX pattern parser: accepted forms and rejected ones with their reasons. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseStixPattern } from "./stix-pattern.js";

describe("parseStixPattern", () => {
  const ok: [string, string[]][] = [
    ["[file:hashes.'SHA-256' = 'abc']", ["sha256=abc"]],
    ["[file:hashes.MD5 = 'x' OR file:hashes.'SHA-1' = 'y']", ["md5=x", "sha1=y"]],
    [
      "[ipv4-addr:value = '1.2.3.4'] OR [domain-name:value = 'e.example']",
      ["ipv4=1.2.3.4", "domain=e.example"],
    ],
    ["[ipv4-addr:value ISSUBSET '10.0.0.0/8']", ["cidr=10.0.0.0/8"]],
    ["[url:value = 'http://x.example/it\\'s']", ["url=http://x.example/it's"]],
  ];
  for (const [p, want] of ok)
    it(p, () => {
      const r = parseStixPattern(p);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(
        r.comparisons.map((c) => `${c.type}=${c.value}`),
        want,
      );
    });
  const bad: [string, RegExp][] = [
    ["[file:hashes.MD5 = 'x' AND file:name = 'y']", /AND inside an observation/],
    ["[a:value = 'x'] FOLLOWEDBY [b:value = 'y']", /object path a:value is not supported/],
    ["[domain-name:value = 'x'] FOLLOWEDBY [url:value = 'y']", /FOLLOWEDBY between observations/],
    ["[url:value MATCHES 'x']", /operator MATCHES/],
    ["[process:name = 'x']", /object path process:name/],
    ["[file:hashes.'SSDEEP' = 'x']", /hash algorithm "ssdeep"/],
    ["[url:value = 'x'] WITHIN 5 SECONDS", /WITHIN between observations/],
    ["[url:value = 'x", /unterminated/],
  ];
  for (const [p, reason] of bad)
    it(`rejects ${p}`, () => {
      const r = parseStixPattern(p);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, reason);
    });
});
