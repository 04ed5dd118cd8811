/**
 * The version-information resource of a PE file (RT_VERSION → VS_VERSIONINFO → StringFileInfo). Input:
 * a ByteSource and its PeHeaders. Output: the strings of the first string table (CompanyName,
 * ProductName, OriginalFilename, FileDescription, FileVersion, …), or undefined when the file has none;
 * E_FILE_TRIAGE when the resource tree or the block structure is out of bounds.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { ByteSource } from "./byte-source.js";
import { DATA_DIRECTORY, type PeHeaders, rvaToOffset } from "./pe-headers.js";

/** The version strings analysts look at first. */
export const VERSION_KEYS = [
  "CompanyName",
  "ProductName",
  "OriginalFilename",
  "FileDescription",
  "FileVersion",
  "InternalName",
  "LegalCopyright",
] as const;
export type VersionKey = (typeof VERSION_KEYS)[number];

/** Every string of the first string table (key → value), keys as written in the file. */
export type VersionInfo = Readonly<Record<string, string>>;

const RT_VERSION = 16;
const MAX_ENTRIES = 256;
const MAX_VERSION_SIZE = 64 * 1024;
const MAX_DEPTH = 4;

interface Block {
  readonly key: string;
  readonly value: Buffer;
  readonly textValue: boolean;
  readonly children: readonly Block[];
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Parses one VS_VERSIONINFO-style block at `start` of `buf` (offsets relative to the resource). */
function parseBlock(buf: Buffer, start: number, depth: number): Block {
  if (start + 6 > buf.length) throw new RangeError(`block header at +${start} past the resource`);
  const length = buf.readUInt16LE(start);
  const valueLength = buf.readUInt16LE(start + 2);
  const textValue = buf.readUInt16LE(start + 4) === 1;
  const end = Math.min(start + length, buf.length);
  if (length < 6) throw new RangeError(`block at +${start} has length ${length}`);
  let p = start + 6;
  let key = "";
  while (p + 1 < end) {
    const c = buf.readUInt16LE(p);
    p += 2;
    if (c === 0) break;
    key += String.fromCharCode(c);
  }
  p = align4(p);
  const valueBytes = textValue ? valueLength * 2 : valueLength;
  const value = buf.subarray(Math.min(p, end), Math.min(p + valueBytes, end));
  p = align4(p + valueBytes);
  const children: Block[] = [];
  if (depth < MAX_DEPTH) {
    for (let i = 0; i < MAX_ENTRIES && p + 6 <= end; i++) {
      const child = parseBlock(buf, p, depth + 1);
      children.push(child);
      const childLength = buf.readUInt16LE(p);
      p = align4(p + childLength);
    }
  }
  return { key, value, textValue, children };
}

function textOf(value: Buffer): string {
  const s = value.toString("utf16le");
  const nul = s.indexOf("\0");
  return nul === -1 ? s : s.slice(0, nul);
}

/** Finds the data entry of the first RT_VERSION resource: type → name → language (each the first id). */
async function findVersionData(
  source: ByteSource,
  headers: PeHeaders,
  file: string | undefined,
): Promise<{ offset: number; size: number } | undefined> {
  const dir = headers.directories[DATA_DIRECTORY.resource];
  if (!dir || dir.address === 0) return undefined;
  const base = rvaToOffset(headers, dir.address);
  if (base === undefined) {
    throw new MikiwameError("E_FILE_TRIAGE", "resource directory is in no section", { file });
  }
  let offset = base;
  for (let level = 0; level < 3; level++) {
    const head = await source.read(offset, 16);
    if (head.length < 16)
      throw new MikiwameError("E_FILE_TRIAGE", "resource directory truncated", { file, offset });
    const count = Math.min(head.readUInt16LE(12) + head.readUInt16LE(14), MAX_ENTRIES);
    const entries = await source.read(offset + 16, count * 8);
    let next: number | undefined;
    for (let i = 0; i + 8 <= entries.length; i++) {
      if (i >= count) break;
      const id = entries.readUInt32LE(i * 8);
      const target = entries.readUInt32LE(i * 8 + 4);
      if (level === 0 && id !== RT_VERSION) continue;
      next = target;
      break;
    }
    if (next === undefined) return undefined;
    const isDirectory = (next & 0x80000000) !== 0;
    offset = base + (next & 0x7fffffff);
    if (level < 2 && !isDirectory) return undefined;
  }
  const entry = await source.read(offset, 16);
  if (entry.length < 16)
    throw new MikiwameError("E_FILE_TRIAGE", "resource data entry truncated", { file, offset });
  const dataOffset = rvaToOffset(headers, entry.readUInt32LE(0));
  if (dataOffset === undefined) {
    throw new MikiwameError("E_FILE_TRIAGE", "version resource data is in no section", { file, offset });
  }
  return { offset: dataOffset, size: Math.min(entry.readUInt32LE(4), MAX_VERSION_SIZE) };
}

/** Reads the version strings; undefined when the file has no version resource. */
export async function readPeVersionInfo(
  source: ByteSource,
  headers: PeHeaders,
  file?: string,
): Promise<VersionInfo | undefined> {
  const data = await findVersionData(source, headers, file);
  if (data === undefined) return undefined;
  const buf = await source.read(data.offset, data.size);
  let root: Block;
  try {
    root = parseBlock(buf, 0, 0);
  } catch (e) {
    throw new MikiwameError(
      "E_FILE_TRIAGE",
      `version resource: ${e instanceof Error ? e.message : String(e)}`,
      {
        file,
        offset: data.offset,
      },
    );
  }
  if (root.key !== "VS_VERSION_INFO") {
    throw new MikiwameError("E_FILE_TRIAGE", `version resource: key "${root.key}" is not VS_VERSION_INFO`, {
      file,
      offset: data.offset,
    });
  }
  const strings: Record<string, string> = {};
  const table = root.children.find((c) => c.key === "StringFileInfo")?.children[0];
  for (const s of table?.children ?? []) strings[s.key] = textOf(s.value);
  return strings;
}
