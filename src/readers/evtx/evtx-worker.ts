/**
 * Worker-thread entry for parallel EVTX decoding: decodes a range of chunks of one file and posts
 * the records (and the diagnostics found) back. Chunks are independent (own string and template
 * tables), so ranges decode in any order; the parent restores file order.
 */
import { openSync, readSync, closeSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { EvtxRecord } from "../record.js";
import { decodeChunk } from "./chunk-decoder.js";
import { CHUNK_SIZE, FILE_HEADER_SIZE } from "./file-header.js";

export interface ChunkRangeTask {
  readonly id: number;
  readonly file: string;
  readonly firstChunk: number;
  readonly count: number;
  readonly fileSize: number;
  readonly xml: boolean;
}

export interface ChunkRangeResult {
  readonly id: number;
  readonly records: EvtxRecord[];
  readonly diagnostics: ReturnType<Diagnostics["list"]>;
  readonly error?: string;
}

/** Decodes one task synchronously (also used in-thread by tests). */
export function runChunkRange(task: ChunkRangeTask): ChunkRangeResult {
  const d = new Diagnostics(1000);
  const records: EvtxRecord[] = [];
  const buf = Buffer.alloc(CHUNK_SIZE * task.count);
  const fd = openSync(task.file, "r");
  try {
    const pos = FILE_HEADER_SIZE + task.firstChunk * CHUNK_SIZE;
    const want = Math.min(buf.length, task.fileSize - pos);
    const got = want > 0 ? readSync(fd, buf, 0, want, pos) : 0;
    if (got < buf.length) buf.fill(0, got);
    for (let i = 0; i < task.count; i++) {
      const out = decodeChunk(
        buf.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
        pos + i * CHUNK_SIZE,
        task.firstChunk + i,
        {
          file: task.file,
          xml: task.xml,
          diagnostics: d,
        },
      );
      for (const r of out.records) records.push(r);
    }
  } finally {
    closeSync(fd);
  }
  return { id: task.id, records, diagnostics: d.list() };
}

parentPort?.on("message", (task: ChunkRangeTask) => {
  try {
    parentPort!.postMessage(runChunkRange(task));
  } catch (e) {
    parentPort!.postMessage({
      id: task.id,
      records: [],
      diagnostics: [],
      error: (e as Error).message,
    } satisfies ChunkRangeResult);
  }
});
