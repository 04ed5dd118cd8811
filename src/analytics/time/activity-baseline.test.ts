import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ActivityBaseline, formatHourRanges } from "./activity-baseline.js";
import { DEFAULT_TIME_OPTIONS } from "./time-options.js";

const o = DEFAULT_TIME_OPTIONS;
/** 2026-03-02 (a Monday) as a day number */
const MONDAY = Math.floor(Date.parse("2026-03-02T00:00:00Z") / 86_400_000);

function office(days: number, perHour = 2, weekdaysOnly = false): ActivityBaseline {
  const b = new ActivityBaseline();
  for (let d = 0; d < days; d++) {
    const weekday = (1 + d) % 7;
    if (weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    for (let h = 8; h < 20; h++)
      for (let i = 0; i < perHour; i++) b.add({ hour: h, weekday, day: MONDAY + d });
  }
  return b;
}

describe("ActivityBaseline", () => {
  test("no baseline below minEvents or minDays: every hour is usual", () => {
    const few = new ActivityBaseline();
    for (let i = 0; i < 49; i++) few.add({ hour: 10, weekday: 1, day: MONDAY + (i % 5) });
    assert.equal(few.claimed(o), false, "49 events");
    assert.ok(few.usualHours(o).every(Boolean));
    const oneDay = new ActivityBaseline();
    for (let i = 0; i < 500; i++) oneDay.add({ hour: 10, weekday: 1, day: MONDAY });
    assert.equal(oneDay.claimed(o), false, "one day");
    assert.equal(oneDay.activeDays, 1);
  });

  test("office hours 08–20: night hours are unusual, the hour before and after are smoothed in", () => {
    const b = office(5);
    b.add({ hour: 3, weekday: 3, day: MONDAY + 2 });
    assert.equal(b.claimed(o), true);
    const usual = b.usualHours(o);
    assert.equal(usual[3], false);
    assert.equal(usual[7], true, "07:00 neighbours busy 08:00");
    assert.equal(usual[20], true, "20:00 neighbours busy 19:00");
    assert.equal(usual[21], false);
    assert.equal(formatHourRanges(usual), "07:00–21:00");
  });

  test("a recurring night job above the share threshold is usual", () => {
    const b = office(5);
    for (let d = 0; d < 5; d++)
      for (let i = 0; i < 3; i++) b.add({ hour: 3, weekday: (1 + d) % 7, day: MONDAY + d });
    assert.equal(b.usualHours(o)[3], true);
  });

  test("weekdays are judged only when the data spans weekdayMinSpanDays on weekdayMinActiveDays", () => {
    const short = office(7, 2, true);
    short.add({ hour: 10, weekday: 6, day: MONDAY + 5 });
    assert.equal(short.spanDays, 6);
    assert.equal(short.weekdaysClaimed(o), false);
    assert.ok(short.usualWeekdays(o).every(Boolean));
    const long = office(21, 2, true);
    long.add({ hour: 10, weekday: 6, day: MONDAY + 5 });
    assert.equal(long.weekdaysClaimed(o), true);
    assert.deepEqual(long.usualWeekdays(o), [false, true, true, true, true, true, false]);
    const sparse = new ActivityBaseline();
    for (const d of [0, 2, 3, 4, 9, 10, 15])
      for (let i = 0; i < 20; i++) sparse.add({ hour: 10, weekday: (1 + d) % 7, day: MONDAY + d });
    assert.equal(sparse.spanDays, 16);
    assert.equal(sparse.activeDays, 7);
    assert.equal(sparse.claimed(o), true);
    assert.equal(sparse.weekdaysClaimed(o), false, "7 active days are too few to know the weekdays");
  });

  test("distinct days are counted up to the bound", () => {
    const b = new ActivityBaseline(4);
    for (let d = 0; d < 10; d++) b.add({ hour: 1, weekday: 1, day: MONDAY + d });
    assert.equal(b.activeDays, 4);
    assert.equal(b.spanDays, 10);
  });
});

describe("formatHourRanges", () => {
  const flags = (usual: number[]) => Array.from({ length: 24 }, (_, h) => usual.includes(h));
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
  const cases: ReadonlyArray<readonly [string, boolean[], string]> = [
    ["all", flags(range(0, 24)), "00:00–24:00"],
    ["none", flags([]), ""],
    ["office", flags(range(8, 20)), "08:00–20:00"],
    ["to midnight", flags(range(20, 24)), "20:00–24:00"],
    ["wraps midnight", flags([22, 23, 0, 1]), "22:00–02:00"],
    ["two runs", flags([...range(0, 2), ...range(9, 17)]), "00:00–02:00, 09:00–17:00"],
    ["one hour", flags([5]), "05:00–06:00"],
  ];
  for (const [name, f, text] of cases) test(name, () => assert.equal(formatHourRanges(f), text));
});
