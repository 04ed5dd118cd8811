/**
 * A collector of located problems. Readers and later stages report here instead of printing;
 * the CLI prints the summary. Every problem is counted; the first `keep` of each code are kept
 * with their full location so memory stays bounded on very broken input.
 */
import type { ErrorCode } from "./error-codes.js";
import { formatLocation, type Location } from "./location.js";
import { MikiwameError } from "./mikiwame-error.js";

export const SEVERITIES = ["error", "warning"] as const;
export type DiagnosticSeverity = (typeof SEVERITIES)[number];

export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  readonly code: ErrorCode;
  readonly message: string;
  readonly location: Location;
}

export class Diagnostics {
  private readonly kept: Diagnostic[] = [];
  private readonly keptPerCode = new Map<ErrorCode, number>();
  private readonly countPerCode = new Map<ErrorCode, number>();
  private errorCount = 0;
  private warningCount = 0;
  private listener: ((d: Diagnostic) => void) | undefined;

  constructor(private readonly keep = 200) {}

  report(severity: DiagnosticSeverity, code: ErrorCode, message: string, location: Location = {}): void {
    const d: Diagnostic = { severity, code, message, location };
    if (severity === "error") this.errorCount++;
    else this.warningCount++;
    this.countPerCode.set(code, (this.countPerCode.get(code) ?? 0) + 1);
    const k = this.keptPerCode.get(code) ?? 0;
    if (k < this.keep) {
      this.keptPerCode.set(code, k + 1);
      this.kept.push(d);
    }
    this.listener?.(d);
  }

  error(code: ErrorCode, message: string, location?: Location): void {
    this.report("error", code, message, location);
  }

  warn(code: ErrorCode, message: string, location?: Location): void {
    this.report("warning", code, message, location);
  }

  /** Records a thrown error (MikiwameError keeps its code and location). */
  fromError(e: unknown, fallbackCode: ErrorCode, location?: Location): void {
    if (e instanceof MikiwameError) this.error(e.code, e.message, { ...location, ...e.location });
    else this.error(fallbackCode, e instanceof Error ? e.message : String(e), location);
  }

  /** Called for each new diagnostic (e.g. to stream them to stderr). */
  onReport(listener: ((d: Diagnostic) => void) | undefined): void {
    this.listener = listener;
  }

  get errors(): number {
    return this.errorCount;
  }

  get warnings(): number {
    return this.warningCount;
  }

  get total(): number {
    return this.errorCount + this.warningCount;
  }

  /** Kept diagnostics, in the order reported. */
  list(): readonly Diagnostic[] {
    return this.kept;
  }

  /** Count per code, including those not kept. */
  counts(): ReadonlyMap<ErrorCode, number> {
    return this.countPerCode;
  }

  /** How many were counted but not kept. */
  get dropped(): number {
    return this.total - this.kept.length;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  return `${d.severity} ${d.code}${where ? ` ${where}` : ""}: ${d.message}`;
}
