import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { zeekPathFromFileName } from "./zeek-log-path.js";

describe("zeekPathFromFileName", () => {
  const cases: [string, string][] = [
    ["/logs/conn.log", "conn"],
    ["dns.log.gz", "dns"],
    ["conn.00:00:00-01:00:00.log.gz", "conn"],
    ["http.16:00:00-17:00:00.log.gz", "http"],
    ["data/conn.log.labeled", "conn"],
    ["labeled-conn.log", "conn"],
    ["NASHUA_conn.log", "conn"],
    ["UTICA-ONE-DRIVE_smb_files.log", "smb_files"],
    ["SCRANTON_dce_rpc.log", "dce_rpc"],
    ["conn_json.log", "conn"],
    ["open_conn.log", "open_conn"],
    ["mystery.log", "mystery"],
  ];
  for (const [file, want] of cases) {
    it(`${file} → ${want}`, () => assert.equal(zeekPathFromFileName(file), want));
  }
});
