/**
 * Option parsers shared by several commands. Input: option text from argv. Output: a typed value, or a
 * commander InvalidArgumentError (a usage error, exit code 2) naming what is accepted.
 */
import { InvalidArgumentError } from "commander";
import { isValidTimeZone } from "../config/config.js";

/** Largest `--top`. */
export const MAX_TOP = 1000;

/** `--top <n>`: a whole number from 1 to MAX_TOP. */
export function parseTop(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_TOP) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_TOP}`);
  }
  return n;
}

/** `--timezone <tz>`: UTC, local or an IANA name. */
export function parseTimeZone(value: string): string {
  if (!isValidTimeZone(value)) {
    throw new InvalidArgumentError("expected UTC, local or an IANA time zone name such as Asia/Tokyo");
  }
  return value;
}
