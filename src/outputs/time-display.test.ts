import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDisplayTime } from "./time-display.js";

describe("formatDisplayTime", () => {
  it("keeps the full precision in UTC", () => {
    assert.equal(formatDisplayTime("2019-03-19T23:44:01.1234567Z", "UTC"), "2019-03-19 23:44:01.1234567Z");
  });

  it("converts to an IANA zone with its offset", () => {
    assert.equal(
      formatDisplayTime("2019-03-19T23:44:01.1234567Z", "Asia/Tokyo"),
      "2019-03-20 08:44:01.123 +09:00",
    );
    assert.equal(
      formatDisplayTime("2019-07-01T12:00:00Z", "Europe/Berlin"),
      "2019-07-01 14:00:00.000 +02:00",
    );
  });

  it("shows an unparseable time as it is", () => {
    assert.equal(formatDisplayTime("not-a-time", "Asia/Tokyo"), "not-a-time");
  });
});
