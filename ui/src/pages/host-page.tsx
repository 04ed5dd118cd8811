/**
 * One host: its summary, its incidents and its latest events, with a link to search all of its events.
 * Input: `GET /api/hosts`, `GET /api/incidents?host=`, `GET /api/events?host=`. Output: the page.
 */
import type { ApiEvent, HostSummary, IncidentSummary, Page } from "../../../src/server/api-contract.js";
import { useApi } from "../api/use-api.js";
import { StageLabel, StateBadge, VerdictBadge } from "../components/badges.js";
import { EventTable } from "../components/event-table.js";
import { formatPercent, formatTime } from "../components/format.js";
import { LoadState } from "../components/load-state.js";
import { useI18n } from "../i18n/i18n-context.js";
import { routeHash } from "../routing/route.js";

export function HostPage({ host }: { readonly host: string }) {
  const { t, text } = useI18n();
  const hosts = useApi<Page<HostSummary>>("hosts", { q: host, limit: 500 });
  const incidents = useApi<Page<IncidentSummary>>("incidents", { host, limit: 100 }, 15000);
  const events = useApi<Page<ApiEvent>>("events", { host, limit: 50 });
  const summary = hosts.data?.items.find((h) => h.host.toLowerCase() === host.toLowerCase());
  return (
    <section>
      <p className="muted small">
        <a href="#/hosts">← {t("hosts.title")}</a>
      </p>
      <h1>{t("host.title", { host })}</h1>
      <LoadState loading={hosts.loading && !hosts.data} error={hosts.error} reload={hosts.reload} />
      {hosts.data && !summary ? <p className="muted">{t("host.notFound", { host })}</p> : null}
      {summary ? (
        <dl className="header-facts">
          <div>
            <dt>{t("col.verdict")}</dt>
            <dd>{summary.verdict ? <VerdictBadge verdict={summary.verdict} /> : "—"}</dd>
          </div>
          <div>
            <dt>{t("col.events")}</dt>
            <dd>{summary.events.toLocaleString()}</dd>
          </div>
          <div>
            <dt>{t("col.active")}</dt>
            <dd>{summary.active ? t("common.yes") : t("common.no")}</dd>
          </div>
          <div>
            <dt>{t("incident.window")}</dt>
            <dd>
              {formatTime(summary.first)} → {formatTime(summary.last)}
            </dd>
          </div>
        </dl>
      ) : null}
      <h2>{t("host.incidents")}</h2>
      <LoadState
        loading={incidents.loading && !incidents.data}
        error={incidents.error}
        reload={incidents.reload}
      />
      {incidents.data && incidents.data.items.length === 0 ? (
        <p className="muted">{t("queue.empty")}</p>
      ) : null}
      {incidents.data && incidents.data.items.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("queue.col.verdict")}</th>
              <th scope="col">{t("queue.col.confidence")}</th>
              <th scope="col">{t("queue.col.title")}</th>
              <th scope="col">{t("queue.col.stage")}</th>
              <th scope="col">{t("queue.col.state")}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.data.items.map((it) => (
              <tr key={it.id}>
                <td>
                  <VerdictBadge verdict={it.verdict} />
                </td>
                <td className="num">{formatPercent(it.confidence)}</td>
                <td>
                  <a href={`#/incidents/${encodeURIComponent(it.id)}`}>{text(it.title)}</a>
                </td>
                <td>
                  <StageLabel reached={it.furthestStage} attempted={it.attemptedStage} />
                </td>
                <td>
                  <StateBadge state={it.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>{t("host.events")}</h2>
      <p>
        <a href={routeHash({ page: "search", query: { host } })}>{t("host.searchEvents")}</a>
      </p>
      <LoadState loading={events.loading && !events.data} error={events.error} reload={events.reload} />
      {events.data ? <EventTable events={events.data.items} /> : null}
    </section>
  );
}
