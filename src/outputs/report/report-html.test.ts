import assert from "node:assert/strict";
import { test } from "node:test";
import { VIEWPOINTS } from "../../findings/viewpoint.js";
import { reportFixture } from "./report-fixtures.js";
import { REPORT_CSP, renderReportHtml } from "./report-html.js";
import type { ReportInput } from "./report-input.js";
import { MAX_TABLE_ROWS } from "./report-model.js";

/** Hostile values in every place the logs can reach. */
const HOSTILE = {
  host: "<img src=x onerror=alert(1)>",
  user: `"'><svg onload=alert(1)>`,
  commandLine: "<script>alert(1)</script> & \"quoted\" 'single'",
  dropperImage: "C:\\Temp\\<iframe src=javascript:alert(1)>.exe",
  payloadImage: 'C:\\Temp\\" onmouseover="alert(1).exe',
  c2Domain: "javascript:alert(document.cookie)",
  runKey: "HKCU\\Run\\</style><script>alert(3)</script>",
  messageTail: ' <a href="https://evil.example/">click</a> url(https://evil.example/x.png)',
  evidenceFile: "logs/<b>bold</b>.evtx",
} as const;

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
}

/** Every tag of the document (data is escaped, so each `<` starts markup the renderer wrote). */
function tags(doc: string): Tag[] {
  const out: Tag[] = [];
  for (const m of doc.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const attributes = [...m[3]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => ({
      name: a[1]!.toLowerCase(),
      value: a[2] ?? "",
    }));
    out.push({ name: m[2]!.toLowerCase(), closing: m[1] === "/", attributes });
  }
  return out;
}

const VOID = new Set(["meta", "br"]);
const ALLOWED_TAGS = new Set(
  "html head meta title style body header nav section article footer h1 h2 h3 h4 p small strong span div a ol ul li dl dt dd table thead tbody tr th td code details summary br".split(
    " ",
  ),
);

/** Every non-void tag is closed in order. */
function assertBalanced(doc: string): void {
  const stack: string[] = [];
  for (const t of tags(doc)) {
    if (VOID.has(t.name)) continue;
    if (!t.closing) stack.push(t.name);
    else assert.equal(stack.pop(), t.name, `</${t.name}> closes <${stack.at(-1) ?? "nothing"}>`);
  }
  assert.deepEqual(stack, []);
}

