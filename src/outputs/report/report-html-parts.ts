/**
 * Small markup pieces the HTML report repeats: tables, verdict badges, severity words, the kill-chain bar,
 * times, code values and the collapsible section. Input: plain values and the labels. Output: SafeHtml,
 * built only with the `html` template (escape-html.ts), so every value is escaped.
 */
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import type { Verdict } from "../../incidents/verdict.js";
import { type HtmlValue, html, type SafeHtml } from "./escape-html.js";
import type { ReportLabels } from "./report-labels.js";
import { MAX_TABLE_ROWS, omittedNote, type StageStatus } from "./report-model.js";

/** A table; an empty row list shows one "none" row; past MAX_TABLE_ROWS, one row counts the rest. */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly HtmlValue[])[],
  none: string,
): SafeHtml {
  const head = html`<thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>`;
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const body =
    rows.length === 0
      ? html`<tr><td colspan="${headers.length}" class="muted">${none}</td></tr>`
      : shown.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`);
  const more =
    rows.length > shown.length
      ? html`<tr><td colspan="${headers.length}" class="muted">${omittedNote(rows.length - shown.length)}</td></tr>`
      : "";
  return html`<table>${head}<tbody>${body}${more}</tbody></table>`;
}

/** A collapsible section, open by default (closed sections would not print). */
export function htmlSection(title: string, body: HtmlValue): SafeHtml {
  return html`<details class="sec" open><summary><h3>${title}</h3></summary>${body}</details>`;
}

/** The verdict as a coloured badge. */
export function verdictBadge(verdict: Verdict, labels: ReportLabels): SafeHtml {
  return html`<span class="badge ${verdict}">${labels.verdict[verdict]}</span>`;
}

/** A severity word, coloured. */
export function severityWord(severity: Severity | undefined, labels: ReportLabels): SafeHtml {
  if (severity === undefined) return html`<span class="muted">—</span>`;
  return html`<span class="sev-${severity}">${labels.severity[severity]}</span>`;
}

/** A value from the logs in monospace (paths, command lines, hashes, addresses). */
export function code(value: string | undefined): SafeHtml {
  return value === undefined || value === "" ? html`` : html`<code>${value}</code>`;
}

const STAGE_MARK: Readonly<Record<StageStatus, string>> = {
  reached: "●",
  attempted: "◐",
  "not-reached": "○",
};

/** One stage of a kill-chain bar. */
export interface ChainCell {
  readonly stage: KillChainStage;
  readonly status: StageStatus;
  /** Shown under the stage name (a count, or the first evidence) */
  readonly note?: string;
  readonly cut?: boolean;
}

/** The eight-stage bar: ● reached, ◐ attempted, ○ not reached; a cut point is outlined. */
export function chainBar(cells: readonly ChainCell[], labels: ReportLabels): SafeHtml {
  const L = labels.text;
  const word: Readonly<Record<StageStatus, string>> = {
    reached: L.reached,
    attempted: L.attempted,
    "not-reached": L.notReached,
  };
  const items = cells.map((c) => {
    const title = `${labels.stage[c.stage]}: ${word[c.status]}${c.cut ? ` · ${L.cutPoints}` : ""}`;
    return html`<li class="${c.status}${c.cut ? " cut" : ""}" title="${title}">${STAGE_MARK[c.status]} ${labels.stage[c.stage]}${
      c.note ? html`<span class="count">${c.note}</span>` : ""
    }</li>`;
  });
  const cut = cells.some((c) => c.cut) ? ` · ${L.cutLegend}` : "";
  return html`<ol class="chain">${items}</ol><p class="muted">● ${L.reached} ◐ ${L.attempted} ○ ${L.notReached}${cut}</p>`;
}

/** A list of names joined by commas. */
export function commaList(values: readonly string[]): string {
  return values.join(", ");
}
