/**
 * The decision log: every analyst decision (over-detection / confirmed malware) with its reason, scope,
 * analyst, time and incident, newest first; analysts can revoke one with a reason.
 * Input: `GET /api/decisions?all=true` (revoked ones too); `POST /api/decisions/:id/revoke`. Output: the table.
 */
import { useState } from "react";
import type { ApiDecision, Page, VerdictRequest } from "../../../src/server/api-contract.js";
import { ApiFailure, apiPost } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { VerdictBadge } from "../components/badges.js";
import { formatTime } from "../components/format.js";
import { LoadState, Pager } from "../components/load-state.js";
import { useSession } from "../components/session.js";
import { useI18n } from "../i18n/i18n-context.js";

const PAGE_SIZE = 100;

/** A scope in one line: `all hosts · rule network.beacon on OUTLOOK.EXE`. */
export function scopeText(scope: VerdictRequest["scope"], allHosts: string): string {
  const hosts = scope.hosts.kind === "all" ? allHosts : scope.hosts.host;
  const m = scope.match;
  switch (m.kind) {
    case "sha256":
      return `${hosts} · sha256 ${m.sha256}`;
    case "path":
      return `${hosts} · ${m.path}`;
    case "command-line":
      return `${hosts} · ${m.pattern}`;
    case "rule-on-image":
      return `${hosts} · ${m.detector} @ ${m.image}`;
  }
}

export function DecisionLogPage() {
  const { t } = useI18n();
  const { canDecide } = useSession();
  const [offset, setOffset] = useState(0);
  const list = useApi<Page<ApiDecision>>("decisions", { all: "true", limit: PAGE_SIZE, offset }, 10000);
  const [revoking, setRevoking] = useState<string | undefined>();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const revoke = async (id: string) => {
    if (reason.trim() === "") {
      setError(t("decide.needReason"));
      return;
    }
    try {
      await apiPost(`decisions/${encodeURIComponent(id)}/revoke`, { reason: reason.trim() });
      setRevoking(undefined);
      setReason("");
      setError(undefined);
      list.reload();
    } catch (e) {
      setError(e instanceof ApiFailure ? `${e.message} (${e.code})` : String(e));
    }
  };
  const items = list.data?.items ?? [];
  return (
    <section>
      <h1>{t("decisions.title")}</h1>
      <p className="muted">{t("decisions.intro")}</p>
      <LoadState loading={list.loading && !list.data} error={list.error} reload={list.reload} />
      {list.data && items.length === 0 ? <p className="muted">{t("decisions.empty")}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {items.length > 0 ? (
        <table className="data" data-testid="decisions">
          <thead>
            <tr>
              <th scope="col">{t("col.at")}</th>
              <th scope="col">{t("col.verdict")}</th>
              <th scope="col">{t("col.reason")}</th>
              <th scope="col">{t("col.scope")}</th>
              <th scope="col">{t("col.analyst")}</th>
              <th scope="col">{t("col.incident")}</th>
              <th scope="col">{t("col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-decision-id={d.id} className={d.revoked ? "revoked" : undefined}>
                <td className="nowrap">
                  {formatTime(d.at)}
                  <div className="muted small mono">{d.id}</div>
                </td>
                <td>
                  <VerdictBadge verdict={d.verdict} />
                </td>
                <td className="pre">{d.reason}</td>
                <td className="mono small">{scopeText(d.scope, t("decide.allHosts"))}</td>
                <td>{d.analyst}</td>
                <td>
                  {d.incidentId ? (
                    <a href={`#/incidents/${encodeURIComponent(d.incidentId)}`}>{d.incidentId}</a>
                  ) : (
                    ""
                  )}
                </td>
                <td>
                  {d.revoked ? (
                    <span className="muted">
                      {t("decisions.revoked", {
                        by: d.revoked.by,
                        at: formatTime(d.revoked.at),
                        reason: d.revoked.reason,
                      })}
                    </span>
                  ) : (
                    <>
                      <span>{t("decisions.active")}</span>{" "}
                      {canDecide && revoking !== d.id ? (
                        <button type="button" onClick={() => setRevoking(d.id)}>
                          {t("decisions.revoke")}
                        </button>
                      ) : null}
                      {revoking === d.id ? (
                        <form
                          className="inline-form"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void revoke(d.id);
                          }}
                        >
                          <input
                            type="text"
                            aria-label={t("decisions.revokeReason")}
                            placeholder={t("decisions.revokeReason")}
                            value={reason}
                            onChange={(e) => setReason(e.target.value)}
                          />
                          <button type="submit">{t("decisions.revoke")}</button>
                          <button type="button" onClick={() => setRevoking(undefined)}>
                            {t("common.cancel")}
                          </button>
                        </form>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data ? (
        <Pager total={list.data.total} offset={offset} limit={PAGE_SIZE} onOffset={setOffset} />
      ) : null}
    </section>
  );
}