for (const lang of ["en", "ja"] as const) {
  test(`structure (${lang}): lang, CSP, summary, overview, one article per incident with every section`, () => {
    const input: ReportInput = { ...reportFixture(), lang };
    const doc = renderReportHtml(input);
    assert.match(doc, /^<!DOCTYPE html>\n<html lang="(en|ja)">/);
    assert.ok(doc.startsWith(`<!DOCTYPE html>\n<html lang="${lang}">`));
    assert.ok(
      doc.includes(
        `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, "&#39;")}">`,
      ),
    );
    assert.ok(doc.includes('<section id="summary"'));
    assert.ok(doc.includes('<section id="overview"'));
    assert.equal(doc.match(/<article class="incident"/g)?.length, 2);
    assertBalanced(doc);
    // malicious incident first, then the over-detection
    assert.ok(doc.indexOf('id="inc-INC-3f9a1c0b7e"') < doc.indexOf('id="inc-INC-0b12cd34ef"'));
    const article = doc.slice(doc.indexOf('id="inc-INC-3f9a1c0b7e"'), doc.indexOf('id="inc-INC-0b12cd34ef"'));
    // kill-chain bar: eight stages, four reached, one attempted, two cut points
    const chain = article.slice(article.indexOf('<ol class="chain">'), article.indexOf("</ol>"));
    assert.equal(chain.match(/<li /g)?.length, 8);
    assert.equal(chain.match(/class="reached"/g)?.length, 4);
    assert.equal(chain.match(/class="attempted cut"/g)?.length, 1);
    assert.equal(chain.match(/class="[^"]* cut"/g)?.length, 2);
    // process tree: nested four levels, root cause and dropper edge marked
    assert.ok(article.includes('<li class="root-cause branch">'));
    assert.equal(article.match(/<span class="edge"/g)?.length, 1);
    const tree = article.slice(article.indexOf('<ul class="tree">'));
    assert.ok(tree.indexOf("invoice.pdf.exe") < tree.indexOf("svcupd.exe"));
    // viewpoint table: one row per viewpoint
    const viewpoints = article.slice(
      article.indexOf(lang === "ja" ? "<h3>観点</h3>" : "<h3>Viewpoints</h3>"),
    );
    const body = viewpoints.slice(viewpoints.indexOf("<tbody>"), viewpoints.indexOf("</tbody>"));
    assert.equal(body.match(/<tr>/g)?.length, VIEWPOINTS.length);
    // plan grouped by priority, the dropper deleted too, suppressed finding with its decision
    assert.equal(article.match(/<ol class="actions">/g)?.length, 3);
    assert.ok(article.includes("invoice.pdf.exe"));
    assert.ok(doc.includes("DEC-0001"));
    const words =
      lang === "ja"
        ? ["悪性", "過検知", "遠隔操作", "対応計画", "タイムライン"]
        : ["malicious", "over-detection", "Command &amp; control", "Response plan", "Timeline"];
    for (const w of words) assert.ok(doc.includes(w), w);
    assert.ok(doc.includes("@media print"));
    assert.ok(doc.includes("break-before: page"));
  });
}

test("escaping: hostile log values never become markup, attributes or URLs", () => {
  for (const lang of ["en", "ja"] as const) {
    const doc = renderReportHtml({ ...reportFixture(HOSTILE), lang });
    const all = tags(doc);
    for (const t of all) {
      assert.ok(ALLOWED_TAGS.has(t.name), `unexpected <${t.name}>`);
      for (const a of t.attributes) {
        assert.ok(!a.name.startsWith("on"), `event handler ${a.name} on <${t.name}>`);
        assert.ok(!/javascript:/i.test(a.value), `javascript: in ${a.name}`);
      }
    }
    assert.equal(doc.match(/<script/gi), null);
    assert.equal(doc.match(/<img|<svg|<iframe/gi), null);
    assert.equal(doc.match(/<style/g)?.length, 1, "only the report's own style element");
    assertBalanced(doc);
    // the values are there, as text
    assert.ok(doc.includes("&lt;img src=x onerror=alert(1)&gt;"));
    assert.ok(
      doc.includes("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"),
    );
    assert.ok(doc.includes("&quot;&#39;&gt;&lt;svg onload=alert(1)&gt;"));
  }
});

test("offline: no URL in any src/href/action attribute or url(); the CSP forbids every fetch", () => {
  for (const input of [reportFixture(), reportFixture(HOSTILE)]) {
    const doc = renderReportHtml(input);
    for (const t of tags(doc))
      for (const a of t.attributes) {
        if (["src", "href", "action", "srcset", "poster", "data", "formaction"].includes(a.name))
          assert.ok(a.name === "href" && a.value.startsWith("#"), `<${t.name} ${a.name}="${a.value}">`);
        if (a.name === "style") assert.ok(!/url\(/i.test(a.value));
      }
    const css = doc.slice(doc.indexOf("<style>"), doc.indexOf("</style>"));
    assert.ok(!/url\(|@import|\/\//i.test(css), "the style sheet loads nothing");
    assert.ok(!/<link|<base/i.test(doc));
    assert.match(REPORT_CSP, /default-src 'none'/);
    assert.ok(
      !/script-src|connect-src|font-src/.test(REPORT_CSP),
      "nothing beyond default-src 'none' for these",
    );
  }
});

test("an incident id with markup cannot leave its anchor", () => {
  const base = reportFixture();
  const incident = { ...base.incidents[0]!, id: 'INC-"><script>x</script>' };
  const doc = renderReportHtml({ ...base, incidents: [incident], plans: [] });
  assert.equal(doc.match(/<script/gi), null);
  assert.ok(doc.includes('id="inc-INC-___script_x__script_"'));
  assert.ok(doc.includes('href="#inc-INC-___script_x__script_"'));
});

test("no incidents: the report says so and stays well-formed", () => {
  const doc = renderReportHtml({ ...reportFixture(), incidents: [], plans: [], findings: [] });
  assertBalanced(doc);
  assert.ok(doc.includes("No incident was found in the data."));
  assert.ok(doc.includes("No malicious or suspicious activity was found"));
});

test("large incidents: tables and the tree stop at MAX_TABLE_ROWS and count the rest", () => {
  const base = reportFixture();
  const malicious = base.incidents[0]!;
  const destinations = Array.from({ length: MAX_TABLE_ROWS + 7 }, (_, i) => ({
    ...malicious.destinations[1]!,
    address: `10.9.${i >> 8}.${i & 255}`,
  }));
  const processes = Array.from({ length: MAX_TABLE_ROWS + 3 }, (_, i) => ({
    ...malicious.processes[3]!,
    key: `k${i}`,
    parentKey: undefined,
  }));
  const doc = renderReportHtml({ ...base, incidents: [{ ...malicious, destinations, processes }] });
  assertBalanced(doc);
  assert.ok(doc.includes(`<td colspan="10" class="muted">… +7</td>`));
  assert.ok(doc.includes(`<p class="muted">… +3</p>`));
  assert.ok(!doc.includes(`10.9.${MAX_TABLE_ROWS >> 8}.${MAX_TABLE_ROWS & 255}<`));
});
