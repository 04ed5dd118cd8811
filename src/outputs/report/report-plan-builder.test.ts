/**
 * The reports on the plan builder's own fixtures: the three example incidents of src/respond (malicious,
 * suspicious with credentials at risk, benign) with the plans buildResponsePlans makes of them. Checks the
 * renderers accept what the real producers emit, not only this folder's fixture.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildResponsePlans } from "../../respond/build-plan.js";
import { EXAMPLE_INCIDENTS } from "../../respond/incident-fixtures.js";
import { renderIncidentsJson } from "./incidents-json.js";
import { managementSummary } from "./management-summary.js";
import { reportFixture } from "./report-fixtures.js";
import { renderReportHtml } from "./report-html.js";
import type { ReportInput } from "./report-input.js";
import { renderReportMarkdown } from "./report-markdown.js";

function input(lang: "en" | "ja"): ReportInput {
  return {
    ...reportFixture(),
    incidents: EXAMPLE_INCIDENTS,
    plans: buildResponsePlans(EXAMPLE_INCIDENTS),
    findings: [],
    lang,
  };
}

test("HTML and Markdown render every example incident with its generated plan", () => {
  for (const lang of ["en", "ja"] as const) {
    const doc = renderReportHtml(input(lang));
    assert.equal(doc.match(/<article class="incident"/g)?.length, EXAMPLE_INCIDENTS.length);
    assert.equal(doc.match(/<script/gi), null);
    for (const i of EXAMPLE_INCIDENTS) assert.ok(doc.includes(`id="inc-${i.id}"`), i.id);
    const md = renderReportMarkdown(input(lang));
    assert.equal(md.split("\n").filter((l) => /^## .*\(`INC-/.test(l)).length, EXAMPLE_INCIDENTS.length);
  }
});

test("the summary lists the urgent actions and the account whose credentials are at risk", () => {
  const s = managementSummary(input("en"), "en");
  assert.ok(s.actions.length > 0);
  assert.ok(s.actions.every((a) => a.priority <= 2));
  const atRisk = EXAMPLE_INCIDENTS.flatMap((i) =>
    i.users.filter((u) => u.credentialsAtRisk).map((u) => u.name),
  );
  if (atRisk.length > 0)
    assert.ok(s.impact.some((l) => l.startsWith("Passwords of these accounts may be stolen")));
  const doc = JSON.parse(renderIncidentsJson(input("en")));
  assert.equal(doc.plans.length, EXAMPLE_INCIDENTS.length);
});
