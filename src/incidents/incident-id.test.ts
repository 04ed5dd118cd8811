import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { incidentId } from "./incident-id.js";

describe("incidentId", () => {
  const root = {
    host: "WS-SALES-08.corp.example",
    image: "C:\\Temp\\A.exe",
    start: "2026-03-02T09:14:03.2163080Z",
  };

  it("INC- and 10 hex digits; the same root cause gives the same id whatever the host spelling or case", () => {
    const id = incidentId(root, []);
    assert.match(id, /^INC-[0-9a-f]{10}$/);
    assert.equal(incidentId({ ...root, host: "ws-sales-08", image: "c:\\temp\\a.exe" }, []), id);
  });

  it("another host, image or start time gives another id", () => {
    const id = incidentId(root, []);
    for (const other of [
      { host: "WS-SALES-07" },
      { image: "C:\\Temp\\B.exe" },
      { start: "2026-03-02T09:14:04Z" },
    ])
      assert.notEqual(incidentId({ ...root, ...other }, []), id);
  });

  it("without a root cause: the sorted keys (their order does not matter)", () => {
    assert.equal(incidentId(undefined, ["host:b", "host:a"]), incidentId(undefined, ["host:a", "host:b"]));
    assert.notEqual(incidentId(undefined, ["host:a"]), incidentId(undefined, ["host:b"]));
  });
});
