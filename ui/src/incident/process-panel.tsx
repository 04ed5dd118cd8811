/**
 * The selected process: its facts (image, pid, command line, user, hash, signature, state, times, its own
 * verdict) and the findings about it. Input: the process and the incident's findings. Output: a panel.
 */
import type { IncidentProcess } from "../../../src/incidents/incident.js";
import type { ApiFinding } from "../../../src/server/api-contract.js";
import { VerdictBadge } from "../components/badges.js";
import { formatPercent, formatTime } from "../components/format.js";
import { useI18n } from "../i18n/i18n-context.js";
import { FindingGroupItem } from "./finding-group-item.js";
import { groupByDetector } from "./finding-groups.js";

export function ProcessPanel({
  process,
  findings,
}: {
  readonly process: IncidentProcess;
  readonly findings: readonly ApiFinding[];
}) {
  const { t } = useI18n();
  const p = process;
  const byId = new Map(findings.map((f) => [f.id, f]));
  const own = p.findings.map((id) => byId.get(id)).filter((f): f is ApiFinding => f !== undefined);
  // suppressed findings of this process that the incident no longer lists under it
  const extra = findings.filter(
    (f) => f.suppressedBy !== undefined && f.subject.key === p.key && !p.findings.includes(f.id),
  );
  const signature =
    p.signature === "valid" ||
    p.signature === "invalid" ||
    p.signature === "unsigned" ||
    p.signature === "unknown"
      ? t(`signature.${p.signature}`)
      : p.signature;
  const rows: [string, string | undefined][] = [
    [t("process.image"), p.image],
    [t("process.pid"), p.pid === undefined ? undefined : String(p.pid)],
    [t("col.host"), p.host],
    [t("process.commandLine"), p.commandLine],
    [t("process.user"), p.user],
    [t("process.parent"), p.parentImage],
    [t("process.sha256"), p.sha256],
    [t("process.signature"), p.signer ? `${signature} (${p.signer})` : signature],
    [t("process.state"), p.state ? t(`endState.${p.state}`) : undefined],
    [t("process.start"), formatTime(p.start?.iso)],
    [t("process.end"), formatTime(p.end?.iso)],
  ];
  return (
    <section
      className="process-panel"
      aria-labelledby="process-title"
      data-testid="process-panel"
      data-process-key={p.key}
    >
      <h3 id="process-title">
        {t("process.title")}: <span className="mono">{p.image ?? p.key}</span>
      </h3>
      {p.verdict ? (
        <p>
          {t("process.verdict")}: <VerdictBadge verdict={p.verdict} /> {formatPercent(p.confidence)} ·{" "}
          {t(`role.${p.role}`)}
        </p>
      ) : (
        <p className="muted">{t(`role.${p.role}`)}</p>
      )}
      <dl className="facts-list">
        {rows
          .filter(([, v]) => v !== undefined && v !== "")
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd className="mono">{v}</dd>
            </div>
          ))}
      </dl>
      <h4>{t("process.findings")}</h4>
      {own.length + extra.length === 0 ? <p className="muted">{t("process.noFindings")}</p> : null}
      <ul className="findings">
        {groupByDetector([...own, ...extra]).map((g) => (
          <FindingGroupItem key={g.key} group={g} />
        ))}
      </ul>
    </section>
  );
}
