/** When analyses run: debounce, the longest wait, one at a time, requests, failures. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnalysisScheduler } from "./analysis-scheduler.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counting(runMs = 0, fail = false) {
  const runs: number[] = [];
  let running = 0;
  let overlap = false;
  const run = async () => {
    running++;
    if (running > 1) overlap = true;
    runs.push(Date.now());
    await sleep(runMs);
    running--;
    if (fail) throw new Error("boom");
  };
  return { runs, run, overlapped: () => overlap };
}

describe("AnalysisScheduler", () => {
  it("runs once after a burst has been quiet for the debounce", async () => {
    const c = counting();
    const s = new AnalysisScheduler(c.run, { debounceMs: 60, maxWaitMs: 5000 }, () => undefined);
    for (let i = 0; i < 5; i++) {
      s.notify(10);
      await sleep(10);
    }
    assert.equal(s.state().pending, 50);
    await s.idle();
    assert.equal(c.runs.length, 1);
    assert.equal(s.state().pending, 0);
    assert.ok(s.state().analyzedAt);
    await s.stop();
  });

  it("does not wait longer than maxWait under steady ingest", async () => {
    const c = counting();
    const s = new AnalysisScheduler(c.run, { debounceMs: 80, maxWaitMs: 150 }, () => undefined);
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      s.notify(1);
      await sleep(20);
    }
    assert.ok(c.runs.length >= 2, `${c.runs.length} runs during 400 ms of steady ingest`);
    assert.ok(c.runs[0] - start < 400);
    await s.stop();
  });

  it("never runs two analyses at once; what arrives during a run schedules the next", async () => {
    const c = counting(100);
    const s = new AnalysisScheduler(c.run, { debounceMs: 10, maxWaitMs: 100 }, () => undefined);
    s.notify(1);
    await sleep(30);
    assert.equal(s.state().analyzing, true);
    s.notify(1);
    s.request();
    await s.idle();
    assert.equal(c.runs.length, 2);
    assert.equal(c.overlapped(), false);
    await s.stop();
  });

  it("ignores zero inserts, reports a failing run and keeps going", async () => {
    const errors: unknown[] = [];
    const c = counting(0, true);
    const s = new AnalysisScheduler(c.run, { debounceMs: 10, maxWaitMs: 100 }, (e) => errors.push(e));
    s.notify(0);
    await s.idle();
    assert.equal(c.runs.length, 0);
    await s.runNow();
    assert.equal(errors.length, 1);
    assert.equal(s.state().lastError, "boom");
    assert.equal(s.state().runs, 1);
    await s.stop();
    s.notify(5);
    assert.equal(s.state().pending, 0, "stopped: nothing scheduled");
  });
});
