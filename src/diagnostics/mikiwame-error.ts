/**
 * The one error class of mikiwame: a stable code, a location and an optional cause.
 * Library code throws or returns these; only the CLI and the server turn them into output.
 */
import type { ErrorCode } from "./error-codes.js";
import { formatLocation, type Location } from "./location.js";

export class MikiwameError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;

  constructor(code: ErrorCode, message: string, location?: Location, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MikiwameError";
    this.code = code;
    this.location = location;
  }

  /** `E_EVTX_CHUNK file.evtx@0x11000 (chunk 0): bad signature` */
  describe(): string {
    const where = formatLocation(this.location);
    return `${this.code}${where ? ` ${where}` : ""}: ${this.message}`;
  }
}

/** Wraps anything thrown into a MikiwameError, keeping the original as the cause. */
export function toMikiwameError(e: unknown, code: ErrorCode, location?: Location): MikiwameError {
  if (e instanceof MikiwameError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MikiwameError(code, message, location, { cause: e });
}
