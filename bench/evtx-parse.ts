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
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";
import { collectChunks, writeBigEvtx } from "./build-evtx-input.js";
import { argNumber, have, isMain, machineInfo, machineLine, mikiwameCommand, timeRuns } from "./measure.js";

/** One tool on one file. */
export interface EvtxParseRow {
  readonly tool: string;
  readonly input: string;
  readonly mb: number;
  readonly records: number;
  /** Median wall seconds */
  readonly wallS: number;
  /** Median CPU seconds (user + system) */
  readonly cpuS: number;
  readonly mbPerS: number;
  readonly recPerS: number;
  readonly peakRssMb: number;
  /** evtxexport's (text) wall time over this row's, on the same file */
  vsEvtxexport?: number;
}

/** Options of `runEvtxParse`. */
export interface EvtxParseOptions {
  /** The file every fast tool reads */
  readonly file: string;
  /** A small file for evtx_dump.py (about 100× slower), read by mikiwame too for the ratio */
  readonly smallFile?: string;
  readonly runs: number;
}

/** The corpus folders whose chunks make the standalone input. */
const CHUNK_SOURCES = ["evtx-attack-samples", "hayabusa-sample-evtx", "deepbluecli", "evtx-parser-samples"];

const here = dirname(fileURLToPath(import.meta.url));

/** A byte count in MB (10^6), as the rows give sizes. */
const megabytes = (bytes: number) => bytes / 1e6;

/**
 * EVTX parse, side by side on the same file: mikiwame (one thread, two workers, `dump --format jsonl`),
 * evtxexport (text, XML) and — on `smallFile` — evtx_dump.py. Missing tools are left out (with a
 * `console.log` line saying so).
 */
export async function runEvtxParse(options: EvtxParseOptions): Promise<EvtxParseRow[]> {
  const { file, smallFile, runs } = options;
  const parseOnly = join(here, "parse-only.js");
  const rows: EvtxParseRow[] = [];
  const add = (
    tool: string,
    path: string,
    records: number,
    m: { wallS: number; cpuS: number; peakRssMb: number },
  ) => {
    const mb = megabytes(statSync(path).size);
    rows.push({
      tool,
      input: path.split("/").pop() ?? path,
      mb,
      records,
      wallS: m.wallS,
      cpuS: m.cpuS,
      mbPerS: mb / m.wallS,
      recPerS: records / m.wallS,
      peakRssMb: m.peakRssMb,
    });
  };
  const ours = async (path: string, workers: number) => {
    const m = await timeRuns([process.execPath, parseOnly, "--workers", String(workers), path], runs);
    return { m, records: (JSON.parse(m.runs[0]?.stdout ?? "{}") as { records: number }).records };
  };
  const one = await ours(file, 1);
  add("mikiwame (1 thread)", file, one.records, one.m);
  const two = await ours(file, 2);
  add("mikiwame (2 workers)", file, two.records, two.m);
  const dump = await timeRuns(mikiwameCommand(["dump", "--format", "jsonl", "--quiet", file]), runs, {
    stdout: "ignore",
  });
  add("mikiwame dump --format jsonl", file, one.records, dump);
  if (have("evtxexport")) {
    add(
      "evtxexport (text)",
      file,
      one.records,
      await timeRuns(["evtxexport", file], runs, { stdout: "ignore" }),
    );
    add(
      "evtxexport -f xml",
      file,
      one.records,
      await timeRuns(["evtxexport", "-f", "xml", file], runs, { stdout: "ignore" }),
    );
  } else console.log("evtxexport not installed (apt-get install libevtx-utils): not compared");
  if (smallFile && have("evtx_dump.py")) {
    const small = await ours(smallFile, 1);
    add("mikiwame (1 thread)", smallFile, small.records, small.m);
    add(
      "evtx_dump.py",
      smallFile,
      small.records,
      await timeRuns(["evtx_dump.py", smallFile], 1, { stdout: "ignore" }),
    );
  } else if (smallFile)
    console.log("evtx_dump.py not installed (apt-get install python3-evtx): not compared");
  const base = rows.find((r) => r.tool === "evtxexport (text)");
  for (const r of rows) if (base && r.input === base.input) r.vsEvtxexport = base.wallS / r.wallS;
  return rows;
}

/** The rows as a Markdown table. */
export function evtxParseTable(rows: readonly EvtxParseRow[]): string[] {
  const lines = [
    "| tool | input | MB | records | wall s | MB/s | records/s | peak RSS MB | × evtxexport |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.tool} | ${r.input} | ${r.mb.toFixed(1)} | ${r.records} | ${r.wallS.toFixed(2)} | ${r.mbPerS.toFixed(1)} | ${Math.round(r.recPerS)} | ${r.peakRssMb.toFixed(0)} | ${r.vsEvtxexport ? r.vsEvtxexport.toFixed(1) : ""} |`,
    );
  return lines;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const corpus = corpusDir();
  if (!corpus) {
    console.log("evtx-parse benchmark skipped: ../shared/corpus is absent (set MIKIWAME_CORPUS)");
    return;
  }
  const targetMb = argNumber("--mb", 64);
  const runs = argNumber("--runs", 3);
  const outDir = join(root, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const chunks = collectChunks(CHUNK_SOURCES.map((d) => join(corpus, d)));
  const big = join(outDir, `corpus-${targetMb}mb.evtx`);
  writeBigEvtx(big, chunks, targetMb * 1024 * 1024);
  // evtx_dump.py is ~100x slower: give it a 4 MiB slice built the same way
  const small = join(outDir, "corpus-4mb.evtx");
  writeBigEvtx(small, chunks, 4 * 1024 * 1024);
  const machine = {
    ...machineInfo(),
    evtxexport: have("evtxexport")
      ? spawnSync("evtxexport", ["-V"], { encoding: "utf8" }).stdout.split("\n")[0]?.trim()
      : undefined,
  };
  const rows = await runEvtxParse({ file: big, smallFile: small, runs });
  console.log(
    `EVTX parse benchmark — ${runs} runs each, median wall time, whole processes; ${chunks.length} distinct corpus chunks`,
  );
  for (const line of evtxParseTable(rows)) console.log(line);
  console.log(machineLine(machine));
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(
    join(root, "bench", "results", "evtx-parse.json"),
    `${JSON.stringify({ date: machine.date, machine, runs, rows }, null, 2)}\n`,
  );
}

if (isMain(import.meta.url) && existsSync(join(here, "parse-only.js"))) await main();
