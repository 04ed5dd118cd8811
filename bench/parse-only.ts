/**
 * Benchmark driver: reads one EVTX file with mikiwame's decoder and prints records and elapsed time
 * as JSON. `--workers N` uses the worker-thread reader. Used by bench/evtx-parse.ts as a whole process.
 */
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import { evtxReader } from "../src/readers/evtx/evtx-reader.js";
import { readEvtxParallel } from "../src/readers/evtx/parallel-evtx-reader.js";

const args = process.argv.slice(2);
let workers = 1;
const wi = args.indexOf("--workers");
if (wi >= 0) {
  workers = Number(args[wi + 1]);
  args.splice(wi, 2);
}
const file = args[0];
if (!file) {
  console.error("usage: parse-only [--workers N] FILE.evtx");
  process.exit(2);
}
const d = new Diagnostics();
const t0 = performance.now();
let records = 0;
const source =
  workers > 1
    ? readEvtxParallel(file, { diagnostics: d, workers })
    : evtxReader.read(file, { diagnostics: d });
for await (const batch of source) records += batch.length;
const ms = performance.now() - t0;
console.log(JSON.stringify({ records, ms, errors: d.errors, warnings: d.warnings }));
