import assert from "node:assert/strict";
import { test } from "node:test";
import { fillLabel, labelPlaceholders } from "./fill-label.js";
import { LABELS_EN, type LabelKey } from "./labels-en.js";
import { LABELS_JA } from "./labels-ja.js";
import { stageName, viewpointName } from "./vocabulary.js";

test("every label has a Japanese text with the same placeholders", () => {
  const keys = Object.keys(LABELS_EN) as LabelKey[];
  assert.deepEqual(Object.keys(LABELS_JA).sort(), [...keys].sort());
  for (const k of keys) {
    assert.ok(LABELS_JA[k].trim() !== "", `${k} is empty in Japanese`);
    assert.deepEqual(labelPlaceholders(LABELS_JA[k]), labelPlaceholders(LABELS_EN[k]), k);
  }
});

test("the verdict words are the product's: 悪性 / 要注意 / 過検知", () => {
  assert.equal(LABELS_JA["verdict.malicious"], "悪性");
  assert.equal(LABELS_JA["verdict.suspicious"], "要注意");
  assert.equal(LABELS_JA["verdict.benign"], "過検知");
});

test("fillLabel fills known placeholders and leaves unknown ones", () => {
  assert.equal(fillLabel("{n} of {total}", { n: 3, total: 10 }), "3 of 10");
  assert.equal(fillLabel("{n} and {m}", { n: 1 }), "1 and {m}");
  assert.equal(fillLabel("no placeholders"), "no placeholders");
  assert.equal(fillLabel("{x}", { x: "{y}", y: "z" }), "{y}", "values are not filled again");
});

test("viewpoint and stage names in both languages; unknown values shown as given", () => {
  assert.equal(viewpointName("volume", "en"), "Data volume");
  assert.equal(viewpointName("volume", "ja"), "データ量");
  assert.equal(stageName("command_and_control", "ja"), "遠隔操作");
  assert.equal(stageName("command_and_control", "en"), "Command & Control");
  assert.equal(viewpointName("unheard-of", "ja"), "unheard-of");
  assert.equal(stageName("", "en"), "");
});
