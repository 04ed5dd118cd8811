import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discoveryDetector, discoveryInCommandLine } from "./discovery-commands.js";
import { EventFactory, guid, hitsOn } from "./process-events.test.support.js";

const S32 = "C:\\Windows\\System32\\";

describe("discovery detector", () => {
  const cmd = guid(0x10);
  const run = (cmdLine: string, children: [string, string][]) => {
    const ev = new EventFactory();
    const events = [ev.start(0, cmd, `${S32}cmd.exe`, undefined, { CommandLine: cmdLine })];
    for (const [i, [image, line]] of children.entries())
      events.push(ev.start(i + 1, guid(0x100 + i), S32 + image, cmd, { CommandLine: line }));
    return hitsOn(discoveryDetector, events, cmd);
  };

  it("three discovery tools as children", () => {
    const hits = run('cmd.exe /c "whoami /all & ipconfig /all & net view"', [
      ["whoami.exe", "whoami /all"],
      ["ipconfig.exe", "ipconfig /all"],
      ["net.exe", "net view"],
    ]);
    assert.equal(hits.length, 1);
    assert.equal(hits[0].stage, "reconnaissance");
    assert.equal(hits[0].details.count, 3);
    assert.equal(hits[0].evidence.length, 4);
    assert.deepEqual([...hits[0].attack].sort(), ["T1016", "T1033", "T1087"]);
  });

  it("three on the command line alone (children not logged)", () => {
    assert.equal(run("cmd /c systeminfo && tasklist && netstat -ano", []).length, 1);
  });

  it("misses fewer than three, and `net` without a discovery verb", () => {
    assert.deepEqual(run("cmd /c whoami", [["ipconfig.exe", "ipconfig"]]), []);
    assert.deepEqual(
      run("cmd /c x", [
        ["whoami.exe", "whoami"],
        ["ipconfig.exe", "ipconfig"],
        ["net.exe", "net use z: \\\\srv\\share"],
      ]),
      [],
    );
  });

  it("discoveryInCommandLine", () => {
    const found = discoveryInCommandLine(
      'C:\\Windows\\System32\\cmd.exe /c "whoami /all & ipconfig /all & net view"',
    );
    assert.deepEqual(
      found.map((c) => c.image),
      ["whoami.exe", "ipconfig.exe", "net.exe"],
    );
    assert.deepEqual(discoveryInCommandLine("notepad.exe a.txt"), []);
  });
});
