import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FlowAttribution } from "./flow-attribution.js";
import { feed, sysmon3, zeekConn } from "./network-events.test.support.js";

const T0 = 1_772_400_000;
const flow = { srcIp: "10.0.0.7", srcPort: 50123, dstIp: "203.0.113.45", dstPort: 443 };

describe("FlowAttribution", () => {
  const a = new FlowAttribution();
  feed(
    [a],
    [
      sysmon3({
        ts: T0,
        host: "WS-7",
        image: "C:\\x\\old.exe",
        guid: "{A}",
        src: "10.0.0.7",
        sport: 50123,
        dst: "203.0.113.45",
        dport: 443,
      }),
      sysmon3({
        ts: T0 + 600,
        host: "WS-7",
        image: "C:\\x\\new.exe",
        guid: "{B}",
        src: "10.0.0.7",
        sport: 50123,
        dst: "203.0.113.45",
        dport: 443,
      }),
      zeekConn({ ts: T0, src: "10.0.0.7", sport: 50123, dst: "203.0.113.45", dport: 443 }), // Zeek events are not indexed
    ],
  );
  const cases: [string, number, string | undefined][] = [
    ["the same 4-tuple at the same time", T0 * 1000, "C:\\x\\old.exe"],
    ["within the tolerance (Sysmon logged 20 s later)", (T0 - 20) * 1000, "C:\\x\\old.exe"],
    ["the closest of two reuses of the 4-tuple", (T0 + 590) * 1000, "C:\\x\\new.exe"],
    ["outside the tolerance", (T0 + 300) * 1000, undefined],
  ];
  for (const [name, time, image] of cases)
    it(name, () => assert.equal(a.lookup({ ...flow, time })?.image, image));

  it("another port does not match", () =>
    assert.equal(a.lookup({ ...flow, srcPort: 50124, time: T0 * 1000 }), undefined));
  it("counts lookups and hits", () =>
    assert.deepEqual(a.stats(), { indexed: 2, evicted: 0, lookups: 5, hits: 3 }));
  it("emits no findings", () => assert.deepEqual(a.finish(), []));

  it("evicts the oldest 4-tuples beyond maxEntries and counts them", () => {
    const b = new FlowAttribution({ maxEntries: 2 });
    feed(
      [b],
      [1, 2, 3].map((i) =>
        sysmon3({ ts: T0 + i, src: "10.0.0.7", sport: 50000 + i, dst: "203.0.113.45", dport: 443 }),
      ),
    );
    assert.equal(b.stats().evicted, 1);
    assert.equal(b.lookup({ ...flow, srcPort: 50001, time: (T0 + 1) * 1000 }), undefined);
    assert.ok(b.lookup({ ...flow, srcPort: 50003, time: (T0 + 3) * 1000 }));
  });
});
