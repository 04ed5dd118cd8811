/**
 * Checks of the paging arguments every store back end takes. Input: a caller's limit / offset (which
 * may come from an HTTP query string). Output: a safe whole number to put in SQL, or E_STORE.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** `limit` (or `fallback` when undefined), checked to be a whole number from 0 to `max`. */
export function checkedLimit(limit: number | undefined, fallback: number, max: number): number {
  const n = limit ?? fallback;
  if (!Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new MikiwameError("E_STORE", `limit must be a whole number from 0 to ${max} (got ${n})`);
  }
  return n;
}

/** `offset` (default 0), checked to be a whole number ≥ 0. */
export function checkedOffset(offset: number | undefined): number {
  const n = offset ?? 0;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new MikiwameError("E_STORE", `offset must be a whole number ≥ 0 (got ${n})`);
  }
  return n;
}
