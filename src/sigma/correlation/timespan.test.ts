import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseTimespan } from "./timespan.js";

describe("parseTimespan", () => {
  const ok: readonly [unknown, number][] = [
    ["30s", 30_000],
    ["5m", 300_000],
    ["90m", 5_400_000],
    ["1h", 3_600_000],
    ["24h", 86_400_000],
    ["2d", 172_800_000],
    [" 10m ", 600_000],
  ];
  for (const [text, ms] of ok) {
    test(`accepts ${JSON.stringify(text)}`, () => {
      const t = parseTimespan(text);
      assert.ok(!("reason" in t));
      assert.equal(t.ms, ms);
    });
  }

  const bad: readonly [unknown, RegExp][] = [
    ["5", /number followed by one unit letter/],
    ["m5", /number followed by one unit letter/],
    ["1.5h", /number followed by one unit letter/],
    ["-5m", /number followed by one unit letter/],
    ["5 minutes", /number followed by one unit letter/],
    ["0s", /greater than zero/],
    ["3M", /unit "M".*s, m, h and d/],
    ["1w", /unit "w"/],
    ["5H", /unit "H"/],
    ["999999999999d", /longer than 100 years/],
    [300, /must be a string.*number 300/],
    [undefined, /must be a string.*nothing/],
    [["5m"], /must be a string.*a list/],
  ];
  for (const [text, reason] of bad) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      const t = parseTimespan(text);
      assert.ok("reason" in t, "expected a rejection");
      assert.match(t.reason, reason);
    });
  }
});
