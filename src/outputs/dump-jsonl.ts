/**
 * JSON lines for `mikiwame dump`. Input: a raw record or a normalized event. Output: one compact JSON
 * object per line, exactly as the record/event object is (kind, provenance and content); 64-bit values
 * are exact integer literals. The XML rendering of an EVTX record is left out (that is `--format xml`).
 */
import type { DumpFormatter } from "./dump-format.js";
import { toJsonText } from "./json-text.js";

export const jsonlDumpFormatter: DumpFormatter = {
  header: "",
  formatRecord(record) {
    if (record.kind === "evtx" && record.xml !== undefined) {
      const { xml: _xml, ...rest } = record;
      return `${toJsonText(rest)}\n`;
    }
    return `${toJsonText(record)}\n`;
  },
  formatEvent(event) {
    return `${toJsonText(event)}\n`;
  },
};
