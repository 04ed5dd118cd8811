import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_EVIDENCE } from "../../findings/finding.js";
import { Evidence } from "./evidence.js";
import { zeekConn } from "./network-events.test.support.js";

const T0 = 1_772_400_000;

describe("Evidence", () => {
  it("keeps the first and the most recent provenances, counts all, spans all times", () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      zeekConn({ ts: T0 + i, src: "10.0.0.1", dst: "10.0.0.2" }),
    );
    const e = new Evidence();
    for (const ev of events) e.add(ev);
    const kept = e.provenances();
    assert.equal(kept.length, MAX_EVIDENCE);
    assert.deepEqual(
      kept,
      [...events.slice(0, 10), ...events.slice(40)].map((x) => x.provenance),
    );
    assert.equal(e.count, 50);
    assert.equal(e.first?.ms, T0 * 1000);
    assert.equal(e.last?.ms, (T0 + 49) * 1000);
  });

  it("keeps everything below the cap, in arrival order", () => {
    const events = [3, 1, 2].map((d) => zeekConn({ ts: T0 + d, src: "10.0.0.1", dst: "10.0.0.2" }));
    const e = new Evidence();
    for (const ev of events) e.add(ev);
    assert.deepEqual(
      e.provenances(),
      events.map((x) => x.provenance),
    );
    assert.equal(e.first?.ms, (T0 + 1) * 1000);
  });

  it("merges another collector and extends counts", () => {
    const a = new Evidence(4);
    const b = new Evidence(4);
    for (let i = 0; i < 6; i++) b.add(zeekConn({ ts: T0 + i, src: "10.0.0.1", dst: "10.0.0.2" }));
    a.merge(b);
    assert.equal(a.count, 6);
    assert.equal(a.provenances().length, 4);
    a.extend(10, undefined, { iso: "", ms: (T0 + 100) * 1000 });
    assert.equal(a.count, 16);
    assert.equal(a.last?.ms, (T0 + 100) * 1000);
  });
});
