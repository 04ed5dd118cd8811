/**
 * The process tree of an incident as nested HTML lists. Input: the incident (rows from process-tree.ts),
 * labels, the display zone. Output: SafeHtml — each process with its marks (◆ root cause, ▲ malicious
 * branch, ⇣ written and started by its parent, i.e. a dropper edge), image name, role, verdict, pid,
 * user, signature, state, start time, full path, command line and SHA256. Built with `html` only.
 */
import type { Incident, IncidentProcess } from "../../incidents/incident.js";
import { baseName } from "../analyze-report.js";
import { html, SafeHtml } from "./escape-html.js";
import { verdictBadge } from "./report-html-parts.js";
import { fillLabel, type ReportLabels } from "./report-labels.js";
import { displayTime, MAX_TABLE_ROWS, omittedNote } from "./report-model.js";
import { type ProcessTreeRow, processTreeRows } from "./process-tree.js";

const OPEN_LIST = new SafeHtml("<ul>");
const CLOSE_ITEM = new SafeHtml("</li>");
const CLOSE_LIST = new SafeHtml("</ul>");

function processFacts(p: IncidentProcess, labels: ReportLabels, timeZone: string): SafeHtml {
  const L = labels.text;
  const parts: SafeHtml[] = [];
  if (p.pid !== undefined) parts.push(html`${L.pid} ${p.pid}`);
  if (p.user) parts.push(html`${L.user} ${p.user}`);
  parts.push(html`${L.signature} ${p.signature}${p.signer ? html` (${p.signer})` : ""}`);
  if (p.state) parts.push(html`${labels.processState[p.state]}`);
  if (p.start) parts.push(html`${displayTime(p.start, timeZone)}`);
  return html`${parts.map((x, i) => html`${i > 0 ? " · " : ""}${x}`)}`;
}

function node(row: ProcessTreeRow, labels: ReportLabels, timeZone: string): SafeHtml {
  const p = row.process;
  const L = labels.text;
  const marks = `${row.rootCause ? "◆ " : ""}${row.maliciousBranch ? "▲ " : ""}`;
  const classes = [row.rootCause ? "root-cause" : "", row.maliciousBranch ? "branch" : ""]
    .filter(Boolean)
    .join(" ");
  const edge = row.droppedByParent ? html`<span class="edge" title="${L.wroteChild}">⇣ </span>` : "";
  const writer = row.droppedBy
    ? html`<div class="edge">⇣ ${fillLabel(L.writtenBy, { image: row.droppedBy.image ? baseName(row.droppedBy.image) : row.droppedBy.key })}</div>`
    : "";
  return html`<li class="${classes}"><div class="node">${edge}${marks}<span class="name">${p.image ? baseName(p.image) : p.key}</span> <small>${labels.processRole[p.role]} · ${p.host}</small> ${
    p.verdict ? verdictBadge(p.verdict, labels) : ""
  }
<div><small>${processFacts(p, labels, timeZone)}</small></div>
${p.image ? html`<div><code>${p.image}</code></div>` : ""}
${p.commandLine ? html`<div><small>${L.commandLine}:</small> <code>${p.commandLine}</code></div>` : ""}
${p.sha256 ? html`<div><small>SHA256:</small> <code>${p.sha256}</code></div>` : ""}
${writer}</div>`;
}

/** The incident's processes as a nested `<ul class="tree">` (with a legend), or "none". */
export function processTreeHtml(incident: Incident, labels: ReportLabels, timeZone: string): SafeHtml {
  const all = processTreeRows(incident);
  const rows = all.slice(0, MAX_TABLE_ROWS);
  if (rows.length === 0) return html`<p class="muted">${labels.text.none}</p>`;
  const out: SafeHtml[] = [html`<p class="muted">${labels.text.treeLegend}</p><ul class="tree">`];
  // rows are depth-first from depth 0, so depth grows by one at most from one row to the next
  let depth = 0;
  for (const [i, row] of rows.entries()) {
    if (i > 0 && row.depth > depth) out.push(OPEN_LIST);
    else if (i > 0) {
      out.push(CLOSE_ITEM);
      for (let d = row.depth; d < depth; d++) out.push(CLOSE_LIST, CLOSE_ITEM);
    }
    depth = i === 0 ? 0 : Math.min(row.depth, depth + 1);
    out.push(node(row, labels, timeZone));
  }
  out.push(CLOSE_ITEM);
  for (let d = 0; d < depth; d++) out.push(CLOSE_LIST, CLOSE_ITEM);
  out.push(CLOSE_LIST);
  if (all.length > rows.length) out.push(html`<p class="muted">${omittedNote(all.length - rows.length)}</p>`);
  return html`${out}`;
}
