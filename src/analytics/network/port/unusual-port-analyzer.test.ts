import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../../events/event.js";
import { feed, sysmon3, zeekConn } from "../network-events.test.support.js";
import { UnusualPortAnalyzer } from "./unusual-port-analyzer.js";

const T0 = 1_772_400_000;

function run(events: Event[]) {
  const a = new UnusualPortAnalyzer();
  feed([a], events);
  return a.finish();
}

describe("UnusualPortAnalyzer", () => {
  const cases: { name: string; events: () => Event[]; expect: string[] }[] = [
    {
      name: "Zeek: outbound to 1177/tcp (NjRAT's port) is unusual",
      events: () =>
        [0, 10, 20].map((d) =>
          zeekConn({ ts: T0 + d, src: "192.168.1.115", dst: "41.108.179.197", dport: 1177, state: "S0" }),
        ),
      expect: ["network.unusual-port:ip|192.168.1.115"],
    },
    {
      name: "Zeek: common ports are not",
      events: () =>
        [443, 80, 53, 123].map((p) => zeekConn({ ts: T0, src: "10.0.0.5", dst: "198.51.100.1", dport: p })),
      expect: [],
    },
    {
      name: "Zeek: internal destinations are not looked at by default",
      events: () => [zeekConn({ ts: T0, src: "10.0.0.5", dst: "10.0.0.20", dport: 8000 })],
      expect: [],
    },
    {
      name: "Zeek: a port several sources use is normal here",
      events: () =>
        ["10.0.0.5", "10.0.0.6", "10.0.0.7"].map((src) =>
          zeekConn({ ts: T0, src, dst: "198.51.100.1", dport: 8883 }),
        ),
      expect: [],
    },
    {
      name: "Sysmon: a process from Temp to 4444/tcp is unusual",
      events: () => [
        sysmon3({
          ts: T0,
          image: "C:\\Users\\u\\AppData\\Local\\Temp\\x.exe",
          src: "10.0.0.5",
          dst: "198.51.100.1",
          dport: 4444,
        }),
      ],
      expect: ["network.unusual-port:proc|WS-1|x.exe"],
    },
    {
      name: "Sysmon: a browser may use any port",
      events: () => [
        sysmon3({
          ts: T0,
          image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
          src: "10.0.0.5",
          dst: "198.51.100.1",
          dport: 4444,
        }),
      ],
      expect: [],
    },
    {
      name: "Sysmon: inbound (not initiated) connections are ignored",
      events: () => [
        sysmon3({ ts: T0, src: "198.51.100.1", dst: "10.0.0.5", dport: 4444, initiated: false }),
      ],
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

  it("lists the ports with counts and destinations, low severity, T1571", () => {
    const f = run([
      ...[0, 10, 20].map((d) =>
        zeekConn({ ts: T0 + d, src: "192.168.1.115", dst: "41.108.179.197", dport: 1177 }),
      ),
      zeekConn({ ts: T0 + 30, src: "192.168.1.115", dst: "198.51.100.9", dport: 6667 }),
    ])[0];
    assert.equal(f.severity, "low");
    assert.deepEqual(f.attack, ["T1571"]);
    assert.equal(f.details.ports, "1177/tcp,6667/tcp");
    assert.equal(f.evidenceCount, 4);
    assert.match(f.message.en, /1177\/tcp \(3× to 41\.108\.179\.197\)/);
  });
});
