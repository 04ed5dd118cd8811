/** The incident queue over the example incidents: summary fields, filters, sorts, paging. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXAMPLE_INCIDENTS, EXAMPLE_MALICIOUS_INCIDENT } from "../../respond/incident-fixtures.js";
import type { IncidentSort } from "../api-contract.js";
import { type IncidentListQuery, incidentPage, incidentSummary } from "./incident-summary.js";

const summaries = EXAMPLE_INCIDENTS.map(incidentSummary);
const q = (over: Partial<IncidentListQuery>): IncidentListQuery => ({
  sort: "verdict",
  order: "desc",
  limit: 50,
  offset: 0,
  ...over,
});
const ids = (query: Partial<IncidentListQuery>) =>
  incidentPage(summaries, q(query)).items.map((s) => s.verdict);

describe("incident summaries", () => {
  it("summarises an incident for the queue", () => {
    const s = incidentSummary(EXAMPLE_MALICIOUS_INCIDENT);
    assert.equal(s.id, EXAMPLE_MALICIOUS_INCIDENT.id);
    assert.equal(s.verdict, "malicious");
    assert.equal(s.state, "active");
    assert.equal(s.furthestStage, "command_and_control");
    assert.equal(s.attemptedStage, "lateral_movement");
    assert.deepEqual(s.hosts, ["WS-SALES-07"]);
    assert.match(s.rootCauseImage ?? "", /invoice\.pdf\.exe$/);
    assert.equal(s.findings, EXAMPLE_MALICIOUS_INCIDENT.findings.length);
    assert.equal(s.first, EXAMPLE_MALICIOUS_INCIDENT.first?.iso);
  });

  it("filters by verdict, state, host (any case) and text", () => {
    assert.deepEqual(ids({ verdict: "benign" }), ["benign"]);
    assert.deepEqual(ids({ state: "inactive" }).includes("malicious"), false);
    assert.deepEqual(ids({ host: "ws-sales-07" }).sort(), ["benign", "malicious"]);
    assert.deepEqual(ids({ q: "INVOICE" }), ["malicious"]);
    assert.deepEqual(ids({ q: "no such thing" }), []);
  });

  it("sorts both ways on every key (ties by id) and pages", () => {
    assert.deepEqual(ids({}), ["malicious", "suspicious", "benign"]);
    assert.deepEqual(ids({ order: "asc" }), ["benign", "suspicious", "malicious"]);
    for (const sort of ["verdict", "confidence", "last", "first", "hosts", "stage"] as IncidentSort[]) {
      const down = incidentPage(summaries, q({ sort })).items.map((s) => s.id);
      assert.equal(down.length, 3, sort);
    }
    const page = incidentPage(summaries, q({ limit: 1, offset: 1 }));
    assert.deepEqual([page.total, page.items.length, page.items[0].verdict], [3, 1, "suspicious"]);
  });
});
