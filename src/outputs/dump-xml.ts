/**
 * XML for `mikiwame dump --format xml`. Input: an EVTX record read with `xml: true`. Output: the
 * record's XML rendering as the EVTX reader produced it, one event after another. Other records and
 * normalized events have no XML form: the formatter returns undefined and the caller reports it.
 */
import type { DumpFormatter } from "./dump-format.js";

export const xmlDumpFormatter: DumpFormatter = {
  header: "",
  formatRecord(record) {
    if (record.kind !== "evtx" || record.xml === undefined) return undefined;
    return record.xml.endsWith("\n") ? record.xml : `${record.xml}\n`;
  },
  formatEvent() {
    return undefined;
  },
};
