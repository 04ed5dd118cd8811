/**
 * The kill-chain bar: the eight stages in order, each reached (proven), attempted, or not reached, with
 * the first time and the evidence on hover/focus; then where the chain can still be cut.
 * Input: the incident's stages and cut points. Output: the bar.
 */
import type { Incident } from "../../../src/incidents/incident.js";
import { formatTime } from "../components/format.js";
import { useI18n } from "../i18n/i18n-context.js";
import { KILL_CHAIN_STAGES } from "../i18n/vocabulary.js";

export function KillChainBar({ incident }: { readonly incident: Incident }) {
  const { t, text, stage } = useI18n();
  const byStage = new Map(incident.stages.map((s) => [s.stage, s]));
  return (
    <section aria-labelledby="kill-chain-title">
      <h2 id="kill-chain-title">{t("killChain.title")}</h2>
      <ol className="kill-chain" data-testid="kill-chain">
        {KILL_CHAIN_STAGES.map((s, i) => {
          const st = byStage.get(s);
          const status = st?.status ?? "not-reached";
          const word =
            status === "reached"
              ? t("killChain.reached")
              : status === "attempted"
                ? t("killChain.attempted")
                : t("killChain.notReached");
          const evidence = st?.evidence.map((e) => text(e.message)).join("\n") ?? "";
          return (
            <li
              key={s}
              className={`stage ${status}${incident.furthestStage === s ? " furthest" : ""}`}
              data-stage={s}
              data-status={status}
              title={evidence || undefined}
            >
              <span className="stage-num">{i + 1}</span>
              <span className="stage-name">{stage(s)}</span>
              <span className="stage-status">{word}</span>
              {st?.first ? <span className="stage-time">{formatTime(st.first.iso)}</span> : null}
            </li>
          );
        })}
      </ol>
      {incident.cutPoints.length > 0 ? (
        <div className="cut-points">
          <h3>{t("killChain.cutPoints")}</h3>
          <ul className="cut-list">
            {incident.cutPoints.map((c) => (
              <li key={`${c.stage}:${c.text.en}`}>
                <strong>{stage(c.stage)}</strong>: {text(c.text)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
