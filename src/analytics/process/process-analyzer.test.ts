import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { severityRank } from "../../findings/severity.js";
import { ProcessAnalyzer } from "./process-analyzer.js";
import type { ProcessDetector } from "./process-detector.js";
import { EventFactory, guid } from "./process-events.test.support.js";

const EXPLORER = "C:\\Windows\\explorer.exe";

/** explorer → dropper in Temp (exits) → payload in AppData (still beaconing), plus a benign notepad. */
function scenario(ev = new EventFactory("WS")) {
  return [
    ev.start(0, guid(1), EXPLORER),
    ev.start(10, guid(2), "C:\\Users\\a\\AppData\\Local\\Temp\\report.pdf.exe", guid(1)),
    ev.fileCreate(11, guid(2), "C:\\Users\\a\\AppData\\Roaming\\upd.exe"),
    ev.start(12, guid(3), "C:\\Users\\a\\AppData\\Roaming\\upd.exe", guid(2), {
      OriginalFileName: "svchost.exe",
    }),
    ev.end(13, guid(2)),
    ev.start(20, guid(4), "C:\\Windows\\System32\\notepad.exe", guid(1)),
    ev.connect(3_000, guid(3), "203.0.113.45", 443),
  ];
}

function analyze(events: ReturnType<typeof scenario>, a = new ProcessAnalyzer()) {
  for (const e of events) a.observe(e);
  return { a, findings: a.finish() };
}

describe("process analyzer", () => {
  it("emits process findings with stable ids, then state and duration findings for flagged processes only", () => {
    const { findings } = analyze(scenario());
    const ids = findings.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length, "ids are unique");
    assert.ok(ids.includes(`process.double-extension:${guid(2)}`));
    assert.ok(ids.includes(`process.dropper:${guid(2)}`));
    assert.ok(ids.includes(`process.dropped-executed:${guid(3)}`));
    assert.ok(ids.includes(`state.process:${guid(3)}`));
    assert.ok(ids.includes(`duration.dwell-time:${guid(2)}`), "dwell time of the root cause's tree");
    assert.ok(ids.includes(`duration.drop-latency:${guid(3)}`));
    assert.ok(!ids.some((id) => id.endsWith(guid(4))), "nothing about notepad");
    assert.ok(!ids.some((id) => id.endsWith(guid(1))), "nothing about explorer (it wrote no executable)");
    const state = findings.find((f) => f.id === `state.process:${guid(3)}`);
    assert.equal(state?.details.state, "running");
    assert.equal(state?.viewpoint, "state");
    assert.equal(state?.subject.kind, "process");
    for (let i = 1; i < findings.length; i++)
      assert.ok((findings[i - 1].first?.ms ?? 0) <= (findings[i].first?.ms ?? 0), "sorted by time");
  });

  it("every finding is well formed: evidence bounded and counted, both languages, confidence in 0..1", () => {
    for (const f of analyze(scenario()).findings) {
      assert.ok(f.evidence.length > 0 && f.evidence.length <= 20, f.id);
      assert.ok(f.evidenceCount >= f.evidence.length, f.id);
      assert.ok(f.message.en.length > 0 && f.message.ja.length > 0, f.id);
      assert.ok(f.confidence >= 0 && f.confidence <= 1, f.id);
      assert.equal(f.host, "WS");
    }
  });

  it("answers queries: root cause, state, children, dropper", () => {
    const { a } = analyze(scenario());
    const rc = a.rootCause(guid(3));
    assert.equal(rc?.root.key, guid(2));
    assert.deepEqual(
      rc?.chain.map((l) => l.process.key),
      [guid(1), guid(2), guid(3)],
    );
    assert.equal(a.state(guid(3))?.state, "running");
    assert.equal(a.state(guid(2))?.state, "terminated");
    assert.equal(a.droppedBy(guid(3))?.writer?.key, guid(2));
    assert.deepEqual(
      a.children(guid(1)).map((p) => p.key),
      [guid(2), guid(4)],
    );
    assert.ok(a.isSuspicious(a.processByKey(guid(2))!));
    assert.ok(!a.isSuspicious(a.processByKey(guid(4))!));
    assert.equal(a.stageGaps(guid(3))[1]?.kind, "written-to-executed");
    assert.ok(a.findingsOf(guid(2)).every((f) => f.viewpoint === "process"));
    assert.equal(a.rootCause("unknown"), undefined);
  });

  it("analyses processes evicted before the end (their findings are kept)", () => {
    const ev = new EventFactory("WS");
    const events = scenario(ev);
    for (let i = 0; i < 50; i++) {
      events.push(ev.start(100 + i, guid(0x100 + i), "C:\\Windows\\System32\\notepad.exe", guid(1)));
      events.push(ev.end(100.5 + i, guid(0x100 + i)));
    }
    const { a, findings } = analyze(events, new ProcessAnalyzer({ maxProcesses: 20 }));
    assert.ok(a.stats().processesEvicted > 0);
    assert.equal(a.processByKey(guid(2)), undefined, "the dropper (terminated early) was evicted");
    assert.ok(findings.some((f) => f.id === `process.double-extension:${guid(2)}`));
    assert.ok(findings.some((f) => f.id === `state.process:${guid(2)}`));
  });

  it("caps findings and counts the rest; a failing detector is counted, not fatal", () => {
    const capped = analyze(scenario(), new ProcessAnalyzer({ maxFindings: 3 }));
    assert.equal(capped.findings.length, 3);
    assert.ok(capped.a.stats().findingsNotKept > 0);
    const broken: ProcessDetector = {
      id: "broken",
      detect: () => {
        throw new Error("bug");
      },
    };
    const b = analyze(scenario(), new ProcessAnalyzer({}, [broken]));
    assert.deepEqual(b.findings, []);
    assert.ok(b.a.stats().detectorErrors > 0);
  });

  it("flagSeverity decides which processes get state and duration findings", () => {
    const { findings } = analyze(scenario(), new ProcessAnalyzer({ flagSeverity: "critical" }));
    assert.ok(!findings.some((f) => f.viewpoint === "state" || f.viewpoint === "duration"));
    assert.ok(findings.every((f) => severityRank(f.severity) >= 0));
  });
});
