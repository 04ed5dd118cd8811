/**
 * The incident's notes: the team's running commentary, oldest first, and a form to add one (analysts).
 * Input: the notes. Output: `POST /api/incidents/:id/notes`, then onAdded().
 */
import { type FormEvent, useState } from "react";
import type { Note } from "../../../src/server/api-contract.js";
import { ApiFailure, apiPost } from "../api/api-client.js";
import { formatTime } from "../components/format.js";
import { useSession } from "../components/session.js";
import { useI18n } from "../i18n/i18n-context.js";

export function NotesPanel({
  incidentId,
  notes,
  onAdded,
}: {
  readonly incidentId: string;
  readonly notes: readonly Note[];
  readonly onAdded: () => void;
}) {
  const { t } = useI18n();
  const { canDecide } = useSession();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === "") return;
    setBusy(true);
    try {
      await apiPost<Note>(`incidents/${encodeURIComponent(incidentId)}/notes`, { text: text.trim() });
      setText("");
      setError(undefined);
      onAdded();
    } catch (err) {
      setError(err instanceof ApiFailure ? `${err.message} (${err.code})` : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">{t("notes.title")}</h2>
      {notes.length === 0 ? <p className="muted">{t("notes.empty")}</p> : null}
      <ul className="notes" data-testid="notes">
        {notes.map((n) => (
          <li key={n.id}>
            <div className="muted small">
              {n.author} · {formatTime(n.at)}
            </div>
            <div className="note-text">{n.text}</div>
          </li>
        ))}
      </ul>
      {canDecide ? (
        <form onSubmit={(e) => void submit(e)} className="note-form">
          <textarea
            name="note"
            rows={2}
            maxLength={10000}
            aria-label={t("notes.add")}
            placeholder={t("notes.placeholder")}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" data-testid="note-submit" disabled={busy || text.trim() === ""}>
            {t("notes.add")}
          </button>
          {error ? (
            <p className="error" role="alert">
              {t("common.error", { message: error })}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
