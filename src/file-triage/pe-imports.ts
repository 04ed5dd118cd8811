/**
 * The import table of a PE file and its imphash. Input: a ByteSource and its PeHeaders. Output: the
 * imported DLLs with their functions (by name or ordinal) and the imphash — pefile's algorithm: each
 * import as `dll.func` lower-cased (the dll without a .dll/.ocx/.sys extension, an ordinal import as
 * `ordN`), joined with commas, MD5. pefile names ordinals of ws2_32/wsock32/oleaut32 from its own
 * tables; those are not reproduced here, so such files may get a different imphash (see
 * docs/file-triage.md).
 */
import { createHash } from "node:crypto";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { ByteSource } from "./byte-source.js";
import { DATA_DIRECTORY, type PeHeaders, rvaToOffset } from "./pe-headers.js";

/** Bounds on what an import table may claim. */
export const IMPORT_LIMITS = { dlls: 4096, functionsPerDll: 65536, nameLength: 512 } as const;

/** One imported function: by name (with its hint) or by ordinal. */
export type ImportedFunction =
  | { readonly kind: "name"; readonly name: string; readonly hint: number }
  | { readonly kind: "ordinal"; readonly ordinal: number };

/** One imported DLL. */
export interface ImportedDll {
  readonly dll: string;
  readonly functions: readonly ImportedFunction[];
}

/** The import table as read. */
export interface PeImports {
  readonly dlls: readonly ImportedDll[];
  /** MD5 hex of the normalised import list; undefined when nothing is imported */
  readonly imphash: string | undefined;
}

async function readCString(source: ByteSource, offset: number): Promise<string | undefined> {
  const bytes = await source.read(offset, IMPORT_LIMITS.nameLength);
  const nul = bytes.indexOf(0);
  return nul === -1 ? undefined : bytes.toString("latin1", 0, nul);
}

/** Computes the imphash of an import list (exported for tests against known values). */
export function computeImphash(dlls: readonly ImportedDll[]): string | undefined {
  const parts: string[] = [];
  for (const { dll, functions } of dlls) {
    const lower = dll.toLowerCase();
    const dot = lower.lastIndexOf(".");
    const ext = dot === -1 ? "" : lower.slice(dot + 1);
    const lib = ["ocx", "sys", "dll"].includes(ext) ? lower.slice(0, dot) : lower;
    for (const f of functions) {
      parts.push(`${lib}.${f.kind === "name" ? f.name.toLowerCase() : `ord${f.ordinal}`}`);
    }
  }
  return parts.length === 0 ? undefined : createHash("md5").update(parts.join(",")).digest("hex");
}

/** Reads the import table; a PE without one has no imports. Throws E_FILE_TRIAGE when it is broken. */
export async function readPeImports(
  source: ByteSource,
  headers: PeHeaders,
  file?: string,
): Promise<PeImports> {
  const dir = headers.directories[DATA_DIRECTORY.import];
  if (!dir || dir.address === 0) return { dlls: [], imphash: undefined };
  const plus = headers.format === "PE32+";
  const thunkSize = plus ? 8 : 4;
  const at = (rva: number, what: string): number => {
    const offset = rvaToOffset(headers, rva);
    if (offset === undefined) {
      throw new MikiwameError(
        "E_FILE_TRIAGE",
        `import table: ${what} RVA 0x${rva.toString(16)} is in no section`,
        {
          file,
        },
      );
    }
    return offset;
  };
  const tableOffset = at(dir.address, "import directory");
  const dlls: ImportedDll[] = [];
  for (let i = 0; i < IMPORT_LIMITS.dlls; i++) {
    const descriptorOffset = tableOffset + i * 20;
    const d = await source.read(descriptorOffset, 20);
    if (d.length < 20) {
      throw new MikiwameError("E_FILE_TRIAGE", "import table: descriptor truncated", {
        file,
        offset: descriptorOffset,
      });
    }
    const lookupRva = d.readUInt32LE(0) || d.readUInt32LE(16);
    const nameRva = d.readUInt32LE(12);
    if (lookupRva === 0 && nameRva === 0) break;
    const nameOffset = at(nameRva, "DLL name");
    const dll = await readCString(source, nameOffset);
    if (dll === undefined) {
      throw new MikiwameError("E_FILE_TRIAGE", "import table: DLL name not terminated", {
        file,
        offset: nameOffset,
      });
    }
    const functions: ImportedFunction[] = [];
    const thunkOffset = at(lookupRva, "import lookup table");
    for (let j = 0; j < IMPORT_LIMITS.functionsPerDll; j++) {
      const t = await source.read(thunkOffset + j * thunkSize, thunkSize);
      if (t.length < thunkSize) {
        throw new MikiwameError("E_FILE_TRIAGE", `import table: lookup table of ${dll} truncated`, {
          file,
          offset: thunkOffset + j * thunkSize,
        });
      }
      const value = plus ? t.readBigUInt64LE(0) : BigInt(t.readUInt32LE(0));
      if (value === 0n) break;
      const byOrdinal = plus ? value >> 63n === 1n : value >> 31n === 1n;
      if (byOrdinal) {
        functions.push({ kind: "ordinal", ordinal: Number(value & 0xffffn) });
        continue;
      }
      const hintOffset = at(Number(value & 0x7fffffffn), `function name of ${dll}`);
      const hint = await source.read(hintOffset, 2);
      const name = await readCString(source, hintOffset + 2);
      if (hint.length < 2 || name === undefined) {
        throw new MikiwameError("E_FILE_TRIAGE", `import table: function name of ${dll} not terminated`, {
          file,
          offset: hintOffset,
        });
      }
      functions.push({ kind: "name", name, hint: hint.readUInt16LE(0) });
    }
    dlls.push({ dll, functions });
  }
  return { dlls, imphash: computeImphash(dlls) };
}
