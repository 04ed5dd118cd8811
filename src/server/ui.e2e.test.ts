/**
 * End-to-end test of the web UI in real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * starts `mikiwame serve` as a child process on a temp data directory and database, uploads examples/
 * through the UI's ingest form, waits for the analysis, opens the malicious WS-SALES-07 incident with the
 * keyboard (tree: invoice.pdf.exe, the root cause, → svcupd.exe; verdict malicious), adds a note, downloads
 * the blocklist export, marks the Outlook over-detection benign with a reason and a scope and sees it
 * suppressed, checks that a viewer token cannot decide, and switches to Japanese. Screenshots go to
 * test-artifacts/ui/*.png. Skips with a printed reason when Chromium is absent. The UI served is the build
 * in dist/ui (`npm test` builds it first).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../testing/corpus.js";
import type { CreatedApiToken, IncidentSummary, Page as ApiPage } from "./api-contract.js";

const CHROMIUM = process.env.MIKIWAME_CHROMIUM ?? "/usr/bin/chromium";
/** The machine's network is closed: without these Chromium's background connections fail noisily. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ROOT = repoRoot();
const ARTIFACTS = join(ROOT, "test-artifacts", "ui");
const EXAMPLES = [
  "evtx/WS-SALES-07_Sysmon.evtx",
  "evtx/WS-SALES-07_Security.evtx",
  "json/WS-SALES-08_sysmon.jsonl",
  "zeek/conn.log",
  "zeek/dns.log",
].map((f) => join(ROOT, "examples", f));
/** Waits on the server's analysis (debounce 2 s, then the analysis itself). */
const ANALYSIS_WAIT_MS = 60_000;

