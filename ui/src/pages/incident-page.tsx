/**
 * The incident page: header, kill-chain bar, the process tree graph beside the selected process (its
 * findings and the verdict form), the eleven viewpoints, the timeline, the facts tables, the response
 * plan with exports, and the notes. After a verdict it polls until the re-analysis shows the decision.
 * Input: `GET /api/incidents/:id`. Output: the page.
 */
import { useEffect, useState } from "react";
import type { IncidentDetail } from "../../../src/server/api-contract.js";
import { useApi } from "../api/use-api.js";
import { LoadState } from "../components/load-state.js";
import { useI18n } from "../i18n/i18n-context.js";
import { IncidentHeader } from "../incident/incident-header.js";
import { IncidentTables } from "../incident/incident-tables.js";
import { KillChainBar } from "../incident/kill-chain-bar.js";
import { NotesPanel } from "../incident/notes-panel.js";
import { ProcessPanel } from "../incident/process-panel.js";
import { ProcessTreeGraph } from "../incident/process-tree-graph.js";
import { ResponsePlanPanel } from "../incident/response-plan-panel.js";
import { TimelinePanel } from "../incident/timeline-panel.js";
import { VerdictForm } from "../incident/verdict-form.js";
import { ViewpointPanel } from "../incident/viewpoint-panel.js";

/** How long to wait for a decision to show after posting it. */
const DECISION_WAIT_MS = 120_000;

interface Watch {
  readonly decisionId: string | undefined;
  readonly decidedBefore: string | undefined;
  readonly since: number;
}

export function IncidentPage({ id }: { readonly id: string }) {
  const { t } = useI18n();
  const [watch, setWatch] = useState<Watch | undefined>();
  const [applied, setApplied] = useState(false);
  const detail = useApi<IncidentDetail>(`incidents/${encodeURIComponent(id)}`, {}, watch ? 1500 : 15000);
  const incident = detail.data?.incident;
  const [selected, setSelected] = useState<string | undefined>();

  useEffect(() => {
    if (!incident) return;
    if (selected === undefined || !incident.processes.some((p) => p.key === selected)) {
      const first =
        incident.processes.find((p) => p.key === incident.rootCause) ??
        incident.processes.find((p) => p.role !== "launcher") ??
        incident.processes[0];
      setSelected(first?.key);
    }
  }, [incident, selected]);

  useEffect(() => {
    if (!watch || !incident) return;
    const v = incident.verdict;
    const done =
      watch.decisionId !== undefined
        ? v.decidedBy === watch.decisionId ||
          incident.suppressed.some((s) => s.decisionId === watch.decisionId)
        : v.decidedBy !== watch.decidedBefore;
    if (done) {
      setWatch(undefined);
      setApplied(true);
    } else if (Date.now() - watch.since > DECISION_WAIT_MS) setWatch(undefined);
  }, [watch, incident]);

  if (detail.error?.status === 404)
    return (
      <p className="error" role="alert">
        {t("incident.notFound", { id })} <a href="#/incidents">{t("incident.back")}</a>
      </p>
    );
  if (!detail.data || !incident)
    return <LoadState loading={detail.loading} error={detail.error} reload={detail.reload} />;

  const { plan, findings, notes } = detail.data;
  const process = incident.processes.find((p) => p.key === selected);
  return (
    <article className="incident-page" data-incident-id={incident.id}>
      <IncidentHeader incident={incident} />
      {detail.error ? <LoadState loading={false} error={detail.error} reload={detail.reload} /> : null}
      {watch ? (
        <p className="muted" role="status" data-testid="decision-waiting">
          {t("decide.waiting")}
        </p>
      ) : null}
      {applied && !watch ? (
        <p className="ok" role="status" data-testid="decision-applied">
          {t("decide.applied")}
        </p>
      ) : null}
      <KillChainBar incident={incident} />
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">{t("tree.title")}</h2>
        <ProcessTreeGraph incident={incident} selected={selected} onSelect={setSelected} />
      </section>
      {process ? (
        <div className="process-and-verdict">
          <ProcessPanel process={process} findings={findings} />
          <VerdictForm
            incidentId={incident.id}
            process={process}
            findings={findings}
            onDecided={(decisionId) => {
              setApplied(false);
              setWatch({ decisionId, decidedBefore: incident.verdict.decidedBy, since: Date.now() });
              detail.reload();
            }}
          />
        </div>
      ) : (
        <p className="muted">{t("process.none")}</p>
      )}
      <ViewpointPanel incident={incident} findings={findings} />
      <TimelinePanel findings={findings} />
      <IncidentTables incident={incident} />
      <ResponsePlanPanel plan={plan} incidentId={incident.id} />
      <NotesPanel incidentId={incident.id} notes={notes} onAdded={detail.reload} />
    </article>
  );
}
