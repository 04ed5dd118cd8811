/** The dedupe key: what makes two events the same record, and what does not. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../events/event.js";
import { canonicalEventText, eventKey, eventKeyKind } from "./event-key.js";
import { sysmonEvent, zeekConnEvent } from "./store-test-data.js";

function withFields(e: Event, fields: Event["fields"]): Event {
  return { ...e, fields };
}

describe("event key", () => {
  const sysmon = sysmonEvent("WS-1", 7, 0);
  const zeek = zeekConnEvent("C1", 0, 5);
  const reversed = Object.fromEntries(Object.entries(zeek.fields).reverse());
  const cases: [string, Event, Event, boolean][] = [
    [
      "record id: other content, same host + channel + id",
      sysmon,
      sysmonEvent("WS-1", 7, 999, { X: 1 }),
      true,
    ],
    ["record id: the number and the bigint are one id", sysmon, sysmonEvent("WS-1", 7n, 0), true],
    ["record id: another host", sysmon, sysmonEvent("WS-2", 7, 0), false],
    ["record id: another id", sysmon, sysmonEvent("WS-1", 8, 0), false],
    ["content: another file and line", zeek, zeekConnEvent("C1", 0, 99, "copy.log"), true],
    ["content: fields in another order", zeek, withFields(zeek, reversed), true],
    ["content: one field differs", zeek, zeekConnEvent("C2", 0, 5), false],
    [
      "content: the number 1 and the string '1' differ",
      withFields(zeek, { a: 1 }),
      withFields(zeek, { a: "1" }),
      false,
    ],
    [
      "content: the number 1 and the bigint 1 differ",
      withFields(zeek, { a: 1 }),
      withFields(zeek, { a: 1n }),
      false,
    ],
    ["content: another time", zeek, zeekConnEvent("C1", 1, 5), false],
  ];
  for (const [name, a, b, same] of cases) {
    it(name, () => {
      assert.equal(eventKey(a) === eventKey(b), same);
    });
  }

  it("hashes a canonical JSON text: the content without provenance, fields sorted by name", () => {
    const text = canonicalEventText(withFields(zeek, { b: 2n, a: "x", c: [-0] }));
    assert.deepEqual(JSON.parse(text), [
      "network",
      "",
      zeek.time?.iso,
      "zeek",
      "conn",
      0,
      { a: "x", b: { $b: "2" }, c: [{ $n: "-0" }] },
    ]);
    assert.ok(text.endsWith('{"a":"x","b":{"$b":"2"},"c":[{"$n":"-0"}]}]'));
  });

  it("is a 128-bit unsigned integer, and says which rule made it", () => {
    for (const e of [sysmon, zeek]) {
      const k = eventKey(e);
      assert.ok(k >= 0n && k < 2n ** 128n);
    }
    assert.equal(eventKeyKind(sysmon), "record-id");
    assert.equal(eventKeyKind(zeek), "content");
  });
});
