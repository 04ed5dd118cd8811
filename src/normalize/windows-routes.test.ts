import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import logsourceData from "./mappings/logsources.json" with { type: "json" };
import { defaultWindowsRoutes, WindowsRoutes } from "./windows-routes.js";

const SYSMON = "Microsoft-Windows-Sysmon/Operational";

describe("WindowsRoutes.resolve", () => {
  const routes = defaultWindowsRoutes();
  const rows: readonly [
    string,
    string,
    string,
    number,
    string,
    string | undefined,
    string | undefined,
    string[]?,
  ][] = [
    ["Sysmon 1", SYSMON, "Microsoft-Windows-Sysmon", 1, SYSMON, "sysmon", "process_creation"],
    ["Sysmon 3", SYSMON, "Microsoft-Windows-Sysmon", 3, SYSMON, "sysmon", "network_connection"],
    ["Sysmon 13", SYSMON, "", 13, SYSMON, "sysmon", "registry_event", ["registry_event", "registry_set"]],
    [
      "Sysmon 12",
      SYSMON,
      "",
      12,
      SYSMON,
      "sysmon",
      "registry_event",
      ["registry_event", "registry_add", "registry_delete"],
    ],
    [
      "Sysmon 26",
      SYSMON,
      "",
      26,
      SYSMON,
      "sysmon",
      "file_delete_detected",
      ["file_delete_detected", "file_delete"],
    ],
    ["Sysmon 16", SYSMON, "", 16, SYSMON, "sysmon", "sysmon_status"],
    ["Sysmon 999 (no category)", SYSMON, "", 999, SYSMON, "sysmon", undefined],
    [
      "Security 4688",
      "Security",
      "Microsoft-Windows-Security-Auditing",
      4688,
      "Security",
      "security",
      "process_creation",
    ],
    ["Security 4624", "Security", "", 4624, "Security", "security", undefined],
    ["nxlog lower-case channel", "security", "", 4688, "Security", "security", "process_creation"],
    [
      "PowerShell 4104",
      "Microsoft-Windows-PowerShell/Operational",
      "",
      4104,
      "Microsoft-Windows-PowerShell/Operational",
      "powershell",
      "ps_script",
    ],
    [
      "PowerShell Core 4103",
      "PowerShellCore/Operational",
      "",
      4103,
      "PowerShellCore/Operational",
      "powershell",
      "ps_module",
    ],
    [
      "classic 400",
      "Windows PowerShell",
      "PowerShell",
      400,
      "Windows PowerShell",
      "powershell-classic",
      "ps_classic_start",
    ],
    [
      "classic 600",
      "Windows PowerShell",
      "PowerShell",
      600,
      "Windows PowerShell",
      "powershell-classic",
      "ps_classic_provider_start",
    ],
    [
      "classic 800",
      "Windows PowerShell",
      "PowerShell",
      800,
      "Windows PowerShell",
      "powershell-classic",
      "ps_classic_script",
    ],
    ["System", "System", "Service Control Manager", 7045, "System", "system", undefined],
    [
      "Defender",
      "Microsoft-Windows-Windows Defender/Operational",
      "",
      1116,
      "Microsoft-Windows-Windows Defender/Operational",
      "windefend",
      undefined,
    ],
    [
      "forwarded Sysmon keeps its channel",
      "ForwardedEvents",
      "Microsoft-Windows-Sysmon",
      1,
      "ForwardedEvents",
      "sysmon",
      "process_creation",
    ],
    ["missing channel, Sysmon provider", "", "Microsoft-Windows-Sysmon", 22, SYSMON, "sysmon", "dns_query"],
    [
      "Kernel-File ETW 12",
      "Microsoft-Windows-Kernel-File/Analytic",
      "Microsoft-Windows-Kernel-File",
      12,
      "Microsoft-Windows-Kernel-File/Analytic",
      undefined,
      "file_access",
    ],
    ["unknown channel", "Foo/Bar", "Foo", 1, "Foo/Bar", undefined, undefined],
  ];
  for (const [name, channel, provider, id, wantChannel, service, category, categories] of rows) {
    test(name, () => {
      const r = routes.resolve(channel, provider, id);
      assert.equal(r.channel, wantChannel);
      assert.equal(r.logsource.product, "windows");
      assert.equal(r.logsource.service, service);
      assert.equal(r.logsource.category, category);
      if (categories) assert.deepEqual(r.logsource.categories, categories);
      if (category) assert.equal(r.logsource.categories?.[0], category);
      assert.ok(Object.isFrozen(r.logsource));
    });
  }

  test("routes are shared, not rebuilt per event", () => {
    assert.equal(routes.resolve(SYSMON, "", 1), routes.resolve(SYSMON, "", 1));
    assert.equal(routes.resolve("security", "", 4688), routes.resolve("Security", "", 4688));
  });

  test("only 4688 and 4689 carry a field plan", () => {
    assert.ok(routes.resolve("Security", "", 4688).plan);
    assert.ok(routes.resolve("Security", "", 4689).plan);
    assert.equal(routes.resolve("Security", "", 4624).plan, undefined);
    assert.equal(routes.resolve(SYSMON, "", 1).plan, undefined);
  });

  test("a channel listed twice in the data is refused", () => {
    const data = {
      product: "windows",
      services: [
        { service: "a", channels: ["X"] },
        { service: "b", channels: ["X"] },
      ],
      providers: [],
      categories: [],
    };
    assert.throws(() => new WindowsRoutes(data, { mappings: [] }), /channel "X" listed twice/);
  });
});

describe("logsources.json covers Sigma", () => {
  test("every Windows service of SigmaHQ tests/logsource.json has a channel", (t) => {
    const file = corpusPath("sigma", "tests", "logsource.json");
    if (!file) return t.skip(corpusSkipReason("sigma/tests/logsource.json"));
    const sigma = JSON.parse(readFileSync(file, "utf8")) as {
      legit: { windows: { service: Record<string, unknown> } };
    };
    const ours = new Set(logsourceData.services.map((s) => s.service));
    const missing = Object.keys(sigma.legit.windows.service).filter((s) => !ours.has(s));
    assert.deepEqual(missing, []);
  });

  test("every Sysmon and PowerShell category of the taxonomy appendix is assigned", (t) => {
    const file = corpusPath("sigma-specification", "specification", "sigma-appendix-taxonomy.md");
    if (!file) return t.skip(corpusSkipReason("sigma-specification taxonomy appendix"));
    const text = readFileSync(file, "utf8");
    const wanted = new Set<string>();
    for (const m of text.matchAll(/product: windows<br>category: (\w+)\s*\|\s*EventIDs?:[^|]*Channel:/g))
      wanted.add(m[1]);
    assert.ok(wanted.size > 25, `found ${wanted.size} categories in the taxonomy`);
    const ours = new Set(logsourceData.categories.flatMap((c) => c.categories));
    assert.deepEqual(
      [...wanted].filter((c) => !ours.has(c)),
      [],
    );
  });
});
