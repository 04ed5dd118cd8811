/**
 * What a page shows while its data loads or when the API failed: a status line with a retry button.
 * Input: an ApiState. Output: nothing when the data is there, else the status.
 */
import type { ApiFailure } from "../api/api-client.js";
import { useI18n } from "../i18n/i18n-context.js";

export function LoadState({
  loading,
  error,
  reload,
}: {
  readonly loading: boolean;
  readonly error: ApiFailure | undefined;
  readonly reload: () => void;
}) {
  const { t } = useI18n();
  if (error)
    return (
      <p className="error" role="alert">
        {t("common.error", { message: `${error.message} (${error.code})` })}{" "}
        <button type="button" onClick={reload}>
          {t("common.retry")}
        </button>
      </p>
    );
  if (loading)
    return (
      <p className="muted" aria-live="polite">
        {t("common.loading")}
      </p>
    );
  return null;
}

/** Previous / next for a paginated list. */
export function Pager({
  total,
  offset,
  limit,
  onOffset,
}: {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly onOffset: (offset: number) => void;
}) {
  const { t } = useI18n();
  if (total <= limit && offset === 0) return null;
  return (
    <nav className="pager" aria-label="pagination">
      <button type="button" disabled={offset <= 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t("common.prev")}
      </button>
      <span>
        {t("common.pageOf", {
          from: total === 0 ? 0 : offset + 1,
          to: Math.min(total, offset + limit),
          total,
        })}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t("common.next")}
      </button>
    </nav>
  );
}
