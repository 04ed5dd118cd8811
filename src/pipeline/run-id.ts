/**
 * Run ids for analyses written to the store (`analyze --save`, the server's runs): `R-<UTC time>-<6 hex>`,
 * ordered by time and unique. Input: the time. Output: the id.
 */
import { randomBytes } from "node:crypto";

/** A new run id: time-ordered, unique. */
export function newRunId(now = new Date()): string {
  return `R-${now.toISOString().replace(/[-:.]/g, "")}-${randomBytes(3).toString("hex")}`;
}
