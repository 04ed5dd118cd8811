/** The audit log: entries appended, pages newest first with an action filter, a broken line reported and skipped. */
import assert from "node:assert/strict";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { AUDIT_FILE_NAME, AuditLog } from "./audit-log.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-audit-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const actor = { tokenId: "0123456789ab", name: "alice", role: "admin" as const };

describe("AuditLog", () => {
  it("pages newest first, filters by action prefix, reports a broken line with its number", async () => {
    const diagnostics = new Diagnostics();
    const log = new AuditLog(dir, diagnostics);
    for (let i = 0; i < 5; i++)
      await log.record(actor, i % 2 ? "token.create" : "verdict.decide", `t${i}`, { i }, true);
    await appendFile(join(dir, AUDIT_FILE_NAME), "{broken\n");
    await log.record(actor, "token.revoke", "t5", {}, false);
    const all = await log.page(3, 0);
    assert.equal(all.total, 6);
    assert.deepEqual(
      all.items.map((e) => e.target),
      ["t5", "t4", "t3"],
    );
    const next = await log.page(3, 3);
    assert.deepEqual(
      next.items.map((e) => e.target),
      ["t2", "t1", "t0"],
    );
    const tokens = await log.page(10, 0, "token");
    assert.deepEqual(
      tokens.items.map((e) => e.action),
      ["token.revoke", "token.create", "token.create"],
    );
    assert.equal(all.items[0].actor, "alice (0123456789ab)");
    const broken = diagnostics.list().find((d) => d.location.line === 6);
    assert.equal(broken?.code, "E_SERVER");
    assert.equal(broken?.location.file, join(dir, AUDIT_FILE_NAME));
    assert.deepEqual((await log.page(5, 100)).items, []);
  });
});
