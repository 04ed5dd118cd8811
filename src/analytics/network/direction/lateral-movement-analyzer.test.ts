import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../../events/event.js";
import { feed, sysmon3, zeekConn } from "../network-events.test.support.js";
import { LateralMovementAnalyzer } from "./lateral-movement-analyzer.js";

const T0 = 1_772_400_000;
const EVIL = "C:\\Users\\u\\AppData\\Roaming\\x\\svcupd.exe";

function run(events: Event[]) {
  const a = new LateralMovementAnalyzer();
  feed([a], events);
  return { analyzer: a, findings: a.finish() };
}

describe("LateralMovementAnalyzer", () => {
  const cases: { name: string; events: () => Event[]; expect: [string, string][] }[] = [
    {
      name: "Sysmon: an unusual process to SMB on one internal host is a medium candidate",
      events: () => [sysmon3({ ts: T0, image: EVIL, src: "10.0.0.7", dst: "10.0.0.8", dport: 445 })],
      expect: [["network.lateral-movement:proc|WS-1|svcupd.exe", "medium"]],
    },
    {
      name: "Sysmon: … on three hosts it is high",
      events: () =>
        ["10.0.0.8", "10.0.0.9", "10.0.0.10"].map((dst, i) =>
          sysmon3({ ts: T0 + i, image: EVIL, src: "10.0.0.7", dst, dport: 3389 }),
        ),
      expect: [["network.lateral-movement:proc|WS-1|svcupd.exe", "high"]],
    },
    {
      name: "Sysmon: System's SMB client and svchost's RPC are normal",
      events: () => [
        sysmon3({ ts: T0, image: "System", src: "10.0.0.7", dst: "10.0.0.8", dport: 445 }),
        sysmon3({
          ts: T0,
          image: "C:\\Windows\\System32\\svchost.exe",
          src: "10.0.0.7",
          dst: "10.0.0.8",
          dport: 135,
        }),
      ],
      expect: [],
    },
    {
      name: "Sysmon: accepted (inbound) connections and connections to the Internet are not lateral",
      events: () => [
        sysmon3({ ts: T0, image: EVIL, src: "10.0.0.8", dst: "10.0.0.7", dport: 445, initiated: false }),
        sysmon3({ ts: T0, image: EVIL, src: "10.0.0.7", dst: "198.51.100.1", dport: 445 }),
      ],
      expect: [],
    },
    {
      name: "Sysmon: other ports are not admin services",
      events: () => [sysmon3({ ts: T0, image: EVIL, src: "10.0.0.7", dst: "10.0.0.8", dport: 8080 })],
      expect: [],
    },
    {
      name: "Zeek: one source to admin ports on 3 internal hosts",
      events: () =>
        ["10.0.0.8", "10.0.0.9", "10.0.0.10"].map((dst, i) =>
          zeekConn({ ts: T0 + i, src: "10.0.0.7", dst, dport: 5985, state: "S0" }),
        ),
      expect: [["network.lateral-movement:ip|10.0.0.7", "high"]],
    },
    {
      name: "Zeek: two hosts are below the fan-out",
      events: () =>
        ["10.0.0.8", "10.0.0.9"].map((dst, i) => zeekConn({ ts: T0 + i, src: "10.0.0.7", dst, dport: 445 })),
      expect: [],
    },
    {
      name: "Zeek: shared servers (reached by many sources: DCs, file servers) do not count",
      events: () => {
        const out: Event[] = [];
        // every workstation talks SMB to the DC and the file server
        for (let w = 1; w <= 6; w++)
          for (const dst of ["10.0.0.10", "10.0.0.11"])
            out.push(zeekConn({ ts: T0 + w, src: `10.0.5.${w}`, dst, dport: 445 }));
        // one of them also reaches a third host
        out.push(zeekConn({ ts: T0 + 9, src: "10.0.5.1", dst: "10.0.5.2", dport: 445 }));
        return out;
      },
      expect: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        run(c.events()).findings.map((f) => [f.id, f.severity]),
        c.expect,
      ),
    );
  }

  it("names the services, techniques, targets and the hosts that answered", () => {
    const events = [
      zeekConn({ ts: T0, src: "10.0.5.27", dst: "10.0.5.10", dport: 445, state: "SF", respBytes: 300 }),
      zeekConn({ ts: T0 + 1, src: "10.0.5.27", dst: "10.0.5.10", dport: 3389, state: "S0", respBytes: 0 }),
      zeekConn({ ts: T0 + 2, src: "10.0.5.27", dst: "10.0.5.11", dport: 445, state: "REJ", respBytes: 0 }),
      zeekConn({ ts: T0 + 3, src: "10.0.5.27", dst: "10.0.5.12", dport: 5985, state: "S0", respBytes: 0 }),
    ];
    const f = run(events).findings[0];
    assert.equal(f.viewpoint, "direction");
    assert.equal(f.stage, "lateral_movement");
    assert.deepEqual(f.attack, ["T1021.001", "T1021.002", "T1021.006"]);
    assert.equal(f.details.services, "RDP, SMB, WinRM");
    assert.equal(f.details.targets, "10.0.5.10,10.0.5.11,10.0.5.12");
    assert.equal(f.details.answeredTargets, "10.0.5.10");
    assert.equal(f.evidenceCount, 4);
    assert.match(f.message.ja, /横展開の候補/);
  });
});
