/**
 * Golden test of `mikiwame analyze examples/ -o DIR`: the written reports and exports tell the story of
 * the bundled example incident — the document-named dropper in Temp as the root cause, the payload it
 * wrote and started, the beacon destination, the scan, the stages up to C&C (lateral movement attempted),
 * verdict malicious with reasons, and a plan that deletes both files and blocks the destination; the
 * Outlook over-detection contributes nothing to the blocklists.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { repoRoot } from "../../testing/corpus.js";
import { CliFixture } from "../cli-fixture.js";

const DROPPER = "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe";
const PAYLOAD = "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe";
const C2 = "203.0.113.45";

let cli: CliFixture;
let out: string;
let stderr: string;
before(async () => {
  cli = await CliFixture.create();
  out = join(cli.work, "report");
  const r = await cli.run([
    "analyze",
    "--no-default-rules",
    "--rules",
    join(repoRoot(), "rules", "mikiwame"),
    "--lang",
    "en",
    "-o",
    out,
    join(repoRoot(), "examples"),
  ]);
  assert.equal(r.code, 0, r.stderr);
  stderr = r.stderr;
});
after(async () => {
  await cli.dispose();
});

async function text(name: string): Promise<string> {
  return readFile(join(out, name), "utf8");
}

describe("mikiwame analyze examples/ -o DIR", { concurrency: true }, () => {
  it("says what it wrote", () => {
    assert.match(stderr, /wrote 16 files to /);
    for (const name of ["report.html", "incidents.json", "exports/stix-bundle.json"])
      assert.ok(stderr.includes(name), name);
  });

  it("incidents.json: the dropper is the root cause, the payload, the C&C, the stages, the plan", async () => {
    const doc = JSON.parse(await text("incidents.json")) as {
      schema: string;
      incidents: Incident[];
      plans: ResponsePlan[];
    };
    assert.equal(doc.schema, "mikiwame.incidents/1");
    const malicious = doc.incidents.filter((i) => i.verdict.verdict === "malicious");
    assert.equal(malicious.length, 1);
    const inc = malicious[0]!;
    const root = inc.processes.find((p) => p.key === inc.rootCause);
    assert.equal(root?.image, DROPPER);
    assert.equal(root?.role, "root-cause");
    assert.deepEqual(inc.files.map((f) => [f.role, f.path, /^[0-9a-f]{64}$/.test(f.sha256 ?? "")]).sort(), [
      ["dropper", DROPPER, true],
      ["payload", PAYLOAD, true],
    ]);
    const c2 = inc.destinations.find((d) => d.role === "c2");
    assert.equal(c2?.address, C2);
    assert.equal(c2?.active, true);
    assert.ok(inc.destinations.some((d) => d.role === "scanned"));
    assert.deepEqual(
      inc.stages.map((s) => `${s.stage}:${s.status}`),
      [
        "reconnaissance:reached",
        "delivery:reached",
        "exploitation:reached",
        "installation:reached",
        "command_and_control:reached",
        "lateral_movement:attempted",
      ],
    );
    assert.equal(inc.furthestStage, "command_and_control");
    assert.equal(inc.state, "active");
    assert.ok(new Set(inc.verdict.reasons.map((r) => r.viewpoint)).size >= 3);

    const plan = doc.plans.find((p) => p.incidentId === inc.id);
    assert.ok(plan);
    const deleted = plan.actions.filter((a) => a.kind === "delete-file");
    assert.deepEqual(deleted.map((a) => a.target).sort(), [DROPPER, PAYLOAD]);
    assert.ok(deleted.every((a) => /^[0-9a-f]{64}$/.test(a.details.sha256 ?? "")));
    assert.ok(plan.actions.some((a) => a.kind === "block-destination" && a.target === C2));
    assert.ok(plan.actions.some((a) => a.kind === "isolate-host" && a.target === "WS-SALES-07"));
    // the over-detection gets no destructive action
    const benign = doc.incidents.find((i) => i.verdict.verdict === "benign");
    const benignPlan = doc.plans.find((p) => p.incidentId === benign?.id);
    assert.ok(benignPlan);
    assert.ok(
      benignPlan.actions.every((a) => !["delete-file", "block-destination", "isolate-host"].includes(a.kind)),
    );
  });

  it("the exports block the C&C and not the over-detection's cloud address", async () => {
    const blocklist = await text("exports/blocklist.txt");
    assert.ok(blocklist.split("\n").includes(C2));
    assert.ok(!blocklist.includes("52.97.146.162"));
    const stix = JSON.parse(await text("exports/stix-bundle.json")) as {
      type: string;
      objects: { type: string; pattern?: string; kill_chain_phases?: { kill_chain_name: string }[] }[];
    };
    assert.equal(stix.type, "bundle");
    const indicator = stix.objects.find((o) => o.type === "indicator" && o.pattern?.includes(C2));
    assert.ok(indicator);
    assert.ok(
      indicator.kill_chain_phases?.every((p) => p.kill_chain_name === "lockheed-martin-cyber-kill-chain"),
    );
    assert.match(await text("exports/windows-firewall.ps1"), /New-NetFirewallRule[^\n]*203\.0\.113\.45/);
  });

  it("the HTML report tells the story and fetches nothing", async () => {
    const html = await text("report.html");
    for (const part of ["invoice.pdf.exe", "svcupd.exe", C2, "WS-SALES-07"])
      assert.ok(html.includes(part), part);
    assert.doesNotMatch(html, /\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /url\(\s*["']?(?:https?:)?\/\//i);
    const md = await text("report.md");
    assert.ok(md.includes("invoice.pdf.exe") && md.includes(C2));
    const ja = await text("summary.ja.md");
    assert.ok(ja.includes("悪性") || ja.includes("WS-SALES-07"));
  });
});
