/**
 * The timeline: the incident's findings in time order (time, host, viewpoint, stage, severity, sentence).
 * Consecutive findings of one detector on one host fold into one row with their count and last time;
 * the first rows show, the rest on demand. Input: the findings. Output: a table.
 */
import { useState } from "react";
import type { ApiFinding } from "../../../src/server/api-contract.js";
import { SeverityBadge } from "../components/badges.js";
import { formatTime } from "../components/format.js";
import { useI18n } from "../i18n/i18n-context.js";
import { consecutiveRuns } from "./finding-groups.js";

/** Rows shown before "show all". */
const FIRST_ROWS = 40;
/** At most this many rows even when all are shown (the page stays responsive). */
const MAX_ROWS = 2000;

export function TimelinePanel({ findings }: { readonly findings: readonly ApiFinding[] }) {
  const { t, text, viewpoint, stage } = useI18n();
  const [all, setAll] = useState(false);
  const timed = findings
    .filter((f) => f.first !== undefined && Number.isFinite(Date.parse(f.first)))
    .sort((a, b) => Date.parse(a.first ?? "") - Date.parse(b.first ?? "") || a.id.localeCompare(b.id));
  const runs = consecutiveRuns(timed);
  const shown = runs.slice(0, all ? MAX_ROWS : FIRST_ROWS);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      {runs.length === 0 ? (
        <p className="muted">{t("timeline.empty")}</p>
      ) : (
        <table className="data timeline" data-testid="timeline">
          <thead>
            <tr>
              <th scope="col">{t("timeline.time")}</th>
              <th scope="col">{t("col.host")}</th>
              <th scope="col">{t("viewpoints.title")}</th>
              <th scope="col">{t("queue.col.stage")}</th>
              <th scope="col">{t("incident.severity")}</th>
              <th scope="col">{t("col.summary")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((run) => {
              const f = run.findings[0]!;
              const last = run.findings[run.findings.length - 1]!;
              return (
                <tr key={run.key} className={f.suppressedBy ? "suppressed" : undefined}>
                  <td className="nowrap">{formatTime(f.first)}</td>
                  <td className="nowrap">{f.host}</td>
                  <td>{viewpoint(f.viewpoint)}</td>
                  <td>{f.stage ? stage(f.stage) : ""}</td>
                  <td>
                    <SeverityBadge severity={f.severity} />
                  </td>
                  <td>
                    {text(f.message)}
                    {run.findings.length > 1 ? (
                      <span className="muted small">
                        {" "}
                        {t("timeline.repeats", { n: run.findings.length, time: formatTime(last.first) })}
                      </span>
                    ) : null}
                    {f.suppressedBy ? (
                      <span className="muted small">
                        {" "}
                        — {t("finding.suppressedBy", { id: f.suppressedBy })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {runs.length > FIRST_ROWS ? (
        <button type="button" onClick={() => setAll(!all)}>
          {all ? t("common.showFewer") : t("common.showAll", { n: runs.length })}
        </button>
      ) : null}
    </section>
  );
}
