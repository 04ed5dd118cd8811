import assert from "node:assert/strict";
import { test } from "node:test";
import { VIEWPOINTS } from "../../findings/viewpoint.js";
import { reportFixture } from "./report-fixtures.js";
import { renderReportMarkdown } from "./report-markdown.js";
import { MAX_MARKDOWN_ROWS, markdownTable } from "./escape-markdown.js";

const HOSTILE = {
  host: "WS|01\n| injected | row |",
  user: "CORP\\a|b\\|c",
  commandLine: "cmd /c echo `x` | findstr y\r\n## heading",
  dropperImage: "C:\\Temp\\[click](javascript:alert(1)).exe",
  payloadImage: "C:\\Temp\\<img src=x onerror=alert(1)>.exe",
  c2Domain: "http://evil.example/payload",
  runKey: "- list | item",
  messageTail: " ![x](http://evil.example/t.png) <script>alert(1)</script> www.evil.example\n1. ordered",
  evidenceFile: "logs/``odd``|file.evtx",
} as const;

/** Cell separators: pipes not escaped by an odd run of backslashes. */
function separators(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== "|") continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && line[j] === "\\"; j--) slashes++;
    if (slashes % 2 === 0) n++;
  }
  return n;
}

/** Each table (consecutive lines starting with `|`): every row has as many cells as its header. */
function assertTablesIntact(md: string): number {
  const lines = md.split("\n");
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith("|") || lines[i - 1]?.startsWith("|")) continue;
    tables++;
    const width = separators(lines[i]!);
    assert.match(lines[i + 1]!, /^\|(---\|)+$/, `table at line ${i + 1} has a separator row`);
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith("|"); j++)
      assert.equal(separators(lines[j]!), width, `line ${j + 1}: ${lines[j]}`);
  }
  return tables;
}

/** The text outside code spans. */
function prose(md: string): string {
  return md.replace(/(`+)[^`].*?\1/g, "");
}

for (const lang of ["en", "ja"] as const) {
  test(`structure (${lang}): summary, overview, incidents with every section`, () => {
    const md = renderReportMarkdown({ ...reportFixture(), lang });
    assert.ok(
      md.startsWith(lang === "ja" ? "# mikiwame インシデントレポート" : "# mikiwame incident report"),
    );
    const incidents = md.split("\n").filter((l) => /^## .*\(`INC-/.test(l));
    assert.equal(incidents.length, 2);
    assert.ok(incidents[0]!.includes(lang === "ja" ? "悪性" : "malicious"));
    assert.ok(assertTablesIntact(md) >= 20);
    const sections =
      lang === "ja"
        ? [
            "キルチェーン",
            "拡散範囲",
            "プロセスツリー",
            "タイムライン",
            "観点",
            "判定の理由",
            "ファイル",
            "永続化",
            "通信先",
            "アカウント",
            "対応計画",
          ]
        : [
            "Kill chain",
            "Spread",
            "Process tree",
            "Timeline",
            "Viewpoints",
            "Why this verdict",
            "Files",
            "Persistence",
            "Network destinations",
            "Accounts",
            "Response plan",
          ];
    for (const s of sections) assert.equal(md.split("\n").filter((l) => l === `### ${s}`).length, 2, s);
    // viewpoint table: eleven rows
    const at = md.indexOf(lang === "ja" ? "### 観点" : "### Viewpoints");
    const rows = md
      .slice(at)
      .split("\n")
      .slice(4, 4 + VIEWPOINTS.length + 1);
    assert.equal(rows.filter((r) => r.startsWith("|")).length, VIEWPOINTS.length);
    // kill chain: a header of the eight stages
    const chain = md.slice(md.indexOf(lang === "ja" ? "### キルチェーン" : "### Kill chain")).split("\n")[2]!;
    assert.equal(separators(chain), 9);
    // the tree nests the payload under the dropper, with the dropper edge mark
    assert.match(md, /\n {4}- ⇣ ▲ \*\*svcupd\.exe\*\*/);
    assert.ok(md.includes(lang === "ja" ? "抑制された所見" : "Suppressed findings"));
  });
}

test("escaping: hostile values cannot break a table, start a block, or inject a link, image or HTML", () => {
  for (const lang of ["en", "ja"] as const) {
    const md = renderReportMarkdown({ ...reportFixture(HOSTILE), lang });
    assertTablesIntact(md);
    const text = prose(md);
    assert.equal(text.match(/(?<!\\)</g), null, "no raw < outside code spans");
    assert.equal(text.match(/(?<!\\)\]\(/g), null, "no link target");
    assert.equal(text.match(/(?<!\\)!(?<!\\)\[/g), null, "no image");
    assert.equal(text.match(/https?:\/\//g), null, "no autolink");
    assert.equal(text.match(/(?<![\\])www\./g), null, "no www autolink");
    for (const line of md.split("\n")) {
      assert.ok(!/^\s*(## heading|\| injected|1\. ordered)/.test(line), `injected block: ${line}`);
      if (line.startsWith("#")) assert.match(line, /^#{1,4} /);
    }
  }
});

test("a table past MAX_MARKDOWN_ROWS ends with one row counting the rest, still well-formed", () => {
  const rows = Array.from({ length: MAX_MARKDOWN_ROWS + 2 }, (_, i) => [`${i}`, "x"]);
  const table = markdownTable(["a", "b"], rows);
  assert.equal(table.length, 2 + MAX_MARKDOWN_ROWS + 1);
  assert.equal(table.at(-1), "| … +2 |   |");
  assertTablesIntact(table.join("\n"));
});
