import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LineSplitter, type SplitLine } from "./line-splitter.js";

/** Splits `input` fed in chunks of `chunkSize` bytes. */
function split(input: string | Buffer, chunkSize: number, max = 1024): SplitLine[] {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const splitter = new LineSplitter(max);
  const out: SplitLine[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) splitter.push(bytes.subarray(i, i + chunkSize), out);
  splitter.finish(out);
  return out;
}

function texts(lines: SplitLine[]): string[] {
  return lines.map((l) => (l.kind === "line" ? l.text : `<oversize ${l.bytes}>`));
}

describe("LineSplitter", () => {
  const cases: { name: string; input: string; want: string[] }[] = [
    { name: "LF lines", input: "a\nbb\nccc\n", want: ["a", "bb", "ccc"] },
    { name: "CRLF lines lose the CR", input: "a\r\nbb\r\n", want: ["a", "bb"] },
    { name: "a last line without LF is kept", input: "a\nb", want: ["a", "b"] },
    { name: "empty lines are lines", input: "a\n\n\nb\n", want: ["a", "", "", "b"] },
    { name: "empty input has no lines", input: "", want: [] },
    { name: "multibyte characters survive any chunking", input: "日本語\néàü\n", want: ["日本語", "éàü"] },
  ];
  for (const c of cases) {
    for (const chunkSize of [1, 2, 3, 1000]) {
      it(`${c.name} (chunks of ${chunkSize})`, () => {
        assert.deepEqual(texts(split(c.input, chunkSize)), c.want);
      });
    }
  }

  it("numbers lines from 1 and gives each line's stream position", () => {
    const lines = split("ab\r\ncde\n\nf", 2);
    assert.deepEqual(
      lines.map((l) => [l.line, l.position]),
      [
        [1, 0],
        [2, 4],
        [3, 8],
        [4, 9],
      ],
    );
  });

  it("reports a line over the limit as oversize, without its text, and goes on", () => {
    const long = "x".repeat(50);
    for (const chunkSize of [1, 7, 1000]) {
      const lines = split(`ok\n${long}\nnext\n${long}`, chunkSize, 20);
      assert.deepEqual(
        texts(lines),
        ["ok", "<oversize 50>", "next", "<oversize 50>"],
        `chunks of ${chunkSize}`,
      );
      assert.deepEqual(
        lines.map((l) => l.line),
        [1, 2, 3, 4],
      );
    }
  });

  it("yields the lines of each chunk as one array through LineSplitter.lines", async () => {
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from("a\nb");
      yield Buffer.from("c\nd");
    }
    const batches: string[][] = [];
    for await (const lines of LineSplitter.lines(chunks(), 100)) batches.push(texts(lines));
    assert.deepEqual(batches, [["a"], ["bc"], ["d"]]);
  });
});
