/**
 * Triage of one collected file: hashes, type by magic, name checks and, for a PE, headers, sections
 * with entropy, imports and imphash, version info and the Authenticode signature, the file's reputation
 * (when sources are given: see file-reputation.ts), then a verdict.
 * Input: a path, the run's Diagnostics, options. Output: a FileReport. The file is read through a handle in
 * bounded pieces, never whole. A broken part (imports, resources, signature) is reported to the
 * Diagnostics with its location (E_FILE_TRIAGE) and left out; the rest is still triaged. An unreadable
 * file is reported as E_IO and gives undefined.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { AuthenticodeResult } from "./authenticode-signature.js";
import { verifyAuthenticode } from "./authenticode-signature.js";
import { type ByteSource, fileByteSource, forEachChunk } from "./byte-source.js";
import { checkFileReputation, type FileReputation, type FileReputationSources } from "./file-reputation.js";
import { decideFileVerdict, type VerdictResult } from "./file-verdict.js";
import { detectFileType, type FileType } from "./file-type.js";
import { checkFileName, type NameFinding } from "./name-checks.js";
import { type PeHeaders, readPeHeaders } from "./pe-headers.js";
import { type ImportedDll, readPeImports } from "./pe-imports.js";
import { readPeVersionInfo, type VersionInfo } from "./pe-version-info.js";
import { type PeSectionReport, reportSection } from "./section-report.js";

/** The PE part of a report. */
export interface PeReport {
  readonly format: PeHeaders["format"];
  readonly machine: string;
  readonly subsystem: string;
  readonly characteristics: readonly string[];
  readonly isDll: boolean;
  /** The COFF timestamp as ISO 8601 (may be a reproducible-build hash rather than a date) */
  readonly compileTime: string;
  readonly entryPoint: number;
  readonly sections: readonly PeSectionReport[];
  readonly imports: readonly ImportedDll[];
  readonly imphash: string | undefined;
  readonly versionInfo: VersionInfo | undefined;
  readonly signature: AuthenticodeResult;
}

/** Everything triage found about one file. */
export interface FileReport {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly type: FileType;
  readonly nameFindings: readonly NameFinding[];
  readonly pe: PeReport | undefined;
  /** Absent when triage was run without reputation sources */
  readonly reputation?: FileReputation;
  readonly verdict: VerdictResult;
}

/** Options of `triageFile`. */
export interface TriageOptions {
  /** Where to look the file's hashes up; without it the report has no reputation part */
  readonly reputation?: FileReputationSources;
}

async function hashAll(source: ByteSource) {
  const md5 = createHash("md5");
  const sha1 = createHash("sha1");
  const sha256 = createHash("sha256");
  await forEachChunk(source, 0, source.size, (c) => {
    md5.update(c);
    sha1.update(c);
    sha256.update(c);
  });
  return { md5: md5.digest("hex"), sha1: sha1.digest("hex"), sha256: sha256.digest("hex") };
}

/** Runs `read`; on failure reports it (located at `file`) and returns `fallback`. */
async function part<T>(
  diagnostics: Diagnostics,
  file: string,
  fallback: T,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (e) {
    diagnostics.fromError(e, "E_FILE_TRIAGE", { file });
    return fallback;
  }
}

async function triagePe(
  source: ByteSource,
  path: string,
  diagnostics: Diagnostics,
): Promise<{ pe: PeReport | undefined; problems: number }> {
  const before = diagnostics.total;
  let headers: PeHeaders;
  try {
    headers = await readPeHeaders(source, path);
  } catch (e) {
    diagnostics.fromError(e, "E_FILE_TRIAGE", { file: path });
    return { pe: undefined, problems: 1 };
  }
  const sections: PeSectionReport[] = [];
  for (const s of headers.sections) sections.push(await reportSection(source, s));
  const imports = await part(diagnostics, path, { dlls: [], imphash: undefined }, () =>
    readPeImports(source, headers, path),
  );
  const versionInfo = await part(diagnostics, path, undefined, () =>
    readPeVersionInfo(source, headers, path),
  );
  const signature = await part<AuthenticodeResult>(
    diagnostics,
    path,
    { status: "malformed", reason: "certificate table unreadable" },
    () => verifyAuthenticode(source, headers, path),
  );
  if (signature.status === "malformed") {
    diagnostics.warn("E_FILE_TRIAGE", `Authenticode signature: ${signature.reason}`, {
      file: path,
      offset: headers.securityEntryOffset,
    });
  }
  return {
    pe: {
      format: headers.format,
      machine: headers.machine,
      subsystem: headers.subsystem,
      characteristics: headers.characteristics,
      isDll: headers.isDll,
      compileTime: new Date(headers.timestamp * 1000).toISOString(),
      entryPoint: headers.entryPoint,
      sections,
      imports: imports.dlls,
      imphash: imports.imphash,
      versionInfo,
      signature,
    },
    problems: diagnostics.total - before,
  };
}

/** Triage of the file at `path`; undefined (with an E_IO diagnostic) when it cannot be read. */
export async function triageFile(
  path: string,
  diagnostics: Diagnostics,
  options: TriageOptions = {},
): Promise<FileReport | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (e) {
    diagnostics.error("E_IO", `cannot open: ${e instanceof Error ? e.message : String(e)}`, { file: path });
    return undefined;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new MikiwameError("E_IO", "not a regular file", { file: path });
    const source = fileByteSource(handle, stat.size);
    const hashes = await hashAll(source);
    const type = detectFileType(await source.read(0, 4096));
    const name = basename(path);
    const nameFindings = checkFileName(name, type);
    const { pe, problems } =
      type === "pe" ? await triagePe(source, path, diagnostics) : { pe: undefined, problems: 0 };
    const reputation = options.reputation
      ? await checkFileReputation(
          { ...hashes, imphash: pe?.imphash, signature: pe?.signature },
          options.reputation,
        )
      : undefined;
    const verdict = decideFileVerdict({
      type,
      nameFindings,
      versionInfo: pe?.versionInfo,
      sections: pe?.sections ?? [],
      signature: pe?.signature,
      problems,
      reputation,
    });
    return {
      path,
      name,
      size: stat.size,
      ...hashes,
      type,
      nameFindings,
      pe,
      ...(reputation !== undefined && { reputation }),
      verdict,
    };
  } catch (e) {
    diagnostics.fromError(e, "E_IO", { file: path });
    return undefined;
  } finally {
    await handle.close();
  }
}
