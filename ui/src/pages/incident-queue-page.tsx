/**
 * The incident queue: every incident with verdict, confidence, kill-chain stage, state, hosts and age;
 * filters (verdict, state, host, text) and sort live in the URL; `j`/`k` move the selection, `Enter`
 * opens it, `/` focuses the text filter. Input: `GET /api/incidents`. Output: the table.
 */
import { useEffect, useRef, useState } from "react";
import { INCIDENT_STATES } from "../../../src/incidents/incident.js";
import { VERDICTS } from "../../../src/incidents/verdict.js";
import {
  INCIDENT_SORTS,
  type IncidentSort,
  type IncidentSummary,
  type Page,
} from "../../../src/server/api-contract.js";
import { useApi } from "../api/use-api.js";
import { StageLabel, StateBadge, VerdictBadge } from "../components/badges.js";
import { formatAge, formatPercent, formatTime } from "../components/format.js";
import { isTypingTarget } from "../components/keyboard.js";
import { LoadState, Pager } from "../components/load-state.js";
import { useI18n } from "../i18n/i18n-context.js";
import type { QueueQuery } from "../routing/route.js";
import { navigate } from "../routing/use-route.js";

const PAGE_SIZE = 50;

function isSort(v: string | undefined): v is IncidentSort {
  return v !== undefined && (INCIDENT_SORTS as readonly string[]).includes(v);
}

