/**
 * SQL literals for ClickHouse. ClickHouse 18.16 (the oldest release we support) has no query
 * parameters, so every value the store puts in SQL goes through here. Input: strings, numbers, lists.
 * Output: SQL literal text that ClickHouse parses back to exactly that value.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

/** A ClickHouse string literal: quotes and backslashes escaped, control characters as escapes. */
export function sqlString(s: string): string {
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 39) out += "\\'";
    else if (c === 92) out += "\\\\";
    else if (c < 32) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += s[i];
  }
  return `${out}'`;
}

/** A finite number as a SQL literal (E_STORE for NaN / ±Infinity, which no caller should pass). */
export function sqlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new MikiwameError("E_STORE", `not a finite number: ${n}`);
  // toFloat64 keeps a fractional value a Float64 (a bare literal may parse as Decimal on new releases)
  return Number.isInteger(n) ? String(n) : `toFloat64(${String(n)})`;
}

/** `(a, b, c)` of string literals. */
export function sqlStringList(values: readonly string[]): string {
  return `(${values.map(sqlString).join(", ")})`;
}

/** A quoted identifier (database, table, cluster names: checked by the URL parser, quoted anyway). */
export function sqlIdent(name: string): string {
  return `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}
