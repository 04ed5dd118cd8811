import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../../events/event.js";
import { feed, sysmon3, zeekConn } from "../network-events.test.support.js";
import { PortScanAnalyzer } from "./port-scan-analyzer.js";
import type { PortOptions } from "./port-options.js";

const T0 = 1_772_400_000;

/** `n` attempts from src: to host(i) on port(i), one every `gap` seconds. */
function attempts(
  n: number,
  to: (i: number) => { dst: string; dport: number },
  o: { src?: string; gap?: number; start?: number; state?: string; respBytes?: number } = {},
): Event[] {
  return Array.from({ length: n }, (_, i) =>
    zeekConn({
      ts: (o.start ?? T0) + i * (o.gap ?? 1),
      src: o.src ?? "10.0.0.5",
      ...to(i),
      state: o.state ?? "S0",
      origBytes: 0,
      respBytes: o.respBytes ?? 0,
    }),
  );
}

function run(events: Event[], options: Partial<PortOptions> = {}) {
  const a = new PortScanAnalyzer(options);
  feed([a], events);
  return { analyzer: a, findings: a.finish() };
}

describe("PortScanAnalyzer", () => {
  const cases: { name: string; events: () => Event[]; expect: string[] }[] = [
    {
      name: "20 ports on one host within 20 s is a vertical scan",
      events: () => attempts(20, (i) => ({ dst: "10.0.0.9", dport: 20 + i })),
      expect: ["network.port-scan.vertical:ip|10.0.0.5"],
    },
    {
      name: "one port on 20 hosts within 20 s is a horizontal scan",
      events: () => attempts(20, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 445 }), { state: "REJ" }),
      expect: ["network.port-scan.horizontal:ip|10.0.0.5"],
    },
    {
      name: "both at once",
      events: () => [
        ...attempts(20, (i) => ({ dst: "10.0.0.9", dport: 1000 + i })),
        ...attempts(20, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 3389 })),
      ],
      expect: ["network.port-scan.horizontal:ip|10.0.0.5", "network.port-scan.vertical:ip|10.0.0.5"],
    },
    {
      name: "below the thresholds is not a scan",
      events: () => [
        ...attempts(14, (i) => ({ dst: "10.0.0.9", dport: 20 + i })),
        ...attempts(14, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 445 })),
      ],
      expect: [],
    },
    {
      name: "the same attempts spread over 20 minutes are not a scan",
      events: () => attempts(20, (i) => ({ dst: "10.0.0.9", dport: 20 + i }), { gap: 60 }),
      expect: [],
    },
    {
      name: "a burst across a slot boundary is still one scan",
      events: () =>
        attempts(16, (i) => ({ dst: "10.0.0.9", dport: 20 + i }), { start: 1_772_400_150 - 8, gap: 1 }),
      expect: ["network.port-scan.vertical:ip|10.0.0.5"],
    },
    {
      name: "answered sessions (a busy client) are not a scan",
      events: () =>
        attempts(30, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 443 }), { state: "SF", respBytes: 5000 }),
      expect: [],
    },
    {
      name: "reset sessions that carried data are not failures",
      events: () =>
        attempts(30, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 443 }), { state: "RSTO", respBytes: 900 }),
      expect: [],
    },
    {
      name: "ICMP to many hosts is a sweep (horizontal), never vertical",
      events: () =>
        Array.from({ length: 20 }, (_, i) =>
          zeekConn({
            ts: T0 + i,
            src: "10.0.0.5",
            dst: `10.0.2.${i}`,
            dport: 8,
            proto: "icmp",
            state: "OTH",
            respBytes: 0,
          }),
        ),
      expect: ["network.port-scan.horizontal:ip|10.0.0.5"],
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        run(c.events()).findings.map((f) => f.id),
        c.expect,
      ),
    );
  }

  it("describes the scan: counts, targets, failures, stage, evidence", () => {
    const f = run(attempts(20, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 445 }), { state: "REJ" }))
      .findings[0];
    assert.equal(f.severity, "high");
    assert.equal(f.stage, "reconnaissance");
    assert.deepEqual(f.attack, ["T1046"]);
    assert.equal(f.host, "10.0.0.5");
    assert.deepEqual(f.subject, { kind: "address", address: "10.0.0.5" });
    assert.equal(f.evidenceCount, 20);
    assert.equal(f.details.attempts, 20);
    assert.equal(f.details.failed, 20);
    assert.equal(f.details.maxSpread, 20);
    assert.match(f.message.en, /445\/tcp on 20 hosts/);
    assert.match(f.message.ja, /20 台のホスト/);
  });

  it("counts only the scan's attempts, not other traffic of the source in the same window", () => {
    const events = [
      ...attempts(20, (i) => ({ dst: `10.0.1.${i + 1}`, dport: 445 })),
      zeekConn({ ts: T0 + 3, src: "10.0.0.5", dst: "203.0.113.45", dport: 443 }),
    ];
    const f = run(events).findings[0];
    assert.equal(f.evidenceCount, 20);
  });

  it("from Sysmon 3 the scanner is the process on its host", () => {
    const events = Array.from({ length: 20 }, (_, i) =>
      sysmon3({
        ts: T0 + i,
        host: "WS-7",
        image: "C:\\t\\svcupd.exe",
        src: "10.0.0.7",
        dst: `10.0.1.${i}`,
        dport: 5985,
      }),
    );
    const f = run(events).findings[0];
    assert.equal(f.id, "network.port-scan.horizontal:proc|WS-7|svcupd.exe|10.0.0.7");
    assert.equal(f.host, "WS-7");
    assert.equal(f.subject.kind, "process");
    assert.equal(f.details.failed, undefined, "Sysmon does not say whether an attempt failed");
  });

  it("a scan from the Internet is low severity, T1595, filed under the host it hit", () => {
    const f = run(attempts(30, (i) => ({ dst: "10.0.0.9", dport: 1 + i }), { src: "198.51.100.66" }))
      .findings[0];
    assert.equal(f.severity, "low");
    assert.deepEqual(f.attack, ["T1595"]);
    assert.equal(f.host, "10.0.0.9");
  });

  it("handles events out of order across files", () => {
    const events = attempts(20, (i) => ({ dst: "10.0.0.9", dport: 20 + i })).reverse();
    assert.equal(run(events).findings.length, 1);
  });

  it("bounds its sources and counts the evictions", () => {
    const events: Event[] = [];
    for (let s = 0; s < 5; s++)
      events.push(
        ...attempts(3, (i) => ({ dst: "10.0.0.9", dport: 20 + i }), {
          src: `10.0.3.${s}`,
          start: T0 + s * 10,
        }),
      );
    const { analyzer } = run(events, { maxScanSources: 2 });
    assert.ok(analyzer.stats().sourcesEvicted >= 3);
    assert.ok(analyzer.stats().sources <= 2);
  });

  it("bounds the targets of a slot and counts the overflow as attempts", () => {
    const { findings } = run(
      attempts(40, (i) => ({ dst: "10.0.0.9", dport: 100 + i })),
      { maxTargetsPerSlot: 16 },
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].details.maxSpread, 16);
  });
});
