import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Event } from "../events/event.js";
import { testCompiled, testEvent, testRule } from "../outputs/hunt-fixtures.js";
import {
  findRegressionCases,
  parseRegressionInfo,
  type RegressionCase,
  regressionTotalsLine,
  resolveSamplePath,
  rulesById,
  runRegressionCase,
  type SampleReader,
} from "./regression-runner.js";

const ID = "7dbbcac2-57a0-45ac-b306-ff30a8bd2981";
const info = (path: string, count?: string) =>
  [
    `id: 0000`,
    `rule_metadata:`,
    `    - id: ${ID}`,
    `      title: Reg Tamper`,
    `regression_tests_info:`,
    `    - name: Positive Detection Test`,
    `      type: evtx`,
    `      path: ${path}`,
    ...(count === undefined ? [] : [`      match_count: ${count}`]),
    "",
  ].join("\n");

let root: string;
let ruleDir: string;
before(async () => {
  // <root>/regression_data/rules/windows/x/{info.yml, sample.evtx}; <root>/regression_data/other/{info.yml, moved.evtx}
  root = await mkdtemp(join(tmpdir(), "mikiwame-regression-"));
  ruleDir = join(root, "regression_data", "rules", "windows", "x");
  await mkdir(ruleDir, { recursive: true });
  await writeFile(join(ruleDir, "sample.evtx"), "x");
  await writeFile(join(ruleDir, "info.yml"), info("regression_data/rules/windows/x/sample.evtx", "2"));
  await mkdir(join(root, "regression_data", "other"), { recursive: true });
  await writeFile(join(root, "regression_data", "other", "moved.evtx"), "x");
  await writeFile(join(root, "regression_data", "other", "info.yml"), info("somewhere/else/moved.evtx"));
  await mkdir(join(root, "regression_data", "broken"), { recursive: true });
  await writeFile(join(root, "regression_data", "broken", "info.yml"), "rule_metadata: [\n");
});
after(() => rm(root, { recursive: true, force: true }));

describe("resolveSamplePath", () => {
  it("resolves against the data's repository root (an ancestor of the info.yml)", () => {
    assert.equal(
      resolveSamplePath(join(ruleDir, "info.yml"), "regression_data/rules/windows/x/sample.evtx"),
      join(ruleDir, "sample.evtx"),
    );
  });
  it("falls back to the file of that name beside the info.yml", () => {
    const other = join(root, "regression_data", "other");
    assert.equal(resolveSamplePath(join(other, "info.yml"), "a\\b\\moved.evtx"), join(other, "moved.evtx"));
  });
  it("is undefined when the sample is nowhere", () => {
    assert.equal(resolveSamplePath(join(ruleDir, "info.yml"), "nothere.evtx"), undefined);
  });
});

describe("parseRegressionInfo", () => {
  it("reads rule id, title, test name, type, path and match_count", () => {
    const file = join(ruleDir, "info.yml");
    const { cases, problems } = parseRegressionInfo(
      info("regression_data/rules/windows/x/sample.evtx", "2"),
      file,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(cases, [
      {
        info: file,
        line: 6,
        name: "Positive Detection Test",
        ruleId: ID,
        ruleTitle: "Reg Tamper",
        type: "evtx",
        path: "regression_data/rules/windows/x/sample.evtx",
        sample: join(ruleDir, "sample.evtx"),
        expectedMatches: 2,
      },
    ]);
  });

  const bad: readonly [string, string, number, RegExp][] = [
    ["not YAML", "a: [\n", 1, /not valid YAML/],
    ["not a mapping", "- 1\n", 1, /expected a mapping/],
    [
      "no rule id",
      "rule_metadata:\n  - title: x\nregression_tests_info:\n  - path: a\n",
      1,
      /no rule_metadata entry with an id/,
    ],
    [
      "no tests (a warning)",
      "rule_metadata:\n  - id: x\n",
      1,
      /no regression_tests_info entry: nothing to test/,
    ],
    [
      "a test without path",
      "rule_metadata:\n  - id: x\nregression_tests_info:\n  - name: t\n",
      4,
      /without a path/,
    ],
    [
      "a bad match_count",
      "rule_metadata:\n  - id: x\nregression_tests_info:\n  - path: a\n    match_count: many\n",
      4,
      /match_count "many" is not a whole number/,
    ],
  ];
  for (const [name, text, line, reason] of bad) {
    it(`${name}: a located problem`, () => {
      const { cases, problems } = parseRegressionInfo(text, "t/info.yml");
      assert.deepEqual(cases, []);
      assert.equal(problems.length, 1);
      assert.deepEqual(problems[0].location, { file: "t/info.yml", line });
      assert.match(problems[0].reason, reason);
      assert.equal(problems[0].severity, name.endsWith("(a warning)") ? "warning" : "error");
    });
  }
});

describe("findRegressionCases", () => {
  it("walks the folder in sorted order and reports unusable files", async () => {
    const { cases, problems, files } = await findRegressionCases(join(root, "regression_data"));
    assert.equal(files, 3);
    assert.deepEqual(
      cases.map((c) => [c.sample?.slice(root.length), c.expectedMatches]),
      [
        [join("/regression_data", "other", "moved.evtx"), undefined],
        [join("/regression_data", "rules", "windows", "x", "sample.evtx"), 2],
      ],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].location.file, join(root, "regression_data", "broken", "info.yml"));
    assert.match(problems[0].reason, /not valid YAML/);
  });
});

