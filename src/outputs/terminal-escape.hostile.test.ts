/**
 * Terminal spoofing from log content: field values and file names carrying ANSI escapes (`ESC[2J`,
 * the one-byte C1 CSI), carriage returns, every C0 and C1 control, DEL and the Unicode bidi controls
 * (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), read from an EVTX file, a Zeek log and a JSON
 * file by the real readers, then printed through the terminal output paths (tables, search lines,
 * diagnostics). No raw control or bidi character reaches the output; each is shown as an escape.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import { evtxReader } from "../readers/evtx/evtx-reader.js";
import { ndjsonReader } from "../readers/ndjson/ndjson-reader.js";
import type { FileReader } from "../readers/reader.js";
import type { RawRecord } from "../readers/record.js";
import { zeekReader } from "../readers/zeek/zeek-reader.js";
import { writeEvtx } from "../writers/evtx/evtx-writer.js";
import { sysmonEvent } from "../writers/evtx/sysmon-event.js";
import { groupedDiagnosticLines } from "./diagnostics-text.js";
import { searchTableLine } from "./hunt-search.js";
import { escapeTerminal, escapeTerminalLines } from "./terminal-escape.js";
import { renderTable } from "./text-table.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-term-\u202e\u001b[31m-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every character that must never reach a terminal raw. */
const UNSAFE_CHARS: string[] = [];
for (let c = 0; c <= 0x1f; c++) UNSAFE_CHARS.push(String.fromCharCode(c));
for (let c = 0x7f; c <= 0x9f; c++) UNSAFE_CHARS.push(String.fromCharCode(c));
for (const c of [
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
])
  UNSAFE_CHARS.push(String.fromCharCode(c));
const UNSAFE = new RegExp(
  `[${UNSAFE_CHARS.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}]`,
);

/** A value that tries everything: clear screen, colours, a fake line, a C1 CSI, reversed text. */
const SPOOF =
  "ok\u001b[2J\u001b]0;pwned\u0007\r\nfake line\u009b31m red \u202egnp.exe\u202c \u2066x\u2069\u200f\u061c\u007f\u0000";

function assertSafe(lines: readonly string[], what: string): void {
  for (const line of lines) {
    const bad = UNSAFE.exec(line);
    assert.equal(
      bad,
      null,
      `${what}: raw U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, "0")} in ${JSON.stringify(line)}`,
    );
  }
}

async function readAll(reader: FileReader, file: string) {
  const d = new Diagnostics();
  const records: RawRecord[] = [];
  for await (const b of reader.read(file, { diagnostics: d })) records.push(...b);
  return { records, d };
}

function asEvent(fields: Fields, file: string): Event {
  return {
    kind: "windows",
    time: { iso: "2024-01-01T00:00:00.000Z", ms: 1_704_067_200_000 },
    host: `HOST${SPOOF}`,
    identity: { provider: "p", channel: `Chan${SPOOF}`, eventId: 1 },
    logsource: {},
    fields,
    provenance: { file, format: "evtx" },
  };
}

describe("terminal escaping of hostile log content", () => {
  it("escapeTerminal turns every C0, C1, DEL and bidi control into a visible escape", () => {
    for (const c of UNSAFE_CHARS) {
      const out = escapeTerminal(`a${c}b`);
      assert.equal(UNSAFE.test(out), false, `U+${c.charCodeAt(0).toString(16)} left raw`);
      assert.match(out, /^a\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])b$/);
    }
    assert.equal(escapeTerminal("\u202egnp.exe"), "\\u202egnp.exe");
    assert.equal(escapeTerminal("\u009b31m"), "\\x9b31m");
    assert.equal(escapeTerminalLines("a\u001b[2J\nb\r"), "a\\x1b[2J\nb\\r");
    // ordinary text, Japanese and emoji pass unchanged
    assert.equal(escapeTerminal("見極め C:\\Temp\\a.exe 🙂"), "見極め C:\\Temp\\a.exe 🙂");
  });

  it("values from EVTX, Zeek and JSON files and hostile file names are printed escaped", async () => {
    const evtxFile = join(dir, `sysmon${SPOOF.replace(/[\u0000/]/g, "")}.evtx`);
    writeFileSync(
      evtxFile,
      writeEvtx([
        sysmonEvent(1, "2024-01-01T00:00:00.000Z", {
          Image: `C:\\Users\\a\\${SPOOF}`,
          CommandLine: SPOOF,
          User: "CORP\\a\u202e",
        }),
      ]),
    );
    const zeekFile = join(dir, `conn${SPOOF.replace(/[\u0000/]/g, "")}.log`);
    writeFileSync(
      zeekFile,
      `#separator \\x09\n#path\tconn\n#fields\tts\tuid\tquery\tid.resp_p\n#types\ttime\tstring\tstring\tport\n1600000000.5\tC1\t${SPOOF.replace(/[\t\n]/g, "")}\t\u001b[2J80\n`,
    );
    const jsonFile = join(dir, `ecs${SPOOF.replace(/[\u0000/]/g, "")}.json`);
    writeFileSync(
      jsonFile,
      `${JSON.stringify({ "process.command_line": SPOOF, "host.name": `h${SPOOF}` })}\n{"bad": \u001b[2J}\n`,
    );

    const evtx = await readAll(evtxReader, evtxFile);
    const zeek = await readAll(zeekReader, zeekFile);
    const json = await readAll(ndjsonReader, jsonFile);
    const values: string[] = [];
    const rows: string[][] = [];
    const lines: string[] = [];
    for (const r of [...evtx.records, ...zeek.records, ...json.records]) {
      const fields = (r.kind === "evtx" ? r.data : r.kind === "zeek" ? r.fields : r.value) as Fields;
      for (const v of Object.values(fields)) if (typeof v === "string") values.push(v);
      rows.push([r.provenance.file, ...Object.values(fields).map(String)]);
      const line = searchTableLine(asEvent(fields, r.provenance.file), "UTC");
      assert.ok(line.endsWith("\n"));
      lines.push(line.slice(0, -1)); // its own line break is the only one allowed
    }
    // the readers keep the bytes as they are: the hostile characters really arrive at the output layer
    assert.ok(
      values.some((v) => v.includes("\u001b[2J") && v.includes("\u202e")),
      "hostile values read",
    );

    const table = renderTable(
      [{ header: "file" }, { header: "a" }, { header: "b", maxWidth: 40 }, { header: "c" }, { header: "d" }],
      rows,
    );
    assertSafe(table, "renderTable");
    assertSafe(lines, "searchTableLine");

    const d = new Diagnostics();
    for (const x of [...evtx.d.list(), ...zeek.d.list(), ...json.d.list()])
      d.report(x.severity, x.code, x.message, x.location);
    assert.ok(
      d.list().some((x) => x.code === "E_ZEEK_ROW" && x.message.includes("\u001b")),
      "a diagnostic quotes the hostile cell",
    );
    assert.ok(
      d.list().some((x) => x.code === "E_JSON_SYNTAX"),
      "a diagnostic names the hostile file",
    );
    const diagnosticLines = groupedDiagnosticLines(d, 10);
    assertSafe(diagnosticLines, "diagnostics");
    assert.ok(
      diagnosticLines.some((l) => l.includes("\\u202e") && l.includes("\\x1b")),
      "escapes are visible",
    );
  });
});
