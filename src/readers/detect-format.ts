/**
 * Format detection by content. Input: a file path. Output: the SourceFormat whose reader should read
 * it, or undefined when the content matches none. Looks at the first 16 KiB (gunzipped when the
 * file starts with the gzip magic bytes, decoded when it starts with a UTF-16LE byte-order mark):
 * EVTX (`ElfFile\0`, or `ElfChnk\0` at 4096 for a file whose header is damaged but whose first chunk
 * is fine), Zeek TSV (`#separator` / `#fields` in the head, also after a btest banner, or a one-line
 * column-names header), Zeek JSON (the first object has `_path` / `@stream`, or `ts` with `uid` or
 * `id.orig_h`-style keys, or follows a btest banner), JSON (starts with `{` or `[`). The file name
 * only breaks ties: an empty file (or a banner alone), or a JSON object with a `ts` but no other
 * Zeek key. Unreadable content gives undefined; only
 * a file that cannot be opened throws (MikiwameError E_IO).
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { TextDecoder } from "node:util";
import { constants, gunzipSync } from "node:zlib";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { SourceFormat } from "../events/provenance.js";
import { BTEST_BANNER, looksLikeFieldNames } from "./zeek/zeek-header.js";
import { ZEEK_LOG_PATHS } from "./zeek/zeek-log-path.js";

/** How many bytes of the file (and of its gunzipped content) are looked at. */
export const DETECT_HEAD_BYTES = 16 * 1024;

const EVTX_FILE_MAGIC = Buffer.from("ElfFile\0", "latin1");
const EVTX_CHUNK_MAGIC = Buffer.from("ElfChnk\0", "latin1");
const EVTX_FIRST_CHUNK_OFFSET = 4096;

async function readHead(file: string): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    if ((await stat(file)).isDirectory())
      throw new MikiwameError("E_IO", "is a directory, not a file", { file });
    fh = await open(file, "r");
  } catch (e) {
    if (e instanceof MikiwameError) throw e;
    throw new MikiwameError(
      "E_IO",
      `cannot open: ${e instanceof Error ? e.message : String(e)}`,
      { file },
      { cause: e },
    );
  }
  try {
    const buf = Buffer.alloc(DETECT_HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    // Opened but not readable as bytes: there is no content to recognise.
    return Buffer.alloc(0);
  } finally {
    await fh.close();
  }
}

function gunzipHead(head: Buffer): Buffer | undefined {
  try {
    // A whole (small) file decompresses normally, even to nothing.
    return gunzipSync(head).subarray(0, DETECT_HEAD_BYTES);
  } catch {
    // The head of a bigger file: SYNC_FLUSH returns what it decompresses to instead of failing.
  }
  try {
    const out = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    return out.length > 0 ? out.subarray(0, DETECT_HEAD_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

function isEvtx(head: Buffer): boolean {
  if (head.subarray(0, 8).equals(EVTX_FILE_MAGIC)) return true;
  return head.subarray(EVTX_FIRST_CHUNK_OFFSET, EVTX_FIRST_CHUNK_OFFSET + 8).equals(EVTX_CHUNK_MAGIC);
}

function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le").decode(head);
  // A lone surrogate or cut multibyte character at the end does not matter here.
  return head.toString("utf8").replace(/^\uFEFF/, "");
}

/** Looks like text, not binary: no NUL bytes and few control characters in the head. */
function isText(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control <= text.length / 100;
}

function isZeekTsv(text: string, afterBanner: boolean): boolean {
  if (/^#(?:separator |fields\t)/m.test(text)) return true;
  const lines = text.split("\n", 2);
  // Only a complete line can be judged as a column-names header.
  return lines.length > 1 && looksLikeFieldNames(lines[0].replace(/\r$/, ""), afterBanner);
}

/** The text after a btest banner line (Zeek's test baselines start with one), and whether there was one. */
function withoutBanner(text: string): { text: string; banner: boolean } {
  if (!text.startsWith(BTEST_BANNER)) return { text, banner: false };
  const nl = text.indexOf("\n");
  return { text: nl === -1 ? "" : text.slice(nl + 1), banner: true };
}

const ZEEK_JSON_PATH_KEY = /"(?:_path|@stream)"\s*:\s*"/;
const TS_KEY = /"ts"\s*:/;
const CONNECTION_KEY = /"(?:uid|id[._]orig_h|id[._]resp_h|fuid)"\s*:/;

const ZEEK_NAME_HINT = new RegExp(`(?:^|[_.-])(?:${ZEEK_LOG_PATHS.join("|")})(?:[_.-]|$)`);

function zeekByName(file: string): boolean {
  const name = basename(file).toLowerCase();
  return /\.log(?:\.gz)?$/.test(name) || /\.labeled$/.test(name) || ZEEK_NAME_HINT.test(name.split(".")[0]);
}

/** JSON → zeek or json: decided by the keys of the first object (its first line), the name breaking ties. */
function jsonKind(text: string, file: string): SourceFormat {
  const firstLine = text.split("\n", 1)[0];
  if (!firstLine.trimStart().startsWith("{")) return "json";
  if (ZEEK_JSON_PATH_KEY.test(firstLine)) return "zeek";
  if (!TS_KEY.test(firstLine)) return "json";
  if (CONNECTION_KEY.test(firstLine)) return "zeek";
  return zeekByName(file) ? "zeek" : "json";
}

function formatByExtension(file: string): SourceFormat | undefined {
  const name = basename(file).toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".evtx")) return "evtx";
  if (/\.(?:json|jsonl|ndjson)$/.test(name)) return "json";
  if (name.endsWith(".log") || name.endsWith(".labeled")) return "zeek";
  return undefined;
}

/**
 * The format of `file` from its content, or undefined when it matches none. Throws MikiwameError
 * (E_IO) only when the file cannot be opened.
 */
export async function detectFormat(file: string): Promise<SourceFormat | undefined> {
  let head = await readHead(file);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const inflated = gunzipHead(head);
    if (inflated === undefined) return undefined;
    head = inflated;
  }
  if (isEvtx(head)) return "evtx";
  const { text, banner } = withoutBanner(headText(head));
  if (text.trim() === "") return formatByExtension(file);
  if (!isText(text)) return undefined;
  if (isZeekTsv(text, banner)) return "zeek";
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return banner ? "zeek" : jsonKind(start, file);
  return undefined;
}
