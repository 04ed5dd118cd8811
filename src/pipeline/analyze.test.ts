import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { SourceFormat } from "../events/provenance.js";
import type { Normalizer } from "../normalize/normalizer.js";
import type { FileReader } from "../readers/reader.js";
import type { JsonRecord, RawRecord } from "../readers/record.js";
import type { ReaderRegistry } from "../readers/registry.js";
import { analyze } from "./analyze.js";

/**
 * Hand-made stand-ins: a "json" reader yielding one record per line of `{host,channel,id,time}`,
 * detection by the first byte, and a normalizer copying those keys into an event.
 */
const lineReader: FileReader = {
  format: "json",
  async *read(file, { diagnostics }) {
    const { readFile } = await import("node:fs/promises");
    const lines = (await readFile(file, "utf8")).split("\n");
    const batch: RawRecord[] = [];
    lines.forEach((text, i) => {
      if (text === "") return;
      try {
        batch.push({
          kind: "json",
          provenance: { file, format: "json", line: i + 1 },
          value: JSON.parse(text),
        });
      } catch {
        diagnostics.error("E_JSON_SYNTAX", "not JSON", { file, line: i + 1 });
      }
    });
    yield batch;
  },
};
const unused: FileReader = {
  format: "evtx",
  read() {
    throw new Error("not used");
  },
};
const registry: ReaderRegistry = { json: lineReader, evtx: unused, zeek: unused };
const detect = async (file: string): Promise<SourceFormat | undefined> => {
  const { readFile } = await import("node:fs/promises");
  return (await readFile(file, "utf8")).startsWith("{") ? "json" : undefined;
};
const normalizer: Normalizer = {
  normalize(record, diagnostics) {
    const v = (record as JsonRecord).value as { host?: string; channel?: string; id?: number; time?: string };
    if (v.channel === undefined) {
      diagnostics.warn("E_NORMALIZE", "no channel", {
        file: record.provenance.file,
        line: record.provenance.line,
      });
      return undefined;
    }
    const event: Event = {
      kind: "windows",
      time: v.time ? { iso: v.time, ms: Date.parse(v.time) } : undefined,
      host: v.host ?? "",
      identity: { provider: "p", channel: v.channel, eventId: v.id ?? 0 },
      logsource: { product: "windows" },
      fields: {},
      provenance: record.provenance,
    };
    return event;
  },
};

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-analyze-"));
  const rec = (host: string, id: number, time: string) =>
    JSON.stringify({ host, channel: "Security", id, time });
  await writeFile(
    join(dir, "a.json"),
    [rec("WS1", 4688, "2024-01-02T00:00:00Z"), rec("WS1", 4624, "2024-01-01T00:00:00Z"), "{oops"].join("\n"),
  );
  await writeFile(
    join(dir, "b.json"),
    [rec("WS2", 4688, "2024-01-03T00:00:00Z"), '{"host":"WS3"}'].join("\n"),
  );
  await writeFile(join(dir, "notes.txt"), "hello");
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("analyze", () => {
  it("reads, normalizes and summarises; bad records and files are located and skipped", async () => {
    const diagnostics = new Diagnostics();
    const seen: number[] = [];
    const summary = await analyze([dir], {
      diagnostics,
      normalizerInstance: normalizer,
      read: { registry, detect },
      topN: 1,
      onEvents: (events) => {
        seen.push(events.length);
      },
    });
    assert.deepEqual(seen, [2, 1]);
    assert.deepEqual(summary.files, {
      total: 3,
      byFormat: { evtx: 0, json: 2, zeek: 0 },
      unknownFormat: 1,
      failed: 0,
      bytes: summary.perFile.reduce((s, f) => s + f.bytes, 0),
    });
    assert.equal(summary.records, 4);
    assert.equal(summary.events, 3);
    assert.deepEqual(summary.timeRange, { first: "2024-01-01T00:00:00Z", last: "2024-01-03T00:00:00Z" });
    assert.deepEqual(
      summary.perFile.map((f) => [
        f.file.slice(dir.length + 1),
        f.format,
        f.records,
        f.events,
        f.timeRange?.first ?? null,
        f.outcome,
      ]),
      [
        ["a.json", "json", 2, 2, "2024-01-01T00:00:00Z", "read"],
        ["b.json", "json", 2, 1, "2024-01-03T00:00:00Z", "read"],
        ["notes.txt", null, 0, 0, null, "unknown-format"],
      ],
    );
    assert.deepEqual(summary.hosts, {
      distinct: 2,
      distinctCapped: false,
      top: [{ key: "WS1", count: 2 }],
      others: 1,
    });
    assert.deepEqual(summary.eventIds.top, [{ channel: "Security", eventId: 4688, count: 2 }]);
    assert.equal(summary.eventIds.others, 1);
    assert.deepEqual(summary.diagnostics.byCode, { E_JSON_SYNTAX: 1, E_NORMALIZE: 1, E_FORMAT_UNKNOWN: 1 });
    assert.equal(summary.diagnostics.errors, 1);
    assert.equal(summary.diagnostics.warnings, 2);
    assert.deepEqual(
      summary.diagnostics.problems.map((p) => [
        p.code,
        p.location.file?.slice(dir.length + 1),
        p.location.line,
      ]),
      [
        ["E_JSON_SYNTAX", "a.json", 3],
        ["E_NORMALIZE", "b.json", 2],
        ["E_FORMAT_UNKNOWN", "notes.txt", undefined],
      ],
    );
    // the summary is plain JSON
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  });

  it("keeps going when the normalizer throws, reporting E_INTERNAL at the record", async () => {
    const diagnostics = new Diagnostics();
    const summary = await analyze([join(dir, "b.json")], {
      diagnostics,
      normalizerInstance: {
        normalize() {
          throw new Error("boom");
        },
      },
      read: { registry, detect },
    });
    assert.equal(summary.records, 2);
    assert.equal(summary.events, 0);
    const internal = diagnostics.list().filter((d) => d.code === "E_INTERNAL");
    assert.deepEqual(
      internal.map((d) => d.location.line),
      [1, 2],
    );
  });

  it("takes already-normalized events instead of paths (the store's form): same summary, same events", async () => {
    const read: Event[] = [];
    const fromFiles = await analyze([join(dir, "a.json"), join(dir, "b.json")], {
      diagnostics: new Diagnostics(),
      normalizerInstance: normalizer,
      read: { registry, detect },
      onEvents: (events) => {
        read.push(...events);
      },
    });
    async function* batches() {
      yield read.slice(0, 1);
      yield read.slice(1);
    }
    const seen: Event[] = [];
    const labels: string[] = [];
    const fromEvents = await analyze([], {
      diagnostics: new Diagnostics(),
      events: { label: "store", batches: batches() },
      onEvents: (events, batch) => {
        seen.push(...events);
        labels.push(batch.file);
      },
    });
    assert.deepEqual(seen, read);
    assert.deepEqual(labels, ["store", "store"]);
    assert.equal(fromEvents.events, fromFiles.events);
    assert.deepEqual(fromEvents.hosts, fromFiles.hosts);
    assert.deepEqual(fromEvents.timeRange, fromFiles.timeRange);
    await assert.rejects(
      analyze(["x"], { diagnostics: new Diagnostics(), events: { label: "s", batches: batches() } }),
      /either paths or events/,
    );
  });
});
