import assert from "node:assert/strict";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { configFilePath, resolveDataDir } from "./data-dir.js";

describe("resolveDataDir", () => {
  it("uses $MIKIWAME_HOME when set, resolved to an absolute path", () => {
    assert.equal(resolveDataDir({ MIKIWAME_HOME: "/srv/mikiwame" }), "/srv/mikiwame");
    assert.equal(resolveDataDir({ MIKIWAME_HOME: "rel/dir" }), resolve("rel/dir"));
  });

  it("falls back to the platform data directory when $MIKIWAME_HOME is empty or unset", {
    skip: process.platform !== "linux",
  }, () => {
    const saved = process.env.XDG_DATA_HOME;
    try {
      delete process.env.XDG_DATA_HOME;
      assert.equal(resolveDataDir({ MIKIWAME_HOME: "  " }), join(homedir(), ".local", "share", "mikiwame"));
      process.env.XDG_DATA_HOME = "/xdg/data";
      assert.equal(resolveDataDir({}), "/xdg/data/mikiwame");
    } finally {
      if (saved === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = saved;
    }
  });

  it("puts config.yaml in the data directory", () => {
    assert.equal(configFilePath("/srv/mikiwame"), "/srv/mikiwame/config.yaml");
  });
});
