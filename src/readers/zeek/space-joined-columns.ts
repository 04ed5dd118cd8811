/**
 * Columns joined by runs of spaces inside one tab-separated cell. Some labeled Zeek logs were made
 * by appending columns with spaces instead of tabs (Stratosphere's IoT-23 `conn.log.labeled`:
 * `tunnel_parents   label   detailedlabel` in `#fields`, `(empty)   Malicious   C&C` in rows).
 * Input: the cells of a `#fields` / `#types` line, then the cells of each row. Output: the columns
 * as if they had been tab-separated. Logs whose header cells hold no such run are left untouched.
 */

const SPACE_RUN = / {2,}/;

/** How many columns each header cell holds; only present when some cell holds more than one. */
export interface SpaceJoinedLayout {
  /** Number of tab-separated cells of the header (and of a row written the same way) */
  readonly cells: number;
  /** Columns per cell */
  readonly parts: readonly number[];
}

/**
 * Splits header cells that join several names with spaces; `layout` is undefined when none does.
 * Stops once more than `maxNames` names are found (the caller refuses such a header).
 */
export function splitSpaceJoinedHeader(
  cells: readonly string[],
  maxNames = 0xfffffffe,
): {
  names: string[];
  layout: SpaceJoinedLayout | undefined;
} {
  if (!cells.some((c) => SPACE_RUN.test(c))) return { names: [...cells], layout: undefined };
  const names: string[] = [];
  const parts: number[] = [];
  for (const cell of cells) {
    // bounded: a cell never yields more names than the limit allows (the caller refuses more);
    // split() takes its limit as a uint32, hence the default just under 2^32
    const split = cell.trim().split(SPACE_RUN, maxNames - names.length + 1);
    for (const name of split) names.push(name);
    parts.push(split.length);
    if (names.length > maxNames) break;
  }
  return { names, layout: { cells: cells.length, parts } };
}

/** Splits a row written like its header; undefined when the row does not fit the layout. */
export function expandSpaceJoinedRow(
  cells: readonly string[],
  layout: SpaceJoinedLayout,
): string[] | undefined {
  if (cells.length !== layout.cells) return undefined;
  const out: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (layout.parts[i] === 1) {
      out.push(cells[i]);
      continue;
    }
    const split = cells[i].trim().split(SPACE_RUN, layout.parts[i] + 1);
    if (split.length !== layout.parts[i]) return undefined;
    out.push(...split);
  }
  return out;
}