interface Served {
  readonly url: string;
  readonly token: string;
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

/** `mikiwame serve --port 0` (the CLI compiled beside this test) on a fresh data directory. */
async function startServer(dir: string): Promise<Served> {
  const main = pathToFileURL(join(import.meta.dirname, "..", "cli", "main.js")).href;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import(${JSON.stringify(main)}).then((m) => m.runMain(process.argv.slice(1)))`,
      "serve",
      "--port",
      "0",
      "--db",
      join(dir, "store.duckdb"),
    ],
    { env: { ...process.env, MIKIWAME_HOME: join(dir, "home") }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString("utf8")).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    const token = /#token=(\S+)/.exec(out)?.[1];
    if (url && token) return { url: url.replace(/\/$/, ""), token, output: () => out, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`mikiwame serve did not start (no URL with a token on stdout):\n${out}`);
}

/** An API call with a token, as a script would make it. */
async function api<T>(served: Served, path: string, token: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${served.url}/api/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
  });
  assert.ok(res.ok, `${init.method ?? "GET"} /api/${path}: HTTP ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** The process-tree edges on the page: from, to, kind, in the malicious branch. */
async function treeEdges(page: Page) {
  return page.locator("g.tree-edge").evaluateAll((els) =>
    els.map((e) => ({
      from: e.getAttribute("data-from"),
      to: e.getAttribute("data-to"),
      kind: e.getAttribute("data-edge"),
      branch: e.classList.contains("branch"),
    })),
  );
}

test("web UI in Chromium: ingest examples/, open the WS-SALES-07 incident, mark the Outlook over-detection, Japanese", {
  timeout: 180_000,
}, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} is absent: install Debian's chromium package (.ci/run does) to run the UI tests`);
    return;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "mikiwame-ui-e2e-"));
  let served: Served | undefined;
  let browser: Browser | undefined;
  t.after(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  served = await startServer(dir);
  const s = served;
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: "en-US" });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(15_000);
  try {
    // sign in with the link the server printed; the token leaves the address bar at once
    await page.goto(`${s.url}/#token=${s.token}`);
    assert.ok((await page.locator("#root").count()) === 1, "the server serves no UI: run `npm run build:ui`");
    await page.waitForSelector("[data-testid=lang-switch]");
    assert.ok(!page.url().includes(s.token), `the token is still in the address bar: ${page.url()}`);

    // ingest examples/ through the upload form
    await page.click("[data-nav=ingest]");
    await page.setInputFiles("[data-testid=upload-form] input[type=file]", EXAMPLES);
    await page.click("[data-testid=upload-form] button[type=submit]");
    await page.waitForSelector("[data-testid=upload-form][data-busy=false] ~ [data-testid=upload-results]", {
      timeout: 60_000,
    });
    const results = await page.locator("[data-testid=upload-results] li").allTextContents();
    assert.equal(results.length, EXAMPLES.length, results.join("\n"));
    for (const r of results) assert.match(r, /: [1-9]\d* accepted/, r);
    await shot(page, "01-ingest");

    // the queue shows the malicious WS-SALES-07 incident once the analysis ran
    await page.click("[data-nav=queue]");
    const malicious = page.locator("tr[data-verdict=malicious]", { hasText: "WS-SALES-07" }).first();
    await malicious.waitFor({ timeout: ANALYSIS_WAIT_MS });
    await shot(page, "02-queue");
    const rows = await page
      .locator("[data-testid=incident-queue] tbody tr")
      .evaluateAll((rs) => rs.map((r) => `${r.getAttribute("data-verdict")} ${r.textContent ?? ""}`));
    const index = rows.findIndex((r) => r.startsWith("malicious ") && r.includes("WS-SALES-07"));
    assert.ok(index >= 0, rows.join("\n"));

    // keyboard: j/k move the selection, Enter opens it
    await page.locator("h1").click();
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    for (let i = 0; i < index; i++) await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=process-tree]");
    assert.equal(await page.getAttribute("[data-testid=incident-verdict]", "data-verdict"), "malicious");
    const dropper = page.locator('g.tree-node[data-image="invoice.pdf.exe"]');
    const payload = page.locator('g.tree-node[data-image="svcupd.exe"]');
    assert.equal(await dropper.count(), 1, "invoice.pdf.exe in the tree");
    assert.equal(await payload.count(), 1, "svcupd.exe in the tree");
    assert.equal(await dropper.getAttribute("data-root-cause"), "true", "invoice.pdf.exe is the root cause");
    const dk = await dropper.getAttribute("data-process-key");
    const pk = await payload.getAttribute("data-process-key");
    const edges = (await treeEdges(page)).filter((e) => e.from === dk && e.to === pk);
    assert.ok(edges.length > 0, "an edge invoice.pdf.exe → svcupd.exe");
    assert.ok(
      edges.every((e) => e.branch),
      "the edge is on the malicious branch",
    );
    assert.ok(
      edges.some((e) => e.kind === "dropper"),
      "the dropper edge (invoice.pdf.exe wrote svcupd.exe) is drawn",
    );
    assert.equal(
      await page.getAttribute("[data-stage=command_and_control]", "data-status"),
      "reached",
      "kill chain: command and control reached",
    );
    await payload.click();
    await page.waitForSelector('[data-testid=process-panel] >> text="svcupd.exe"', { state: "attached" });
    await shot(page, "03-incident-malicious");
    const maliciousUrl = page.url();

    // a note for the team, and an export downloaded with the token (fetch + Blob)
    await page.fill("textarea[name=note]", "WS-SALES-07 isolated by the network team");
    await page.click("[data-testid=note-submit]");
    await page.locator("[data-testid=notes] li", { hasText: "isolated by the network team" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-testid=exports] button[data-export="blocklist.txt"]'),
    ]);
    assert.match(download.suggestedFilename(), /blocklist\.txt$/);
    assert.match(
      readFileSync(await download.path(), "utf8"),
      /^203\.0\.113\.45$/m,
      "the C&C address is on the blocklist",
    );

    // the Outlook over-detection: mark it benign for all hosts, one rule on the image
    const list = await api<ApiPage<IncidentSummary>>(s, "incidents?limit=500", s.token);
    const outlook = list.items.find((i) => /outlook/i.test(`${i.rootCauseImage ?? ""} ${i.title.en}`));
    assert.ok(outlook, `no Outlook incident in ${list.items.map((i) => i.title.en).join("; ")}`);
    await page.click("[data-nav=queue]");
    await page.click(`tr[data-incident-id="${outlook.id}"] a`);
    await page.waitForSelector("[data-testid=verdict-form]");
    await page.locator('g.tree-node[data-image="outlook.exe" i]').first().click();
    await page.check("input[name=verdict][value=benign]");
    await page.fill(
      "textarea[name=reason]",
      "Outlook polling Exchange Online: signed Microsoft binary, same on every host",
    );
    await page.check("input[name=hosts][value=all]");
    if (await page.isEnabled("input[name=match][value=rule-on-image]")) {
      await page.check("input[name=match][value=rule-on-image]");
      const options = await page.locator("select[name=detector] option").allTextContents();
      if (options.includes("network.beacon"))
        await page.selectOption("select[name=detector]", "network.beacon");
    }
    await page.click("[data-testid=verdict-submit]");
    const message = await page.locator("[data-testid=verdict-message]").textContent();
    const decisionId = /D-[0-9a-f]{12}/.exec(message ?? "")?.[0];
    assert.ok(decisionId, `no decision id in "${message}"`);
    await page.waitForSelector(`[data-testid=decided-by][data-decision="${decisionId}"]`, {
      timeout: ANALYSIS_WAIT_MS,
    });
    assert.equal(await page.getAttribute("[data-testid=incident-verdict]", "data-verdict"), "benign");
    const suppressed = Number(await page.getAttribute("[data-testid=suppressed-count]", "data-count"));
    assert.ok(suppressed > 0, "the over-detection's findings are suppressed");
    assert.ok(
      (await page.locator(`text=suppressed by ${decisionId}`).count()) > 0,
      "findings say who suppressed them",
    );
    await shot(page, "04-outlook-over-detection");

    // the decision log lists it
    await page.click("[data-nav=decisions]");
    const row = page.locator(`tr[data-decision-id="${decisionId}"]`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Outlook polling Exchange Online/);
    await shot(page, "05-decisions");

    // Japanese: labels, verdict words, kill-chain stages; the choice survives a reload
    await page.click("[data-testid=lang-switch]");
    assert.equal(await page.locator("[data-nav=queue]").textContent(), "インシデント");
    await page.goto(maliciousUrl);
    await page.waitForSelector("[data-testid=process-tree]");
    assert.equal((await page.locator("[data-testid=incident-verdict] .badge").textContent())?.trim(), "悪性");
    assert.match((await page.locator("[data-stage=command_and_control]").textContent()) ?? "", /遠隔操作/);
    await shot(page, "06-incident-ja");
    await page.reload();
    await page.waitForSelector("[data-testid=process-tree]");
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    await page.click("[data-nav=queue]");
    await page.waitForSelector(`tr[data-incident-id="${outlook.id}"]`);
    assert.equal(
      (await page.locator(`tr[data-incident-id="${outlook.id}"] .badge[data-verdict]`).textContent())?.trim(),
      "過検知",
    );
    await shot(page, "07-queue-ja");

    // a viewer signs in on the login page and cannot decide
    const viewer = await api<CreatedApiToken>(s, "tokens", s.token, {
      method: "POST",
      body: JSON.stringify({ name: "e2e-viewer", role: "viewer" }),
    });
    const viewerPage = await (
      await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    viewerPage.on("pageerror", (e) => pageErrors.push(e.message));
    await viewerPage.goto(`${s.url}/#/incidents/${encodeURIComponent(outlook.id)}`);
    await viewerPage.fill("input[name=token]", viewer.token);
    await viewerPage.click("button[type=submit]");
    await viewerPage.waitForSelector("[data-testid=incident-verdict]");
    assert.equal(
      await viewerPage.locator("[data-testid=verdict-form]").count(),
      0,
      "no verdict form for a viewer",
    );
    assert.equal(await viewerPage.getAttribute(".whoami", "data-role"), "viewer");
    await viewerPage.screenshot({ path: join(ARTIFACTS, "08-viewer.png") });

    assert.deepEqual(pageErrors, [], "no script errors in the page");
  } catch (e) {
    await page.screenshot({ path: join(ARTIFACTS, "failure.png"), fullPage: true }).catch(() => undefined);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- server output ---\n${s.output()}`, {
      cause: e,
    });
  }
});
