/**
 * A titled table of cells, used for the incident's hosts, files, persistence, destinations and users.
 * Empty tables are left out; long ones show their first rows and the rest on demand.
 * Input: a title, column names and rows of cells. Output: a section.
 */
import { type ReactNode, useState } from "react";
import { useI18n } from "../i18n/i18n-context.js";

/** Rows shown before "show all". */
const FIRST_ROWS = 15;
/** At most this many rows are drawn per table. */
const MAX_ROWS = 2000;

export function SimpleTable({
  title,
  columns,
  rows,
  testId,
}: {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly key: string; readonly cells: readonly ReactNode[] }[];
  readonly testId?: string;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  if (rows.length === 0) return null;
  return (
    <div className="table-block">
      <h3>
        {title} <span className="muted small">({rows.length})</span>
      </h3>
      <div className="table-scroll">
        <table className="data" data-testid={testId}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, all ? MAX_ROWS : FIRST_ROWS).map((r) => (
              <tr key={r.key}>
                {r.cells.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional columns
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > FIRST_ROWS ? (
        <button type="button" onClick={() => setAll(!all)}>
          {all ? t("common.showFewer") : t("common.showAll", { n: rows.length })}
        </button>
      ) : null}
    </div>
  );
}
