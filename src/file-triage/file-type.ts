/**
 * The type of a collected file by its first bytes (magic), not by its name. Input: the first bytes of
 * the file (at least 8; 512 recognises more). Output: one of FILE_TYPES.
 */

/** Every type `detectFileType` can answer. */
export const FILE_TYPES = [
  "pe",
  "mz-dos",
  "elf",
  "mach-o",
  "mach-o-universal",
  "zip",
  "ooxml",
  "ole-compound",
  "pdf",
  "rtf",
  "script-shebang",
  "gzip",
  "7z",
  "rar",
  "lnk",
  "empty",
  "unknown",
] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** Types that run as programs (used by the name checks and the verdict). */
export const EXECUTABLE_TYPES: ReadonlySet<FileType> = new Set([
  "pe",
  "mz-dos",
  "elf",
  "mach-o",
  "mach-o-universal",
  "script-shebang",
  "lnk",
]);

const MACHO_MAGICS: ReadonlySet<number> = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe]);
const LNK_HEADER = Buffer.from("4c0000000114020000000000c000000000000046", "hex");

function startsWith(head: Buffer, text: string | Buffer): boolean {
  const magic = typeof text === "string" ? Buffer.from(text, "latin1") : text;
  return head.length >= magic.length && head.subarray(0, magic.length).equals(magic);
}

/** True when the MZ header's e_lfanew points at "PE\0\0" inside `head`. */
function hasPeSignature(head: Buffer): boolean {
  if (head.length < 0x40) return false;
  const lfanew = head.readUInt32LE(0x3c);
  return lfanew + 4 <= head.length && head.readUInt32BE(lfanew) === 0x50450000;
}

/**
 * Detects the type from `head`, the first bytes of the file. A ZIP is `ooxml` when its first entry is
 * `[Content_Types].xml` (how Office writes them). `pe` needs the PE signature inside `head`: pass at
 * least 1 KiB (or the whole header) for e_lfanew values up to that.
 */
export function detectFileType(head: Buffer): FileType {
  if (head.length === 0) return "empty";
  if (startsWith(head, "MZ")) return hasPeSignature(head) ? "pe" : "mz-dos";
  if (startsWith(head, "\x7fELF")) return "elf";
  if (head.length >= 4 && MACHO_MAGICS.has(head.readUInt32BE(0))) return "mach-o";
  // 0xcafebabe is also a Java class file; universal binaries have few architectures, classes a high version
  if (head.length >= 8 && head.readUInt32BE(0) === 0xcafebabe && head.readUInt32BE(4) < 32) {
    return "mach-o-universal";
  }
  if (startsWith(head, "PK\x03\x04")) {
    const nameLength = head.length >= 30 ? head.readUInt16LE(26) : 0;
    const name = head.subarray(30, 30 + nameLength).toString("latin1");
    return name === "[Content_Types].xml" ? "ooxml" : "zip";
  }
  if (startsWith(head, Buffer.from("d0cf11e0a1b11ae1", "hex"))) return "ole-compound";
  if (startsWith(head, "%PDF-")) return "pdf";
  if (startsWith(head, "{\\rtf")) return "rtf";
  if (startsWith(head, "#!")) return "script-shebang";
  if (startsWith(head, Buffer.from([0x1f, 0x8b]))) return "gzip";
  if (startsWith(head, Buffer.from("377abcaf271c", "hex"))) return "7z";
  if (startsWith(head, "Rar!\x1a\x07")) return "rar";
  if (startsWith(head, LNK_HEADER)) return "lnk";
  return "unknown";
}
