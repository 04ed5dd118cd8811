import assert from "node:assert/strict";
import { test } from "node:test";
import { baseName, folderOf, formatTime, listEn, listJa } from "./plan-text.js";

test("baseName / folderOf", () => {
  const rows: [string, string, string][] = [
    ["C:\\Users\\a\\b.exe", "b.exe", "C:\\Users\\a\\"],
    ["/tmp/x.sh", "x.sh", "/tmp/"],
    ["plain.exe", "plain.exe", ""],
  ];
  for (const [path, base, folder] of rows) {
    assert.equal(baseName(path), base);
    assert.equal(folderOf(path), folder);
  }
});

test("lists in English and Japanese", () => {
  const rows: [string[], string, string][] = [
    [[], "", ""],
    [["a"], "a", "a"],
    [["a", "b"], "a and b", "a、b"],
    [["a", "b", "c"], "a, b and c", "a、b、c"],
    [["1", "2", "3", "4", "5", "6", "7"], "1, 2, 3, 4, 5 and 2 more", "1、2、3、4、5 ほか 2 件"],
  ];
  for (const [items, en, ja] of rows) {
    assert.equal(listEn(items), en);
    assert.equal(listJa(items), ja);
  }
});

test("formatTime", () => {
  assert.equal(
    formatTime({ iso: "2026-03-02T09:14:03.2140000Z", ms: Date.parse("2026-03-02T09:14:03.214Z") }),
    "2026-03-02 09:14:03 UTC",
  );
  assert.equal(formatTime(undefined), undefined);
  assert.equal(formatTime({ iso: "x", ms: Number.NaN }), undefined);
});
