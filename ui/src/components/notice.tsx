/**
 * A one-line outcome of an action (recorded, downloaded, failed), kept as a label key + values so it
 * follows a language switch. Input: a Notice. Output: a status or alert paragraph.
 */
import type { ApiFailure } from "../api/api-client.js";
import { type LabelVars, useI18n } from "../i18n/i18n-context.js";
import type { LabelKey } from "../i18n/labels-en.js";

export interface Notice {
  readonly ok: boolean;
  readonly key: LabelKey;
  readonly vars?: LabelVars;
}

/** The notice of a failed call: `Error: <server message> (<code>)`. */
export function failureNotice(e: unknown): Notice {
  const failure = e as Partial<ApiFailure> | undefined;
  const message =
    typeof failure?.message === "string" && typeof failure.code === "string"
      ? `${failure.message} (${failure.code})`
      : String(e);
  return { ok: false, key: "common.error", vars: { message } };
}

export function NoticeLine({
  notice,
  testId,
}: {
  readonly notice: Notice | undefined;
  readonly testId?: string;
}) {
  const { t } = useI18n();
  if (!notice) return null;
  return (
    <p className={notice.ok ? "ok" : "error"} role={notice.ok ? "status" : "alert"} data-testid={testId}>
      {t(notice.key, notice.vars)}
    </p>
  );
}
