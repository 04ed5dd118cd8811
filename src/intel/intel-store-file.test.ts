/** Tests of the store file: save/load round trip and located reports of bad lines. */
import assert from "node:assert/strict";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { IntelStore } from "./intel-store.js";
import { intelStoreFile, loadIntelStore, saveIntelStore } from "./intel-store-file.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-store-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("saves and loads; bad lines are E_INDICATOR at file:line", async () => {
  const store = new IntelStore();
  const common = { sources: ["s"], confidence: 70, tags: ["t"], imported: "2026-01-01T00:00:00.000Z" };
  store.add({ ...common, type: "domain", value: "evil.example", family: "x", killChain: ["delivery"] });
  store.add({ ...common, type: "cidr", value: "192.0.2.0/24" });
  const file = intelStoreFile(dir);
  assert.equal(file, join(dir, "intel", "indicators.jsonl"));
  await saveIntelStore(file, store);
  await appendFile(
    file,
    '{"type":"ipv4","value":"300.1.1.1","sources":[],"confidence":1,"tags":[],"imported":"x"}\nnope\n',
  );
  const d = new Diagnostics();
  const loaded = await loadIntelStore(file, d);
  assert.deepEqual([...loaded.entries()], [...store.entries()]);
  assert.deepEqual(
    d.list().map((x) => [x.code, x.location.file, x.location.line]),
    [
      ["E_INDICATOR", file, 3],
      ["E_INDICATOR", file, 4],
    ],
  );
  assert.equal((await loadIntelStore(join(dir, "missing.jsonl"), d)).size, 0);
});
