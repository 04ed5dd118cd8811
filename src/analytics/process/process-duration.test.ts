import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDuration } from "./format-duration.js";
import {
  dropLatencyHit,
  dwellHit,
  lifetimeHit,
  processLifetime,
  stageGaps,
  treeDwell,
} from "./process-duration.js";
import { EventFactory, graphOf, guid } from "./process-events.test.support.js";
import { findRootCause } from "./root-cause.js";

describe("durations", () => {
  const ev = new EventFactory();
  const g = graphOf([
    ev.start(0, guid(1), "C:\\Windows\\explorer.exe"),
    ev.start(100, guid(2), "C:\\Users\\a\\dropper.exe", guid(1)),
    ev.fileCreate(101, guid(2), "C:\\Users\\a\\payload.exe"),
    ev.start(102.5, guid(3), "C:\\Users\\a\\payload.exe", guid(2)),
    ev.end(105, guid(2)),
    ev.start(500, guid(4), "C:\\Windows\\System32\\cmd.exe", guid(3)),
    ev.connect(7_300, guid(3), "203.0.113.1", 443),
  ]);

  it("lifetime: start → end, or → last activity while running", () => {
    assert.deepEqual(
      {
        ms: processLifetime(g.processByKey(guid(2))!).lifetimeMs,
        ended: processLifetime(g.processByKey(guid(2))!).ended,
      },
      { ms: 5_000, ended: true },
    );
    const payload = processLifetime(g.processByKey(guid(3))!);
    assert.equal(payload.lifetimeMs, 7_197_500);
    assert.equal(payload.ended, false);
  });

  it("dwell time of the tree under the root cause (children and dropped processes)", () => {
    const d = treeDwell(g, guid(2), 100);
    assert.equal(d?.processes, 3);
    assert.equal(d?.dwellMs, 7_200_000);
    assert.equal(d?.truncated, false);
    assert.equal(treeDwell(g, guid(2), 2)?.truncated, true);
    assert.equal(treeDwell(g, "nope", 10), undefined);
  });

  it("stage gaps along the chain: written → executed, parent → child", () => {
    const rc = findRootCause(g, guid(4), (p) => /\\users\\/i.test(p.image ?? ""), 64);
    assert.deepEqual(
      stageGaps(rc?.chain ?? []).map((s) => [s.kind, s.gapMs]),
      [
        ["parent-to-child", 100_000],
        ["written-to-executed", 1_500],
        ["parent-to-child", 397_500],
      ],
    );
  });

  it("findings: lifetime (long is low), dwell (long is medium), drop latency (fast and not by a user is medium)", () => {
    const payload = g.processByKey(guid(3))!;
    const life = lifetimeHit(payload, 3_600_000);
    assert.equal(life?.viewpoint, "duration");
    assert.equal(life?.severity, "low");
    assert.match(life?.message.en ?? "", /at least 2\.0 h/);
    const dwell = dwellHit(g.processByKey(guid(2))!, treeDwell(g, guid(2), 100)!, 3_600_000);
    assert.equal(dwell?.severity, "medium");
    assert.equal(dwell?.details.processes, 3);
    const fast = dropLatencyHit(payload, 60_000, false);
    assert.equal(fast?.severity, "medium");
    assert.equal(fast?.details.latencyMs, 1_500);
    assert.equal(dropLatencyHit(payload, 60_000, true)?.severity, "info", "a person may be quick");
    assert.equal(dropLatencyHit(g.processByKey(guid(2))!, 60_000, false), undefined, "not dropped");
  });

  it("formatDuration", () => {
    assert.equal(formatDuration(1_500, "en"), "1.5 s");
    assert.equal(formatDuration(90_000, "ja"), "2 分");
    assert.equal(formatDuration(7_200_000, "en"), "2.0 h");
  });
});
