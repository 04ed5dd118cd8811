import assert from "node:assert/strict";
import { test } from "node:test";
import { DNS_NAMESPACE, stixId, stixTime, uuidV5 } from "./stix-id.js";

test("uuidV5 matches RFC 4122 (Python's uuid.uuid5(NAMESPACE_DNS, 'www.example.com'))", () => {
  assert.equal(uuidV5(DNS_NAMESPACE, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  assert.equal(stixId("indicator", "x"), stixId("indicator", "x"));
  assert.notEqual(stixId("indicator", "x"), stixId("malware", "x"));
});

test("stixTime: millisecond UTC from the data's ISO text", () => {
  const rows: [string | undefined, string | undefined][] = [
    ["2026-03-02T09:14:03.2140000Z", "2026-03-02T09:14:03.214Z"],
    ["2026-03-02T09:14:03Z", "2026-03-02T09:14:03.000Z"],
    ["not a time", undefined],
    [undefined, undefined],
  ];
  for (const [input, want] of rows) assert.equal(stixTime(input), want, String(input));
});
