/**
 * Parallel EVTX reading: the file's chunks are split into ranges decoded by a pool of worker threads
 * and yielded in file order. Memory stays bounded: at most `workers * 2` ranges are in flight.
 * Pays on large files when the consumer is cheap; records cross threads by structured clone, which
 * costs a good part of what decoding saves — the benchmark reports both modes side by side.
 */
import { stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { ReadOptions } from "../reader.js";
import type { EvtxRecord } from "../record.js";
import type { ChunkRangeResult, ChunkRangeTask } from "./evtx-worker.js";
import { CHUNK_SIZE, FILE_HEADER_SIZE } from "./file-header.js";
import { evtxReader } from "./evtx-reader.js";

const CHUNKS_PER_TASK = 16;

export interface ParallelReadOptions extends ReadOptions {
  readonly workers: number;
}

/**
 * Reads `file` with `workers` threads. The file header is checked by a normal single-threaded pass
 * over the header only; files too small to split are read in-thread.
 */
export async function* readEvtxParallel(
  file: string,
  options: ParallelReadOptions,
): AsyncGenerator<EvtxRecord[]> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new MikiwameError("E_IO", `cannot open: ${(e as Error).message}`, { file }, { cause: e });
  }
  const chunks = Math.ceil(Math.max(0, size - FILE_HEADER_SIZE) / CHUNK_SIZE);
  if (options.workers <= 1 || chunks <= CHUNKS_PER_TASK) {
    yield* evtxReader.read(file, options) as AsyncIterable<EvtxRecord[]>;
    return;
  }
  const tasks: ChunkRangeTask[] = [];
  for (let first = 0, id = 0; first < chunks; first += CHUNKS_PER_TASK, id++)
    tasks.push({
      id,
      file,
      firstChunk: first,
      count: Math.min(CHUNKS_PER_TASK, chunks - first),
      fileSize: size,
      xml: options.xml ?? false,
    });

  const pool = Array.from(
    { length: options.workers },
    () => new Worker(new URL("./evtx-worker.js", import.meta.url)),
  );
  const results = new Map<number, ChunkRangeResult>();
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let nextTask = 0;
  let nextYield = 0;
  const maxAhead = options.workers * 2;
  const dispatch = (w: Worker) => {
    if (nextTask < tasks.length && nextTask - nextYield < maxAhead) w.postMessage(tasks[nextTask++]!);
    else idle.push(w);
  };
  const idle: Worker[] = [];
  for (const w of pool) {
    w.on("message", (r: ChunkRangeResult) => {
      results.set(r.id, r);
      dispatch(w);
      wake?.();
    });
    w.on("error", (e) => {
      failure = e;
      wake?.();
    });
  }
  try {
    // header problems are reported by the ordinary reader's header check
    await checkHeader(file, options);
    for (const w of pool) dispatch(w);
    while (nextYield < tasks.length) {
      if (failure)
        throw new MikiwameError(
          "E_INTERNAL",
          `EVTX worker failed: ${failure.message}`,
          { file },
          { cause: failure },
        );
      const r = results.get(nextYield);
      if (!r) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      results.delete(nextYield);
      nextYield++;
      while (idle.length > 0 && nextTask < tasks.length && nextTask - nextYield < maxAhead)
        dispatch(idle.pop()!);
      for (const diag of r.diagnostics)
        options.diagnostics.report(diag.severity, diag.code, diag.message, diag.location);
      if (r.error)
        options.diagnostics.error("E_EVTX_CHUNK", `chunk range failed: ${r.error}`, {
          file,
          chunk: tasks[r.id]!.firstChunk,
        });
      options.onProgress?.(
        Math.min(size, FILE_HEADER_SIZE + (tasks[r.id]!.firstChunk + tasks[r.id]!.count) * CHUNK_SIZE),
      );
      if (r.records.length > 0) yield r.records;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

async function checkHeader(file: string, options: ReadOptions): Promise<void> {
  const { parseFileHeader } = await import("./file-header.js");
  const { open } = await import("node:fs/promises");
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(FILE_HEADER_SIZE);
    await fh.read(head, 0, FILE_HEADER_SIZE, 0);
    const header = parseFileHeader(head);
    for (const p of header.problems) {
      if (header.usable) options.diagnostics.warn("E_EVTX_HEADER", p, { file, offset: 0 });
      else options.diagnostics.error("E_EVTX_HEADER", `${p}; looking for chunks anyway`, { file, offset: 0 });
    }
  } finally {
    await fh.close();
  }
}
