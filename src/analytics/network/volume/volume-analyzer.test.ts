import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../../events/event.js";
import { FlowAttribution } from "../flow-attribution.js";
import { feed, sysmon3, zeekConn } from "../network-events.test.support.js";
import { VolumeAnalyzer } from "./volume-analyzer.js";
import type { VolumeOptions } from "./volume-options.js";

const T0 = 1_772_400_000;

/** `n` small connections of a pair, then the `big` ones (bytes in / out) at the given indexes. */
function pair(
  n: number,
  big: { at: number; respBytes?: number; origBytes?: number }[] = [],
  src = "10.0.0.5",
  dst = "203.0.113.45",
): Event[] {
  return Array.from({ length: n }, (_, i) => {
    const b = big.find((x) => x.at === i);
    return zeekConn({
      ts: T0 + i * 60,
      src,
      sport: 50000 + i,
      dst,
      dport: 443,
      origBytes: b?.origBytes ?? 350 + (i % 7) * 10,
      respBytes: b?.respBytes ?? 200 + (i % 5) * 10,
    });
  });
}

function run(events: Event[], options: Partial<VolumeOptions> = {}, attribution?: FlowAttribution) {
  const a = new VolumeAnalyzer(options, { attribution });
  if (attribution) feed([attribution], events);
  feed([a], events);
  return a.finish();
}

describe("VolumeAnalyzer: spikes against the pair's own baseline", () => {
  const cases: { name: string; events: () => Event[]; expect: string[] }[] = [
    {
      name: "one 250 kB download among 60 small beacons is a payload delivery",
      events: () => pair(60, [{ at: 1, respBytes: 248_832 }]),
      expect: ["network.volume.delivery:spike:ip|10.0.0.5|203.0.113.45"],
    },
    {
      name: "one 2 MB upload among small ones is an exfiltration candidate",
      events: () => pair(60, [{ at: 30, origBytes: 2_000_000 }]),
      expect: ["network.volume.exfiltration:spike:ip|10.0.0.5|203.0.113.45"],
    },
    {
      name: "a pair with many big downloads is just a busy pair",
      events: () =>
        pair(
          40,
          [5, 10, 15, 20, 25].map((at) => ({ at, respBytes: 900_000 })),
        ),
      expect: [],
    },
    {
      name: "too few connections for a baseline",
      events: () => pair(6, [{ at: 1, respBytes: 248_832 }]),
      expect: [],
    },
    {
      name: "a transfer below spikeMinBytes is never a spike",
      events: () => pair(60, [{ at: 1, respBytes: 15_000 }]),
      expect: [],
    },
    {
      name: "internal pairs are not measured by default",
      events: () => pair(60, [{ at: 1, respBytes: 248_832 }], "10.0.0.5", "10.0.0.20"),
      expect: [],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        run(c.events()).map((f) => f.id),
        c.expect,
      ),
    );

  it("attributes the spike to the process through Sysmon 3 and cites the spike itself", () => {
    const events = pair(60, [{ at: 1, respBytes: 248_832 }]);
    events.push(
      sysmon3({
        ts: T0 + 60,
        host: "WS-7",
        image: "C:\\x\\svcupd.exe",
        src: "10.0.0.5",
        sport: 50001,
        dst: "203.0.113.45",
        dport: 443,
      }),
    );
    const f = run(events, {}, new FlowAttribution())[0];
    assert.equal(f.details.image, "svcupd.exe");
    assert.equal(f.stage, "delivery");
    assert.deepEqual(f.attack, ["T1105"]);
    assert.equal(f.evidenceCount, 1);
    assert.equal(f.evidence[0], events[1].provenance);
    assert.equal(f.details.largestBytes, 248_832);
    assert.match(f.message.en, /248\.8 kB/);
  });
});

describe("VolumeAnalyzer: destinations against the host's baseline", () => {
  it("a destination that received 50 MB where the others get kilobytes is an exfiltration candidate", () => {
    const events: Event[] = [];
    for (let d = 1; d <= 8; d++)
      for (let i = 0; i < 3; i++)
        events.push(
          zeekConn({
            ts: T0 + d * 100 + i,
            src: "10.0.0.5",
            dst: `198.51.100.${d}`,
            origBytes: 5000 + d * 100,
          }),
        );
    for (let i = 0; i < 5; i++)
      events.push(zeekConn({ ts: T0 + 2000 + i, src: "10.0.0.5", dst: "192.0.2.99", origBytes: 10_000_000 }));
    const findings = run(events);
    assert.deepEqual(
      findings.map((f) => f.id),
      ["network.volume.exfiltration:total:ip|10.0.0.5|192.0.2.99"],
    );
    assert.equal(findings[0].stage, "actions_on_objectives");
    assert.equal(findings[0].details.bytesOut, 50_000_000);
    assert.equal(findings[0].evidenceCount, 5);
  });

  it("needs enough destinations for a baseline", () => {
    const events = [1, 2, 3].map((d) =>
      zeekConn({ ts: T0 + d, src: "10.0.0.5", dst: `198.51.100.${d}`, origBytes: 5000 }),
    );
    events.push(zeekConn({ ts: T0 + 9, src: "10.0.0.5", dst: "192.0.2.99", origBytes: 50_000_000 }));
    assert.deepEqual(run(events), []);
  });

  it("bounds its pairs and counts the drops", () => {
    const a = new VolumeAnalyzer({ maxVolumePairs: 3 });
    feed(
      [a],
      [1, 2, 3, 4, 5].map((d) => zeekConn({ ts: T0, src: "10.0.0.5", dst: `198.51.100.${d}` })),
    );
    assert.deepEqual(a.stats(), { pairs: 3, pairsDropped: 2, connectionsMeasured: 3 });
  });
});
