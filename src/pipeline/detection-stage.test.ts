import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import { EventFactory, guid, pidOf } from "../analytics/process/process-events.test.support.js";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { parseRuleText } from "../sigma/rule-loader.js";
import { SigmaEngine } from "../sigma/sigma-engine.js";
import { processResolver } from "./analyze-process-resolver.js";
import { DetectionStage, matchedProcess, ownProcessKey } from "./detection-stage.js";

const RULES = parseRuleText(
  [
    "title: Invoice Started",
    "id: 11111111-1111-4111-8111-111111111111",
    "level: high",
    "kill_chain: exploitation",
    "tags: [attack.execution, attack.t1204.002]",
    "logsource:",
    "  product: windows",
    "  category: process_creation",
    "detection:",
    "  sel:",
    "    Image|endswith: '\\invoice.exe'",
    "  condition: sel",
    "---",
    "title: Lsass Opened",
    "id: 22222222-2222-4222-8222-222222222222",
    "level: medium",
    "tags: [attack.credential_access]",
    "logsource:",
    "  product: windows",
    "  category: process_access",
    "detection:",
    "  sel:",
    "    TargetImage|endswith: '\\lsass.exe'",
    "  condition: sel",
    "---",
    "title: Any Logon",
    "level: low",
    "logsource:",
    "  product: windows",
    "  service: security",
    "detection:",
    "  sel:",
    "    EventID: 4624",
    "  condition: sel",
    "",
  ].join("\n"),
  "rules.yml",
);

const IMAGE = "C:\\Users\\u\\Downloads\\invoice.exe";

function run(events: readonly Event[], stage: DetectionStage) {
  for (const e of events) stage.observe(e);
  return stage.finish();
}