describe("runRegressionCase", () => {
  const rule = testRule({ id: ID.toUpperCase(), title: "Reg Tamper" });
  const byId = rulesById([testCompiled(rule, (e) => e.fields.Hit === true)]);
  const events = (hits: boolean[]): Event[] => hits.map((h) => testEvent({ fields: { Hit: h } }));
  const reader =
    (batches: Event[][], errors = 0): SampleReader =>
    async (_sample, onEvents) => {
      for (const b of batches) onEvents(b);
      return { errors };
    };
  const c = (over: Partial<RegressionCase> = {}): RegressionCase => ({
    info: "i/info.yml",
    line: 6,
    name: "t",
    ruleId: ID,
    ruleTitle: undefined,
    type: "evtx",
    path: "s.evtx",
    sample: "/abs/s.evtx",
    expectedMatches: undefined,
    ...over,
  });

  const rows: readonly [string, RegressionCase, SampleReader, string, RegExp | undefined][] = [
    ["at least one match", c(), reader([events([false, true])]), "passed", undefined],
    ["none matched", c(), reader([events([false])]), "failed", /expected at least one match, got none of 1/],
    [
      "exact count",
      c({ expectedMatches: 2 }),
      reader([events([true]), events([true, false])]),
      "passed",
      undefined,
    ],
    [
      "wrong count",
      c({ expectedMatches: 1 }),
      reader([events([true, true])]),
      "failed",
      /expected 1 match\(es\), got 2 of 2/,
    ],
    [
      "no events",
      c(),
      reader([], 3),
      "failed",
      /no event could be read from \/abs\/s\.evtx \(3 read errors\)/,
    ],
    ["sample missing", c({ sample: undefined }), reader([]), "failed", /sample s\.evtx not found/],
    [
      "rule not loaded",
      c({ ruleId: "other" }),
      reader([]),
      "failed",
      /rule other is not among the loaded rules/,
    ],
  ];
  for (const [name, kase, read, status, reason] of rows) {
    it(name, async () => {
      const r = await runRegressionCase(kase, byId, [], read);
      assert.equal(r.status, status);
      if (reason) assert.match(r.reason ?? "", reason);
      else assert.equal(r.reason, undefined);
    });
  }

  it("with anyCount, any number of matches passes and none still fails", async () => {
    const wrong = await runRegressionCase(
      c({ expectedMatches: 1 }),
      byId,
      [],
      reader([events([true, true])]),
      {
        anyCount: true,
      },
    );
    assert.equal(wrong.status, "passed");
    const none = await runRegressionCase(c({ expectedMatches: 0 }), byId, [], reader([events([false])]), {
      anyCount: true,
    });
    assert.equal(none.status, "failed");
  });

  it("gives a rejected rule's location and reason", async () => {
    const r = await runRegressionCase(
      c({ ruleId: "bad" }),
      byId,
      [{ source: { file: "r/bad.yml", line: 3 }, id: "bad", reason: "line 9: unknown modifier 'foo'" }],
      reader([]),
    );
    assert.equal(r.reason, "rule bad was rejected (r/bad.yml:3: line 9: unknown modifier 'foo')");
  });

  it("ends with `N passed, N failed`", async () => {
    const passed = await runRegressionCase(c(), byId, [], reader([events([true])]));
    const failed = await runRegressionCase(c({ sample: undefined }), byId, [], reader([]));
    assert.equal(regressionTotalsLine([passed, failed, passed]), "2 passed, 1 failed");
  });
});
