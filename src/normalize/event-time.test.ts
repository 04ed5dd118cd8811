import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseEpoch, parseTime, parseZeekTime } from "./event-time.js";

const base = Date.UTC(2020, 9, 23, 3, 12, 0);

describe("parseTime", () => {
  const ok: readonly [string, unknown, string, number][] = [
    [
      "EVTX 7 digits kept as is",
      "2020-10-23T03:12:00.9281234Z",
      "2020-10-23T03:12:00.9281234Z",
      base + 928.1234,
    ],
    ["3 digits", "2020-10-23T03:12:00.928Z", "2020-10-23T03:12:00.928Z", base + 928],
    ["no fraction", "2020-10-23T03:12:00Z", "2020-10-23T03:12:00Z", base],
    [
      "9 digits",
      "2022-08-04T13:22:16.171938000Z",
      "2022-08-04T13:22:16.171938000Z",
      Date.UTC(2022, 7, 4, 13, 22, 16) + 171.938,
    ],
    [
      "10 digits cut to 9",
      "2020-10-23T03:12:00.1234567891Z",
      "2020-10-23T03:12:00.123456789Z",
      base + 123.456789,
    ],
    [
      "space separator, no zone = UTC",
      "2019-05-18 20:35:52.569",
      "2019-05-18T20:35:52.569Z",
      Date.UTC(2019, 4, 18, 20, 35, 52, 569),
    ],
    ["no zone", "2020-10-23T03:12:00", "2020-10-23T03:12:00Z", base],
    ["positive offset", "2020-10-23T05:12:00.5+02:00", "2020-10-23T03:12:00.5Z", base + 500],
    ["negative offset without colon", "2020-10-22T23:12:00-0400", "2020-10-23T03:12:00Z", base],
    ["offset hours only", "2020-10-23T04:12:00+01", "2020-10-23T03:12:00Z", base],
    [
      "offset crossing a year",
      "2021-01-01T01:00:00+02:00",
      "2020-12-31T23:00:00Z",
      Date.UTC(2020, 11, 31, 23),
    ],
    ["lower-case z", "2020-10-23T03:12:00z", "2020-10-23T03:12:00Z", base],
    ["leap day", "2020-02-29T00:00:00Z", "2020-02-29T00:00:00Z", Date.UTC(2020, 1, 29)],
  ];
  for (const [name, input, iso, ms] of ok) {
    test(name, () => {
      const t = parseTime(input);
      assert.ok(t, `parsed ${String(input)}`);
      assert.equal(t.iso, iso);
      assert.ok(Math.abs(t.ms - ms) < 0.001, `${t.ms} ≈ ${ms}`);
    });
  }

  const epochs: readonly [string, unknown, string][] = [
    ["epoch seconds", 1603422720, "2020-10-23T03:12:00.000000Z"],
    ["epoch seconds with fraction", 1603422720.5, "2020-10-23T03:12:00.500000Z"],
    ["epoch millis", 1603422720928, "2020-10-23T03:12:00.928000Z"],
    ["epoch micros", 1603422720928123, "2020-10-23T03:12:00.928123Z"],
    ["epoch nanos as bigint", 1603422720928123000n, "2020-10-23T03:12:00.928123Z"],
    ["epoch millis as string", "1603422720928", "2020-10-23T03:12:00.928000Z"],
  ];
  for (const [name, input, iso] of epochs) {
    test(name, () => assert.equal(parseTime(input)?.iso, iso));
  }

  const bad: readonly [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["empty", ""],
    ["dash", "-"],
    ["words", "yesterday"],
    ["month 13", "2020-13-01T00:00:00Z"],
    ["Feb 30", "2020-02-30T00:00:00Z"],
    ["Feb 29 in a common year", "2021-02-29T00:00:00Z"],
    ["hour 24", "2020-10-23T24:00:00Z"],
    ["garbage zone", "2020-10-23T03:12:00 UTC"],
    ["dot without digits", "2020-10-23T03:12:00.Z"],
    ["masked Zeek ts", "XXXXXXXXXX.XXXXXX"],
    ["zero", 0],
    ["negative", -5],
    ["NaN", Number.NaN],
    ["year 1400", "1400-01-01T00:00:00Z"],
    ["object", { a: 1 }],
    ["too long", `2020-10-23T03:12:00.${"1".repeat(80)}Z`],
  ];
  for (const [name, input] of bad) {
    test(`rejects ${name}`, () => assert.equal(parseTime(input), undefined));
  }
});

describe("parseZeekTime", () => {
  test("epoch seconds to the microsecond", () => {
    const t = parseZeekTime(1258531221.486539);
    assert.equal(t?.iso, "2009-11-18T08:00:21.486539Z");
    assert.ok(Math.abs((t?.ms ?? 0) - 1258531221486.539) < 0.001);
  });
  test("rounding carries into the next second", () => {
    assert.equal(parseZeekTime(1258531221 + 0.9999996)?.iso, "2009-11-18T08:00:22.000000Z");
  });
  test("string seconds and ISO strings", () => {
    assert.equal(parseZeekTime("1258531221.5")?.iso, "2009-11-18T08:00:21.500000Z");
    assert.equal(parseZeekTime("2009-11-18T08:00:21.486539Z")?.iso, "2009-11-18T08:00:21.486539Z");
  });
  test("masked, null and missing are not times", () => {
    assert.equal(parseZeekTime("XXXXXXXXXX.XXXXXX"), undefined);
    assert.equal(parseZeekTime(null), undefined);
    assert.equal(parseZeekTime(undefined), undefined);
  });
});

describe("parseEpoch", () => {
  const rows: readonly [
    unknown,
    "epoch-seconds" | "epoch-millis" | "epoch-micros" | "epoch-nanos",
    string,
  ][] = [
    [1603422720, "epoch-seconds", "2020-10-23T03:12:00.000000Z"],
    ["1603422720928", "epoch-millis", "2020-10-23T03:12:00.928000Z"],
    [1603422720928123, "epoch-micros", "2020-10-23T03:12:00.928123Z"],
    [1603422720928123000n, "epoch-nanos", "2020-10-23T03:12:00.928123Z"],
  ];
  for (const [v, unit, iso] of rows)
    test(`${unit} ${String(v)}`, () => assert.equal(parseEpoch(v, unit)?.iso, iso));
  test("rejects non-numbers", () => assert.equal(parseEpoch("soon", "epoch-seconds"), undefined));
});
