/**
 * State (状態) and duration (期間) on real logs (EVTX-ATTACK-SAMPLES, read in place): every process that
 * logged its termination is `terminated`, with a lifetime that is not negative; processes still active
 * near the end of their host's data are `running`; the dwell time of a tree covers its children.
 */
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { evtxReader } from "../../readers/evtx/evtx-reader.js";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import { ProcessAnalyzer } from "./process-analyzer.js";

function evtxFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) evtxFiles(p, out);
    else if (name.toLowerCase().endsWith(".evtx")) out.push(p);
  }
  return out;
}

test("process state and duration on EVTX-ATTACK-SAMPLES", async (t) => {
  const root = corpusPath("evtx-attack-samples");
  if (!root) return t.skip(corpusSkipReason("evtx-attack-samples"));
  const counts = { terminated: 0, running: 0, unknown: 0, trees: 0 };
  for (const file of evtxFiles(root)) {
    const d = new Diagnostics();
    const normalizer = createNormalizer();
    const analyzer = new ProcessAnalyzer();
    for await (const batch of evtxReader.read(file, { diagnostics: d })) {
      for (const r of batch) {
        const e = normalizer.normalize(r, d);
        if (e) analyzer.observe(e);
      }
    }
    analyzer.finish();
    for (const p of analyzer.processes()) {
      const st = analyzer.state(p.key);
      assert.ok(st, p.key);
      if (p.end || p.terminated) assert.equal(st.state, "terminated", `${file}: ${p.key}`);
      counts[st.state]++;
      const life = analyzer.lifetime(p.key);
      if (life?.lifetimeMs !== undefined) assert.ok(life.lifetimeMs >= 0, `${file}: ${p.key} lifetime`);
      if (st.state === "running") assert.ok(st.lastActivity !== undefined && st.dataEndMs !== undefined);
      if (analyzer.children(p.key).length > 0 && p.start) {
        const dwell = analyzer.dwell(p.key);
        if (dwell) {
          counts.trees++;
          assert.ok(dwell.processes > analyzer.children(p.key).length, `${file}: dwell covers the children`);
          if (dwell.dwellMs !== undefined && life?.lifetimeMs !== undefined)
            assert.ok(
              dwell.dwellMs >= life.lifetimeMs,
              `${file}: ${p.key} dwell ${dwell.dwellMs} < lifetime ${life.lifetimeMs}`,
            );
        }
      }
    }
  }
  t.diagnostic(JSON.stringify(counts));
  assert.ok(counts.terminated >= 20 && counts.running >= 100 && counts.trees >= 100, JSON.stringify(counts));
});
