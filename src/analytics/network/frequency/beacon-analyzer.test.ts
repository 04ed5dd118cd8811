import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../../events/event.js";
import { MAX_EVIDENCE } from "../../../findings/finding.js";
import { FlowAttribution } from "../flow-attribution.js";
import { feed, seededRandom, sysmon3, zeekConn, zeekDns, zeekHttp } from "../network-events.test.support.js";
import { BeaconAnalyzer } from "./beacon-analyzer.js";
import type { FrequencyOptions } from "./frequency-options.js";

const T0 = 1_772_400_000; // 2026-03-01T21:20:00Z
const HOUR = 3600;

/** Connection times from `start` every `period` s ± `jitter` s, `count` of them. */
function regular(start: number, period: number, count: number, jitter = 0, seed = 1): number[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => start + i * period + Math.round((rnd() * 2 - 1) * jitter));
}

/** Human-like: bursts of activity with long random pauses (exponential gaps). */
function human(start: number, count: number, seed = 7): number[] {
  const rnd = seededRandom(seed);
  const out: number[] = [];
  let t = start;
  for (let i = 0; i < count; i++) {
    t += Math.round(-Math.log(1 - rnd()) * (rnd() < 0.7 ? 20 : 2400));
    out.push(t);
  }
  return out;
}

function conns(
  times: number[],
  src = "10.0.0.5",
  dst = "203.0.113.45",
  extra: Partial<Parameters<typeof zeekConn>[0]> = {},
): Event[] {
  return times.map((ts, i) => zeekConn({ ts, src, dst, origBytes: 300 + (i % 3), ...extra }));
}

function run(events: Event[], options: Partial<FrequencyOptions> = {}, attribution?: FlowAttribution) {
  const a = new BeaconAnalyzer(options, { attribution });
  if (attribution) feed([attribution], events);
  feed([a], events);
  return { analyzer: a, findings: a.finish() };
}

