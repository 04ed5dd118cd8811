/**
 * SigmaEngine: logsource fitting, rule order, the index being a pure speed-up (differential test
 * against brute force on generated events), foreign CompiledRule implementations, and Sysmon 1 /
 * Security 4688 versions of one process start hitting the same process_creation rules (written
 * as EVTX, read and normalized by the project's own reader and normalizer).
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { Logsource } from "../events/logsource.js";
import { createNormalizer } from "../normalize/normalizer.js";
import { readPaths } from "../readers/read-paths.js";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import { writeEvtx } from "../writers/evtx/evtx-writer.js";
import { securityEvent } from "../writers/evtx/security-event.js";
import { sysmonEvent } from "../writers/evtx/sysmon-event.js";
import type { CompiledRule } from "./compiled-rule.js";
import { loadRules, parseRuleText } from "./rule-loader.js";
import { logsourceFits, SigmaEngine } from "./sigma-engine.js";

function event(
  fields: Fields,
  logsource: Logsource = { product: "windows", category: "process_creation" },
): Event {
  return {
    kind: "windows",
    time: undefined,
    host: "",
    identity: { provider: "P", channel: "C", eventId: 0 },
    logsource,
    fields,
    provenance: { file: "mem.json", format: "json", line: 1 },
  };
}

function rules(...docs: string[]): readonly CompiledRule[] {
  const loaded = parseRuleText(docs.join("---\n"), "engine.yml");
  assert.deepEqual(
    loaded.rejected.map((r) => r.reason),
    [],
  );
  return loaded.rules;
}

function doc(title: string, logsource: string, detection: string): string {
  return `title: ${title}\nlogsource:\n${logsource.replace(/^/gm, "  ")}\ndetection:\n${detection.replace(/^/gm, "  ")}\n`;
}

describe("logsourceFits", () => {
  const ROWS: readonly [Logsource, Logsource, boolean][] = [
    [{}, { product: "windows" }, true],
    [{ product: "windows" }, { product: "windows", service: "sysmon" }, true],
    [{ product: "windows" }, { product: "linux" }, false],
    [{ product: "windows" }, {}, false],
    [{ service: "security" }, { product: "windows", service: "security" }, true],
    [{ service: "security" }, { product: "windows", service: "sysmon" }, false],
    [
      { category: "registry_set" },
      { category: "registry_event", categories: ["registry_event", "registry_set"] },
      true,
    ],
    [
      { category: "registry_add" },
      { category: "registry_event", categories: ["registry_event", "registry_set"] },
      false,
    ],
    [{ category: "process_creation" }, { category: "process_creation" }, true],
  ];
  for (const [rule, ev, want] of ROWS) {
    test(`${JSON.stringify(rule)} on ${JSON.stringify(ev)}`, () => {
      assert.equal(logsourceFits(rule, ev), want);
    });
  }
});

describe("SigmaEngine", () => {
  test("runs only the rules whose logsource fits, and reports matches in rule order", () => {
    const rs = rules(
      doc(
        "proc",
        "product: windows\ncategory: process_creation",
        "s:\n  Image|endswith: '\\x.exe'\ncondition: s",
      ),
      doc("any", "product: windows", "s:\n  Image|contains: 'x'\ncondition: s"),
      doc("file", "product: windows\ncategory: file_event", "s:\n  Image|endswith: '\\x.exe'\ncondition: s"),
      doc("reg", "product: windows\ncategory: registry_set", "s:\n  Image|endswith: '\\x.exe'\ncondition: s"),
    );
    const engine = new SigmaEngine(rs);
    const e = event({ Image: "C:\\x.exe" });
    assert.deepEqual(
      engine.match(e).map((m) => m.rule.title),
      ["proc", "any"],
    );
    assert.equal(engine.match(e)[0].event, e);
    const reg = event(
      { Image: "C:\\x.exe" },
      { product: "windows", category: "registry_event", categories: ["registry_event", "registry_set"] },
    );
    assert.deepEqual(
      engine.match(reg).map((m) => m.rule.title),
      ["any", "reg"],
    );
    assert.deepEqual(engine.match(event({ Image: "C:\\x.exe" }, { product: "linux" })), []);
    assert.equal(engine.rulesFor({ product: "windows", category: "file_event" }).length, 2);
  });

  test("foreign CompiledRule implementations are run as they are", () => {
    const mine: CompiledRule = {
      rule: rules(doc("host", "product: windows", "s:\n  a: 1\ncondition: s"))[0].rule,
      matches: (e) => e.host === "H",
    };
    const engine = new SigmaEngine([mine]);
    assert.equal(engine.match({ ...event({}), host: "H" }).length, 1);
    assert.equal(engine.match(event({})).length, 0);
  });

  test("the index never changes results (differential test against brute force)", () => {
    const images = [
      "C:\\Windows\\cmd.exe",
      "C:\\x\\rundll32.exe",
      "C:\\Tools\\PsExec.exe",
      "powershell.exe",
      "C:\\a b\\7z.exe",
      "",
    ];
    const clis = [
      "whoami /all",
      "rundll32 x.dll,Start",
      "-enc AAAA",
      "/c echo 1 > \\\\.\\pipe\\x",
      "7z a -p x.dmp",
      "net user /add",
    ];
    const rs = rules(
      doc(
        "r1",
        "product: windows",
        "s:\n  - Image|endswith: '\\cmd.exe'\n  - OriginalFileName: 'Cmd.Exe'\nc:\n  CommandLine|contains: 'whoami'\ncondition: s and c",
      ),
      doc(
        "r2",
        "product: windows",
        "s:\n  Image|endswith:\n    - '\\rundll32.exe'\n    - '\\7z.exe'\ncondition: s",
      ),
      doc("r3", "product: windows", "s:\n  CommandLine|contains|windash: ' -enc'\ncondition: s"),
      doc(
        "r4",
        "product: windows",
        "s:\n  CommandLine|startswith: 'net '\nf:\n  User: 'SYSTEM'\ncondition: s and not f",
      ),
      doc("r5", "product: windows", "k:\n  - 'pipe'\ncondition: k"),
      doc("r6", "product: windows", "s:\n  Image: 'powershell.exe'\ncondition: s or not s"),
      doc("r7", "product: windows", "s:\n  Image|contains|all:\n    - 'tools'\n    - 'exec'\ncondition: s"),
      doc("r8", "product: windows", "s:\n  CommandLine|re: '\\d\\.dmp'\ncondition: s"),
      doc("r9", "product: windows", "s:\n  Image: 'C:\\*\\P?Exec.exe'\ncondition: s"),
      doc("r10", "product: windows", "s:\n  User|neq: 'SYSTEM'\ncondition: s"),
      doc("r11", "product: windows", "s:\n  Image|endswith|cased: '\\PsExec.exe'\ncondition: s"),
      doc(
        "r12",
        "product: windows",
        "s:\n  Image|endswith: '.exe'\nt:\n  CommandLine|contains: 'x'\ncondition: 1 of them",
      ),
    );
    const engine = new SigmaEngine(rs);
    let seed = 42;
    const pick = <T>(xs: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return xs[seed % xs.length];
    };
    let hits = 0;
    for (let i = 0; i < 500; i++) {
      const fields: Record<string, string> = { Image: pick(images), CommandLine: pick(clis) };
      if (i % 3 === 0) fields.User = pick(["SYSTEM", "bob"]);
      if (i % 4 === 0) fields.OriginalFileName = "CMD.EXE";
      const e = event(fields);
      const want = rs.filter((r) => r.matches(e)).map((r) => r.rule.title);
      const got = engine.match(e).map((m) => m.rule.title);
      assert.deepEqual(got, want, JSON.stringify(fields));
      hits += got.length;
    }
    assert.ok(hits > 500, `hits ${hits}`);
  });
});

describe("Sysmon 1 and Security 4688 hit the same process_creation rules", () => {
  const TIME = "2026-03-02T09:14:05Z";
  const sysmon = sysmonEvent(1, TIME, {
    RuleName: "-",
    UtcTime: "2026-03-02 09:14:05.000",
    ProcessGuid: "{4A1D2C3B-0001-0002-0003-000000000007}",
    ProcessId: 6700,
    Image: "C:\\Windows\\System32\\whoami.exe",
    CommandLine: "whoami /all",
    CurrentDirectory: "C:\\Users\\tanaka\\",
    User: "CORP\\tanaka",
    IntegrityLevel: "High",
    ParentProcessId: 6120,
    ParentImage: "C:\\Users\\tanaka\\AppData\\Local\\Temp\\dropper.exe",
    ParentCommandLine: "dropper.exe",
  });
  const security = securityEvent(4688, TIME, {
    SubjectUserSid: "S-1-5-21-1-2-3-1001",
    SubjectUserName: "tanaka",
    SubjectDomainName: "CORP",
    SubjectLogonId: 0x3e7n,
    NewProcessId: 6700,
    NewProcessName: "C:\\Windows\\System32\\whoami.exe",
    TokenElevationType: "%%1937",
    ProcessId: 6120,
    CommandLine: "whoami /all",
    TargetUserSid: "S-1-0-0",
    TargetUserName: "-",
    TargetDomainName: "-",
    TargetLogonId: 0n,
    ParentProcessName: "C:\\Users\\tanaka\\AppData\\Local\\Temp\\dropper.exe",
    MandatoryLabel: "S-1-16-12288",
  });

  async function events(): Promise<Event[]> {
    const dir = mkdtempSync(join(tmpdir(), "mikiwame-proc-"));
    const file = join(dir, "proc.evtx");
    writeFileSync(file, writeEvtx([sysmon, security]));
    const diagnostics = new Diagnostics();
    const normalizer = createNormalizer();
    const out: Event[] = [];
    for await (const batch of readPaths([file], { diagnostics })) {
      for (const r of batch.records) {
        const e = normalizer.normalize(r, diagnostics);
        if (e) out.push(e);
      }
    }
    assert.equal(diagnostics.total, 0, JSON.stringify(diagnostics.list()));
    return out;
  }

  test("a hand-written rule on Image, CommandLine, ParentImage, User and IntegrityLevel", async () => {
    const [s, sec] = await events();
    assert.equal(s.logsource.service, "sysmon");
    assert.equal(sec.logsource.service, "security");
    const rule = rules(
      doc(
        "whoami from temp",
        "product: windows\ncategory: process_creation",
        [
          "sel:",
          "  Image|endswith: '\\whoami.exe'",
          "  CommandLine|contains|windash: ' -all'",
          "  ParentImage|contains: '\\AppData\\Local\\Temp\\'",
          "  User|endswith: '\\tanaka'",
          "  IntegrityLevel: High",
          "  ProcessId: 6700",
          "  ParentProcessId: 6120",
          "condition: sel",
        ].join("\n"),
      ),
    );
    const engine = new SigmaEngine(rule);
    assert.deepEqual(
      engine.match(s).map((m) => m.rule.title),
      ["whoami from temp"],
    );
    assert.deepEqual(
      engine.match(sec).map((m) => m.rule.title),
      ["whoami from temp"],
    );
  });

  test("SigmaHQ's whoami rules", async (t) => {
    const dir = corpusPath("sigma", "rules", "windows", "process_creation");
    if (!dir) return t.skip(corpusSkipReason("sigma/rules/windows/process_creation"));
    const loaded = await loadRules([
      join(dir, "proc_creation_win_whoami_all_execution.yml"),
      join(dir, "proc_creation_win_whoami_parent_anomaly.yml"),
    ]);
    assert.deepEqual(loaded.rejected, []);
    const engine = new SigmaEngine(loaded.rules);
    const [s, sec] = await events();
    const titles = (e: Event) => engine.match(e).map((m) => m.rule.title);
    assert.deepEqual(titles(s), titles(sec));
    assert.equal(titles(s).length, 2, titles(s).join(", "));
  });
});