export function IncidentQueuePage({ query }: { readonly query: QueueQuery }) {
  const { t, text } = useI18n();
  const offset = Math.max(0, Number.parseInt(query.offset ?? "0", 10) || 0);
  const sort = isSort(query.sort) ? query.sort : undefined;
  const order = query.order === "asc" || query.order === "desc" ? query.order : undefined;
  const list = useApi<Page<IncidentSummary>>(
    "incidents",
    {
      verdict: query.verdict,
      state: query.state,
      host: query.host,
      q: query.q,
      sort,
      order,
      limit: PAGE_SIZE,
      offset,
    },
    5000,
  );
  const items = list.data?.items ?? [];
  const [selected, setSelected] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const [text_, setText] = useState(query.q ?? "");
  const [host, setHost] = useState(query.host ?? "");

  const update = (patch: Partial<QueueQuery>) =>
    navigate({ page: "queue", query: { ...query, offset: undefined, ...patch } }, true);

  // the URL changed from outside (navigation, back): the fields follow it
  useEffect(() => setText(query.q ?? ""), [query.q]);
  useEffect(() => setHost(query.host ?? ""), [query.host]);

  // the text fields apply after a short pause in typing
  useEffect(() => {
    const id = window.setTimeout(() => {
      if ((query.q ?? "") !== text_ || (query.host ?? "") !== host)
        navigate({ page: "queue", query: { ...query, q: text_, host, offset: undefined } }, true);
    }, 300);
    return () => window.clearTimeout(id);
  }, [text_, host, query]);

  useEffect(() => {
    if (selected >= items.length && items.length > 0) setSelected(items.length - 1);
  }, [items.length, selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e) || items.length === 0) return;
      const move = (to: number) => {
        const i = Math.max(0, Math.min(items.length - 1, to));
        setSelected(i);
        rows.current[i]?.focus();
        e.preventDefault();
      };
      // arrows and Enter only act on the table (or with nothing focused); j and k anywhere
      const onTable =
        e.target === document.body ||
        (e.target instanceof Element && e.target.closest("tbody[data-queue-rows]") !== null);
      if (e.key === "j" || (e.key === "ArrowDown" && onTable)) move(selected + 1);
      else if (e.key === "k" || (e.key === "ArrowUp" && onTable)) move(selected - 1);
      else if (e.key === "Enter" && onTable) {
        const it = items[selected];
        if (it) {
          e.preventDefault();
          navigate({ page: "incident", id: it.id });
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [items, selected]);

  const sortBy = (s: IncidentSort) =>
    update({ sort: s, order: sort === s && order !== "asc" ? "asc" : sort === s ? "desc" : undefined });

  return (
    <section className="queue">
      <h1>{t("queue.title")}</h1>
      <form className="filters" aria-label={t("queue.filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("queue.verdict")}
          <select
            name="verdict"
            value={query.verdict ?? ""}
            onChange={(e) => update({ verdict: e.target.value || undefined })}
          >
            <option value="">{t("common.all")}</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {t(`verdict.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("queue.state")}
          <select
            name="state"
            value={query.state ?? ""}
            onChange={(e) => update({ state: e.target.value || undefined })}
          >
            <option value="">{t("common.all")}</option>
            {INCIDENT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("queue.host")}
          <input name="host" type="text" value={host} onChange={(e) => setHost(e.target.value)} />
        </label>
        <label className="grow">
          {t("queue.text")}
          <input
            name="q"
            type="search"
            data-search-primary=""
            placeholder={t("queue.textPlaceholder")}
            value={text_}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          {t("queue.sort")}
          <select
            name="sort"
            value={sort ?? ""}
            onChange={(e) => update({ sort: e.target.value || undefined })}
          >
            <option value="">—</option>
            {INCIDENT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("queue.order")}
          <select
            name="order"
            value={order ?? ""}
            onChange={(e) => update({ order: e.target.value || undefined })}
          >
            <option value="">—</option>
            <option value="desc">{t("queue.desc")}</option>
            <option value="asc">{t("queue.asc")}</option>
          </select>
        </label>
      </form>
      <p className="muted shortcuts">{t("common.shortcuts")}</p>
      <LoadState loading={list.loading && !list.data} error={list.error} reload={list.reload} />
      {list.data && items.length === 0 ? <p className="muted">{t("queue.empty")}</p> : null}
      {items.length > 0 ? (
        <table className="data queue-table" data-testid="incident-queue">
          <thead>
            <tr>
              <SortHeader
                label={t("queue.col.verdict")}
                sort="verdict"
                current={sort}
                order={order}
                onSort={sortBy}
              />
              <SortHeader
                label={t("queue.col.confidence")}
                sort="confidence"
                current={sort}
                order={order}
                onSort={sortBy}
              />
              <th scope="col">{t("queue.col.title")}</th>
              <SortHeader
                label={t("queue.col.stage")}
                sort="stage"
                current={sort}
                order={order}
                onSort={sortBy}
              />
              <th scope="col">{t("queue.col.state")}</th>
              <SortHeader
                label={t("queue.col.hosts")}
                sort="hosts"
                current={sort}
                order={order}
                onSort={sortBy}
              />
              <SortHeader
                label={t("queue.col.age")}
                sort="first"
                current={sort}
                order={order}
                onSort={sortBy}
              />
              <th scope="col">{t("queue.col.findings")}</th>
            </tr>
          </thead>
          <tbody data-queue-rows="">
            {items.map((it, i) => (
              <tr
                key={it.id}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={i === selected ? 0 : -1}
                aria-selected={i === selected}
                className={i === selected ? "selected" : undefined}
                data-incident-id={it.id}
                data-verdict={it.verdict}
                onFocus={() => setSelected(i)}
                onClick={() => navigate({ page: "incident", id: it.id })}
              >
                <td>
                  <VerdictBadge verdict={it.verdict} />
                  {it.decidedBy ? (
                    <span className="decided-mark" title={it.decidedBy}>
                      {" "}
                      ✔ {t("queue.decided")}
                    </span>
                  ) : null}
                </td>
                <td className="num">{formatPercent(it.confidence)}</td>
                <td>
                  <a href={`#/incidents/${encodeURIComponent(it.id)}`} onClick={(e) => e.stopPropagation()}>
                    {text(it.title)}
                  </a>
                  <div className="muted small">{it.id}</div>
                </td>
                <td>
                  <StageLabel reached={it.furthestStage} attempted={it.attemptedStage} />
                </td>
                <td>
                  <StateBadge state={it.state} />
                </td>
                <td>{it.hosts.join(", ")}</td>
                <td className="nowrap" title={`${formatTime(it.first)} → ${formatTime(it.last)}`}>
                  {formatAge(it.first)}
                </td>
                <td className="num">
                  {it.findings}
                  {it.suppressed > 0 ? (
                    <div className="muted small">{t("queue.suppressedShort", { n: it.suppressed })}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data ? (
        <Pager
          total={list.data.total}
          offset={offset}
          limit={PAGE_SIZE}
          onOffset={(o) =>
            navigate({ page: "queue", query: { ...query, offset: o > 0 ? String(o) : undefined } })
          }
        />
      ) : null}
    </section>
  );
}

function SortHeader({
  label,
  sort,
  current,
  order,
  onSort,
}: {
  readonly label: string;
  readonly sort: IncidentSort;
  readonly current: IncidentSort | undefined;
  readonly order: "asc" | "desc" | undefined;
  readonly onSort: (s: IncidentSort) => void;
}) {
  const active = current === sort;
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(sort)}>
        {label}
        {active ? (order === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );
}
