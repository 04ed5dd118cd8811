/**
 * The viewpoint panel (注視するべき要点): all eleven viewpoints, each with the strongest severity over the
 * incident's findings, the verdict's reasons against (−) and for (+) with their weights, and the findings
 * behind them. Viewpoints with nothing observed say so. Input: the incident and its findings.
 * Output: one expandable row per viewpoint.
 */
import type { Incident } from "../../../src/incidents/incident.js";
import type { ApiFinding } from "../../../src/server/api-contract.js";
import { SeverityBadge } from "../components/badges.js";
import { useI18n } from "../i18n/i18n-context.js";
import { VIEWPOINTS } from "../i18n/vocabulary.js";
import { FindingGroupItem } from "./finding-group-item.js";
import { groupByDetector } from "./finding-groups.js";

export function ViewpointPanel({
  incident,
  findings,
}: {
  readonly incident: Incident;
  readonly findings: readonly ApiFinding[];
}) {
  const { t, text, viewpoint } = useI18n();
  const byId = new Map(findings.map((f) => [f.id, f]));
  return (
    <section aria-labelledby="viewpoints-title">
      <h2 id="viewpoints-title">{t("viewpoints.title")}</h2>
      <p className="muted small">{t("viewpoints.intro")}</p>
      <div className="viewpoints" data-testid="viewpoints">
        {VIEWPOINTS.map((v) => {
          const severity = incident.verdict.viewpoints[v];
          const reasons = incident.verdict.reasons.filter((r) => r.viewpoint === v);
          const against = reasons.filter((r) => r.direction === "against");
          const pro = reasons.filter((r) => r.direction === "for");
          const own = findings.filter((f) => f.viewpoint === v);
          const inReasons = new Set(reasons.flatMap((r) => r.findingIds));
          const others = own.filter((f) => !inReasons.has(f.id));
          const empty = reasons.length === 0 && own.length === 0 && severity === undefined;
          return (
            <details key={v} className={`viewpoint${empty ? " empty" : ""}`} data-viewpoint={v}>
              <summary>
                <span className="viewpoint-name">{viewpoint(v)}</span>
                <SeverityBadge severity={severity} />
                <span className="muted small">
                  {empty
                    ? t("viewpoints.nothing")
                    : t("viewpoints.reasons", { against: against.length, for: pro.length })}
                </span>
              </summary>
              {reasons.length > 0 ? (
                <ul className="reasons">
                  {reasons.map((r) => (
                    <li key={`${r.direction}:${r.text.en}`} className={`reason ${r.direction}`}>
                      <span className="reason-sign" aria-hidden="true">
                        {r.direction === "against" ? "−" : "+"}
                      </span>
                      <span className="visually-hidden">
                        {t(r.direction === "against" ? "viewpoints.against" : "viewpoints.for")}
                      </span>{" "}
                      {text(r.text)}{" "}
                      <span className="muted small">
                        ({t("viewpoints.weight", { w: r.weight.toFixed(2) })})
                      </span>
                      {r.findingIds.length > 0 ? (
                        <ul className="findings nested">
                          {groupByDetector(
                            r.findingIds
                              .map((id) => byId.get(id))
                              .filter((f): f is ApiFinding => f !== undefined),
                          ).map((g) => (
                            <FindingGroupItem key={g.key} group={g} showViewpoint={false} />
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {others.length > 0 ? (
                <ul className="findings">
                  {groupByDetector(others).map((g) => (
                    <FindingGroupItem key={g.key} group={g} showViewpoint={false} />
                  ))}
                </ul>
              ) : null}
            </details>
          );
        })}
      </div>
    </section>
  );
}
