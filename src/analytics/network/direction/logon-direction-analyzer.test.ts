import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it, test } from "node:test";
import type { Event } from "../../../events/event.js";
import type { Fields } from "../../../events/field-value.js";
import { corpusPath, corpusSkipReason } from "../../../testing/corpus.js";
import { feedPaths } from "../read-events.test.support.js";
import { InternalConnectionAnalyzer } from "./internal-connection-analyzer.js";
import { LateralMovementAnalyzer } from "./lateral-movement-analyzer.js";
import { LogonDirectionAnalyzer, remoteLogonOf } from "./logon-direction-analyzer.js";

let seq = 0;
function ev(
  host: string,
  channel: string,
  eventId: number,
  fields: Fields,
  ms = 1_700_000_000_000 + seq * 1000,
): Event {
  seq++;
  return {
    kind: "windows",
    time: { iso: new Date(ms).toISOString(), ms },
    host,
    identity: { provider: "p", channel, eventId, recordId: seq },
    logsource: { product: "windows", service: "security" },
    fields,
    provenance: { file: "t.evtx", format: "evtx", recordId: seq },
  };
}

describe("remoteLogonOf", () => {
  const cases: [string, Event, string | undefined][] = [
    [
      "network logon",
      ev("DC1", "Security", 4624, { LogonType: 3, IpAddress: "10.0.0.5", TargetUserName: "bob" }),
      "10.0.0.5 network",
    ],
    ["RDP logon", ev("DC1", "Security", 4624, { LogonType: "10", IpAddress: "10.0.0.6" }), "10.0.0.6 rdp"],
    [
      "interactive logon is not remote",
      ev("DC1", "Security", 4624, { LogonType: 2, IpAddress: "127.0.0.1" }),
      undefined,
    ],
    ["loopback network logon", ev("DC1", "Security", 4624, { LogonType: 3, IpAddress: "::1" }), undefined],
    ["no address", ev("DC1", "Security", 4624, { LogonType: 3, IpAddress: "-" }), undefined],
    ["failed logon", ev("DC1", "Security", 4625, { IpAddress: "203.0.113.9" }), "203.0.113.9 failed"],
    ["share access", ev("FS", "Security", 5140, { IpAddress: "::ffff:10.1.1.1" }), "10.1.1.1 share"],
    [
      "RDP 1149",
      ev("WS", "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational", 1149, {
        Param3: "10.9.9.9",
      }),
      "10.9.9.9 rdp",
    ],
    [
      "RdpCoreTS 131 with a port",
      ev("WS", "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational", 131, {
        ClientIP: "10.0.2.16:49879",
      }),
      "10.0.2.16 rdp",
    ],
    ["other event", ev("DC1", "Security", 4688, { IpAddress: "10.0.0.5" }), undefined],
  ];
  for (const [name, e, want] of cases)
    it(name, () => {
      const got = remoteLogonOf(e);
      assert.equal(got ? `${got.src} ${got.kind}` : undefined, want);
    });
});

describe("LogonDirectionAnalyzer", () => {
  it("internal network logons are low, internal RDP medium, both direction internal", () => {
    const a = new LogonDirectionAnalyzer();
    a.observe(ev("DC1", "Security", 4624, { LogonType: 3, IpAddress: "10.0.0.5", TargetUserName: "bob" }));
    a.observe(ev("DC1", "Security", 4624, { LogonType: 3, IpAddress: "10.0.0.5", TargetUserName: "bob" }));
    a.observe(ev("WS2", "Security", 4624, { LogonType: 10, IpAddress: "10.0.0.5", TargetUserName: "admin" }));
    const f = a.finish();
    assert.equal(f.length, 2);
    const net = f.find((x) => x.details["kind"] === "network")!;
    assert.equal(net.severity, "low");
    assert.equal(net.details["direction"], "internal");
    assert.equal(net.evidenceCount, 2);
    assert.equal(net.stage, "lateral_movement");
    const rdp = f.find((x) => x.details["kind"] === "rdp")!;
    assert.equal(rdp.severity, "medium");
    assert.deepEqual(rdp.attack, ["T1021.001"]);
    assert.match(rdp.message.ja, /横展開/);
  });

  it("logons from outside are inbound and high; a burst of failures is guessing", () => {
    const a = new LogonDirectionAnalyzer({ failureBurst: 3 });
    a.observe(ev("WEB", "Security", 4624, { LogonType: 10, IpAddress: "198.51.100.7" }));
    for (let i = 0; i < 3; i++) a.observe(ev("WEB", "Security", 4625, { IpAddress: "10.2.2.2" }));
    const f = a.finish();
    const inbound = f.find((x) => x.details["source"] === "198.51.100.7")!;
    assert.equal(inbound.details["direction"], "inbound");
    assert.equal(inbound.severity, "high");
    const guess = f.find((x) => x.details["kind"] === "failed")!;
    assert.equal(guess.severity, "high");
    assert.deepEqual(guess.attack, ["T1110"]);
  });

  it("bounds its groups and counts the drops", () => {
    const a = new LogonDirectionAnalyzer({ maxGroups: 2 });
    for (let i = 1; i <= 4; i++)
      a.observe(ev("DC1", "Security", 4624, { LogonType: 3, IpAddress: `10.0.0.${i}` }));
    assert.equal(a.finish().length, 2);
    assert.equal(a.stats()["groupsDropped"], 2);
  });
});

test("EVTX-ATTACK-SAMPLES lateral movement: internal connections and logons are flagged internal", async (t) => {
  const dir = corpusPath("evtx-attack-samples", "Lateral Movement");
  if (!dir) return t.skip(corpusSkipReason("evtx-attack-samples/Lateral Movement"));
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(dir).filter((n) => n.endsWith(".evtx"));
  const flagged: string[] = [];
  const missed: string[] = [];
  for (const name of files) {
    const run = await feedPaths(
      [join(dir, name)],
      [new LogonDirectionAnalyzer(), new LateralMovementAnalyzer(), new InternalConnectionAnalyzer()],
    );
    const internal = run.findings.filter(
      (f) =>
        f.viewpoint === "direction" &&
        (f.details["direction"] === "internal" || f.detector === "network.lateral-movement"),
    );
    (internal.length > 0 ? flagged : missed).push(name);
  }
  t.diagnostic(
    `${flagged.length} of ${files.length} lateral-movement files give an internal-direction finding`,
  );
  t.diagnostic(`without one: ${missed.join("; ")}`);
  assert.ok(files.length >= 30);
  assert.ok(flagged.length / files.length >= 0.5, `${flagged.length} of ${files.length}`);
});