describe("DetectionStage", () => {
  it("loads the test rules", () => {
    assert.deepEqual(RULES.rejected, []);
    assert.equal(RULES.rules.length, 3);
  });

  it("folds the Sysmon 1 and the 4688 of one process into one finding once the graph merges them", () => {
    const f = new EventFactory("WS1");
    const g = guid(0x1a2b);
    const events = [f.start(10, g, IMAGE, guid(0x10)), f.security4688(10.5, pidOf(g), IMAGE, 0x10)];
    const processes = new ProcessAnalyzer();
    for (const e of events) processes.observe(e);
    const stage = new DetectionStage(new SigmaEngine(RULES.rules), {
      resolveProcess: processResolver(processes),
    });
    const findings = run(events, stage);
    assert.equal(findings.length, 1);
    const [x] = findings;
    assert.equal(x.detector, "sigma:11111111-1111-4111-8111-111111111111");
    assert.equal(x.id, `sigma:11111111-1111-4111-8111-111111111111:${g}`);
    assert.deepEqual(x.subject, { kind: "process", key: g, image: IMAGE, pid: 0x1a2b });
    assert.equal(x.severity, "high");
    assert.equal(x.confidence, 0.7);
    assert.equal(x.stage, "exploitation");
    assert.equal(x.viewpoint, "process");
    assert.deepEqual(x.attack, ["T1204.002"]);
    assert.equal(x.host, "WS1");
    assert.equal(x.evidenceCount, 2);
    assert.deepEqual(
      x.evidence.map((p) => p.recordId),
      [1, 2],
    );
    assert.equal(x.first?.iso, f.at(10));
    assert.equal(x.last?.iso, f.at(10.5));
    assert.equal(x.message.en, 'Sigma rule "Invoice Started" (high) matched invoice.exe on WS1 (2 events).');
    assert.equal(
      x.message.ja,
      "Sigma ルール「Invoice Started」(high) が WS1 の invoice.exe に一致しました（2 件）。",
    );
    assert.equal(x.details.rule, "rules.yml:1");
    assert.equal(x.details.image, IMAGE);
  });

  it("without a resolver, each event's own key: the GUID, and host|pid|start for the 4688", () => {
    const f = new EventFactory("WS1");
    const g = guid(0x1a2b);
    const findings = run(
      [f.start(10, g, IMAGE), f.security4688(10.5, pidOf(g), IMAGE, 0x10)],
      new DetectionStage(new SigmaEngine(RULES.rules)),
    );
    assert.deepEqual(findings.map((x) => (x.subject.kind === "process" ? x.subject.key : "")).sort(), [
      `WS1|${0x1a2b}|${f.at(10.5)}`,
      g,
    ]);
  });

  it("process access is about the source process; credential access → lateral movement, medium", () => {
    const f = new EventFactory("WS1");
    const access = f.sysmon(10, 5, {
      SourceProcessGuid: guid(0x77),
      SourceProcessId: 0x77,
      SourceImage: "C:\\tools\\dump.exe",
      TargetImage: "C:\\Windows\\System32\\lsass.exe",
      GrantedAccess: "0x1410",
    });
    const [x] = run([access], new DetectionStage(new SigmaEngine(RULES.rules)));
    assert.deepEqual(x.subject, {
      kind: "process",
      key: guid(0x77),
      image: "C:\\tools\\dump.exe",
      pid: 0x77,
    });
    assert.equal(x.stage, "lateral_movement");
    assert.equal(x.severity, "medium");
  });

  it("an event that names no process gives a host finding", () => {
    const f = new EventFactory("DC1");
    const logon = f.windows("security", 4624, 3, { TargetUserName: "bob" });
    const [x] = run(
      [logon, f.windows("security", 4624, 4, {})],
      new DetectionStage(new SigmaEngine(RULES.rules)),
    );
    assert.deepEqual(x.subject, { kind: "host" });
    assert.equal(x.id, "sigma:rules.yml:26:host:DC1");
    assert.equal(x.stage, undefined);
    assert.equal(x.severity, "low");
    assert.equal(x.evidenceCount, 2);
    assert.equal(x.message.en, 'Sigma rule "Any Logon" (low) matched an event on DC1 (2 events).');
  });

  it("a bare PID resolves to the latest process with that PID started before the event", () => {
    const f = new EventFactory("WS1");
    const first = guid(0x500);
    const events = [
      f.start(1, first, "C:\\a\\old.exe"),
      f.end(2, first),
      f.security4688(5, 0x500, IMAGE, 4),
      // a Security event about PID 0x500 without a GUID: the 4688 process, not the old one
      f.windows("security", 4663, 6, { ProcessId: 0x500, ProcessName: IMAGE }, ["file_event"]),
    ];
    const processes = new ProcessAnalyzer();
    for (const e of events) processes.observe(e);
    const resolve = processResolver(processes);
    const m = matchedProcess(events[3]);
    assert.ok(m);
    assert.equal(ownProcessKey(m), `WS1|${0x500}|?`);
    assert.deepEqual(resolve(m), { key: `WS1|${0x500}|${f.at(5)}`, image: IMAGE, pid: 0x500 });
  });

  it("an engine failure on one event is reported at the event (E_INTERNAL) and the run goes on", () => {
    const f = new EventFactory("WS1", "bad.evtx");
    const diagnostics = new Diagnostics();
    let calls = 0;
    const stage = new DetectionStage(
      {
        match: (e) => {
          calls++;
          if (calls === 1) throw new Error("boom");
          return [{ rule: RULES.rules[0].rule, event: e }];
        },
      },
      { diagnostics },
    );
    const findings = run([f.start(1, guid(1), IMAGE), f.start(2, guid(2), IMAGE)], stage);
    assert.equal(findings.length, 1);
    assert.deepEqual(
      diagnostics.list().map((d) => [d.code, d.location.file, d.location.recordId, d.message]),
      [["E_INTERNAL", "bad.evtx", "1", "boom"]],
    );
    assert.equal(stage.stats().engineErrors, 1);
  });

  it("keeps at most maxFindings rule × subject pairs and counts the matches it drops", () => {
    const f = new EventFactory("WS1");
    const stage = new DetectionStage(new SigmaEngine(RULES.rules), { maxFindings: 1 });
    const findings = run(
      [f.start(1, guid(1), IMAGE), f.start(2, guid(2), IMAGE), f.start(3, guid(1), IMAGE)],
      stage,
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].evidenceCount, 2);
    assert.deepEqual(stage.stats(), {
      events: 3,
      matches: 3,
      matchesNotKept: 1,
      engineErrors: 0,
      pairs: 1,
      rulesMatched: 1,
    });
  });
});
