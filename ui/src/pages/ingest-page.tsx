/**
 * Ingest status: events stored, the last ingest, events waiting for analysis, whether an analysis runs
 * and how long the last took, the files and batches received; and a form to upload an EVTX / NDJSON /
 * Zeek file. Input: `GET /api/ingest/status` (polled); `POST /api/upload?name=`. Output: the page.
 */
import { type FormEvent, useRef, useState } from "react";
import type { IngestResult, IngestStatus } from "../../../src/server/api-contract.js";
import { ApiFailure, apiUpload } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { formatDuration, formatTime } from "../components/format.js";
import { LoadState } from "../components/load-state.js";
import { useSession } from "../components/session.js";
import { useI18n } from "../i18n/i18n-context.js";

export function IngestPage() {
  const { t } = useI18n();
  const { canDecide } = useSession();
  const status = useApi<IngestStatus>("ingest/status", {}, 3000);
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<readonly { readonly ok: boolean; readonly text: string }[]>([]);
  const upload = async (e: FormEvent) => {
    e.preventDefault();
    const files = [...(file.current?.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    const out: { ok: boolean; text: string }[] = [];
    for (const f of files) {
      setMessages([...out, { ok: true, text: t("ingest.uploading", { name: f.name }) }]);
      try {
        const r = await apiUpload<IngestResult>("upload", { name: f.name }, f);
        out.push({
          ok: r.rejected === 0,
          text: `${t("ingest.uploaded", { name: f.name, accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected })}${r.problems.length > 0 ? ` ${r.problems.slice(0, 5).join(" · ")}` : ""}`,
        });
      } catch (err) {
        const text = err instanceof ApiFailure ? `${err.message} (${err.code})` : String(err);
        out.push({ ok: false, text: `${f.name}: ${t("common.error", { message: text })}` });
      }
    }
    setMessages(out);
    setBusy(false);
    if (file.current) file.current.value = "";
    status.reload();
  };
  const s = status.data;
  return (
    <section>
      <h1>{t("ingest.title")}</h1>
      <LoadState loading={status.loading && !s} error={status.error} reload={status.reload} />
      {s ? (
        <dl className="header-facts" data-testid="ingest-status">
          <div>
            <dt>{t("ingest.events")}</dt>
            <dd data-testid="ingest-events">{s.events.toLocaleString()}</dd>
          </div>
          <div>
            <dt>{t("ingest.lastIngest")}</dt>
            <dd>{formatTime(s.lastIngestAt) || "—"}</dd>
          </div>
          <div>
            <dt>{t("ingest.pending")}</dt>
            <dd>{s.pending.toLocaleString()}</dd>
          </div>
          <div>
            <dt>{t("ingest.analyzing")}</dt>
            <dd data-testid="ingest-analyzing">{s.analyzing ? t("common.yes") : t("common.no")}</dd>
          </div>
          <div>
            <dt>{t("ingest.analyzedAt")}</dt>
            <dd>{formatTime(s.analyzedAt) || "—"}</dd>
          </div>
          <div>
            <dt>{t("ingest.lastAnalysisMs")}</dt>
            <dd>
              {s.lastAnalysisMs === undefined
                ? "—"
                : s.lastAnalysisMs < 1000
                  ? `${s.lastAnalysisMs} ms`
                  : formatDuration(s.lastAnalysisMs)}
            </dd>
          </div>
        </dl>
      ) : null}
      {canDecide ? (
        <form
          className="upload"
          onSubmit={(e) => void upload(e)}
          data-testid="upload-form"
          data-busy={busy ? "true" : "false"}
        >
          <h2>{t("ingest.upload")}</h2>
          <p className="muted small">{t("ingest.uploadHint")}</p>
          <input ref={file} type="file" name="file" multiple aria-label={t("ingest.upload")} />
          <button type="submit" className="primary" disabled={busy}>
            {t("ingest.uploadButton")}
          </button>
        </form>
      ) : null}
      {messages.length > 0 ? (
        <ul className="upload-results" data-testid="upload-results">
          {messages.map((m) => (
            <li key={m.text} className={m.ok ? "ok" : "error"}>
              {m.text}
            </li>
          ))}
        </ul>
      ) : null}
      {s && s.files.length > 0 ? (
        <>
          <h2>{t("ingest.files")}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("col.name")}</th>
                <th scope="col">{t("col.events")}</th>
                <th scope="col">{t("col.duplicates")}</th>
                <th scope="col">{t("col.problems")}</th>
                <th scope="col">{t("col.at")}</th>
              </tr>
            </thead>
            <tbody>
              {s.files.map((f) => (
                <tr key={`${f.name}|${f.at}`}>
                  <td className="mono">{f.name}</td>
                  <td className="num">{f.events.toLocaleString()}</td>
                  <td className="num">{f.duplicates.toLocaleString()}</td>
                  <td className="num">{f.problems.toLocaleString()}</td>
                  <td className="nowrap">{formatTime(f.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
