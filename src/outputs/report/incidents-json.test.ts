import assert from "node:assert/strict";
import { test } from "node:test";
import { citedFindings, INCIDENTS_SCHEMA, renderIncidentsJson } from "./incidents-json.js";
import { reportFixture } from "./report-fixtures.js";

test("incidents.json: schema, time, incidents, plans and the cited findings (kept and suppressed)", () => {
  const input = reportFixture();
  const doc = JSON.parse(renderIncidentsJson(input));
  assert.equal(doc.schema, INCIDENTS_SCHEMA);
  assert.equal(doc.schema, "mikiwame.incidents/1");
  assert.equal(doc.generatedAt, "2024-05-15T01:00:00.000Z");
  assert.deepEqual(
    doc.incidents.map((i: { id: string }) => i.id),
    ["INC-3f9a1c0b7e", "INC-0b12cd34ef"],
  );
  assert.equal(doc.plans.length, 2);
  assert.ok(doc.findings.some((f: { id: string }) => f.id === "F-outlook-suppressed"));
  assert.equal(doc.findings.length, input.findings.length);
  assert.deepEqual(doc.incidents[0].verdict, JSON.parse(JSON.stringify(input.incidents[0]!.verdict)));
});

test("findings no incident cites are left out", () => {
  const input = reportFixture();
  const stray = { ...input.findings[0]!, id: "F-stray" };
  assert.deepEqual(
    citedFindings({ ...input, findings: [...input.findings, stray] }).map((f) => f.id),
    input.findings.map((f) => f.id),
  );
});

test("a 64-bit record id is written as its exact decimal string; terminal controls are escaped", () => {
  const input = reportFixture({ messageTail: "\u009b31m\u2028" });
  const big = 2n ** 63n - 1n;
  const file = {
    ...input.incidents[0]!.files[0]!,
    evidence: { file: "a.evtx", format: "evtx" as const, recordId: big },
  };
  const incident = { ...input.incidents[0]!, files: [file] };
  const text = renderIncidentsJson({ ...input, incidents: [incident] });
  assert.ok(text.includes('"recordId": "9223372036854775807"'));
  assert.ok(text.includes("\\u009b31m\\u2028"));
  assert.ok(!/[\u009b\u2028]/.test(text));
  assert.ok(text.endsWith("}\n"));
});
