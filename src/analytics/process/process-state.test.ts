import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory, graphOf, guid } from "./process-events.test.support.js";
import { processState, stateHit } from "./process-state.js";

const HOUR = 3_600_000;

describe("process state", () => {
  const ev = new EventFactory("H");
  const g = graphOf([
    ev.start(0, guid(1), "C:\\a.exe"),
    ev.end(10, guid(1)),
    ev.start(0, guid(2), "C:\\b.exe"),
    ev.connect(7_000, guid(2), "203.0.113.1", 443), // active near the end
    ev.start(0, guid(3), "C:\\c.exe"), // silent since the start
    ev.windows("security", 4624, 7_200, {}, []), // the host's last event: 2 h
  ]);
  const span = g.hostSpan("h");
  const cases: [string, number, string][] = [
    ["terminated", 1, "terminated"],
    ["running: active within the window before the end of the data", 2, "running"],
    ["unknown: no termination, no recent activity", 3, "unknown"],
  ];
  for (const [name, n, want] of cases)
    it(name, () => assert.equal(processState(g.processByKey(guid(n))!, span, HOUR).state, want));

  it("no host span: unknown", () =>
    assert.equal(processState(g.processByKey(guid(2))!, undefined, HOUR).state, "unknown"));

  it("state findings: running carries the process severity, terminated is info", () => {
    const running = g.processByKey(guid(2))!;
    const h = stateHit(running, processState(running, span, HOUR), "high", HOUR);
    assert.equal(h.viewpoint, "state");
    assert.equal(h.severity, "high");
    assert.equal(h.details.state, "running");
    assert.equal(h.evidence.length, 2);
    assert.match(h.message.en, /still running/);
    const ended = g.processByKey(guid(1))!;
    const t = stateHit(ended, processState(ended, span, HOUR), "high", HOUR);
    assert.equal(t.severity, "info");
    assert.match(t.message.ja, /終了/);
    const quiet = g.processByKey(guid(3))!;
    assert.equal(stateHit(quiet, processState(quiet, span, HOUR), "high", HOUR).severity, "low");
  });
});
