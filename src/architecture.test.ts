/**
 * The import direction of the data flow (read → normalize → detect → triage → present), enforced:
 * each top-level folder of src/ may import only the folders listed for it here. Test files and test
 * support may reach further (they build inputs from readers and writers).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { repoRoot } from "./testing/corpus.js";

/** folder → the folders it may import (besides itself) */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  diagnostics: [],
  // static security knowledge (file-name signs, extension and vendor lists) shared by detectors
  knowledge: [],
  events: ["diagnostics"],
  readers: ["diagnostics", "events"],
  writers: ["diagnostics", "events", "readers"], // readers: only the record types, for expectations
  normalize: ["diagnostics", "events", "readers"],
  sigma: ["diagnostics", "events"],
  findings: ["diagnostics", "events"],
  analytics: ["diagnostics", "events", "findings", "intel", "knowledge"],
  intel: ["diagnostics", "events", "readers", "findings"],
  "file-triage": ["diagnostics", "events", "findings", "intel", "knowledge"],
  // incidents: grouping, verdict, kill chain, response plan — over findings and the analytics' graph
  incidents: ["diagnostics", "events", "findings", "analytics", "intel", "knowledge"],
  // analyst decisions (over-detection / confirmed malware) and their audit log
  feedback: ["diagnostics", "events", "readers", "findings", "incidents"],
  // response plan and its exports (blocklists, firewall rules, STIX, MISP, TheHive)
  respond: ["diagnostics", "events", "findings", "incidents", "knowledge"],
  // the persistent store (DuckDB, ClickHouse) of events, findings, incidents and decisions
  store: ["diagnostics", "events", "findings", "incidents", "feedback", "respond"],
  // the team service: HTTP API, auth, ingest endpoints, continuous analysis, the UI's static assets
  server: [
    "diagnostics",
    "events",
    "readers",
    "normalize",
    "sigma",
    "findings",
    "analytics",
    "config",
    "pipeline",
    "outputs",
    "intel",
    "file-triage",
    "knowledge",
    "incidents",
    "respond",
    "feedback",
    "store",
  ],
  config: ["diagnostics", "analytics", "findings"], // the analytics section is validated against each module's options
  pipeline: [
    "diagnostics",
    "events",
    "readers",
    "normalize",
    "sigma",
    "findings",
    "analytics",
    "config",
    "intel",
    "file-triage",
    "knowledge",
    "incidents",
    "feedback",
    "respond",
    "store",
  ],
  outputs: [
    "diagnostics",
    "events",
    "readers",
    "sigma",
    "findings",
    "pipeline",
    "config",
    "intel",
    "file-triage",
    "knowledge",
    "incidents",
    "respond",
    "feedback",
  ],
  cli: [
    "diagnostics",
    "events",
    "readers",
    "normalize",
    "sigma",
    "findings",
    "analytics",
    "config",
    "pipeline",
    "outputs",
    "intel",
    "file-triage",
    "knowledge",
    "incidents",
    "testing",
    "respond",
    "feedback",
    "store",
    "server",
  ],
  index: [
    "diagnostics",
    "events",
    "readers",
    "normalize",
    "sigma",
    "findings",
    "analytics",
    "config",
    "pipeline",
    "outputs",
    "intel",
    "file-triage",
    "knowledge",
    "incidents",
    "respond",
    "feedback",
    "store",
  ],
  testing: [],
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith(".ts") && !name.includes(".test.")) out.push(p);
  }
  return out;
}

test("src/ folders import only down the data flow", () => {
  const src = join(repoRoot(), "src");
  const violations: string[] = [];
  let imports = 0;
  for (const file of sourceFiles(src)) {
    const from = relative(src, file).split("/")[0]!.replace(/\.ts$/, "");
    const allowed = ALLOWED[from];
    assert.ok(allowed, `src/${from} is not in the import table of architecture.test.ts: add it`);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      const to = relative(src, resolve(dirname(file), m[1]!))
        .split("/")[0]!
        .replace(/\.js$/, "");
      imports++;
      if (to !== from && !allowed.includes(to))
        violations.push(`${relative(src, file)} imports ${m[1]} (${from} → ${to})`);
    }
  }
  assert.deepEqual(violations, []);
  assert.ok(imports > 500, `only ${imports} imports seen: is the scan broken?`);
});
