import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory } from "../analytics/process/process-events.test.support.js";
import { beacon, malwareChain, outlook, runScenario, sha } from "./incident-scenario.test.support.js";

const A = new EventFactory("WS-A", "a.evtx");
const B = new EventFactory("WS-B", "b.evtx");

describe("buildIncidents: merging across hosts", () => {
  it("the same dropper (name + hash) on two hosts: one incident, shared indicators, per-host via", () => {
    const a = malwareChain(A, 0x60);
    const b = malwareChain(B, 0x70);
    const run = runScenario([...a.events, ...b.events]);
    assert.equal(run.incidents.length, 1);
    const [i] = run.incidents;
    assert.deepEqual(
      i.sharedIndicators.map((s) => [s.kind, s.value, s.hosts]),
      [
        ["dropper", `invoice.pdf.exe|${sha("a").toLowerCase()}`, ["WS-A", "WS-B"]],
        ["sha256", sha("b").toLowerCase(), ["WS-A", "WS-B"]],
      ],
    );
    assert.deepEqual(
      i.hosts.map((h) => [h.host, h.via]),
      [
        ["WS-A", "root-cause"],
        ["WS-B", "dropper"],
      ],
    );
    assert.equal(i.processes.filter((p) => p.role === "root-cause").length, 2);
    assert.match(i.title.en, /\(also on 1 other host\)$/);
  });

  it("the same payload hash under differently named droppers: merged on sha256", () => {
    const a = malwareChain(A, 0x80, { dropperName: "invoice.pdf.exe", dropperSha: sha("1") });
    const b = malwareChain(B, 0x90, { dropperName: "order.doc.exe", dropperSha: sha("2") });
    const [i, ...rest] = runScenario([...a.events, ...b.events]).incidents;
    assert.equal(rest.length, 0);
    assert.deepEqual(
      i.sharedIndicators.map((s) => [s.kind, s.value]),
      [["sha256", sha("b").toLowerCase()]],
    );
    assert.equal(i.hosts[1].via, "sha256");
  });

  it("the same external C&C from different malware: merged on the destination", () => {
    const a = malwareChain(A, 0xa0, { dropperSha: sha("3"), payloadSha: sha("4") });
    const b = malwareChain(B, 0xb0, { dropperSha: sha("5"), payloadSha: sha("6") });
    const run = runScenario(
      [...a.events, ...b.events],
      [beacon(A, a.payload, "203.0.113.45", 20, 200), beacon(B, b.payload, "203.0.113.45", 20, 200)],
    );
    assert.equal(run.incidents.length, 1);
    assert.deepEqual(run.incidents[0].sharedIndicators, [
      { kind: "destination", value: "203.0.113.45", hosts: ["WS-A", "WS-B"] },
    ]);
  });

  it("never on a private address", () => {
    const a = malwareChain(A, 0xc0, { dropperSha: sha("7"), payloadSha: sha("8") });
    const b = malwareChain(B, 0xd0, { dropperSha: sha("9"), payloadSha: sha("d") });
    const run = runScenario(
      [...a.events, ...b.events],
      [beacon(A, a.payload, "10.9.9.9", 20, 200), beacon(B, b.payload, "10.9.9.9", 20, 200)],
    );
    assert.equal(run.incidents.length, 2);
    for (const i of run.incidents) assert.deepEqual(i.sharedIndicators, []);
  });

  it("never a benign cloud destination into a malicious incident; two benign Outlooks merge", () => {
    const a = malwareChain(A, 0xe0, { dropperSha: sha("e"), payloadSha: sha("f") });
    const oa = outlook(A, 0x100);
    const ob = outlook(B, 0x110);
    const run = runScenario(
      [...a.events, ...oa.events, ...ob.events],
      [
        beacon(A, a.payload, "52.97.146.162", 20, 200),
        beacon(A, oa.key, "52.97.146.162", 2, 300),
        beacon(B, ob.key, "52.97.146.162", 2, 300),
      ],
    );
    assert.deepEqual(
      run.incidents.map((i) => [i.verdict.verdict, i.hosts.map((h) => h.host)]),
      [
        ["malicious", ["WS-A"]],
        ["benign", ["WS-A", "WS-B"]],
      ],
    );
    const benign = run.incidents[1];
    assert.equal(benign.title.en, "OUTLOOK.EXE polling 52.97.146.162 on 2 hosts (over-detection)");
    assert.equal(benign.title.ja, "OUTLOOK.EXE が 2 台のホストで 52.97.146.162 へ定期通信（過検知）");
    assert.deepEqual(
      benign.sharedIndicators.map((s) => s.kind),
      ["destination"],
      "a trusted signed image's hash merges nothing",
    );
    assert.equal(benign.destinations[0].role, "contacted", "no C&C in an over-detection");
    assert.deepEqual(benign.cutPoints, []);
    assert.deepEqual(benign.files, [], "a legitimate program is never listed for deletion");
  });
});
