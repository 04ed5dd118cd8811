/**
 * The allow-list: known-good hashes, signers, paths and destinations (global, per host or per user) with
 * the reason and who vouched; analysts add entries. Input: `GET /api/allowlist`; `POST /api/allowlist`.
 * Output: the table and the form.
 */
import { type FormEvent, useState } from "react";
import { ALLOW_KINDS, ALLOW_SCOPES, type AllowKind, type AllowScope } from "../../../src/intel/allow-list.js";
import type { AllowListEntry, Page } from "../../../src/server/api-contract.js";
import { apiPost } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { formatTime } from "../components/format.js";
import { LoadState } from "../components/load-state.js";
import { failureNotice, type Notice, NoticeLine } from "../components/notice.js";
import { useSession } from "../components/session.js";
import { useI18n } from "../i18n/i18n-context.js";

export function AllowListPage() {
  const { t } = useI18n();
  const { canDecide } = useSession();
  const list = useApi<Page<AllowListEntry>>("allowlist", { limit: 500 }, 15000);
  const items = list.data?.items ?? [];
  const [kind, setKind] = useState<AllowKind>("hash");
  const [value, setValue] = useState("");
  const [scope, setScope] = useState<AllowScope>("global");
  const [scopeValue, setScopeValue] = useState("");
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<Notice | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === "") {
      setMessage({ ok: false, key: "decide.needReason" });
      return;
    }
    try {
      await apiPost<AllowListEntry>("allowlist", {
        kind,
        value: value.trim(),
        scope,
        ...(scope === "global" ? {} : { scopeValue: scopeValue.trim() }),
        reason: reason.trim(),
      });
      setValue("");
      setReason("");
      setMessage({ ok: true, key: "allow.added" });
      list.reload();
    } catch (err) {
      setMessage(failureNotice(err));
    }
  };
  return (
    <section>
      <h1>{t("allow.title")}</h1>
      <p className="muted">{t("allow.intro")}</p>
      {canDecide ? (
        <form className="filters" onSubmit={(e) => void submit(e)} aria-label={t("allow.add")}>
          <label>
            {t("allow.kind")}
            <select value={kind} onChange={(e) => setKind(e.target.value as AllowKind)}>
              {ALLOW_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            {t("allow.value")}
            <input type="text" required value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
          <label>
            {t("allow.scope")}
            <select value={scope} onChange={(e) => setScope(e.target.value as AllowScope)}>
              {ALLOW_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          {scope !== "global" ? (
            <label>
              {t("allow.scopeValue")}
              <input
                type="text"
                required
                value={scopeValue}
                onChange={(e) => setScopeValue(e.target.value)}
              />
            </label>
          ) : null}
          <label className="grow">
            {t("allow.reason")}
            <input type="text" required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t("allow.add")}
          </button>
        </form>
      ) : null}
      <NoticeLine notice={message} />
      <LoadState loading={list.loading && !list.data} error={list.error} reload={list.reload} />
      {list.data && items.length === 0 ? <p className="muted">{t("allow.empty")}</p> : null}
      {items.length > 0 ? (
        <table className="data" data-testid="allow-list">
          <thead>
            <tr>
              <th scope="col">{t("allow.kind")}</th>
              <th scope="col">{t("allow.value")}</th>
              <th scope="col">{t("allow.scope")}</th>
              <th scope="col">{t("allow.reason")}</th>
              <th scope="col">{t("col.author")}</th>
              <th scope="col">{t("col.at")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={`${a.kind}|${a.value}|${a.scope}|${a.scopeValue ?? ""}`}>
                <td>{a.kind}</td>
                <td className="mono">{a.value}</td>
                <td>
                  {a.scope}
                  {a.scopeValue ? ` (${a.scopeValue})` : ""}
                </td>
                <td className="pre">{a.reason}</td>
                <td>{a.author}</td>
                <td className="nowrap">{formatTime(a.added)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
