/**
 * Splits one CSV line into cells: a separator (comma by default), double-quoted cells that may hold
 * the separator, `""` as an escaped quote. At most `maxCells` cells are returned.
 * Input: a line. Output: its cells (trimmed).
 */

/** Most cells read from one line. */
export const MAX_CSV_CELLS = 64;

/** The cells of `line`. */
export function csvCells(line: string, separator = ",", maxCells = MAX_CSV_CELLS): string[] {
  const out: string[] = [];
  let i = 0;
  // bounded: each step advances i by at least one character
  while (i <= line.length && out.length < maxCells) {
    let cell = "";
    while (line[i] === " ") i++;
    if (line[i] === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= line.length) break;
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            cell += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        cell += line[j];
        j++;
      }
      const next = line.indexOf(separator, j);
      i = next < 0 ? line.length + 1 : next + 1;
    } else {
      const next = line.indexOf(separator, i);
      cell = next < 0 ? line.slice(i) : line.slice(i, next);
      i = next < 0 ? line.length + 1 : next + 1;
    }
    out.push(cell.trim());
  }
  return out;
}
