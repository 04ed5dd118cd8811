/**
 * A group of findings from one detector as one list item: the first finding in full, and the others
 * (bounded) behind a "N more from this detector" disclosure. Input: a FindingGroup. Output: an <li>.
 */
import { useI18n } from "../i18n/i18n-context.js";
import { FindingItem } from "./finding-item.js";
import type { FindingGroup } from "./finding-groups.js";

/** Findings listed inside one opened group. */
const MAX_MEMBERS = 200;

export function FindingGroupItem({
  group,
  showViewpoint = true,
}: {
  readonly group: FindingGroup;
  readonly showViewpoint?: boolean;
}) {
  const { t } = useI18n();
  const [first, ...rest] = group.findings;
  if (!first) return null;
  return (
    <>
      <FindingItem finding={first} showViewpoint={showViewpoint} />
      {rest.length > 0 ? (
        <li className="finding-more">
          <details>
            <summary>{t("finding.more", { n: rest.length })}</summary>
            <ul className="findings nested">
              {rest.slice(0, MAX_MEMBERS).map((f) => (
                <FindingItem key={f.id} finding={f} showViewpoint={showViewpoint} />
              ))}
            </ul>
            {rest.length > MAX_MEMBERS ? (
              <p className="muted small">{t("common.moreNotShown", { n: rest.length - MAX_MEMBERS })}</p>
            ) : null}
          </details>
        </li>
      ) : null}
    </>
  );
}
