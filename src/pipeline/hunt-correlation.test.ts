import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { testEvent, testRule } from "../outputs/hunt-fixtures.js";
import type { CorrelationMatch } from "../sigma/correlation/correlation-engine.js";
import { correlationFromDocument } from "../sigma/correlation/correlation-document.js";
import { type CorrelationRule, isCorrelationRule } from "../sigma/correlation/correlation-rule.js";
import { parseRuleText } from "../sigma/rule-loader.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import { SigmaEngine } from "../sigma/sigma-engine.js";
import { hunt } from "./hunt.js";
import { HuntCorrelator } from "./hunt-correlation.js";
import {
  at,
  BRUTE_FORCE_RULES,
  failedLogonLine,
  MACRO_CHAIN_RULES,
  type ProcessStep,
  sysmonProcessFields,
} from "./hunt-correlation-fixtures.js";
import { writeEvtxFile } from "../writers/evtx/evtx-writer.js";
import { sysmonEvent } from "../writers/evtx/sysmon-event.js";
import { planHunt } from "./hunt-rules.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-hunt-corr-"));
  // file a holds the later half of the burst, file b (read after a) the earlier half: only sorting by
  // time puts them in order. c is a copy of a (the same log collected twice).
  const a = failedLogonLine(40, "admin") + failedLogonLine(50, "admin") + failedLogonLine(55, "guest");
  await writeFile(join(dir, "a.json"), a);
  await writeFile(
    join(dir, "b.json"),
    failedLogonLine(0, "admin") + failedLogonLine(30, "guest") + failedLogonLine(31, undefined),
  );
  await writeFile(join(dir, "c.json"), a);
  await writeSysmonProcesses(join(dir, "sysmon.evtx"), [
    // WS1: the macro shell, then discovery 30 s later → the chain
    {
      seconds: 0,
      host: "WS1",
      parent: "C:\\Office\\WINWORD.EXE",
      image: "C:\\Windows\\System32\\cmd.exe",
      commandLine: "cmd.exe /c whoami",
    },
    {
      seconds: 30,
      host: "WS1",
      parent: "C:\\Windows\\System32\\cmd.exe",
      image: "C:\\Windows\\System32\\whoami.exe",
      commandLine: "whoami",
    },
    // WS2: discovery first, then the shell: wrong order, no chain
    {
      seconds: 5,
      host: "WS2",
      parent: "C:\\Windows\\explorer.exe",
      image: "C:\\Windows\\System32\\whoami.exe",
      commandLine: "whoami",
    },
    {
      seconds: 10,
      host: "WS2",
      parent: "C:\\Office\\winword.exe",
      image: "C:\\Windows\\System32\\cmd.exe",
      commandLine: "cmd.exe",
    },
    // WS3: both, but 5 minutes apart (timespan 2m)
    {
      seconds: 0,
      host: "WS3",
      parent: "C:\\Office\\winword.exe",
      image: "C:\\Windows\\System32\\cmd.exe",
      commandLine: "cmd.exe",
    },
    {
      seconds: 300,
      host: "WS3",
      parent: "C:\\Windows\\System32\\cmd.exe",
      image: "C:\\Windows\\System32\\whoami.exe",
      commandLine: "whoami",
    },
  ]);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs hunt over `files` with the rules of `ruleText`, planned as the CLI does. */
async function huntWith(ruleText: string, files: readonly string[]) {
  const loaded = parseRuleText(ruleText, "rules.yml");
  assert.deepEqual(loaded.rejected, []);
  const plan = planHunt(loaded, {});
  assert.deepEqual(plan.rejected, []);
  const diagnostics = new Diagnostics();
  const reported: RuleMatch[] = [];
  const correlated: CorrelationMatch[] = [];
  const result = await hunt(
    files.map((f) => join(dir, f)),
    new SigmaEngine(plan.detection),
    {
      diagnostics,
      reports: plan.reports,
      correlation: { rules: plan.correlations, reports: plan.reportsCorrelation },
      onMatches: (ms) => {
        reported.push(...ms);
      },
      onCorrelationMatches: (ms) => {
        correlated.push(...ms);
      },
    },
  );
  return { result, reported, correlated, diagnostics };
}

