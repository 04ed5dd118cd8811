import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Event } from "../events/event.js";
import { testEvent } from "../outputs/hunt-fixtures.js";
import {
  eventMatchesAll,
  fieldTerm,
  keywordTerm,
  MAX_TERM_LENGTH,
  regexTerm,
  searchEvents,
} from "./event-search.js";

const event = testEvent({
  host: "WS1.corp.local",
  fields: { Image: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd.exe /c WHOAMI", Tags: ["a", "Beta"] },
});

describe("search terms", () => {
  const rows: readonly [string, ReturnType<typeof keywordTerm>[], boolean][] = [
    ["keyword any case", [keywordTerm("whoami")], true],
    ["keyword in the host", [keywordTerm("corp.LOCAL")], true],
    ["keyword in an array item", [keywordTerm("beta")], true],
    ["keyword absent", [keywordTerm("mimikatz")], false],
    ["regex case-sensitive", [regexTerm("whoami")], false],
    ["regex (?i)", [regexTerm("(?i)whoami$")], true],
    ["regex on the image", [regexTerm("\\\\cmd\\.exe$")], true],
    ["field equals any case", [fieldTerm("image=c:\\windows\\system32\\CMD.EXE")], true],
    ["field wildcard", [fieldTerm("CommandLine=*/c who*")], true],
    ["field wildcard anchored", [fieldTerm("CommandLine=/c*")], false],
    ["field missing", [fieldTerm("User=*")], false],
    ["field System value", [fieldTerm("EventID=1")], true],
    ["AND of terms", [keywordTerm("cmd"), fieldTerm("EventID=1"), regexTerm("WHO")], true],
    ["AND fails on one", [keywordTerm("cmd"), fieldTerm("EventID=2")], false],
    ["no term matches nothing", [], false],
  ];
  for (const [name, terms, want] of rows) it(name, () => assert.equal(eventMatchesAll(event, terms), want));

  const bad: readonly [string, () => unknown, RegExp][] = [
    ["field without =", () => fieldTerm("Image"), /--field "Image": expected name=value/],
    ["field without name", () => fieldTerm("=x"), /expected name=value/],
    ["empty keyword", () => keywordTerm(""), /--keyword is empty/],
    ["long keyword", () => keywordTerm("x".repeat(MAX_TERM_LENGTH + 1)), /longer than 4096/],
    ["backreference refused", () => regexTerm("(a)\\1"), /--regex "\(a\)\\\\1": /],
    ["invalid regex", () => regexTerm("(a"), /--regex "\(a": /],
  ];
  for (const [name, f, message] of bad) {
    it(`${name}: E_USAGE`, () =>
      assert.throws(
        f,
        (e: unknown) => e instanceof MikiwameError && e.code === "E_USAGE" && message.test(e.message),
      ));
  }
  it("a catastrophic-backtracking pattern runs in linear time", () => {
    const term = regexTerm("^(a+)+$");
    const long = testEvent({ fields: { X: `${"a".repeat(50_000)}!` } });
    const t0 = performance.now();
    assert.equal(eventMatchesAll(long, [term]), false);
    assert.ok(performance.now() - t0 < 2000);
  });
});

describe("searchEvents", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mikiwame-search-"));
    const base = { Hostname: "WS1", Channel: "Security", SourceName: "Microsoft-Windows-Security-Auditing" };
    await writeFile(
      join(dir, "s.json"),
      [
        { ...base, EventID: 4688, "@timestamp": "2020-05-02T03:40:19Z", CommandLine: "whoami /all" },
        { ...base, EventID: 4624, "@timestamp": "2020-05-02T03:40:20Z", TargetUserName: "alice" },
      ]
        .map((v) => JSON.stringify(v))
        .join("\n"),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("streams the events that satisfy every term", async () => {
    const found: Event[] = [];
    const r = await searchEvents([dir], [keywordTerm("ALICE")], {
      diagnostics: new Diagnostics(),
      onFound: (events) => {
        found.push(...events);
      },
    });
    assert.equal(r.events, 2);
    assert.equal(r.found, 1);
    assert.deepEqual(
      found.map((e) => [e.identity.eventId, e.provenance.line]),
      [[4624, 2]],
    );
  });

  it("refuses to run without a term", async () => {
    await assert.rejects(
      searchEvents([dir], [], { diagnostics: new Diagnostics() }),
      (e: unknown) => e instanceof MikiwameError && e.code === "E_USAGE",
    );
  });
});
