import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, html, joinHtml, SafeHtml } from "./escape-html.js";

test("escapeHtml: markup characters become references, in text and attribute contexts", () => {
  const cases: readonly [string, string][] = [
    ["plain", "plain"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["' onmouseover='x", "&#39; onmouseover=&#39;x"],
    ["a & b", "a &amp; b"],
    ["&lt;", "&amp;lt;"],
    ["`x`", "&#96;x&#96;"],
    ["日本語 ✓", "日本語 ✓"],
    ["nul\u0000 bell\u0007 c1\u0085", "nul\ufffd bell\ufffd c1\ufffd"],
    ["line\nbreak\ttab", "line\nbreak\ttab"],
    ["lone \ud800 high", "lone \ufffd high"],
    ["pair 😀", "pair 😀"],
  ];
  for (const [input, want] of cases) assert.equal(escapeHtml(input), want, JSON.stringify(input));
});

test("html: interpolated text is escaped, markup from html is kept, lists are joined", () => {
  const attack = '" onmouseover="alert(1)';
  const inner = html`<b>${"<i>"}</b>`;
  const out = html`<p title="${attack}">${inner}${["<x>", 1, null, undefined, false, inner]}</p>`;
  assert.equal(
    out.value,
    '<p title="&quot; onmouseover=&quot;alert(1)"><b>&lt;i&gt;</b>&lt;x&gt;1<b>&lt;i&gt;</b></p>',
  );
  assert.equal(joinHtml([html`a`, html`${"<b>"}`], new SafeHtml(", ")).value, "a, &lt;b&gt;");
});

test("html: a string that looks like markup is never trusted", () => {
  const fake = { value: "<script>" } as unknown as string;
  assert.ok(!html`${fake}`.value.includes("<script>"));
});
