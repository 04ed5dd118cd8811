import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { SourceFormat } from "../events/provenance.js";
import { type FileReadResult, type ReadProgress, type ReadTotals, readPaths } from "./read-paths.js";
import type { FileReader } from "./reader.js";
import type { RawRecord } from "./record.js";
import type { ReaderRegistry } from "./registry.js";

/** Content-driven stand-ins: files start with a format tag; "zeek" files say how to misbehave. */
const record = (file: string, line: number): RawRecord => ({
  kind: "json",
  provenance: { file, format: "json", line },
  value: { line },
});
const jsonReader: FileReader = {
  format: "json",
  async *read(file, { onProgress }) {
    yield [record(file, 1), record(file, 2)];
    onProgress?.(5);
    yield [];
    yield [record(file, 3)];
  },
};
const zeekReader: FileReader = {
  format: "zeek",
  async *read(file) {
    if (file.endsWith("open-fails.log"))
      throw new MikiwameError("E_IO", "cannot open: permission denied", { file });
    yield [{ kind: "zeek", provenance: { file, format: "zeek", line: 8 }, path: "conn", fields: {} }];
    throw new MikiwameError("E_ZEEK_ROW", "gzip stream truncated", { file, line: 9 });
  },
};
const evtxReader: FileReader = {
  format: "evtx",
  async *read(file, { xml }) {
    yield [
      {
        kind: "evtx",
        provenance: { file, format: "evtx", offset: 4096, chunk: 0, recordId: 1 },
        system: { providerName: "p", eventId: 1, recordId: 1, channel: "c", computer: "h" },
        data: {},
        section: "none",
        writtenTime: "2024-01-01T00:00:00Z",
        xml: xml ? "<Event/>" : undefined,
      },
    ];
  },
};
const registry: ReaderRegistry = { json: jsonReader, zeek: zeekReader, evtx: evtxReader };
const detect = async (file: string): Promise<SourceFormat | undefined> => {
  const { readFile } = await import("node:fs/promises");
  const head = await readFile(file, "utf8");
  return (["json", "zeek", "evtx"] as const).find((f) => head.startsWith(f));
};

let dir: string;
const at = (name: string) => join(dir, name);
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-read-paths-"));
  await writeFile(at("a.json"), "json....");
  await writeFile(at("b-open-fails.log"), "zeek");
  await writeFile(at("c.log"), "zeek....");
  await writeFile(at("d.bin"), "\x00\x01garbage");
  await writeFile(at("e.evtx"), "evtx");
  await writeFile(at("f.empty"), "");
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(paths: string[], extra: Partial<Parameters<typeof readPaths>[1]> = {}) {
  const diagnostics = new Diagnostics();
  const results: FileReadResult[] = [];
  const progress: ReadProgress[] = [];
  let totals: ReadTotals | undefined;
  const batches: [string, SourceFormat, number][] = [];
  for await (const b of readPaths(paths, {
    diagnostics,
    registry,
    detect,
    onFileDone: (r) => results.push(r),
    onProgress: (p) => progress.push(p),
    onDone: (t) => {
      totals = t;
    },
    ...extra,
  })) {
    batches.push([b.file.slice(dir.length + 1), b.format, b.records.length]);
  }
  return { diagnostics, results, progress, totals, batches };
}

describe("readPaths", () => {
  it("reads every file, skips empty batches, and never lets one bad file stop the run", async () => {
    const { diagnostics, results, totals, batches } = await collect([dir]);
    assert.deepEqual(batches, [
      ["a.json", "json", 2],
      ["a.json", "json", 1],
      ["c.log", "zeek", 1],
      ["e.evtx", "evtx", 1],
    ]);
    assert.deepEqual(
      results.map((r) => [r.file.slice(dir.length + 1), r.format, r.records, r.outcome]),
      [
        ["a.json", "json", 3, "read"],
        ["b-open-fails.log", "zeek", 0, "failed"],
        ["c.log", "zeek", 1, "failed"],
        ["d.bin", undefined, 0, "unknown-format"],
        ["e.evtx", "evtx", 1, "read"],
        ["f.empty", undefined, 0, "unknown-format"],
      ],
    );
    assert.deepEqual(totals, {
      files: 6,
      filesByFormat: { evtx: 1, json: 1, zeek: 2 },
      unknownFormat: 2,
      notRequested: 0,
      failed: 2,
      bytes: 8 + 4 + 8 + 9 + 4,
      records: 5,
    });
    assert.deepEqual(
      diagnostics
        .list()
        .map((d) => [d.severity, d.code, d.location.file?.slice(dir.length + 1), d.location.line]),
      [
        ["error", "E_IO", "b-open-fails.log", undefined],
        ["error", "E_ZEEK_ROW", "c.log", 9],
        ["warning", "E_FORMAT_UNKNOWN", "d.bin", undefined],
        ["warning", "E_FORMAT_UNKNOWN", "f.empty", undefined],
      ],
    );
  });

  it("makes an unknown format an error for a file the user named", async () => {
    const { diagnostics } = await collect([at("d.bin"), at("a.json")]);
    const [d] = diagnostics.list();
    assert.equal(d.severity, "error");
    assert.equal(d.code, "E_FORMAT_UNKNOWN");
    assert.equal(d.location.file, at("d.bin"));
  });

  it("reports progress in bytes over all files", async () => {
    const { progress } = await collect([at("a.json"), at("e.evtx")]);
    const last = progress.at(-1);
    assert.deepEqual(last && { ...last, file: "" }, {
      filesDone: 2,
      filesTotal: 2,
      bytesDone: 12,
      bytesTotal: 12,
      file: "",
    });
    assert.ok(
      progress.some((p) => p.filesDone === 0 && p.bytesDone === 5),
      "in-file progress is passed on",
    );
    for (let i = 1; i < progress.length; i++)
      assert.ok(
        progress[i].bytesDone >= progress[i - 1].bytesDone ||
          progress[i].filesDone > progress[i - 1].filesDone,
      );
  });

  it("reads only the requested formats, with a warning for the others, and passes xml on", async () => {
    const { diagnostics, batches, results } = await collect([dir], {
      xml: true,
      only: { formats: ["evtx"], reason: "XML exists for EVTX only" },
    });
    assert.deepEqual(batches, [["e.evtx", "evtx", 1]]);
    assert.equal(results.filter((r) => r.outcome === "not-requested").length, 3);
    const skipped = diagnostics.list().find((d) => d.code === "E_USAGE");
    assert.equal(skipped?.severity, "warning");
    assert.equal(skipped?.location.file, at("a.json"));
    assert.equal(skipped?.message, "json file skipped: XML exists for EVTX only");
  });

  it("says so when nothing at all could be read", async () => {
    const { diagnostics, totals } = await collect([at("d.bin"), at("missing.json")]);
    assert.equal(totals?.files, 1);
    const last = diagnostics.list().at(-1);
    assert.equal(last?.code, "E_IO");
    assert.equal(last?.severity, "error");
    assert.match(last?.message ?? "", /none of the 1 file\(s\) found could be read/);
    const empty = await collect([]);
    assert.match(empty.diagnostics.list()[0].message, /no input files found/);
  });

  it("stops at the next batch when the signal is aborted", async () => {
    const controller = new AbortController();
    const diagnostics = new Diagnostics();
    const seen: string[] = [];
    for await (const b of readPaths([dir], { diagnostics, registry, detect, signal: controller.signal })) {
      seen.push(b.file);
      controller.abort();
    }
    assert.equal(seen.length, 1);
    assert.equal(diagnostics.errors, 0);
  });
});
