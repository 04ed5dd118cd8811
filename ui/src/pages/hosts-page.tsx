/**
 * The hosts: every host seen in the events with its event count, time range, incidents, worst verdict
 * and whether something still runs. Input: `GET /api/hosts`. Output: a table linking to each host page.
 */
import { useState } from "react";
import type { HostSummary, Page } from "../../../src/server/api-contract.js";
import { useApi } from "../api/use-api.js";
import { VerdictBadge } from "../components/badges.js";
import { formatTime } from "../components/format.js";
import { LoadState, Pager } from "../components/load-state.js";
import { useI18n } from "../i18n/i18n-context.js";

const PAGE_SIZE = 100;

export function HostsPage() {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState("");
  const hosts = useApi<Page<HostSummary>>("hosts", { limit: PAGE_SIZE, offset }, 15000);
  const f = filter.trim().toLowerCase();
  const items = (hosts.data?.items ?? []).filter((h) => f === "" || h.host.toLowerCase().includes(f));
  return (
    <section>
      <h1>{t("hosts.title")}</h1>
      <label className="inline">
        {t("hosts.filter")}{" "}
        <input
          type="search"
          data-search-primary=""
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
      <LoadState loading={hosts.loading && !hosts.data} error={hosts.error} reload={hosts.reload} />
      {hosts.data && items.length === 0 ? <p className="muted">{t("common.empty")}</p> : null}
      {items.length > 0 ? (
        <table className="data" data-testid="hosts">
          <thead>
            <tr>
              <th scope="col">{t("col.host")}</th>
              <th scope="col">{t("col.verdict")}</th>
              <th scope="col">{t("col.incidents")}</th>
              <th scope="col">{t("col.events")}</th>
              <th scope="col">{t("col.active")}</th>
              <th scope="col">{t("col.first")}</th>
              <th scope="col">{t("col.last")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.host || "(none)"}>
                <td>
                  {h.host === "" ? (
                    <span className="muted">{t("hosts.none")}</span>
                  ) : (
                    <a href={`#/hosts/${encodeURIComponent(h.host)}`}>{h.host}</a>
                  )}
                </td>
                <td>{h.verdict ? <VerdictBadge verdict={h.verdict} /> : null}</td>
                <td className="num">{h.incidents}</td>
                <td className="num">{h.events.toLocaleString()}</td>
                <td>{h.active ? t("common.yes") : t("common.no")}</td>
                <td>{formatTime(h.first)}</td>
                <td>{formatTime(h.last)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hosts.data ? (
        <Pager total={hosts.data.total} offset={offset} limit={PAGE_SIZE} onOffset={setOffset} />
      ) : null}
    </section>
  );
}
