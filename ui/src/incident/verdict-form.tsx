/**
 * The analyst's verdict on the selected process: mark an over-detection (benign) or confirm malware,
 * with a required reason and a scope (this host / all hosts × hash / path / command-line pattern / rule
 * on the image), prefilled from the process. Posts `POST /api/verdicts`; viewers see why they cannot.
 * Input: the incident, the selected process, the findings. Output: onDecided(decision id).
 */
import { type FormEvent, useEffect, useState } from "react";
import type { IncidentProcess } from "../../../src/incidents/incident.js";
import type { ApiDecision, ApiFinding, VerdictRequest } from "../../../src/server/api-contract.js";
import { apiPost } from "../api/api-client.js";
import { baseName } from "../components/format.js";
import { failureNotice, type Notice, NoticeLine } from "../components/notice.js";
import { useSession } from "../components/session.js";
import { useI18n } from "../i18n/i18n-context.js";
import {
  buildScope,
  defaultScopeChoice,
  MATCH_CHOICES,
  matchAvailable,
  processDetectors,
  type ScopeChoice,
} from "./verdict-scope.js";

export function VerdictForm({
  incidentId,
  process,
  findings,
  onDecided,
}: {
  readonly incidentId: string;
  readonly process: IncidentProcess;
  readonly findings: readonly ApiFinding[];
  readonly onDecided: (decisionId: string | undefined) => void;
}) {
  const { t } = useI18n();
  const { canDecide } = useSession();
  const [verdict, setVerdict] = useState<VerdictRequest["verdict"]>("benign");
  const [reason, setReason] = useState("");
  const [choice, setChoice] = useState<ScopeChoice>(() => defaultScopeChoice(process, findings));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Notice | undefined>();
  const detectors = processDetectors(process, findings);

  // a new process selected: prefill again
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the process changes, not on every findings refresh
  useEffect(() => {
    setChoice(defaultScopeChoice(process, findings));
    setMessage(undefined);
  }, [process.key]);

  // the findings changed (a re-analysis): keep the choice only while the process still supports it
  const detectorList = detectors.join("\n");
  // biome-ignore lint/correctness/useExhaustiveDependencies: detectorList stands for the detectors
  useEffect(() => {
    setChoice((c) =>
      matchAvailable(c.match, process, detectors) &&
      (c.match !== "rule-on-image" || detectors.includes(c.detector))
        ? c
        : { ...defaultScopeChoice(process, findings), hosts: c.hosts, pattern: c.pattern },
    );
  }, [detectorList]);

  if (!canDecide)
    return (
      <section className="verdict-form" aria-labelledby="decide-title">
        <h3 id="decide-title">{t("decide.title")}</h3>
        <p className="muted">{t("decide.viewerOnly")}</p>
      </section>
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === "") {
      setMessage({ ok: false, key: "decide.needReason" });
      return;
    }
    const scope = buildScope(choice, process);
    if ("problem" in scope) {
      setMessage({ ok: false, key: scope.problem });
      return;
    }
    const body: VerdictRequest = { verdict, reason: reason.trim(), scope, incidentId };
    setBusy(true);
    try {
      const res = await apiPost<Partial<ApiDecision> | undefined>("verdicts", body);
      const id = typeof res?.id === "string" ? res.id : undefined;
      setMessage({ ok: true, key: "decide.recorded", vars: { id: id ?? "" } });
      setReason("");
      onDecided(id);
    } catch (err) {
      setMessage(failureNotice(err));
    } finally {
      setBusy(false);
    }
  };

  const set = (patch: Partial<ScopeChoice>) => setChoice((c) => ({ ...c, ...patch }));
  return (
    <section className="verdict-form" aria-labelledby="decide-title">
      <h3 id="decide-title">
        {t("decide.title")}{" "}
        <span className="muted small">
          {t("decide.for", { image: baseName(process.image) || process.key })}
        </span>
      </h3>
      <form onSubmit={(e) => void submit(e)} data-testid="verdict-form">
        <fieldset className="choice-row">
          <legend className="visually-hidden">{t("incident.verdict")}</legend>
          <label className={`choice benign${verdict === "benign" ? " on" : ""}`}>
            <input
              type="radio"
              name="verdict"
              value="benign"
              checked={verdict === "benign"}
              onChange={() => setVerdict("benign")}
            />
            {t("decide.benign")}
          </label>
          <label className={`choice malicious${verdict === "malicious" ? " on" : ""}`}>
            <input
              type="radio"
              name="verdict"
              value="malicious"
              checked={verdict === "malicious"}
              onChange={() => setVerdict("malicious")}
            />
            {t("decide.malicious")}
          </label>
        </fieldset>
        <label className="block">
          {t("decide.reason")}
          <textarea
            name="reason"
            required
            maxLength={4000}
            rows={3}
            placeholder={t("decide.reasonPlaceholder")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t("decide.hosts")}</legend>
          <label>
            <input
              type="radio"
              name="hosts"
              value="host"
              checked={choice.hosts === "host"}
              onChange={() => set({ hosts: "host" })}
            />
            {t("decide.thisHost", { host: process.host })}
          </label>
          <label>
            <input
              type="radio"
              name="hosts"
              value="all"
              checked={choice.hosts === "all"}
              onChange={() => set({ hosts: "all" })}
            />
            {t("decide.allHosts")}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t("decide.match")}</legend>
          {MATCH_CHOICES.map((m) => (
            <label key={m} className={matchAvailable(m, process, detectors) ? undefined : "disabled"}>
              <input
                type="radio"
                name="match"
                value={m}
                disabled={!matchAvailable(m, process, detectors)}
                checked={choice.match === m}
                onChange={() => set({ match: m })}
              />
              {t(`decide.match.${m}`)}
            </label>
          ))}
          <div className="match-value">
            {choice.match === "rule-on-image" ? (
              <label>
                {t("decide.detector")}
                <select
                  name="detector"
                  value={choice.detector}
                  onChange={(e) => set({ detector: e.target.value })}
                >
                  {detectors.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>{" "}
                <code>{baseName(process.image)}</code>
              </label>
            ) : null}
            {choice.match === "sha256" ? <code className="hash">{process.sha256}</code> : null}
            {choice.match === "path" ? <code>{process.image}</code> : null}
            {choice.match === "command-line" ? (
              <label className="block">
                <input
                  type="text"
                  name="pattern"
                  value={choice.pattern}
                  onChange={(e) => set({ pattern: e.target.value })}
                />
                <span className="muted small">{t("decide.patternHint")}</span>
              </label>
            ) : null}
          </div>
        </fieldset>
        <button type="submit" className={`primary ${verdict}`} disabled={busy} data-testid="verdict-submit">
          {verdict === "benign" ? t("decide.submitBenign") : t("decide.submitMalicious")}
        </button>
        <NoticeLine notice={message} testId="verdict-message" />
      </form>
    </section>
  );
}
