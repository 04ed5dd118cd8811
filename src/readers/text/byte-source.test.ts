import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { openByteSource } from "./byte-source.js";
import { FixtureDir } from "./fixture-files.test.support.js";

const fixtures = new FixtureDir();
after(() => fixtures.remove());

async function content(file: string, chunkBytes?: number): Promise<string> {
  const source = await openByteSource(file, { chunkBytes });
  const parts: Buffer[] = [];
  for await (const c of source.chunks()) parts.push(c);
  return Buffer.concat(parts).toString("utf8");
}

describe("openByteSource", () => {
  it("reads a plain file; stream positions are file offsets", async () => {
    const file = fixtures.write("plain.txt", "hello\nworld\n");
    const source = await openByteSource(file);
    assert.equal(source.encoding, "plain");
    assert.equal(await content(file, 4), "hello\nworld\n");
    assert.equal(source.fileOffset(6), 6);
    assert.deepEqual(source.locate(2, 6), { file, line: 2, offset: 6 });
  });

  it("gunzips by the magic bytes, whatever the name, and has no file offsets then", async () => {
    const file = fixtures.write("not-named-gz.log", "compressed\n", true);
    const source = await openByteSource(file);
    assert.equal(source.encoding, "gzip");
    assert.equal(await content(file), "compressed\n");
    assert.equal(source.fileOffset(3), undefined);
    assert.deepEqual(source.locate(1, 3), { file, line: 1 });
  });

  it("drops a UTF-8 byte-order mark and shifts offsets past it", async () => {
    const file = fixtures.write(
      "bom.json",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}\n")]),
    );
    const source = await openByteSource(file);
    const parts: Buffer[] = [];
    for await (const c of source.chunks()) parts.push(c);
    assert.equal(Buffer.concat(parts).toString("utf8"), "{}\n");
    assert.equal(source.fileOffset(0), 3);
  });

  it("transcodes UTF-16LE (PowerShell's default) to UTF-8, even split across chunks", async () => {
    const text = '{"a":"日本"}\r\n';
    const file = fixtures.write(
      "utf16.json",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    assert.equal(await content(file, 3), text);
    assert.equal((await openByteSource(file)).fileOffset(0), undefined);
  });

  it("throws E_IO with the file as location when the file cannot be opened", async () => {
    const missing = `${fixtures.dir}/missing.json`;
    await assert.rejects(openByteSource(missing), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_IO");
      assert.deepEqual(e.location, { file: missing });
      assert.match(e.message, /cannot open/);
      return true;
    });
    await assert.rejects(openByteSource(fixtures.dir), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_IO");
      assert.deepEqual(e.location, { file: fixtures.dir });
      assert.match(e.message, /directory/);
      return true;
    });
  });

  it("ends a truncated gzip stream with E_IO after yielding what it could decompress", async () => {
    const whole = gzipSync(Buffer.from("line\n".repeat(20000)));
    const file = fixtures.write("cut.gz", whole.subarray(0, whole.length - 20));
    const source = await openByteSource(file);
    let got = 0;
    await assert.rejects(
      (async () => {
        for await (const c of source.chunks()) got += c.length;
      })(),
      (e: unknown) => {
        assert.ok(e instanceof MikiwameError);
        assert.equal(e.code, "E_IO");
        assert.deepEqual(e.location, { file });
        assert.match(e.message, /gzip data is truncated or corrupt/);
        return true;
      },
    );
    assert.ok(got > 0, "the decompressed part came through before the error");
  });

  it("reports progress in file bytes", async () => {
    const file = fixtures.write("progress.txt", "x".repeat(10_000));
    const seen: number[] = [];
    const source = await openByteSource(file, { chunkBytes: 4096, onProgress: (b) => seen.push(b) });
    for await (const _ of source.chunks());
    assert.equal(seen.at(-1), 10_000);
    assert.ok(seen.length >= 3);
  });
});
