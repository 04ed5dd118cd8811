import assert from "node:assert/strict";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { DecisionInput } from "./decision.js";
import { DecisionLog, decisionLogFile } from "./decision-log.js";

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "mikiwame-decisions-"));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

let dirs = 0;
function freshDir(): string {
  return join(work, `d${dirs++}`, "home");
}

const OUTLOOK: DecisionInput = {
  verdict: "benign",
  reason: "Outlook syncing with Exchange Online",
  analyst: "alice",
  scope: {
    hosts: { kind: "all" },
    match: { kind: "rule-on-image", detector: "network.beacon", image: "OUTLOOK.EXE" },
  },
};

const DROPPER: DecisionInput = {
  verdict: "malicious",
  reason: "dropper, sandbox confirmed",
  analyst: "bob",
  scope: {
    hosts: { kind: "host", host: "WS-SALES-07" },
    match: { kind: "path", path: "C:\\Users\\kato\\AppData\\Local\\Temp\\invoice.pdf.exe" },
  },
};

describe("DecisionLog", () => {
  it("a missing directory is an empty log; nothing is created until a decision", async () => {
    const dir = freshDir();
    const diagnostics = new Diagnostics();
    const log = await DecisionLog.open(dir, diagnostics);
    assert.deepEqual([log.list({ includeRevoked: true }), log.audit(), diagnostics.total], [[], [], 0]);
    await assert.rejects(readFile(decisionLogFile(dir)), { code: "ENOENT" });
  });

  it("round trip: decide, revoke, reopen, list, audit in order", async () => {
    const dir = freshDir();
    const log = await DecisionLog.open(dir, new Diagnostics());
    const a = await log.decide(OUTLOOK);
    const b = await log.decide(DROPPER);
    assert.match(a.id, /^D-[0-9a-f]{12}$/);
    assert.notEqual(a.id, b.id);
    const revoked = await log.revoke(
      a.id,
      "carol",
      "Outlook was in fact the carrier",
      new Date("2030-01-01T00:00:00Z"),
    );
    assert.deepEqual(revoked.revoked, {
      analyst: "carol",
      at: "2030-01-01T00:00:00.000Z",
      reason: "Outlook was in fact the carrier",
    });

    // one line per entry, each ending in \n
    const text = await readFile(decisionLogFile(dir), "utf8");
    assert.equal(text.split("\n").length, 4);
    assert.ok(text.endsWith("\n"));

    const diagnostics = new Diagnostics();
    const again = await DecisionLog.open(dir, diagnostics);
    assert.equal(diagnostics.total, 0);
    assert.deepEqual(
      again.list().map((d) => d.id),
      [b.id],
    );
    assert.deepEqual(
      again.active().map((d) => d.id),
      [b.id],
    );
    assert.deepEqual(
      again.list({ includeRevoked: true }).map((d) => [d.id, d.revoked?.analyst]),
      [
        [a.id, "carol"],
        [b.id, undefined],
      ],
    );
    assert.deepEqual(again.get(b.id), b);
    assert.deepEqual(
      again
        .audit()
        .map((e) =>
          e.op === "decide" ? `decide ${e.decision.id} ${e.decision.analyst}` : `revoke ${e.id} ${e.analyst}`,
        ),
      [`decide ${a.id} alice`, `decide ${b.id} bob`, `revoke ${a.id} carol`],
    );
    // the decide entry is the decision as decided (the audit shows the revocation separately)
    const first = again.audit()[0];
    assert.ok(first.op === "decide");
    assert.equal(first.decision.revoked, undefined);
    assert.deepEqual(first.decision, a);
  });

  it("reports broken lines with file and line, skips them and loads the rest", async () => {
    const dir = freshDir();
    const log = await DecisionLog.open(dir, new Diagnostics());
    const a = await log.decide(OUTLOOK);
    const file = decisionLogFile(dir);
    await appendFile(
      file,
      [
        "{not json",
        JSON.stringify({ op: "delete", id: a.id }),
        JSON.stringify({
          op: "decide",
          decision: { id: "D-0123456789ab", at: "2024-01-01T00:00:00Z", verdict: "maybe" },
        }),
        JSON.stringify({
          op: "revoke",
          id: "D-ffffffffffff",
          analyst: "x",
          at: "2024-01-01T00:00:00Z",
          reason: "r",
        }),
        "",
        JSON.stringify({ op: "decide", decision: { ...a } }),
        `{"op":"decide","decision":{"reason":"${"x".repeat(70_000)}"}}`,
        "",
      ].join("\n"),
    );
    await log.decide(DROPPER);
    const diagnostics = new Diagnostics();
    const again = await DecisionLog.open(dir, diagnostics);
    assert.deepEqual(
      diagnostics.list().map((d) => [d.code, d.location.file, d.location.line, d.message]),
      [
        ["E_DECISION", file, 2, "decision log line is not JSON; skipped"],
        ["E_DECISION", file, 3, "decision log line: op must be one of decide, revoke; skipped"],
        [
          "E_DECISION",
          file,
          4,
          "decision log line: invalid decision: verdict must be one of benign, malicious; skipped",
        ],
        [
          "E_DECISION",
          file,
          5,
          "decision log line: revoke of D-ffffffffffff, which no earlier line decides; skipped",
        ],
        ["E_DECISION", file, 7, `decision log line: decision ${a.id} is already in the log; skipped`],
        ["E_LIMIT", file, 8, "decision log line longer than 65536 bytes; skipped"],
      ],
    );
    assert.ok(diagnostics.list().every((d) => d.severity === "warning"));
    assert.deepEqual(
      again.list().map((d) => d.analyst),
      ["alice", "bob"],
    );
  });

  it("an entry after a line cut short starts on a new line", async () => {
    const dir = freshDir();
    const log = await DecisionLog.open(dir, new Diagnostics());
    await log.decide(OUTLOOK);
    await appendFile(decisionLogFile(dir), '{"op":"decide","decision":{"id":"D-0');
    const b = await log.decide(DROPPER);
    const diagnostics = new Diagnostics();
    const again = await DecisionLog.open(dir, diagnostics);
    assert.deepEqual(
      diagnostics.list().map((d) => [d.code, d.location.line]),
      [["E_DECISION", 2]],
    );
    assert.equal(again.list().at(-1)?.id, b.id);
  });

  it("rejects invalid decisions and revocations with E_DECISION, writing nothing", async () => {
    const dir = freshDir();
    const log = await DecisionLog.open(dir, new Diagnostics());
    await assert.rejects(
      log.decide({ ...OUTLOOK, reason: " " }),
      (e: unknown) =>
        e instanceof MikiwameError && e.code === "E_DECISION" && /reason is required/.test(e.message),
    );
    await assert.rejects(readFile(decisionLogFile(dir)), { code: "ENOENT" });
    const file = decisionLogFile(dir);
    await assert.rejects(
      log.revoke("D-000000000000", "bob", "why"),
      (e: unknown) =>
        e instanceof MikiwameError &&
        e.code === "E_DECISION" &&
        /no decision D-000000000000/.test(e.message) &&
        e.location?.file === file,
    );
    const a = await log.decide(OUTLOOK);
    await assert.rejects(
      log.revoke(a.id, "bob", ""),
      (e: unknown) =>
        e instanceof MikiwameError && e.code === "E_DECISION" && /reason is required/.test(e.message),
    );
    await log.revoke(a.id, "bob", "changed my mind");
    await assert.rejects(
      log.revoke(a.id, "bob", "again"),
      (e: unknown) =>
        e instanceof MikiwameError &&
        e.code === "E_DECISION" &&
        /already revoked by bob/.test(e.message) &&
        e.location?.file === file,
    );
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    assert.equal(lines.length, 2);
  });

  it("an unwritable log is E_IO with the file", async () => {
    const blocker = join(work, "not-a-dir");
    await writeFile(blocker, "x");
    const log = await DecisionLog.open(blocker, new Diagnostics());
    await assert.rejects(
      log.decide(OUTLOOK),
      (e: unknown) =>
        e instanceof MikiwameError && e.code === "E_IO" && e.location?.file === decisionLogFile(blocker),
    );
  });

  it("concurrent appends from separate log handles give whole lines", async () => {
    const dir = freshDir();
    const handles = await Promise.all(
      Array.from({ length: 8 }, () => DecisionLog.open(dir, new Diagnostics())),
    );
    const reason = "r".repeat(3000); // larger entries make torn writes likelier if they could happen
    const made = await Promise.all(
      handles.flatMap((h) => Array.from({ length: 5 }, () => h.decide({ ...OUTLOOK, reason }))),
    );
    const diagnostics = new Diagnostics();
    const again = await DecisionLog.open(dir, diagnostics);
    assert.equal(diagnostics.total, 0);
    assert.deepEqual(new Set(again.list().map((d) => d.id)), new Set(made.map((d) => d.id)));
  });
});