describe("hunt with correlations", () => {
  it("event_count: counts a brute force across files in time order, once per event content", async () => {
    const { result, reported, correlated, diagnostics } = await huntWith(BRUTE_FORCE_RULES, [
      "a.json",
      "b.json",
      "c.json",
    ]);
    assert.equal(diagnostics.list().length, 0, JSON.stringify(diagnostics.list()));
    // failed_logon is a building block (generate: false): its 9 matches feed the correlation only
    assert.equal(reported.length, 0);
    assert.equal(result.matches, 0);
    assert.equal(result.hidden, 9);
    assert.equal(correlated.length, 1, "the copy c.json must not make a second brute force");
    const [m] = correlated;
    assert.equal(m?.rule.title, "Brute Force On One Account");
    assert.deepEqual(m?.group, { TargetUserName: "admin" });
    assert.equal(m?.value, 3);
    assert.deepEqual(
      m?.events.map((e) => e.time?.iso),
      [at(0), at(40), at(50)],
    );
    assert.equal(m?.firstTime.iso, at(0));
    assert.equal(m?.lastTime.iso, at(50));
    const c = result.correlation;
    assert.ok(c);
    assert.equal(c.rules, 1);
    assert.equal(c.fed, 6);
    assert.equal(c.duplicates, 3);
    assert.equal(c.overflow, 0);
    assert.equal(c.matches, 1);
    assert.equal(c.stats.ungrouped, 1, "the failure without TargetUserName is counted, not grouped");
    assert.equal(c.stats.evictedEntries, 0);
  });

  it("temporal_ordered over Sysmon EVTX: only the host where the shell precedes discovery in 2 minutes", async () => {
    const { result, reported, correlated } = await huntWith(MACRO_CHAIN_RULES, ["sysmon.evtx"]);
    // generate: true → both process rules report each of their matches too
    assert.equal(reported.length, 6);
    assert.equal(result.hidden, 0);
    assert.deepEqual(
      correlated.map((m) => [
        m.rule.title,
        m.group,
        m.value,
        m.events.map((e) => String(e.identity.recordId)),
      ]),
      [["Macro Shell Then Discovery", { Computer: "WS1" }, 2, ["1", "2"]]],
    );
    assert.equal(result.correlation?.matches, 1);
  });

  it("reports nothing when the correlation is not selected, and its building block then reports on its own", async () => {
    const loaded = parseRuleText(BRUTE_FORCE_RULES, "rules.yml");
    const plan = planHunt(loaded, { minLevel: "low", excludeIds: ["0b7f9a3e-0000-4000-8000-000000000002"] });
    assert.equal(plan.correlations.length, 0);
    assert.equal(plan.excludedCorrelations["excluded-id"], 1);
    assert.equal(plan.reports(loaded.rules[0]?.rule ?? testRule()), true);
  });
});

function correlation(text: string): CorrelationRule {
  const loaded = parseRuleText(text, "c.yml");
  const raw = loaded.correlations[0];
  assert.ok(raw);
  const c = correlationFromDocument(raw);
  assert.ok(isCorrelationRule(c), JSON.stringify(c));
  return c;
}

const COUNT_TWO = `title: Two whoami
id: c0000000-0000-4000-8000-000000000001
correlation:
  type: event_count
  rules: [w]
  group-by: [Computer]
  timespan: 1m
  condition: {gte: 2}
`;

describe("HuntCorrelator", () => {
  const rule = testRule({ id: "w", title: "whoami" });
  const other = testRule({ id: "x", title: "other" });

  it("holds only the matches correlations need, sorted by time when finished", () => {
    const c = new HuntCorrelator({ rules: [correlation(COUNT_TWO)] });
    assert.equal(c.wants(rule), true);
    assert.equal(c.wants(other), false);
    assert.equal(c.add({ rule: other, event: testEvent({ iso: at(0) }) }), false);
    assert.equal(c.add({ rule, event: testEvent({ iso: at(50), recordId: 2 }) }), true);
    assert.equal(c.add({ rule, event: testEvent({ iso: at(0), recordId: 1 }) }), true);
    assert.equal(c.size, 2);
    const { matches, result } = c.finish();
    assert.deepEqual(
      matches.map((m) => m.events.map((e) => e.identity.recordId)),
      [[1, 2]],
    );
    assert.equal(result.stats.late, 0, "sorted before feeding: nothing arrives late");
    assert.equal(c.size, 0, "released");
  });

  it("counts matches past maxPending instead of holding them", () => {
    const c = new HuntCorrelator({ rules: [correlation(COUNT_TWO)], maxPending: 1 });
    assert.equal(c.add({ rule, event: testEvent({ iso: at(0), recordId: 1 }) }), true);
    assert.equal(c.add({ rule, event: testEvent({ iso: at(1), recordId: 2 }) }), false);
    const { matches, result } = c.finish();
    assert.equal(matches.length, 0);
    assert.equal(result.overflow, 1);
    assert.equal(result.fed, 1);
  });

  it("leaves out the matches of correlations `reports` refuses", () => {
    const c = new HuntCorrelator({ rules: [correlation(COUNT_TWO)], reports: () => false });
    c.add({ rule, event: testEvent({ iso: at(0), recordId: 1 }) });
    c.add({ rule, event: testEvent({ iso: at(1), recordId: 2 }) });
    const { matches, result } = c.finish();
    assert.equal(matches.length, 0);
    assert.equal(result.matches, 0);
  });

  it("passes untimed matches to the engine, which counts them", () => {
    const c = new HuntCorrelator({ rules: [correlation(COUNT_TWO)] });
    c.add({ rule, event: testEvent({ iso: "", recordId: 1 }) });
    c.add({ rule, event: testEvent({ iso: at(1), recordId: 2 }) });
    assert.equal(c.finish().result.stats.untimed, 1);
  });
});

/** Writes the steps as Sysmon 1 records (record ids 1, 2, …) into an EVTX file at `path`. */
async function writeSysmonProcesses(path: string, steps: readonly ProcessStep[]): Promise<void> {
  await writeEvtxFile(
    path,
    steps.map((s, i) =>
      sysmonEvent(1, at(s.seconds), sysmonProcessFields(s, i), { computer: s.host, recordId: i + 1 }),
    ),
  );
}
