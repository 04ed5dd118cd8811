import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { testRule } from "../outputs/hunt-fixtures.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import { hunt, type RuleMatcher } from "./hunt.js";

const line = (v: object) => `${JSON.stringify(v)}\n`;
const base = {
  Hostname: "WS1",
  Channel: "Microsoft-Windows-Sysmon/Operational",
  SourceName: "Microsoft-Windows-Sysmon",
  EventID: 1,
  "@timestamp": "2020-05-02T03:40:19.123Z",
};

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-hunt-"));
  await writeFile(
    join(dir, "a.json"),
    line({ ...base, CommandLine: "whoami" }) + line({ ...base, CommandLine: "calc" }) + "{broken\n",
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const whoami = testRule({ id: "w", title: "whoami" });
/** A stand-in engine: one rule matching command lines that contain "whoami"; throws on "calc". */
const matcher: RuleMatcher = {
  match(event: Event): RuleMatch[] {
    if (event.fields.CommandLine === "calc") throw new Error("engine bug");
    return String(event.fields.CommandLine).includes("whoami") ? [{ rule: whoami, event }] : [];
  },
};

describe("hunt", () => {
  it("streams the matches, counts events, and reports an engine failure with the event's location", async () => {
    const diagnostics = new Diagnostics();
    const seen: RuleMatch[] = [];
    const result = await hunt([join(dir, "a.json")], matcher, {
      diagnostics,
      onMatches: (ms) => {
        seen.push(...ms);
      },
    });
    assert.equal(result.events, 2);
    assert.equal(result.matches, 1);
    assert.equal(result.summary.records, 2);
    assert.deepEqual(
      seen.map((m) => [m.rule.id, m.event.fields.CommandLine, m.event.provenance.line]),
      [["w", "whoami", 1]],
    );
    const problems = diagnostics.list().map((d) => [d.code, d.location.file, d.location.line, d.message]);
    assert.deepEqual(
      problems.find((p) => p[0] === "E_INTERNAL"),
      ["E_INTERNAL", join(dir, "a.json"), 2, "engine bug"],
    );
    assert.ok(
      problems.some((p) => p[0] === "E_JSON_SYNTAX" && p[2] === 3),
      "bad input is reported, not fatal",
    );
  });
});
