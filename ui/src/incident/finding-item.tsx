/**
 * One finding as a list item: severity, viewpoint, the sentence in the current language, the detector,
 * how many events prove it, its stage and ATT&CK techniques, and whether an analyst decision suppressed
 * it; the details open on demand. Input: an ApiFinding. Output: an <li>.
 */
import type { ApiFinding } from "../../../src/server/api-contract.js";
import { SeverityBadge } from "../components/badges.js";
import { displayValue, formatTime } from "../components/format.js";
import { useI18n } from "../i18n/i18n-context.js";

export function FindingItem({
  finding,
  showViewpoint = true,
}: {
  readonly finding: ApiFinding;
  readonly showViewpoint?: boolean;
}) {
  const { t, text, viewpoint, stage } = useI18n();
  const f = finding;
  const details = Object.entries(f.details);
  return (
    <li
      className={`finding${f.suppressedBy ? " suppressed" : ""}`}
      data-finding-id={f.id}
      data-suppressed={f.suppressedBy ? "true" : undefined}
    >
      <div className="finding-head">
        <SeverityBadge severity={f.severity} />
        {showViewpoint ? <span className="tag">{viewpoint(f.viewpoint)}</span> : null}
        {f.stage ? <span className="tag stage">{stage(f.stage)}</span> : null}
        <span className="finding-text">{text(f.message)}</span>
      </div>
      <div className="finding-meta muted small">
        <span>
          {t("finding.detector")}: <code>{f.detector}</code>
        </span>
        <span>{f.host}</span>
        {f.first ? <span>{formatTime(f.first)}</span> : null}
        <span>{t("finding.evidence", { n: f.evidenceCount })}</span>
        {f.attack.length > 0 ? <span>{f.attack.join(" ")}</span> : null}
        {f.suppressedBy ? (
          <span className="suppressed-by" data-testid="suppressed-by">
            {t("finding.suppressedBy", { id: f.suppressedBy })}
          </span>
        ) : null}
      </div>
      {details.length > 0 ? (
        <details className="finding-details">
          <summary>{t("common.details")}</summary>
          <dl>
            {details.slice(0, 40).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{displayValue(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </li>
  );
}
