/**
 * Optional: opens the HTML report in headless Chromium with every network request recorded and blocked,
 * and asserts there are none — not even one the CSP would block — and no CSP violation is reported. Runs only when /usr/bin/chromium and
 * the playwright-core package are both present; otherwise it is skipped with the reason.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { reportFixture } from "./report-fixtures.js";
import { renderReportHtml } from "./report-html.js";

const CHROMIUM = "/usr/bin/chromium";

/** The few playwright-core calls used here. */
interface Route {
  request(): { url(): string };
  abort(): Promise<void>;
}
interface Page {
  route(pattern: string, handler: (route: Route) => void): Promise<void>;
  on(event: "request", handler: (request: { url(): string }) => void): void;
  on(event: "console", handler: (message: { text(): string }) => void): void;
  setContent(html: string, options: { waitUntil: "load" }): Promise<void>;
  evaluate(expression: string): Promise<unknown>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; headless: boolean }): Promise<Browser> };
}

async function loadPlaywright(): Promise<Playwright | undefined> {
  const name = "playwright-core"; // not a dependency: resolved only when someone installed it
  try {
    return (await import(name)) as Playwright;
  } catch {
    return undefined;
  }
}

test("headless Chromium: the report makes zero network requests", async (t) => {
  if (!existsSync(CHROMIUM)) return t.skip(`skipped: ${CHROMIUM} is not installed`);
  const playwright = await loadPlaywright();
  if (!playwright) return t.skip("skipped: playwright-core is not in node_modules");
  const hostile = reportFixture({
    host: '<img src="https://evil.example/h.png">',
    messageTail: ' <link rel="stylesheet" href="https://evil.example/s.css">',
  });
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    for (const input of [reportFixture(), { ...hostile, lang: "ja" as const }]) {
      const page = await browser.newPage();
      const requests: string[] = [];
      const violations: string[] = [];
      // a load the CSP blocks still shows as a request: none may even be attempted
      page.on("request", (r) => requests.push(r.url()));
      page.on("console", (m) => {
        if (m.text().includes("Content Security Policy")) violations.push(m.text());
      });
      await page.route("**/*", (route) => {
        requests.push(route.request().url());
        void route.abort();
      });
      await page.setContent(renderReportHtml(input), { waitUntil: "load" });
      assert.deepEqual(requests, []);
      assert.deepEqual(violations, [], "the report's own style is allowed by its policy");
      const articles = await page.evaluate("document.querySelectorAll('article.incident').length");
      assert.equal(articles, 2);
    }
  } finally {
    await browser.close();
  }
});
