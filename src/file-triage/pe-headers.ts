/**
 * The headers of a PE (Portable Executable) file: DOS header → COFF file header → optional header
 * (PE32 or PE32+) → data directories → section table. Input: a ByteSource. Output: PeHeaders with the
 * offsets the Authenticode hash must skip, or a MikiwameError E_FILE_TRIAGE (with the offset) when the
 * headers are truncated or inconsistent.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { ByteSource } from "./byte-source.js";

/** Data directory indexes used here (PE/COFF spec, "Optional Header Data Directories"). */
export const DATA_DIRECTORY = { import: 1, resource: 2, security: 4 } as const;

/** At most this many sections are read (the loader allows 96). */
export const MAX_SECTIONS = 96;

const MACHINES: Readonly<Record<number, string>> = {
  332: "i386",
  34404: "amd64",
  452: "armnt",
  43620: "arm64",
  512: "ia64",
};

const SUBSYSTEMS: Readonly<Record<number, string>> = {
  1: "native",
  2: "windows-gui",
  3: "windows-cui",
  7: "posix-cui",
  9: "windows-ce-gui",
  10: "efi-application",
  11: "efi-boot-service-driver",
  12: "efi-runtime-driver",
  14: "xbox",
  16: "windows-boot-application",
};

const CHARACTERISTICS: readonly (readonly [number, string])[] = [
  [0x0001, "relocs-stripped"],
  [0x0002, "executable-image"],
  [0x0020, "large-address-aware"],
  [0x0100, "32bit-machine"],
  [0x0200, "debug-stripped"],
  [0x1000, "system"],
  [0x2000, "dll"],
];

/** One data directory entry (RVA, size); for `security` the address is a file offset. */
export interface DataDirectory {
  readonly address: number;
  readonly size: number;
}

/** One section header. */
export interface PeSection {
  readonly name: string;
  readonly virtualAddress: number;
  readonly virtualSize: number;
  readonly rawOffset: number;
  readonly rawSize: number;
  readonly characteristics: number;
}

/** What the headers say. */
export interface PeHeaders {
  readonly format: "PE32" | "PE32+";
  readonly machine: string;
  readonly characteristics: readonly string[];
  readonly isDll: boolean;
  readonly subsystem: string;
  /** COFF TimeDateStamp (seconds since 1970, as the linker wrote it; reproducible builds put a hash here) */
  readonly timestamp: number;
  readonly entryPoint: number;
  readonly sizeOfHeaders: number;
  readonly fileAlignment: number;
  /** File offset of the optional header's CheckSum field (skipped by the Authenticode hash) */
  readonly checksumOffset: number;
  /** File offset of the security (certificate table) data directory entry; -1 when absent */
  readonly securityEntryOffset: number;
  readonly directories: readonly DataDirectory[];
  readonly sections: readonly PeSection[];
}

function fail(file: string | undefined, offset: number, reason: string): never {
  throw new MikiwameError("E_FILE_TRIAGE", `PE header: ${reason}`, { file, offset });
}

/** Parses the PE headers; `file` is used in error locations only. */
export async function readPeHeaders(source: ByteSource, file?: string): Promise<PeHeaders> {
  const dos = await source.read(0, 0x40);
  if (dos.length < 0x40 || dos.toString("latin1", 0, 2) !== "MZ") fail(file, 0, "no MZ header");
  const peOffset = dos.readUInt32LE(0x3c);
  if (peOffset > source.size - 24) fail(file, 0x3c, `e_lfanew 0x${peOffset.toString(16)} is past the file`);
  const coff = await source.read(peOffset, 24);
  if (coff.length < 24 || coff.readUInt32BE(0) !== 0x50450000) fail(file, peOffset, "no PE signature");
  const machineCode = coff.readUInt16LE(4);
  const sectionCount = coff.readUInt16LE(6);
  const timestamp = coff.readUInt32LE(8);
  const optionalSize = coff.readUInt16LE(20);
  const characteristicsBits = coff.readUInt16LE(22);
  const optionalOffset = peOffset + 24;
  const opt = await source.read(optionalOffset, optionalSize);
  if (opt.length < optionalSize || optionalSize < 2) fail(file, optionalOffset, "optional header truncated");
  const magic = opt.readUInt16LE(0);
  if (magic !== 0x10b && magic !== 0x20b) {
    fail(file, optionalOffset, `unknown optional header magic 0x${magic.toString(16)}`);
  }
  const plus = magic === 0x20b;
  const directoriesAt = plus ? 112 : 96;
  if (optionalSize < directoriesAt) fail(file, optionalOffset, "optional header too short");
  const rvaCount = Math.min(opt.readUInt32LE(directoriesAt - 4), 16, (optionalSize - directoriesAt) >> 3);
  const directories: DataDirectory[] = [];
  for (let i = 0; i < rvaCount; i++) {
    const at = directoriesAt + i * 8;
    directories.push({ address: opt.readUInt32LE(at), size: opt.readUInt32LE(at + 4) });
  }
  if (sectionCount > MAX_SECTIONS)
    fail(file, peOffset + 6, `${sectionCount} sections (limit ${MAX_SECTIONS})`);
  const tableOffset = optionalOffset + optionalSize;
  const table = await source.read(tableOffset, sectionCount * 40);
  if (table.length < sectionCount * 40) fail(file, tableOffset, "section table truncated");
  const sections: PeSection[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const s = table.subarray(i * 40, i * 40 + 40);
    const rawName = s.subarray(0, 8);
    const nul = rawName.indexOf(0);
    sections.push({
      name: rawName.toString("latin1", 0, nul === -1 ? 8 : nul),
      virtualSize: s.readUInt32LE(8),
      virtualAddress: s.readUInt32LE(12),
      rawSize: s.readUInt32LE(16),
      rawOffset: s.readUInt32LE(20),
      characteristics: s.readUInt32LE(36),
    });
  }
  const subsystemCode = opt.readUInt16LE(68);
  return {
    format: plus ? "PE32+" : "PE32",
    machine: MACHINES[machineCode] ?? `0x${machineCode.toString(16).padStart(4, "0")}`,
    characteristics: CHARACTERISTICS.filter(([bit]) => (characteristicsBits & bit) !== 0).map(([, n]) => n),
    isDll: (characteristicsBits & 0x2000) !== 0,
    subsystem: SUBSYSTEMS[subsystemCode] ?? `unknown-${subsystemCode}`,
    timestamp,
    entryPoint: opt.readUInt32LE(16),
    sizeOfHeaders: opt.readUInt32LE(60),
    fileAlignment: opt.readUInt32LE(36),
    checksumOffset: optionalOffset + 64,
    securityEntryOffset: rvaCount > DATA_DIRECTORY.security ? optionalOffset + directoriesAt + 32 : -1,
    directories,
    sections,
  };
}

/** The file offset of `rva`, or undefined when no section (nor the headers) holds it. */
export function rvaToOffset(headers: PeHeaders, rva: number): number | undefined {
  if (rva < headers.sizeOfHeaders) return rva;
  for (const s of headers.sections) {
    const span = Math.max(s.virtualSize, s.rawSize);
    if (rva >= s.virtualAddress && rva < s.virtualAddress + span) {
      const delta = rva - s.virtualAddress;
      return delta < s.rawSize ? s.rawOffset + delta : undefined;
    }
  }
  return undefined;
}
