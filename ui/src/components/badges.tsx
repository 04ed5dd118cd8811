/**
 * Small labelled markers used across pages: verdict (悪性 / 要注意 / 過検知), severity, incident state,
 * and kill-chain stage. Input: a value. Output: a span with a class for its colour and a readable word.
 */
import { useI18n } from "../i18n/i18n-context.js";

const VERDICT_WORDS = ["malicious", "suspicious", "benign"] as const;
type VerdictWord = (typeof VERDICT_WORDS)[number];

function isVerdict(v: string | undefined): v is VerdictWord {
  return v !== undefined && (VERDICT_WORDS as readonly string[]).includes(v);
}

/** A verdict word on its colour. */
export function VerdictBadge({ verdict }: { readonly verdict: string | undefined }) {
  const { t } = useI18n();
  if (!isVerdict(verdict)) return <span className="badge">{verdict ?? "—"}</span>;
  return (
    <span className={`badge verdict-${verdict}`} data-verdict={verdict}>
      {t(`verdict.${verdict}`)}
    </span>
  );
}

const SEVERITY_WORDS = ["info", "low", "medium", "high", "critical"] as const;
type SeverityWord = (typeof SEVERITY_WORDS)[number];

function isSeverity(v: string | undefined): v is SeverityWord {
  return v !== undefined && (SEVERITY_WORDS as readonly string[]).includes(v);
}

/** A severity word on its colour ("—" when none). */
export function SeverityBadge({ severity }: { readonly severity: string | undefined }) {
  const { t } = useI18n();
  if (!isSeverity(severity)) return <span className="badge severity-none">—</span>;
  return <span className={`badge severity-${severity}`}>{t(`severity.${severity}`)}</span>;
}

/** Active (still running / calling) or inactive. */
export function StateBadge({ state }: { readonly state: string }) {
  const { t } = useI18n();
  if (state !== "active" && state !== "inactive") return <span className="badge">{state}</span>;
  return <span className={`badge state-${state}`}>{t(`state.${state}`)}</span>;
}

/** The furthest stage reached, and the one only attempted beyond it. */
export function StageLabel({
  reached,
  attempted,
}: {
  readonly reached: string | undefined;
  readonly attempted?: string | undefined;
}) {
  const { stage, t } = useI18n();
  return (
    <span className="stage-label">
      {reached ? stage(reached) : "—"}
      {attempted && attempted !== reached ? (
        <span className="muted">
          {" "}
          ({t("killChain.attempted")}: {stage(attempted)})
        </span>
      ) : null}
    </span>
  );
}
