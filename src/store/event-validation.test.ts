/** What the store refuses before writing, one row per kind of invalid event, with the location. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Event } from "../events/event.js";
import { assertStorable, eventProblem } from "./event-validation.js";
import { sysmonEvent, zeekConnEvent } from "./store-test-data.js";

const good = sysmonEvent("WS-1", 7, 0);
const change = (patch: Record<string, unknown>): Event => ({ ...good, ...patch }) as unknown as Event;

describe("event validation", () => {
  const cases: [string, Event, RegExp][] = [
    ["unknown kind", change({ kind: "process" }), /kind process is unknown/],
    ["host not a string", change({ host: 7 }), /host is not a string/],
    [
      "event id not 32-bit",
      change({ identity: { ...good.identity, eventId: 2 ** 40 } }),
      /eventId is not a 32-bit/,
    ],
    [
      "record id a string",
      change({ identity: { ...good.identity, recordId: "7" } }),
      /recordId is not a number or bigint/,
    ],
    [
      "record id too large",
      change({ identity: { ...good.identity, recordId: 2n ** 127n } }),
      /recordId is out of range/,
    ],
    [
      "record id fractional",
      change({ identity: { ...good.identity, recordId: 1.5 } }),
      /recordId is not an integer/,
    ],
    ["time without ms", change({ time: { iso: "2026-03-02T00:00:00Z" } }), /time must be undefined or/],
    ["time NaN", change({ time: { iso: "x", ms: Number.NaN } }), /time must be undefined or/],
    ["provenance without file", change({ provenance: { format: "evtx" } }), /provenance\.file is missing/],
    [
      "provenance format unknown",
      change({ provenance: { file: "a", format: "csv" } }),
      /provenance\.format is unknown/,
    ],
    [
      "logsource category a number",
      change({ logsource: { category: 1 } }),
      /logsource\.category is not a string/,
    ],
    [
      "origins malformed",
      change({ origins: { Image: "NewProcessName" } }),
      /origins\.Image is not \{ from, conversion \}/,
    ],
    ["field value an object", change({ fields: { a: { b: 1 } } }), /field "a" is an object/],
    ["field value undefined", change({ fields: { a: undefined } }), /field "a" is undefined/],
    ["field value a function", change({ fields: { a: () => 1 } }), /field "a" is a function/],
    [
      "field nested too deep",
      change({ fields: { a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } }),
      /nested deeper than 32/,
    ],
  ];
  for (const [name, event, reason] of cases) {
    it(name, () => {
      assert.match(eventProblem(event) ?? "(accepted)", reason);
    });
  }

  it("accepts the events of every source shape", () => {
    assert.equal(eventProblem(good), undefined);
    assert.equal(eventProblem(zeekConnEvent("C1", 0, 1)), undefined);
  });

  it("throws E_STORE naming the event's index and source, located at its record", () => {
    const bad = { ...zeekConnEvent("C1", 0, 12, "conn.log"), host: null } as unknown as Event;
    assert.throws(
      () => assertStorable([good, bad], "upload 3"),
      (e: unknown) =>
        e instanceof MikiwameError &&
        e.code === "E_STORE" &&
        /^event 2 of the batch from upload 3 cannot be stored: host is not a string; nothing/.test(
          e.message,
        ) &&
        JSON.stringify(e.location) === JSON.stringify({ file: "conn.log", line: 12, offset: 1200 }),
    );
  });
});
