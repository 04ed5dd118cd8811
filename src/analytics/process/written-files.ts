/**
 * Which process last wrote each file, per host: the first half of a dropper edge ("file X written by
 * P, later executed as Q"). Input: file-creation events (host, path, writer key, time). Output: the
 * latest write of a path. Bounded: at most `cap` paths; the least recently written are evicted first
 * and counted.
 */
import type { EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";
import { normalizePath } from "./windows-path.js";

export interface FileWrite {
  readonly writerKey: string;
  /** The path as written */
  readonly path: string;
  readonly time: EventTime | undefined;
  readonly evidence: Provenance;
}

export class WrittenFiles {
  private readonly writes = new Map<string, FileWrite>();
  private evictedCount = 0;

  constructor(private readonly cap: number) {}

  /** Records that `write.writerKey` wrote `write.path` on `hostId`. */
  record(hostId: string, write: FileWrite): void {
    const id = `${hostId}|${normalizePath(write.path)}`;
    this.writes.delete(id); // re-insert: Map order is then "least recently written first"
    this.writes.set(id, write);
    while (this.writes.size > this.cap) {
      const oldest = this.writes.keys().next().value;
      if (oldest === undefined) break;
      this.writes.delete(oldest);
      this.evictedCount++;
    }
  }

  /** The last write of `path` on `hostId` at or before `ms` (any time when `ms` is undefined). */
  lastWrite(hostId: string, path: string, ms: number | undefined): FileWrite | undefined {
    const w = this.writes.get(`${hostId}|${normalizePath(path)}`);
    if (!w) return undefined;
    if (ms !== undefined && w.time !== undefined && w.time.ms > ms) return undefined;
    return w;
  }

  get size(): number {
    return this.writes.size;
  }

  /** Paths evicted to stay within the cap. */
  get evicted(): number {
    return this.evictedCount;
  }
}
