import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { commentText, quotedValue, safeToken } from "./comment-text.js";
import { psQuote, shQuote } from "./script-quote.js";

const HOSTILE = [
  "'; rm -rf / #",
  "a'b",
  "$(touch /tmp/mikiwame-pwned)",
  "`touch /tmp/mikiwame-pwned`",
  "x\ntouch /tmp/mikiwame-pwned",
  "\\'\\\\'",
  "‘smart’ ‚quotes‛",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell expansions in hostile data
  "$env:USERNAME ${x} @(1) `$",
];

test("shQuote: sh reads back exactly the text (line breaks as ?), nothing executes", () => {
  for (const value of HOSTILE) {
    const r = spawnSync("sh", ["-c", `printf '%s' ${shQuote(value)}`], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, commentText(value), value);
  }
});

/** A PowerShell single-quoted literal read as PowerShell's tokenizer reads it (any of ' ‘ ’ ‚ ‛ delimits; doubled = one). */
function readPsLiteral(text: string): { value: string; rest: string } {
  const Q = /['\u2018\u2019\u201a\u201b]/;
  assert.ok(Q.test(text[0] ?? ""), "starts with a quote");
  let value = "";
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (Q.test(c)) {
      if (Q.test(text[i + 1] ?? "")) {
        value += c;
        i++;
        continue;
      }
      return { value, rest: text.slice(i + 1) };
    }
    value += c;
  }
  throw new Error("unterminated literal");
}

test("psQuote: one single-quoted literal spanning the whole text, typographic quotes doubled too", () => {
  for (const value of HOSTILE) {
    const q = psQuote(value);
    const { value: read, rest } = readPsLiteral(q);
    assert.equal(rest, "", `${value} must not end the literal early`);
    assert.equal(read, commentText(value));
    assert.ok(!q.includes("\n"));
  }
});

test("comment helpers: one line, values JSON-quoted, tokens restricted", () => {
  assert.equal(quotedValue("a\nb\u2028c'\"$(x)"), '"a\\nb\\u2028c\'\\"$(x)"');
  assert.ok(!/[\n\r\u2028\u2029\u0085]/.test(quotedValue("\r\n\u0085\u2029")));
  assert.equal(quotedValue("x".repeat(500)).length < 140, true);
  assert.equal(safeToken("INC-3f9a1c2b7d"), "INC-3f9a1c2b7d");
  assert.equal(safeToken("INC-'; rm -rf / #"), "INC-___rm_-rf____");
  assert.equal(safeToken(""), "_");
});
