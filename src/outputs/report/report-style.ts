/**
 * The inline style sheet of the HTML report (the Content-Security-Policy allows inline styles only: no
 * fonts, images or sheets are fetched). Screen: a readable single column; print: one incident per page,
 * collapsible chrome hidden, colours kept for the verdict badges and the kill-chain bar, and marks
 * (● ◐ ○ ◆ ▲ ⇣) so the page reads in black and white too. Output: CSS text (no data in it).
 */

/** The report's CSS. */
export const REPORT_CSS = `
:root { --bad: #b3261e; --warn: #9a6700; --ok: #1a7f37; --line: #d0d7de; --muted: #57606a; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI", "Noto Sans CJK JP", sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #1f2328; line-height: 1.5; font-size: 14px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 0; display: inline; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
.muted, small { color: var(--muted); }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: .85em;
  overflow-wrap: anywhere; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; }
th::first-letter, dt::first-letter { text-transform: uppercase; }
section, article { margin: 1.25rem 0; }
details.sec { margin: .6rem 0; }
details.sec > summary { cursor: pointer; padding: .2rem 0; }
nav.toc ol { columns: 2; margin: .25rem 0; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .85em; font-weight: 600; color: #fff; }
.badge.malicious { background: var(--bad); }
.badge.suspicious { background: var(--warn); }
.badge.benign { background: var(--ok); }
.state-active { color: var(--bad); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ol.chain { display: flex; list-style: none; padding: 0; margin: .5rem 0; gap: 2px; }
ol.chain li { flex: 1; padding: .35rem .3rem; text-align: center; font-size: .8rem; border: 1px solid var(--line);
  background: #fff; color: var(--muted); }
ol.chain li.reached { background: var(--bad); color: #fff; border-color: var(--bad); }
ol.chain li.attempted { background: #fff4e5; color: var(--warn); border: 1px dashed var(--warn); }
ol.chain li.cut { outline: 2px solid var(--ok); outline-offset: -4px; }
ol.chain .count { display: block; font-weight: 600; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.25rem; margin: 0; }
ul.tree { padding-left: 0; }
ul.tree li { margin: .2rem 0; padding: .15rem .4rem; border-left: 3px solid var(--line); }
ul.tree li.branch { border-left-color: var(--bad); }
ul.tree li.root-cause > .node { background: #ffebe9; }
.node .name { font-weight: 600; }
.edge { color: var(--bad); font-weight: 600; }
.sev-critical, .sev-high { color: var(--bad); font-weight: 600; }
.sev-medium { color: var(--warn); font-weight: 600; }
.dir-for { color: var(--ok); }
.dir-against { color: var(--bad); }
ol.actions > li { margin: .4rem 0; }
.summary-box { border: 1px solid var(--line); background: var(--bg-soft); padding: .75rem 1rem; }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc, details.sec > summary::marker, details.sec > summary::-webkit-details-marker { display: none; }
  details.sec > summary { cursor: auto; }
  article.incident { break-before: page; }
  #summary { break-after: page; }
  tr, ol.chain, ul.tree .node { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
