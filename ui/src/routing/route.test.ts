import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRoute, type Route, routeHash } from "./route.js";

test("parseRoute reads every page from the fragment", () => {
  const cases: readonly [string, Route][] = [
    ["", { page: "queue", query: {} }],
    ["#/", { page: "queue", query: {} }],
    ["#/incidents", { page: "queue", query: {} }],
    [
      "#/incidents?verdict=malicious&q=invoice&offset=50",
      { page: "queue", query: { verdict: "malicious", q: "invoice", offset: "50" } },
    ],
    ["#/incidents?unknown=1&state=", { page: "queue", query: {} }],
    ["#/incidents/INC-0123456789", { page: "incident", id: "INC-0123456789" }],
    ["#/incidents/INC%2Fx%20y", { page: "incident", id: "INC/x y" }],
    ["#/hosts", { page: "hosts" }],
    ["#/hosts/WS-SALES-08.corp.example", { page: "host", host: "WS-SALES-08.corp.example" }],
    [
      "#/search?q=svcupd.exe&host=WS-SALES-07&eventId=1",
      { page: "search", query: { q: "svcupd.exe", host: "WS-SALES-07", eventId: "1" } },
    ],
    ["#/allow-list", { page: "allow-list" }],
    ["#/decisions", { page: "decisions" }],
    ["#/ingest", { page: "ingest" }],
    ["#/no-such-page", { page: "queue", query: {} }],
  ];
  for (const [hash, want] of cases) assert.deepEqual(parseRoute(hash), want, hash);
});

test("parseRoute treats a malformed escape as a list page, not an error", () => {
  assert.deepEqual(parseRoute("#/incidents/%E0%A4%A"), { page: "queue", query: {} });
  assert.deepEqual(parseRoute("#/hosts/%"), { page: "hosts" });
});

test("routeHash and parseRoute round-trip, escaping ids and values", () => {
  const routes: readonly Route[] = [
    {
      page: "queue",
      query: { verdict: "benign", host: "WS-SALES-07", q: "a&b=c #d", sort: "last", order: "asc" },
    },
    { page: "incident", id: "INC-a/b?c#d" },
    { page: "host", host: "host with spaces" },
    { page: "search", query: { q: "C:\\Users\\tanaka", from: "2026-03-02 09:00" } },
    { page: "hosts" },
    { page: "allow-list" },
    { page: "decisions" },
    { page: "ingest" },
  ];
  for (const r of routes) assert.deepEqual(parseRoute(routeHash(r)), r, routeHash(r));
  assert.equal(routeHash({ page: "queue", query: { q: "", verdict: undefined } }), "#/incidents");
});
