/**
 * Continuous analysis over real HTTP: the example logs uploaded → within a bounded wait the queue shows
 * the malicious WS-SALES-07 incident; its page (plan, findings, notes), exports and report; an analyst's
 * over-detection verdict → re-analysis → the Outlook incident is benign and decided by it; revoking it
 * undoes that; hosts, events, findings; the OpenAPI document; the queue survives a restart.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ApiDecision, IncidentDetail, IncidentSummary, Page } from "./api-contract.js";
import { builtInRules, EXAMPLE_FILES, eventually, TestServer } from "./test-server.test.support.js";

const FAST = { analysis: true, analysisDebounceMs: 400, analysisMaxWaitMs: 5000 } as const;
let t: TestServer;
let malicious: IncidentSummary;

before(async () => {
  t = await TestServer.start({ ...FAST, rules: await builtInRules() });
  for (const file of EXAMPLE_FILES) assert.equal((await t.upload(file)).status, 200, file);
  // every upload's events analysed: the run after the last commit is over
  await t.server.analysisIdle();
  malicious = await eventually("the malicious incident", 30_000, async () => {
    const page = (
      await t.request("GET", "/api/incidents?verdict=malicious", { token: t.tokens.viewer })
    ).json<Page<IncidentSummary>>();
    return page.items.find((i) => i.hosts.includes("WS-SALES-07"));
  });
});
after(async () => {
  await t.stop();
});

const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";

async function incidents(query = ""): Promise<Page<IncidentSummary>> {
  return (await t.request("GET", `/api/incidents${query}`, { token: t.tokens.viewer })).json<
    Page<IncidentSummary>
  >();
}

describe("continuous analysis", () => {
  it("shows the dropper incident on WS-SALES-07 with its stage, state and root cause", () => {
    assert.match(malicious.rootCauseImage ?? "", /invoice\.pdf\.exe$/);
    assert.equal(malicious.state, "active");
    assert.equal(malicious.furthestStage, "command_and_control");
    assert.ok(malicious.findings > 0);
  });

  it("gives the incident page: incident, plan, findings, notes (and adds a note)", async () => {
    const path = `/api/incidents/${malicious.id}`;
    const note = await t.request("POST", `${path}/notes`, {
      token: t.tokens.analyst,
      body: { text: "called tanaka" },
    });
    assert.equal(note.status, 201, note.text);
    const d = (await t.request("GET", path, { token: t.tokens.viewer })).json<IncidentDetail>();
    assert.equal(d.incident.id, malicious.id);
    assert.ok(
      d.plan.actions.some((a) => a.kind === "block-destination" && a.target.includes("203.0.113.45")),
    );
    assert.ok(d.findings.length > 0 && d.findings.every((f) => typeof f.message.en === "string"));
    assert.deepEqual(
      d.notes.map((n) => [n.text, n.author]),
      [["called tanaka", "analyst test"]],
    );
    assert.equal(
      (await t.request("GET", "/api/incidents/INC-ffffffffff", { token: t.tokens.viewer })).status,
      404,
    );
  });

  it("serves the exports and reports with safe download names", async () => {
    const base = `/api/incidents/${malicious.id}`;
    const block = await t.request("GET", `${base}/exports/blocklist.txt`, { token: t.tokens.viewer });
    assert.equal(block.status, 200);
    assert.match(block.text, /^203\.0\.113\.45$/m);
    assert.equal(
      block.headers.get("content-disposition"),
      `attachment; filename="mikiwame-${malicious.id}-blocklist.txt"`,
    );
    const stix = await t.request("GET", `${base}/exports/stix-bundle.json`, { token: t.tokens.viewer });
    assert.equal(stix.json<{ type: string }>().type, "bundle");
    assert.equal(
      (await t.request("GET", `${base}/exports/evil.exe`, { token: t.tokens.viewer })).status,
      400,
    );
    const report = await t.request("GET", `${base}/report.html?lang=ja`, { token: t.tokens.viewer });
    assert.match(report.text, /^<!doctype html>/i);
    assert.match(report.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    const all = await t.request("GET", "/api/report.html", { token: t.tokens.viewer });
    assert.equal(all.headers.get("content-disposition"), 'attachment; filename="mikiwame-report.html"');
  });

  it("lists hosts, searches events and lists an incident's findings", async () => {
    const hosts = (await t.request("GET", "/api/hosts", { token: t.tokens.viewer })).json<
      Page<{ host: string; verdict?: string; active: boolean; events: number }>
    >();
    const h7 = hosts.items.find((h) => h.host === "WS-SALES-07");
    assert.deepEqual([h7?.verdict, h7?.active, h7?.events], ["malicious", true, 473]);
    const events = (
      await t.request("GET", "/api/events?q=svcupd&host=WS-SALES-07&limit=5", { token: t.tokens.viewer })
    ).json<Page<{ id: string; host: string }>>();
    assert.ok(events.total > 0);
    assert.ok(events.items.every((e) => /^[0-9a-f]{32}$/.test(e.id) && e.host === "WS-SALES-07"));
    const findings = (
      await t.request("GET", `/api/findings?incident=${malicious.id}&limit=500`, { token: t.tokens.viewer })
    ).json<Page<{ id: string }>>();
    assert.equal(findings.total, malicious.findings + malicious.suppressed);
  });

  it("applies an over-detection verdict after re-analysis, and undoes it on revoke", async () => {
    const benignBefore = (await incidents("?q=OUTLOOK")).items;
    assert.ok(benignBefore.length > 0, "an Outlook incident exists");
    const posted = await t.request("POST", "/api/verdicts", {
      token: t.tokens.analyst,
      body: {
        verdict: "benign",
        reason: "Outlook polls Exchange Online",
        scope: { hosts: { kind: "all" }, match: { kind: "path", path: OUTLOOK } },
        incidentId: benignBefore[0].id,
      },
    });
    assert.equal(posted.status, 201, posted.text);
    const decision = posted.json<ApiDecision>();
    const decided = await eventually("the decided incident", 20_000, async () =>
      (await incidents("?q=OUTLOOK")).items.find((i) => i.decidedBy === decision.id),
    );
    assert.equal(decided.verdict, "benign");
    assert.ok(decided.suppressed > 0);
    const listed = (await t.request("GET", "/api/decisions", { token: t.tokens.viewer })).json<
      Page<ApiDecision>
    >();
    assert.equal(listed.items[0].incidentId, benignBefore[0].id);

    const revoke = await t.request("POST", `/api/decisions/${decision.id}/revoke`, {
      token: t.tokens.analyst,
      body: { reason: "mistake" },
    });
    assert.equal(revoke.status, 200, revoke.text);
    assert.equal(revoke.json<ApiDecision>().revoked?.reason, "mistake");
    await eventually("the decision to be gone", 20_000, async () =>
      (await incidents("?q=OUTLOOK")).items.every((i) => i.decidedBy === undefined) ? true : undefined,
    );
    const again = await t.request("POST", `/api/decisions/${decision.id}/revoke`, {
      token: t.tokens.analyst,
      body: { reason: "x" },
    });
    assert.equal(again.status, 409);
  });

  it("sorts and pages the queue", async () => {
    const all = await incidents("?sort=verdict&order=desc&limit=500");
    assert.equal(all.items[0].verdict, "malicious");
    const page = await incidents("?limit=1&offset=1&sort=confidence&order=asc");
    assert.equal(page.items.length, 1);
    assert.equal(page.total, all.total);
    assert.equal(
      (await t.request("GET", "/api/incidents?limit=501", { token: t.tokens.viewer })).status,
      400,
    );
  });

  it("describes every API route in the OpenAPI document", async () => {
    const doc = (await t.request("GET", "/api/openapi.json", { token: t.tokens.viewer })).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    assert.match(doc.openapi, /^3\./);
    const have = new Set(
      Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const want = [
      "GET /api/health",
      "GET /api/whoami",
      "GET /api/metrics",
      "GET /api/openapi.json",
      "GET /api/incidents",
      "GET /api/incidents/{id}",
      "POST /api/incidents/{id}/notes",
      "GET /api/findings",
      "GET /api/events",
      "GET /api/hosts",
      "POST /api/verdicts",
      "GET /api/decisions",
      "POST /api/decisions/{id}/revoke",
      "GET /api/allowlist",
      "POST /api/allowlist",
      "GET /api/intel",
      "GET /api/incidents/{id}/exports/{format}",
      "GET /api/incidents/{id}/report.html",
      "GET /api/report.html",
      "GET /api/ingest/status",
      "GET /api/audit",
      "GET /api/tokens",
      "POST /api/tokens",
      "DELETE /api/tokens/{id}",
      "POST /api/ingest",
      "POST /api/_bulk",
      "POST /{index}/_bulk",
      "POST /api/upload",
    ];
    for (const w of want) assert.ok(have.has(w), `${w} is missing from the OpenAPI document`);
  });

  it("keeps the queue across a restart (restored before any new analysis)", async () => {
    const before = await incidents();
    await t.restart({ analysis: false });
    const after = await incidents();
    assert.deepEqual(
      after.items.map((i) => [i.id, i.verdict]),
      before.items.map((i) => [i.id, i.verdict]),
    );
    const health = (await t.request("GET", "/api/health")).json<{ incidents: number; analyzedAt?: string }>();
    assert.equal(health.incidents, before.total);
    assert.ok(health.analyzedAt);
  });
});
