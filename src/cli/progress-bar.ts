/**
 * The progress bar of long commands, on stderr, only when stderr is a terminal. Input: ReadProgress
 * updates from the pipeline. Output: one self-overwriting line
 * `[######------] 3/10 files  120.5/512.0 MB  45.2 MB/s  logs/sec.evtx`, redrawn at most 10 times a second.
 */
import type { ReadProgress } from "../readers/read-paths.js";
import { escapeTerminal } from "../outputs/terminal-escape.js";
import { truncateToWidth } from "../outputs/text-table.js";

const BAR_WIDTH = 20;
const REDRAW_MS = 100;
const MB = 1024 * 1024;

/** The progress line (without cursor control), at most `columns` wide. */
export function formatProgressLine(p: ReadProgress, elapsedMs: number, columns: number): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
  const rate = elapsedMs > 0 ? p.bytesDone / MB / (elapsedMs / 1000) : 0;
  const head = `${bar} ${p.filesDone}/${p.filesTotal} files  ${(p.bytesDone / MB).toFixed(1)}/${(p.bytesTotal / MB).toFixed(1)} MB  ${rate.toFixed(1)} MB/s  `;
  const room = columns - 1 - head.length;
  if (room < 8) return truncateToWidth(head.trimEnd(), Math.max(1, columns - 1));
  return head + truncateToWidth(escapeTerminal(p.file), room, "end");
}

export class ProgressBar {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Redraws the line (throttled). */
  update(p: ReadProgress): void {
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    const line = formatProgressLine(p, t - this.started, this.stream.columns || 80);
    this.stream.write(`\r${line}\x1b[K`);
    this.shown = true;
  }

  /** Erases the line (before other stderr output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write("\r\x1b[K");
    this.shown = false;
    this.lastDraw = Number.NEGATIVE_INFINITY;
  }
}
