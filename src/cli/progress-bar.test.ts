import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProgressLine, ProgressBar } from "./progress-bar.js";

const MB = 1024 * 1024;

describe("progress bar", () => {
  it("shows files, megabytes, rate and the (escaped) current file", () => {
    const line = formatProgressLine(
      {
        filesDone: 3,
        filesTotal: 10,
        bytesDone: 50 * MB,
        bytesTotal: 100 * MB,
        file: "logs/a\u001b[2J.evtx",
      },
      2000,
      120,
    );
    assert.equal(line, "[##########----------] 3/10 files  50.0/100.0 MB  25.0 MB/s  logs/a\\x1b[2J.evtx");
  });

  it("fits the terminal width, keeping the end of a long path", () => {
    const p = {
      filesDone: 0,
      filesTotal: 1,
      bytesDone: 0,
      bytesTotal: 0,
      file: `${"d/".repeat(50)}file.evtx`,
    };
    const line = formatProgressLine(p, 0, 80);
    assert.equal(line.length, 79);
    assert.ok(line.endsWith("…d/d/file.evtx") || line.endsWith("file.evtx"));
    assert.ok(formatProgressLine(p, 0, 20).length <= 19);
  });

  it("redraws at most every 100 ms and erases itself", () => {
    const writes: string[] = [];
    const stream = { columns: 80, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
    let now = 0;
    const bar = new ProgressBar(stream, () => now);
    const p = { filesDone: 0, filesTotal: 1, bytesDone: 0, bytesTotal: 10, file: "a" };
    bar.update(p);
    now = 50;
    bar.update(p);
    now = 150;
    bar.update(p);
    assert.equal(writes.length, 2);
    assert.ok(writes[0].startsWith("\r[") && writes[0].endsWith("\x1b[K"));
    bar.clear();
    bar.clear();
    assert.deepEqual(writes.slice(2), ["\r\x1b[K"]);
  });
});
