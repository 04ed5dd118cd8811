/**
 * Plain indicator lists: one value per line (hash, address, block, domain or URL; the type is inferred),
 * `#` and `;` comment lines and blank lines ignored; anything after the first space, tab or comma on a line
 * is ignored (lists such as `1.2.3.4 # comment`). Bad lines are reported at file:line and skipped.
 * Input: a path and an import sink. Output: indicators in the sink's store.
 */
import { textLines } from "../../readers/text/text-lines.js";
import type { IntelImportSink } from "../intel-import.js";

/** Imports a plain list. Rejects only when the file cannot be read at all. */
export async function importPlainList(file: string, sink: IntelImportSink): Promise<void> {
  for await (const { line, text } of textLines(file, sink.options.maxLineBytes)) {
    if (text === undefined) {
      sink.stats.skipped++;
      sink.diagnostics.warn("E_LIMIT", `line longer than ${sink.options.maxLineBytes} bytes; skipped`, {
        file,
        line,
      });
      continue;
    }
    const t = text.trim();
    if (t === "" || t.startsWith("#") || t.startsWith(";")) continue;
    const value = t.split(/[\s,]/, 1)[0]!;
    sink.offer({ value }, { file, line });
  }
}
