/**
 * Search across events: free text plus host, channel, event id and a UTC time range; the query lives in
 * the URL. Input: `GET /api/events`. Output: the matching events, paginated.
 */
import { type FormEvent, useEffect, useState } from "react";
import type { ApiEvent, Page } from "../../../src/server/api-contract.js";
import { useApi } from "../api/use-api.js";
import { EventTable } from "../components/event-table.js";
import { LoadState, Pager } from "../components/load-state.js";
import { useI18n } from "../i18n/i18n-context.js";
import type { SearchQuery } from "../routing/route.js";
import { navigate } from "../routing/use-route.js";

const PAGE_SIZE = 100;
const FIELDS = ["q", "host", "channel", "eventId", "from", "to"] as const;
type Field = (typeof FIELDS)[number];
const LABEL = {
  q: "search.q",
  host: "search.host",
  channel: "search.channel",
  eventId: "search.eventId",
  from: "search.from",
  to: "search.to",
} as const;

/** A time typed as `2026-03-02 09:14` (UTC) → ISO; anything else is passed on as typed. */
function isoOrRaw(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)Z?$/.exec(v.trim());
  return m ? `${m[1]}T${m[2]}${m[3] ? "" : ":00"}Z` : v;
}

export function EventSearchPage({ query }: { readonly query: SearchQuery }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Record<Field, string>>(() => ({
    q: query.q ?? "",
    host: query.host ?? "",
    channel: query.channel ?? "",
    eventId: query.eventId ?? "",
    from: query.from ?? "",
    to: query.to ?? "",
  }));
  useEffect(() => {
    setForm({
      q: query.q ?? "",
      host: query.host ?? "",
      channel: query.channel ?? "",
      eventId: query.eventId ?? "",
      from: query.from ?? "",
      to: query.to ?? "",
    });
  }, [query]);
  const offset = Math.max(0, Number.parseInt(query.offset ?? "0", 10) || 0);
  const events = useApi<Page<ApiEvent>>("events", {
    q: query.q,
    host: query.host,
    channel: query.channel,
    eventId: query.eventId,
    from: isoOrRaw(query.from),
    to: isoOrRaw(query.to),
    limit: PAGE_SIZE,
    offset,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q: Record<string, string | undefined> = {};
    for (const f of FIELDS) q[f] = form[f].trim() || undefined;
    navigate({ page: "search", query: q });
  };
  return (
    <section>
      <h1>{t("search.title")}</h1>
      <form className="filters" onSubmit={submit} aria-label={t("search.title")}>
        {FIELDS.map((f) => (
          <label key={f} className={f === "q" ? "grow" : undefined}>
            {t(LABEL[f])}
            <input
              name={f}
              type={f === "q" ? "search" : "text"}
              inputMode={f === "eventId" ? "numeric" : undefined}
              placeholder={
                f === "q"
                  ? t("search.qPlaceholder")
                  : f === "from" || f === "to"
                    ? "2026-03-02 09:00"
                    : undefined
              }
              data-search-primary={f === "q" ? "" : undefined}
              value={form[f]}
              onChange={(e) => setForm({ ...form, [f]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </form>
      <LoadState loading={events.loading && !events.data} error={events.error} reload={events.reload} />
      {events.data && events.data.items.length === 0 ? <p className="muted">{t("search.empty")}</p> : null}
      {events.data && events.data.items.length > 0 ? <EventTable events={events.data.items} /> : null}
      {events.data ? (
        <Pager
          total={events.data.total}
          offset={offset}
          limit={PAGE_SIZE}
          onOffset={(o) =>
            navigate({ page: "search", query: { ...query, offset: o > 0 ? String(o) : undefined } })
          }
        />
      ) : null}
    </section>
  );
}
