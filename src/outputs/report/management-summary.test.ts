import assert from "node:assert/strict";
import { test } from "node:test";
import { managementSummary, renderManagementSummaryMarkdown } from "./management-summary.js";
import { reportFixture } from "./report-fixtures.js";

test("en: what happened, impact, priority-1/2 actions, over-detections, glossary", () => {
  const s = managementSummary(reportFixture(), "en");
  assert.equal(s.happened.length, 1);
  assert.match(
    s.happened[0]!,
    /^malicious: the program svcupd\.exe, started from invoice\.pdf\.exe .* on WS-SALES-07/,
  );
  assert.match(s.happened[0]!, /Command & control \(the attacker can control the computer remotely\)/);
  assert.match(s.happened[0]!, /still active/);
  assert.ok(s.impact.includes("Computers affected: 1 (WS-SALES-07)."));
  assert.ok(s.impact.includes("Accounts involved: CORP\\tanaka."));
  assert.ok(s.impact.includes("No sign of data leaving the company was found."));
  assert.ok(s.impact.some((l) => l.startsWith("Still active: svcupd.exe still running")));
  // priority 1 then 2; the priority-3 interview is left to the full report
  assert.deepEqual(
    s.actions.map((a) => a.priority),
    [1, 1, 1, 2, 2, 2, 2, 2],
  );
  assert.ok(s.actions.some((a) => a.text === "Delete the dropper invoice.pdf.exe too"));
  assert.ok(!s.actions.some((a) => a.text.startsWith("Interview")));
  assert.equal(
    s.overDetections,
    "Legitimate software flagged by mistake (over-detections, 1): OUTLOOK.EXE on 2 hosts.",
  );
  assert.match(s.gloss, /C&C \(command and control\)/);
});

test("ja: the same facts in Japanese, independent of input.lang", () => {
  const s = managementSummary({ ...reportFixture(), lang: "en" }, "ja");
  assert.match(s.happened[0]!, /^悪性: WS-SALES-07 で プログラム svcupd\.exe/);
  assert.match(s.happened[0]!, /遠隔操作（攻撃者が端末を遠隔操作できる状態）/);
  assert.ok(s.impact.includes("影響を受けた端末: 1 台（WS-SALES-07）。"));
  assert.equal(s.overDetections, "誤って検知された正規ソフトウェア（過検知 1 件）: OUTLOOK.EXE（2 台）。");
  assert.equal(s.actions[0]!.text, "WS-SALES-07 をネットワークから隔離する");
});

test("nothing found: one plain sentence with the data period, no impact", () => {
  const input = { ...reportFixture(), incidents: [], plans: [] };
  const en = managementSummary(input, "en");
  assert.deepEqual(en.happened, [
    "No malicious or suspicious activity was found in the data (2024-05-14 00:00:02.000Z – 2024-05-14 17:59:58.000Z).",
  ]);
  assert.deepEqual(en.impact, []);
  assert.deepEqual(en.actions, []);
  assert.equal(en.overDetections, "No over-detection.");
});

test("credentials and exfiltration are named when the incident shows them", () => {
  const base = reportFixture();
  const malicious = base.incidents[0]!;
  const incident = {
    ...malicious,
    users: malicious.users.map((u) => ({ ...u, credentialsAtRisk: true })),
    destinations: [
      ...malicious.destinations,
      {
        ...malicious.destinations[0]!,
        role: "exfiltration" as const,
        address: "198.51.100.9",
        bytes: 52_428_800,
      },
    ],
  };
  const s = managementSummary({ ...base, incidents: [incident] }, "en");
  assert.ok(s.impact.includes("Passwords of these accounts may be stolen: CORP\\tanaka."));
  assert.ok(s.impact.includes("Data may have left the company: 198.51.100.9 (52,428,800 bytes)."));
});

test("Markdown pages: headings in order, numbered actions, escaped values", () => {
  const en = renderManagementSummaryMarkdown(reportFixture({ host: "WS|<b>" }), "en");
  const headings = en.split("\n").filter((l) => l.startsWith("#"));
  assert.deepEqual(headings, [
    "# Summary for management — mikiwame",
    "## What happened",
    "## Impact",
    "## What needs doing",
    "## Over-detections",
  ]);
  assert.ok(en.includes("1. **priority 1** — Isolate WS\\|\\<b\\> from the network"));
  assert.ok(!en.includes("<b>"));
  const ja = renderManagementSummaryMarkdown(reportFixture(), "ja");
  assert.ok(ja.startsWith("# 管理者向け要約 — mikiwame"));
  assert.ok(ja.includes("## 必要な対応"));
});
