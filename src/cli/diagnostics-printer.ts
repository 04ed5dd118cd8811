/**
 * Prints a run's diagnostics on stderr. Input: the Diagnostics of the run and the verbosity.
 * Output: stderr lines. `--verbose`: every diagnostic as it is reported. Default: at the end, grouped by
 * code, the first few of each code and a count of the rest. `--quiet`: only a count line (never silent).
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { diagnosticLine, diagnosticsTotalLine, groupedDiagnosticLines } from "../outputs/diagnostics-text.js";

/** Diagnostics listed per code without --verbose. */
export const DIAGNOSTICS_PER_CODE = 10;

export interface PrinterMode {
  readonly verbose: boolean;
  readonly quiet: boolean;
}

export class DiagnosticsPrinter {
  constructor(
    private readonly writeLine: (line: string) => void,
    private readonly mode: PrinterMode,
  ) {}

  /** With --verbose, streams every diagnostic of `diagnostics` as it is reported. */
  attach(diagnostics: Diagnostics): void {
    if (this.mode.verbose) diagnostics.onReport((d) => this.writeLine(diagnosticLine(d)));
  }

  /**
   * The end-of-run output. `listedElsewhere`: the command's own report already lists the problems
   * (metrics), so only --quiet/--verbose count lines are printed.
   */
  finish(diagnostics: Diagnostics, listedElsewhere = false): void {
    diagnostics.onReport(undefined);
    if (diagnostics.total === 0) return;
    if (this.mode.verbose) this.writeLine(diagnosticsTotalLine(diagnostics));
    else if (this.mode.quiet) {
      this.writeLine(`${diagnosticsTotalLine(diagnostics)} (run without --quiet to see them)`);
    } else if (!listedElsewhere) {
      for (const line of groupedDiagnosticLines(diagnostics, DIAGNOSTICS_PER_CODE)) this.writeLine(line);
    }
  }
}
