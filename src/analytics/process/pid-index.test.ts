import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BoundedLog } from "./bounded-log.js";
import { hostKey } from "./host-key.js";
import { PidIndex } from "./pid-index.js";
import { WrittenFiles } from "./written-files.js";

describe("PidIndex", () => {
  it("resolves a PID to the latest process started at or before a time (PID reuse), per host", () => {
    const x = new PidIndex();
    x.add("h", 100, "late", 300);
    x.add("h", 100, "early", 100);
    x.add("h", 100, "before-data", Number.NEGATIVE_INFINITY);
    x.add("other", 100, "elsewhere", 0);
    assert.equal(x.latestAtOrBefore("h", 100, 50), "before-data");
    assert.equal(x.latestAtOrBefore("h", 100, 100), "early");
    assert.equal(x.latestAtOrBefore("h", 100, 299), "early");
    assert.equal(x.latestAtOrBefore("h", 100, 1_000), "late");
    assert.equal(x.latestAtOrBefore("h", 100, 1_000, "late"), "early", "except");
    assert.equal(x.latestAtOrBefore("h", 7, 1_000), undefined);
  });

  it("near: the closest start within a tolerance that the filter accepts", () => {
    const x = new PidIndex();
    x.add("h", 1, "a", 1_000);
    x.add("h", 1, "b", 1_900);
    assert.equal(x.near("h", 1, 1_800, 500), "b");
    assert.equal(
      x.near("h", 1, 1_800, 500, (k) => k !== "b"),
      undefined,
    );
    assert.equal(x.near("h", 1, 5_000, 500), undefined);
  });

  it("remove drops empty lists", () => {
    const x = new PidIndex();
    x.add("h", 1, "a", 0);
    x.remove("h", 1, "a");
    assert.equal(x.size, 0);
  });
});

describe("small bounded helpers", () => {
  it("BoundedLog keeps the first items and counts all", () => {
    const log = new BoundedLog<number>(2);
    assert.deepEqual([log.add(1), log.add(2), log.add(3)], [true, true, false]);
    assert.deepEqual(log.items, [1, 2]);
    assert.equal(log.total, 3);
    assert.equal(log.dropped, 1);
  });

  it("WrittenFiles: latest write per host and path, least recently written evicted first", () => {
    const w = new WrittenFiles(2);
    const write = (writerKey: string, path: string, ms: number) => ({
      writerKey,
      path,
      time: { iso: "", ms },
      evidence: { file: "f", format: "evtx" as const },
    });
    w.record("h", write("p1", "C:\\A.exe", 10));
    w.record("h", write("p2", "c:\\a.exe", 20)); // same file, later writer
    w.record("h", write("p3", "C:\\B.exe", 30));
    w.record("h", write("p4", "C:\\C.exe", 40));
    assert.equal(w.lastWrite("h", "C:\\a.EXE", 100), undefined, "a.exe evicted (least recently written)");
    assert.equal(w.lastWrite("h", "C:\\B.exe", 100)?.writerKey, "p3");
    assert.equal(w.lastWrite("h", "C:\\B.exe", 29), undefined, "written after the moment asked about");
    assert.equal(w.lastWrite("other", "C:\\B.exe", 100), undefined);
    assert.equal(w.evicted, 1);
  });

  it("hostKey", () => {
    assert.equal(hostKey("WS-SALES-08.corp.example"), "ws-sales-08");
    assert.equal(hostKey(" WS-SALES-07 "), "ws-sales-07");
    assert.equal(hostKey("10.0.5.27"), "10.0.5.27");
    assert.equal(hostKey("fe80::1"), "fe80::1");
    assert.equal(hostKey(""), "");
  });
});
