/**
 * EVTX parse benchmark, side by side in one run on the same file: mikiwame's decoder (one thread,
 * and with worker threads) against Debian's `evtxexport` (libevtx-utils) and `evtx_dump.py`
 * (python3-evtx). Each command runs as a whole process, several times; the median wall time and the
 * peak RSS (GNU time) are reported, with throughput and the ratio to evtxexport.
 *
 *   npm run bench            # 64 MiB input built from ../shared/corpus
 *   node dist/bench/evtx-parse.js --mb 128 --runs 5
 *
 * Needs: /usr/bin/time, evtxexport, evtx_dump.py (apt-get install time libevtx-utils python3-evtx).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";
import { collectChunks, writeBigEvtx } from "./build-evtx-input.js";

interface Row {
  tool: string;
  input: string;
  mb: number;
  records: number;
  wallS: number;
  mbPerS: number;
  recPerS: number;
  peakRssMb: number;
  vsEvtxexport?: number;
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs `cmd` under GNU time `runs` times; returns median wall seconds and max peak RSS (MB). */
function measure(cmd: string[], runs: number): { wall: number; rss: number; stdout: string } {
  const walls: number[] = [];
  let rss = 0;
  let stdout = "";
  for (let i = 0; i < runs; i++) {
    const r = spawnSync("/usr/bin/time", ["-f", "@@%e %M", ...cmd], { encoding: "utf8", maxBuffer: 1 << 30 });
    const m = /@@([\d.]+) (\d+)/.exec(r.stderr ?? "");
    if (!m) throw new Error(`could not time ${cmd.join(" ")}: ${r.stderr?.slice(-500)}`);
    walls.push(Number(m[1]));
    rss = Math.max(rss, Number(m[2]) / 1024);
    stdout = r.stdout;
  }
  return { wall: median(walls), rss, stdout };
}

function have(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

const root = repoRoot();
const corpus = corpusDir();
if (!corpus) {
  console.log("evtx-parse benchmark skipped: ../shared/corpus is absent (set MIKIWAME_CORPUS)");
  process.exit(0);
}
const targetMb = arg("--mb", 64);
const runs = arg("--runs", 3);
const outDir = join(root, "bench", "out");
mkdirSync(outDir, { recursive: true });
const big = join(outDir, `corpus-${targetMb}mb.evtx`);
const dirs = ["evtx-attack-samples", "hayabusa-sample-evtx", "deepbluecli", "evtx-parser-samples"].map((d) =>
  join(corpus, d),
);
const chunks = collectChunks(dirs);
const { bytes } = writeBigEvtx(big, chunks, targetMb * 1024 * 1024);
// evtx_dump.py is ~100x slower: give it a 4 MiB slice built the same way
const small = join(outDir, "corpus-4mb.evtx");
const smallBytes = writeBigEvtx(small, chunks, 4 * 1024 * 1024).bytes;

const parseOnly = join(root, "dist", "bench", "parse-only.js");
const ours = (file: string, workers: number) => {
  const m = measure([process.execPath, parseOnly, "--workers", String(workers), file], runs);
  return { ...m, records: (JSON.parse(m.stdout) as { records: number }).records };
};
const rows: Row[] = [];
const add = (tool: string, file: string, size: number, records: number, wall: number, rss: number) =>
  rows.push({
    tool,
    input: file.split("/").pop()!,
    mb: size / 1e6,
    records,
    wallS: wall,
    mbPerS: size / 1e6 / wall,
    recPerS: records / wall,
    peakRssMb: rss,
  });

const one = ours(big, 1);
add("mikiwame (1 thread)", big, bytes, one.records, one.wall, one.rss);
const two = ours(big, 2);
add("mikiwame (2 workers)", big, bytes, two.records, two.wall, two.rss);
if (existsSync(join(root, "bin", "mikiwame.js"))) {
  const dump = measure(
    [
      "sh",
      "-c",
      `'${process.execPath}' '${join(root, "bin", "mikiwame.js")}' dump --format jsonl --quiet '${big}' > /dev/null`,
    ],
    runs,
  );
  add("mikiwame dump --format jsonl", big, bytes, one.records, dump.wall, dump.rss);
}
if (have("evtxexport")) {
  const ee = measure(["sh", "-c", `evtxexport '${big}' > /dev/null`], runs);
  add("evtxexport (text)", big, bytes, one.records, ee.wall, ee.rss);
  const ex = measure(["sh", "-c", `evtxexport -f xml '${big}' > /dev/null`], runs);
  add("evtxexport -f xml", big, bytes, one.records, ex.wall, ex.rss);
} else console.log("evtxexport not installed (apt-get install libevtx-utils): not compared");
if (have("evtx_dump.py")) {
  const smallOurs = ours(small, 1);
  add("mikiwame (1 thread)", small, smallBytes, smallOurs.records, smallOurs.wall, smallOurs.rss);
  const py = measure(["sh", "-c", `evtx_dump.py '${small}' > /dev/null`], 1);
  add("evtx_dump.py", small, smallBytes, smallOurs.records, py.wall, py.rss);
} else console.log("evtx_dump.py not installed (apt-get install python3-evtx): not compared");

const base = rows.find((r) => r.tool === "evtxexport (text)");
for (const r of rows) if (base && r.input === base.input) r.vsEvtxexport = base.wallS / r.wallS;
console.log(
  `EVTX parse benchmark — ${runs} runs each, median wall time, whole processes; ${chunks.length} distinct corpus chunks`,
);
console.log("| tool | input | MB | records | wall s | MB/s | records/s | peak RSS MB | × evtxexport |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(
    `| ${r.tool} | ${r.input} | ${r.mb.toFixed(1)} | ${r.records} | ${r.wallS.toFixed(2)} | ${r.mbPerS.toFixed(1)} | ${Math.round(r.recPerS)} | ${r.peakRssMb.toFixed(0)} | ${r.vsEvtxexport ? r.vsEvtxexport.toFixed(1) : ""} |`,
  );
mkdirSync(join(root, "bench", "results"), { recursive: true });
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  evtxexport: have("evtxexport")
    ? spawnSync("evtxexport", ["-V"], { encoding: "utf8" }).stdout.trim()
    : undefined,
};
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`,
);
writeFileSync(
  join(root, "bench", "results", "evtx-parse.json"),
  `${JSON.stringify({ date: new Date().toISOString(), machine, runs, rows }, null, 2)}\n`,
);
