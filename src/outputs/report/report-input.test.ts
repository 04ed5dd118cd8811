import assert from "node:assert/strict";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { SummaryBuilder } from "../../pipeline/analyze-summary.js";
import { reportFixture } from "./report-fixtures.js";
import { renderReportHtml } from "./report-html.js";
import type { ReportRunSummary } from "./report-input.js";
import { renderReportMarkdown } from "./report-markdown.js";

test("an AnalyzeSummary (plus the rule counts) is a ReportRunSummary as it is", () => {
  const diagnostics = new Diagnostics();
  diagnostics.warn("E_JSON_SYNTAX", "bad line", { file: "a.jsonl", line: 3 });
  const analyzed = new SummaryBuilder().build(diagnostics);
  const summary: ReportRunSummary = { ...analyzed, rules: undefined };
  const input = { ...reportFixture(), summary };
  const html = renderReportHtml(input);
  assert.ok(html.includes("<dd>0 errors, 1 warnings</dd>"));
  assert.ok(html.includes("<dd>no Sigma rules run</dd>"));
  assert.ok(html.includes("<dt>Period of the data</dt><dd>unknown</dd>"));
  assert.ok(renderReportMarkdown(input).includes("- **Period of the data:** unknown"));
});
