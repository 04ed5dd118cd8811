/**
 * The app shell: signs in (token from the `#token=` link or the login page, checked with
 * `GET /api/whoami`), shows the header (navigation, server health, language switch, who is signed in) and
 * the page of the current route; handles the global `/` shortcut. Input: the URL. Output: the page.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Health, WhoAmI } from "../../src/server/api-contract.js";
import { ApiFailure, apiGet, onUnauthorized } from "./api/api-client.js";
import { clearToken, currentToken, saveToken, takeTokenFromFragment } from "./api/token-store.js";
import { useApi } from "./api/use-api.js";
import { formatTime } from "./components/format.js";
import { focusSearch, isTypingTarget } from "./components/keyboard.js";
import { roleCanDecide, type Session, SessionContext, useSession } from "./components/session.js";
import { useI18n } from "./i18n/i18n-context.js";
import { AllowListPage } from "./pages/allow-list-page.js";
import { DecisionLogPage } from "./pages/decision-log-page.js";
import { EventSearchPage } from "./pages/event-search-page.js";
import { HostPage } from "./pages/host-page.js";
import { HostsPage } from "./pages/hosts-page.js";
import { IncidentPage } from "./pages/incident-page.js";
import { IncidentQueuePage } from "./pages/incident-queue-page.js";
import { IngestPage } from "./pages/ingest-page.js";
import { LoginPage } from "./pages/login-page.js";
import type { Route } from "./routing/route.js";
import { useRoute } from "./routing/use-route.js";

type Phase =
  | { readonly kind: "checking" }
  | { readonly kind: "login"; readonly rejected: boolean }
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "ready"; readonly me: WhoAmI };

export function App() {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: "checking" });

  const check = useCallback(async () => {
    takeTokenFromFragment();
    if (currentToken() === undefined) {
      setPhase({ kind: "login", rejected: false });
      return;
    }
    setPhase({ kind: "checking" });
    try {
      setPhase({ kind: "ready", me: await apiGet<WhoAmI>("whoami") });
    } catch (e) {
      if (e instanceof ApiFailure && (e.status === 401 || e.status === 403)) {
        clearToken();
        setPhase({ kind: "login", rejected: true });
      } else setPhase({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void check();
    // a new `#token=` link pasted into this tab signs in again
    const onHash = () => {
      if (/(^#|&)token=/.test(window.location.hash)) void check();
    };
    window.addEventListener("hashchange", onHash);
    const off = onUnauthorized(() => {
      clearToken();
      setPhase({ kind: "login", rejected: true });
    });
    return () => {
      window.removeEventListener("hashchange", onHash);
      off();
    };
  }, [check]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "/" && !isTypingTarget(e) && focusSearch()) e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const session = useMemo<Session | undefined>(
    () => (phase.kind === "ready" ? { me: phase.me, canDecide: roleCanDecide(phase.me.role) } : undefined),
    [phase],
  );

  if (phase.kind === "login")
    return (
      <LoginPage
        rejected={phase.rejected}
        onToken={(token) => {
          saveToken(token);
          void check();
        }}
      />
    );
  if (phase.kind === "checking") return <p className="muted page-status">{t("auth.checking")}</p>;
  if (phase.kind === "failed")
    return (
      <p className="error page-status" role="alert">
        {t("common.error", { message: phase.message })}{" "}
        <button type="button" onClick={() => void check()}>
          {t("common.retry")}
        </button>
      </p>
    );
  return (
    <SessionContext.Provider value={session}>
      <Shell
        onLogout={() => {
          clearToken();
          setPhase({ kind: "login", rejected: false });
        }}
      />
    </SessionContext.Provider>
  );
}

const NAV: readonly { readonly page: Route["page"]; readonly hash: string; readonly label: NavLabel }[] = [
  { page: "queue", hash: "#/incidents", label: "nav.queue" },
  { page: "hosts", hash: "#/hosts", label: "nav.hosts" },
  { page: "search", hash: "#/search", label: "nav.search" },
  { page: "allow-list", hash: "#/allow-list", label: "nav.allowList" },
  { page: "decisions", hash: "#/decisions", label: "nav.decisions" },
  { page: "ingest", hash: "#/ingest", label: "nav.ingest" },
];
type NavLabel = "nav.queue" | "nav.hosts" | "nav.search" | "nav.allowList" | "nav.decisions" | "nav.ingest";

/** Which navigation entry a page belongs to. */
function navPage(route: Route): Route["page"] {
  if (route.page === "incident") return "queue";
  if (route.page === "host") return "hosts";
  return route.page;
}

function Shell({ onLogout }: { readonly onLogout: () => void }) {
  const { t, lang, setLang } = useI18n();
  const { route, go } = useRoute();
  const session = useSession();
  const [search, setSearch] = useState("");
  const current = navPage(route);
  return (
    <>
      <button type="button" className="skip-link" onClick={() => document.getElementById("main")?.focus()}>
        {t("nav.skip")}
      </button>
      <header className="app-header">
        <a className="brand" href="#/incidents">
          <span className="brand-name">{t("app.name")}</span> <span className="brand-ja">見極め</span>
        </a>
        <nav aria-label={t("nav.main")}>
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <a href={n.hash} aria-current={current === n.page ? "page" : undefined} data-nav={n.page}>
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form
          className="header-search"
          aria-label={t("search.global")}
          onSubmit={(e) => {
            e.preventDefault();
            go({ page: "search", query: { q: search.trim() } });
          }}
        >
          <input
            id="global-search"
            type="search"
            aria-label={t("search.global")}
            placeholder={t("search.global")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </form>
        <HealthLine />
        <button
          type="button"
          className="lang-switch"
          data-testid="lang-switch"
          title={t("lang.switchTitle")}
          lang={lang === "ja" ? "en" : "ja"}
          onClick={() => setLang(lang === "ja" ? "en" : "ja")}
        >
          {t("lang.switch")}
        </button>
        <span className="whoami" data-role={session.me.role}>
          {session.me.name} ({session.me.role}
          {session.canDecide ? "" : ` · ${t("auth.readOnly")}`})
        </span>
        <button type="button" className="link-button" onClick={onLogout}>
          {t("auth.logout")}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function HealthLine() {
  const { t } = useI18n();
  const health = useApi<Health>("health", {}, 5000);
  if (health.error && !health.data) return <span className="health down">{t("health.down")}</span>;
  const h = health.data;
  if (!h) return <span className="health" />;
  return (
    <span className="health" data-testid="health" aria-live="polite">
      {t("health.events", { n: h.events.toLocaleString() })} · {t("health.incidents", { n: h.incidents })}
      {h.pending > 0 ? ` · ${t("health.pending", { n: h.pending.toLocaleString() })}` : ""}
      {h.analyzedAt ? ` · ${t("health.analyzedAt", { time: formatTime(h.analyzedAt) })}` : ""}
    </span>
  );
}

function Page({ route }: { readonly route: Route }) {
  switch (route.page) {
    case "queue":
      return <IncidentQueuePage query={route.query} />;
    case "incident":
      return <IncidentPage key={route.id} id={route.id} />;
    case "hosts":
      return <HostsPage />;
    case "host":
      return <HostPage key={route.host} host={route.host} />;
    case "search":
      return <EventSearchPage query={route.query} />;
    case "allow-list":
      return <AllowListPage />;
    case "decisions":
      return <DecisionLogPage />;
    case "ingest":
      return <IngestPage />;
  }
}
