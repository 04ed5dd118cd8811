/**
 * The head of the incident page: title, verdict with confidence and who decided it, state and why,
 * hosts with the spread and shared-indicator marks, suppressed findings, time window, severity, root
 * cause and ATT&CK techniques. Input: the incident. Output: the header.
 */
import type { Incident } from "../../../src/incidents/incident.js";
import { SeverityBadge, StateBadge, VerdictBadge } from "../components/badges.js";
import { baseName, formatPercent, formatTime } from "../components/format.js";
import { useI18n } from "../i18n/i18n-context.js";

export function IncidentHeader({ incident }: { readonly incident: Incident }) {
  const { t, text } = useI18n();
  const v = incident.verdict;
  const root = incident.processes.find((p) => p.key === incident.rootCause);
  return (
    <header className={`incident-header verdict-${v.verdict}`} data-testid="incident-header">
      <p className="muted small">
        <a href="#/incidents">{t("incident.back")}</a> · <span className="mono">{incident.id}</span>
      </p>
      <h1>{text(incident.title)}</h1>
      <dl className="header-facts">
        <div>
          <dt>{t("incident.verdict")}</dt>
          <dd data-testid="incident-verdict" data-verdict={v.verdict}>
            <VerdictBadge verdict={v.verdict} />{" "}
            {t("incident.confidence", { p: formatPercent(v.confidence) })}
            {v.decidedBy ? (
              <div className="decided" data-testid="decided-by" data-decision={v.decidedBy}>
                {t("incident.decidedBy", { id: v.decidedBy })}
              </div>
            ) : (
              <div className="muted small">{t("incident.computed")}</div>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("incident.state")}</dt>
          <dd>
            <StateBadge state={incident.state} />
            {incident.stateReasons.length > 0 ? (
              <ul className="state-reasons">
                {incident.stateReasons.map((r) => (
                  <li key={r.en}>{text(r)}</li>
                ))}
              </ul>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("incident.hosts")}</dt>
          <dd>
            {incident.hosts.map((h, i) => (
              <span key={h.host}>
                {i > 0 ? ", " : ""}
                <a href={`#/hosts/${encodeURIComponent(h.host)}`}>{h.host}</a>
              </span>
            ))}
            {incident.hosts.length > 1 ? (
              <div className="spread" data-testid="spread">
                {t("incident.spread", { n: incident.hosts.length })}
              </div>
            ) : null}
            {incident.sharedIndicators.length > 0 ? (
              <div className="shared">
                {t("incident.shared")}:{" "}
                {incident.sharedIndicators.map((s) => `${t(`via.${s.kind}`)} ${s.value}`).join("; ")}
              </div>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("incident.rootCause")}</dt>
          <dd className="mono">
            {root ? `${baseName(root.image)} (pid ${root.pid ?? "?"}, ${root.host})` : "—"}
          </dd>
        </div>
        <div>
          <dt>{t("incident.severity")}</dt>
          <dd>
            <SeverityBadge severity={incident.severity} />
          </dd>
        </div>
        <div>
          <dt>{t("incident.window")}</dt>
          <dd>
            {formatTime(incident.first?.iso)} → {formatTime(incident.last?.iso)}
          </dd>
        </div>
        {incident.attack.length > 0 ? (
          <div>
            <dt>{t("incident.attack")}</dt>
            <dd className="mono small">{incident.attack.join(" ")}</dd>
          </div>
        ) : null}
      </dl>
      {incident.suppressed.length > 0 ? (
        <p className="suppressed-note" data-testid="suppressed-count" data-count={incident.suppressed.length}>
          {t("incident.suppressed", { n: incident.suppressed.length })}:{" "}
          {[...new Set(incident.suppressed.map((s) => `${s.decisionId} — ${s.reason}`))]
            .slice(0, 5)
            .join("; ")}
        </p>
      ) : null}
    </header>
  );
}