describe("BeaconAnalyzer: beacons", () => {
  const cases: {
    name: string;
    events: () => Event[];
    options?: Partial<FrequencyOptions>;
    expect: { detector: string; key: string; severity?: string } | undefined;
  }[] = [
    {
      name: "a 60 s beacon with small jitter over 12 h is a high beacon",
      events: () => conns(regular(T0, 60, 720, 3)),
      expect: { detector: "network.beacon", key: "ip:ip|10.0.0.5|203.0.113.45", severity: "high" },
    },
    {
      name: "human-like bursts to the same server are not a beacon",
      events: () => conns(human(T0, 300)),
      expect: undefined,
    },
    {
      name: "an internal pair is not analysed by default (RITA analyses outbound only)",
      events: () => conns(regular(T0, 60, 720, 3), "10.0.0.5", "10.0.0.10"),
      expect: undefined,
    },
    {
      name: "… but is when internal pairs are asked for",
      events: () => conns(regular(T0, 60, 720, 3), "10.0.0.5", "10.0.0.10"),
      options: { addressDirections: ["outbound", "internal"] },
      expect: { detector: "network.beacon", key: "ip:ip|10.0.0.5|10.0.0.10", severity: "high" },
    },
    {
      name: "fewer connections than minBeaconConnections are not reported",
      events: () => conns(regular(T0, 600, 8)),
      expect: undefined,
    },
    {
      name: "a Sysmon 3 process beacon (no byte counts: weights renormalized)",
      events: () =>
        regular(T0, 120, 300, 5).map((ts) =>
          sysmon3({
            ts,
            host: "WS-7",
            image: "C:\\Users\\a\\AppData\\Roaming\\x\\svcupd.exe",
            src: "10.0.0.7",
            dst: "203.0.113.45",
            dport: 443,
          }),
        ),
      expect: {
        detector: "network.beacon",
        key: "process:process|WS-7|c:\\users\\a\\appdata\\roaming\\x\\svcupd.exe|203.0.113.45",
        severity: "high",
      },
    },
    {
      name: "a DNS beacon (periodic lookups of one name)",
      events: () =>
        regular(T0, 300, 200, 10).map((ts) =>
          zeekDns({ ts, src: "10.0.0.5", dst: "10.0.0.1", query: "c2.example.net" }),
        ),
      expect: { detector: "network.beacon", key: "dns:dns|10.0.0.5|c2.example.net" },
    },
    {
      name: "multicast name lookups (mDNS) are never beacons",
      events: () =>
        regular(T0, 300, 200).map((ts) =>
          zeekDns({ ts, src: "10.0.0.5", dst: "224.0.0.251", query: "_ipp._tcp.local" }),
        ),
      expect: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { findings } = run(c.events(), c.options);
      const beacons = findings.filter((f) => f.detector === "network.beacon");
      if (!c.expect)
        return assert.deepEqual(
          beacons.map((f) => f.message.en),
          [],
        );
      assert.equal(beacons.length, 1, JSON.stringify(beacons.map((f) => f.message.en)));
      const f = beacons[0];
      assert.equal(f.id, `${c.expect.detector}:${c.expect.key}`);
      if (c.expect.severity) assert.equal(f.severity, c.expect.severity);
      assert.equal(f.viewpoint, "frequency");
      assert.equal(f.stage, "command_and_control");
      assert.ok(f.message.en.startsWith("Beacon:") && f.message.ja.startsWith("ビーコン:"));
    });
  }

  it("cites bounded evidence and counts every connection", () => {
    const times = regular(T0, 60, 720, 3);
    const { findings } = run(conns(times));
    const f = findings[0];
    assert.equal(f.evidenceCount, 720);
    assert.equal(f.evidence.length, MAX_EVIDENCE);
    assert.equal(f.first?.ms, Math.min(...times) * 1000);
    assert.equal(f.last?.ms, Math.max(...times) * 1000);
    assert.equal(typeof f.details.score, "number");
    assert.equal(f.details.connections, 720);
  });

  it("finds a beacon through a proxy by its CONNECT host and does not report the proxy pair", () => {
    const events: Event[] = [];
    for (const [i, ts] of regular(T0, 240, 300, 40).entries()) {
      const uid = `B${i}`;
      events.push(
        zeekConn({
          ts,
          src: "10.1.0.18",
          dst: "10.1.0.16",
          dport: 3128,
          uid,
          service: "http,ssl",
          origIpBytes: 1030,
        }),
      );
      events.push(
        zeekHttp({
          ts,
          src: "10.1.0.18",
          dst: "10.1.0.16",
          dport: 3128,
          host: "www.evil.example:443",
          method: "CONNECT",
          uid,
        }),
      );
    }
    const { findings } = run(events, { addressDirections: ["outbound", "internal"] });
    const beacons = findings.filter((f) => f.detector === "network.beacon");
    assert.deepEqual(
      beacons.map((f) => f.id),
      ["network.beacon:sni:sni|10.1.0.18|www.evil.example"],
    );
    assert.match(beacons[0].message.en, /via proxy 10\.1\.0\.16/);
    assert.equal(typeof beacons[0].details.dataSizeScore, "number", "bytes joined from conn by uid");
  });

  it("scores earlier 24-hour windows too, within maxWindows", () => {
    // A beacon during the first day of a three-day capture, then silence; other traffic to the end.
    const events = [
      ...conns(regular(T0, 60, 1200, 2)),
      ...conns([T0 + 70 * HOUR], "10.0.0.9", "198.51.100.1"),
    ];
    assert.equal(run(events).findings.filter((f) => f.detector === "network.beacon").length, 1);
    assert.equal(
      run(events, { maxWindows: 1 }).findings.filter((f) => f.detector === "network.beacon").length,
      1,
    );
    const far = [
      ...conns(regular(T0, 60, 1200, 2)),
      ...conns([T0 + 1000 * HOUR], "10.0.0.9", "198.51.100.1"),
    ];
    assert.equal(
      run(far).findings.filter((f) => f.detector === "network.beacon").length,
      1,
      "cells with data only",
    );
  });

  it("attributes a Zeek pair to the Sysmon process that made its connections", () => {
    const events: Event[] = [];
    for (const [i, ts] of regular(T0, 60, 300, 2).entries()) {
      const sport = 50000 + i;
      events.push(zeekConn({ ts, src: "10.0.0.7", sport, dst: "203.0.113.45", dport: 443 }));
      events.push(
        sysmon3({
          ts: ts + 1,
          host: "WS-7",
          image: "C:\\x\\svcupd.exe",
          src: "10.0.0.7",
          sport,
          dst: "203.0.113.45",
          dport: 443,
        }),
      );
    }
    const { findings } = run(events, { beaconKinds: ["ip"] }, new FlowAttribution());
    assert.equal(findings.length, 1);
    assert.equal(findings[0].details.image, "svcupd.exe");
    assert.equal(findings[0].details.attributedHost, "WS-7");
  });
});

