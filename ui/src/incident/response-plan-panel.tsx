/**
 * The response plan (対応): actions by priority (now / today / follow-up), each with what to do, why, on
 * which host and target, and the points to cover; export buttons download the plan's files through the API
 * with the token (fetch + Blob). Input: the plan. Output: the panel.
 */
import { useState } from "react";
import type { ActionPriority, ResponsePlan } from "../../../src/respond/response-plan.js";
import { ACTION_PRIORITIES } from "../../../src/respond/response-plan.js";
import { apiDownload } from "../api/api-client.js";
import { failureNotice, type Notice, NoticeLine } from "../components/notice.js";
import { useI18n } from "../i18n/i18n-context.js";

/** The per-incident exports of `GET /api/incidents/:id/exports/:format` (docs/server.md). */
export const EXPORT_FORMATS = [
  "blocklist.txt",
  "blocklist.csv",
  "windows-firewall.ps1",
  "iptables.sh",
  "nftables.nft",
  "dns-sinkhole.txt",
  "stix-bundle.json",
  "misp-event.json",
  "thehive-alert.json",
] as const;

export function ResponsePlanPanel({
  plan,
  incidentId,
}: {
  readonly plan: ResponsePlan;
  readonly incidentId: string;
}) {
  const { t, text } = useI18n();
  const [status, setStatus] = useState<Notice | undefined>();
  const id = encodeURIComponent(incidentId);
  const download = async (path: string, fallback: string) => {
    try {
      const name = await apiDownload(path, fallback);
      setStatus({ ok: true, key: "plan.downloaded", vars: { name } });
    } catch (e) {
      setStatus(failureNotice(e));
    }
  };
  const byPriority = (p: ActionPriority) => plan.actions.filter((a) => a.priority === p);
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t("plan.title")}</h2>
      <div className="exports" data-testid="exports">
        <span className="exports-label">{t("plan.exports")}:</span>
        <button
          type="button"
          data-export="report.html"
          onClick={() => void download(`incidents/${id}/report.html`, `${incidentId}-report.html`)}
        >
          {t("plan.report")}
        </button>
        {EXPORT_FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            data-export={f}
            onClick={() => void download(`incidents/${id}/exports/${f}`, `${incidentId}-${f}`)}
          >
            {f}
          </button>
        ))}
      </div>
      <NoticeLine notice={status} testId="export-status" />
      {plan.actions.length === 0 ? <p className="muted">{t("plan.empty")}</p> : null}
      {ACTION_PRIORITIES.map((p) => {
        const actions = byPriority(p);
        if (actions.length === 0) return null;
        return (
          <div key={p} className={`plan-priority priority-${p}`}>
            <h3>
              {p}. {t(`plan.priority.${p}`)}
            </h3>
            <ol className="plan-actions">
              {actions.map((a) => (
                <li key={a.id} data-action-kind={a.kind}>
                  <div>
                    <span className={`tag ${a.category}`}>{t(`action.${a.kind}`)}</span>{" "}
                    <strong>{text(a.text)}</strong>
                    {a.host ? <span className="muted small"> · {a.host}</span> : null}
                  </div>
                  <div className="muted small">
                    {t("plan.why")}: {text(a.reason)}
                  </div>
                  {a.points.length > 0 ? (
                    <ul className="plan-points">
                      {a.points.map((pt) => (
                        <li key={pt.en}>{text(pt)}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
