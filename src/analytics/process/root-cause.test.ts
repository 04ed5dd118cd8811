import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory, graphOf, guid } from "./process-events.test.support.js";
import type { ProcessInfo } from "./process-node.js";
import { type ChainEdge, findRootCause, isBoundary } from "./root-cause.js";

const EXPLORER = "C:\\Windows\\explorer.exe";
const WORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
const S32 = "C:\\Windows\\System32\\";

/** Suspicious = runs from a user folder (a stand-in for "has process findings"). */
const suspicious = (p: ProcessInfo) => /\\users\\/i.test(p.image ?? "");
const summary = (chain: readonly { process: ProcessInfo; via: ChainEdge }[]) =>
  chain.map((l) => `${l.process.image?.split("\\").pop()}:${l.via}`);

describe("root cause", () => {
  it("explorer → dropper (root cause) → payload → cmd: dropper edges are followed and the launcher stops the walk", () => {
    const ev = new EventFactory();
    const g = graphOf([
      ev.start(0, guid(1), EXPLORER),
      ev.fileCreate(1, guid(1), "C:\\Users\\a\\Temp\\invoice.pdf.exe"),
      ev.start(2, guid(2), "C:\\Users\\a\\Temp\\invoice.pdf.exe", guid(1)),
      ev.fileCreate(3, guid(2), "C:\\Users\\a\\AppData\\svcupd.exe"),
      ev.start(4, guid(3), "C:\\Users\\a\\AppData\\svcupd.exe", guid(2)),
      ev.start(5, guid(4), `${S32}cmd.exe`, guid(3)),
    ]);
    const rc = findRootCause(g, guid(4), suspicious, 64);
    assert.equal(rc?.root.key, guid(2));
    assert.equal(rc?.entry?.key, guid(1));
    assert.deepEqual(summary(rc?.chain ?? []), [
      "explorer.exe:origin",
      "invoice.pdf.exe:parent+dropper",
      "svcupd.exe:parent+dropper",
      "cmd.exe:parent",
    ]);
  });

  it("a dropper that is not the parent is preferred over the parent", () => {
    const ev = new EventFactory();
    const g = graphOf([
      ev.start(0, guid(1), EXPLORER),
      ev.start(1, guid(5), "C:\\Users\\a\\dropper.exe", guid(1)),
      ev.fileCreate(2, guid(5), "C:\\Users\\a\\payload.exe"),
      ev.start(3, guid(6), `${S32}svchost.exe`),
      ev.start(4, guid(7), "C:\\Users\\a\\payload.exe", guid(6)), // started by a service (e.g. a task)
    ]);
    const rc = findRootCause(g, guid(7), suspicious, 64);
    assert.equal(rc?.root.key, guid(5));
    assert.deepEqual(summary(rc?.chain ?? []), [
      "explorer.exe:origin",
      "dropper.exe:parent",
      "payload.exe:dropper",
    ]);
  });

  it("a trusted entry application stops the walk: Word → cmd → payload has cmd's child as the earliest suspicious", () => {
    const ev = new EventFactory();
    const g = graphOf([
      ev.start(0, guid(1), EXPLORER),
      ev.start(1, guid(2), WORD, guid(1)),
      ev.start(2, guid(3), `${S32}cmd.exe`, guid(2)),
      ev.start(3, guid(4), "C:\\Users\\a\\p.exe", guid(3)),
    ]);
    const rc = findRootCause(g, guid(4), suspicious, 64);
    assert.equal(rc?.root.key, guid(4));
    assert.equal(rc?.entry?.key, guid(3), "the process directly above the root cause");
    assert.deepEqual(summary(rc?.chain ?? []), ["cmd.exe:origin", "p.exe:parent"]);
  });

  it("nothing suspicious: the process is its own root cause", () => {
    const ev = new EventFactory();
    const g = graphOf([ev.start(0, guid(1), EXPLORER), ev.start(1, guid(2), `${S32}notepad.exe`, guid(1))]);
    const rc = findRootCause(g, guid(2), suspicious, 64);
    assert.equal(rc?.root.key, guid(2));
    assert.deepEqual(summary(rc?.chain ?? []), ["explorer.exe:origin", "notepad.exe:parent"]);
  });

  it("is bounded by depth and survives cycles", () => {
    const ev = new EventFactory();
    const events = [];
    for (let i = 1; i <= 100; i++) events.push(ev.start(i, guid(i), `C:\\Users\\a\\p${i}.exe`, guid(i - 1)));
    const g = graphOf(events);
    const rc = findRootCause(g, guid(100), suspicious, 10);
    assert.equal(rc?.chain.length, 11, "the process and 10 steps up; the entry above is unknown");
    assert.equal(rc?.entry, undefined);
    const cyc = graphOf([
      ev.start(1, guid(0x71), "C:\\Users\\a\\a.exe", guid(0x72)),
      ev.start(2, guid(0x72), "C:\\Users\\a\\b.exe", guid(0x71)),
    ]);
    assert.ok(findRootCause(cyc, guid(0x71), suspicious, 64));
  });

  it("unknown key → undefined", () =>
    assert.equal(findRootCause(graphOf([]), "nope", suspicious, 64), undefined));

  it("a masqueraded launcher is not a boundary", () => {
    const ev = new EventFactory();
    const g = graphOf([ev.start(0, guid(1), "C:\\Users\\a\\explorer.exe"), ev.start(0, guid(2), EXPLORER)]);
    assert.equal(isBoundary(g.processByKey(guid(1))!, suspicious), false);
    assert.equal(isBoundary(g.processByKey(guid(2))!, suspicious), true);
  });
});
