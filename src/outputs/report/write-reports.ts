/**
 * Writes the analyst reports into one directory: report.html, report.md, summary.ja.md, summary.en.md,
 * incidents.json and timeline.csv (fixed names). Input: the directory, a ReportInput, and optionally the
 * kinds to write. Output: the paths written, in REPORT_KINDS order. The directory is created if needed.
 * A report path that already exists as a symbolic link (or as anything but a regular file) is refused
 * (E_OUTPUT): nothing is ever written through a link out of the directory. Each file is written to a new
 * temporary file in the directory (exclusive create) and renamed into place, so a reader never sees half
 * a report and a link planted after the check is replaced, not followed. timeline.csv is streamed.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { MikiwameError, toMikiwameError } from "../../diagnostics/mikiwame-error.js";
import { renderIncidentsJson } from "./incidents-json.js";
import { renderManagementSummaryMarkdown } from "./management-summary.js";
import { renderReportHtml } from "./report-html.js";
import type { ReportInput } from "./report-input.js";
import { renderReportMarkdown } from "./report-markdown.js";
import { timelineCsvLines } from "./timeline-csv.js";

/** The files writeReports produces. */
export const REPORT_KINDS = [
  "html",
  "markdown",
  "summary-ja",
  "summary-en",
  "incidents-json",
  "timeline-csv",
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The fixed file name of each report. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportKind, string>> = {
  html: "report.html",
  markdown: "report.md",
  "summary-ja": "summary.ja.md",
  "summary-en": "summary.en.md",
  "incidents-json": "incidents.json",
  "timeline-csv": "timeline.csv",
};

/** A file writeReports wrote. */
export interface WrittenReport {
  readonly path: string;
  readonly kind: ReportKind;
}

/** What writeReports writes (default: every report). */
export interface WriteReportsOptions {
  /** Only these reports (default: all) */
  readonly kinds?: readonly ReportKind[];
}

/** Bytes gathered before one write to the file when streaming. */
const WRITE_BATCH = 64 * 1024;

function content(kind: Exclude<ReportKind, "timeline-csv">, input: ReportInput): string {
  switch (kind) {
    case "html":
      return renderReportHtml(input);
    case "markdown":
      return renderReportMarkdown(input);
    case "summary-ja":
      return renderManagementSummaryMarkdown(input, "ja");
    case "summary-en":
      return renderManagementSummaryMarkdown(input, "en");
    case "incidents-json":
      return renderIncidentsJson(input);
  }
}

/** Refuses a target that exists as anything but a regular file (a symlink above all). */
async function checkTarget(path: string): Promise<void> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw toMikiwameError(e, "E_OUTPUT", { file: path });
  }
  if (info.isSymbolicLink())
    throw new MikiwameError(
      "E_OUTPUT",
      "refusing to write a report through a symbolic link: remove the link or choose another output directory",
      { file: path },
    );
  if (!info.isFile())
    throw new MikiwameError(
      "E_OUTPUT",
      "a report path exists and is not a regular file: remove it or choose another output directory",
      {
        file: path,
      },
    );
}

/** Writes `chunks` to a fresh temporary file in `dir`, then renames it to `path`. */
async function writeAtomically(dir: string, path: string, chunks: Iterable<string>): Promise<void> {
  const temp = join(dir, `.mikiwame-${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      let batch = "";
      for (const chunk of chunks) {
        batch += chunk;
        if (batch.length >= WRITE_BATCH) {
          await handle.write(batch);
          batch = "";
        }
      }
      if (batch !== "") await handle.write(batch);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw toMikiwameError(e, "E_OUTPUT", { file: path });
  }
}

/** Creates `dir` and writes the reports of `input` into it; returns what was written. */
export async function writeReports(
  dir: string,
  input: ReportInput,
  options: WriteReportsOptions = {},
): Promise<WrittenReport[]> {
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) throw new Error("not a directory");
  } catch (e) {
    throw toMikiwameError(e, "E_OUTPUT", { file: dir });
  }
  const wanted = new Set(options.kinds ?? REPORT_KINDS);
  const written: WrittenReport[] = [];
  for (const kind of REPORT_KINDS) {
    if (!wanted.has(kind)) continue;
    const path = join(dir, REPORT_FILE_NAMES[kind]);
    await checkTarget(path);
    const chunks = kind === "timeline-csv" ? timelineCsvLines(input) : [content(kind, input)];
    await writeAtomically(dir, path, chunks);
    written.push({ path, kind });
  }
  return written;
}
