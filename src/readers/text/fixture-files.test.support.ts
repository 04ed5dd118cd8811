/**
 * Test support for the text readers (not shipped: `*.test.*` files are left out of the package).
 * Input: small hand-written fixtures as strings or bytes. Output: temp files, and every record and
 * diagnostic a reader produces for them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { FileReader } from "../reader.js";
import type { RawRecord } from "../record.js";

/** A temp directory for one test file's fixtures; `remove()` deletes it. */
export class FixtureDir {
  readonly dir = mkdtempSync(join(tmpdir(), "mikiwame-text-"));

  /** Writes `content` to `name` (gzipped when `gzip`), returns its path. */
  write(name: string, content: string | Buffer, gzip = false): string {
    const path = join(this.dir, name);
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReadResult<R extends RawRecord> {
  readonly records: R[];
  readonly batches: number;
  readonly diagnostics: Diagnostics;
}

/** Reads a whole file with `reader`, collecting records and diagnostics. */
export async function readAll<R extends RawRecord>(
  reader: FileReader,
  file: string,
  kind: R["kind"],
  options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {},
): Promise<ReadResult<R>> {
  const diagnostics = new Diagnostics();
  const records: R[] = [];
  let batches = 0;
  for await (const batch of reader.read(file, { diagnostics, ...options })) {
    batches++;
    for (const r of batch) {
      if (r.kind !== kind) throw new Error(`expected ${kind} records, got ${r.kind}`);
      records.push(r as R);
    }
  }
  return { records, batches, diagnostics };
}

/** `code@line` for each kept diagnostic: a compact thing to compare in tests. */
export function diagnosticKeys(diagnostics: Diagnostics): string[] {
  return diagnostics.list().map((d) => `${d.code}@${d.location.line ?? "?"}`);
}
