import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as api from "./index.js";

describe("public API (src/index.ts)", () => {
  it("exports the library entry points, each of the expected kind", () => {
    const functions = [
      "analyze",
      "readPaths",
      "walkPaths",
      "readerFor",
      "detectFormat",
      "createNormalizer",
      "loadFieldMapping",
      "loadConfig",
      "parseConfig",
      "resolveDataDir",
      "configFilePath",
      "formatDiagnostic",
      "formatLocation",
      "toMikiwameError",
      "fieldToString",
      "jsonReplacer",
      "provenanceLocation",
      "Diagnostics",
      "MikiwameError",
      // detection, findings, analytics
      "analyzeLogs",
      "groupFindings",
      "hunt",
      "loadRules",
      "parseRuleText",
      "selectRules",
      "SigmaEngine",
      "DetectionStage",
      "ruleStage",
      "stageIndex",
      "severityRank",
      "ProcessAnalyzer",
      "createProcessAnalyzer",
      "createHistoryAnalyzer",
      "createNetworkAnalyzers",
      "createLocationAnalyzer",
      "loadLocationLookup",
      "TimeAnalyzer",
      "HostAddresses",
    ];
    const exported: Readonly<Record<string, unknown>> = { ...api };
    for (const name of functions) assert.equal(typeof exported[name], "function", name);
    for (const reader of [api.evtxReader, api.ndjsonReader, api.zeekReader]) {
      assert.equal(typeof reader.read, "function");
    }
    assert.deepEqual(
      api.SOURCE_FORMATS.map((f) => api.READERS[f].format),
      ["evtx", "json", "zeek"],
    );
    assert.equal(api.VIEWPOINTS.length, 11);
    assert.equal(api.KILL_CHAIN_STAGES.length, 8);
    assert.deepEqual(api.FINDING_SEVERITIES, ["info", "low", "medium", "high", "critical"]);
  });

  it("runs rules and analytics through the public surface", async () => {
    const diagnostics = new api.Diagnostics();
    const rules = api.parseRuleText(
      "title: Any Sysmon 1\nlogsource:\n  category: process_creation\ndetection:\n  s:\n    EventID: 1\n  condition: s\n",
      "mem.yml",
    );
    const result = await api.analyzeLogs(["/nonexistent/mikiwame-index-test"], {
      diagnostics,
      rules,
      location: false,
    });
    assert.equal(result.summary.files.total, 0);
    assert.deepEqual(result.findings, []);
    assert.equal(result.rules?.loaded, 1);
    assert.deepEqual(result.skipped, {
      location: "disabled",
      reputation: "not checked: no indicator list given (--indicators)",
    });
  });

  it("runs the pipeline end to end through the public surface", async () => {
    const diagnostics = new api.Diagnostics();
    const summary = await api.analyze(["/nonexistent/mikiwame-index-test"], { diagnostics });
    assert.equal(summary.files.total, 0);
    assert.deepEqual(
      diagnostics.list().map((d) => [d.code, d.location.file]),
      [
        ["E_IO", "/nonexistent/mikiwame-index-test"],
        ["E_IO", undefined],
      ],
    );
  });
});
