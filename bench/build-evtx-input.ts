/**
 * Builds a large EVTX benchmark input from the corpus: every valid, non-empty chunk of the corpus
 * EVTX files, copied (chunks are self-contained) behind a fresh file header, repeated until the
 * target size. Written under bench/out/ (git-ignored); the corpus itself is never copied into the repo.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";

const CHUNK = 0x10000;
const HEADER = 4096;

function* evtxFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* evtxFiles(p);
    else if (e.name.endsWith(".evtx")) yield p;
  }
}

/** Paths (relative to `dir`) that MANIFEST.csv marks as rendered fine by the 2018 parsers. */
function oldParserSafe(dir: string): Set<string> | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, "MANIFEST.csv"), "utf8");
  } catch {
    return undefined;
  }
  const lines = text.trim().split("\n");
  const col = lines[0]!.split(",").indexOf("parsed_by_old_parsers");
  if (col < 0) return undefined;
  const ok = new Set<string>();
  for (const line of lines.slice(1)) {
    // the path may be quoted and contain commas; the flag column is simple
    const m = /^("(?:[^"]|"")*"|[^,]*),/.exec(line);
    if (!m) continue;
    const path = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!;
    const cols = line.slice(m[0].length).split(",");
    if (cols[col - 1] === "True") ok.add(path);
  }
  return ok;
}

/**
 * Well-filled chunks (signature, records, at least `minFill` bytes used) of the EVTX files under
 * `dirs`, in path order; only files the old Debian parsers render (MANIFEST `parsed_by_old_parsers`),
 * so every peer can read the result.
 */
export function collectChunks(dirs: readonly string[], minFill = 48 * 1024): Buffer[] {
  const out: Buffer[] = [];
  for (const dir of dirs) {
    const safe = oldParserSafe(dir);
    for (const f of [...evtxFiles(dir)].sort()) {
      if (safe && !safe.has(f.slice(dir.length + 1))) continue;
      const b = readFileSync(f);
      for (let off = HEADER; off + CHUNK <= b.length; off += CHUNK) {
        const c = b.subarray(off, off + CHUNK);
        if (c.toString("latin1", 0, 8) !== "ElfChnk\0") continue;
        if (c.readUInt32LE(512) !== 0x2a2a || c.readUInt32LE(48) < minFill) continue;
        out.push(c);
      }
    }
  }
  return out;
}

/** Writes an EVTX file of whole chunks, repeating `chunks` until at least `targetBytes`. */
export function writeBigEvtx(
  path: string,
  chunks: readonly Buffer[],
  targetBytes: number,
): { bytes: number; chunks: number } {
  const n = Math.min(0xffff, Math.max(1, Math.ceil((targetBytes - HEADER) / CHUNK)));
  const header = Buffer.alloc(HEADER);
  header.write("ElfFile\0", 0, "latin1");
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(BigInt(n - 1), 16);
  header.writeBigUInt64LE(1n, 24);
  header.writeUInt32LE(128, 32);
  header.writeUInt16LE(1, 36);
  header.writeUInt16LE(3, 38);
  header.writeUInt16LE(HEADER, 40);
  header.writeUInt16LE(n, 42);
  header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
  const parts: Buffer[] = [header];
  for (let i = 0; i < n; i++) parts.push(chunks[i % chunks.length]!);
  const all = Buffer.concat(parts);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, all);
  return { bytes: statSync(path).size, chunks: n };
}