describe("BeaconAnalyzer: strobes and long connections", () => {
  it("a pair over the strobe count is a strobe, not a beacon", () => {
    const { findings } = run(conns(regular(T0, 2, 300)), { strobeConnections: 200 });
    assert.deepEqual(
      findings.map((f) => f.detector),
      ["network.strobe"],
    );
    assert.equal(findings[0].details.connections, 300);
  });

  it("strobe counts stay exact when samples are capped", () => {
    const { findings, analyzer } = run(conns(regular(T0, 2, 300)), {
      strobeConnections: 250,
      maxSamplesPerPair: 40,
    });
    assert.deepEqual(
      findings.map((f) => [f.detector, f.details.connections]),
      [["network.strobe", 300]],
    );
    assert.ok(analyzer.stats().samplesStored <= 50);
  });

  it("an open connection reported hour after hour is a long connection (open_conn durations, not summed)", () => {
    const events = [1, 2, 3, 4, 5].map((h) =>
      zeekConn(
        { ts: T0, src: "10.0.0.5", dst: "198.51.100.7", dport: 22, uid: "Cssh", duration: h * HOUR },
        "open_conn",
      ),
    );
    events.push(...conns([T0 + 10, T0 + 20], "10.0.0.5", "198.51.100.7", { duration: 100 }));
    const { findings } = run(events);
    assert.deepEqual(
      findings.map((f) => f.detector),
      ["network.long-connection"],
    );
    assert.equal(findings[0].details.totalSeconds, 5 * HOUR + 200);
    assert.equal(findings[0].viewpoint, "duration");
    assert.equal(findings[0].severity, "medium", "5 h lies in RITA's 4–8 h bucket");
  });

  it("short connections are not long connections", () => {
    assert.deepEqual(
      run(conns([T0, T0 + 5, T0 + 9], "10.0.0.5", "198.51.100.7", { duration: 60 })).findings,
      [],
    );
  });
});

describe("BeaconAnalyzer: bounded state", () => {
  it("evicts the least active pairs when full and counts them", () => {
    const events: Event[] = [];
    for (let p = 0; p < 30; p++) events.push(...conns([T0 + p, T0 + p + 60], "10.0.0.5", `198.51.100.${p}`));
    events.push(...conns(regular(T0, 60, 720, 3)));
    const { analyzer, findings } = run(events, { maxPairs: 10 });
    const s = analyzer.stats();
    assert.ok(s.pairs <= 10);
    assert.ok(s.pairsEvicted >= 20);
    assert.equal(
      findings.filter((f) => f.detector === "network.beacon").length,
      1,
      "the busy beacon survives",
    );
  });

  it("stops storing samples at the global budget and counts the rest", () => {
    const { analyzer } = run(conns(regular(T0, 60, 100)), { maxSamplesTotal: 30 });
    assert.equal(analyzer.stats().samplesStored, 30);
    assert.equal(analyzer.stats().samplesCountedOnly, 70);
  });
});
