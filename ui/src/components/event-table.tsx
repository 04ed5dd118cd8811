/**
 * A table of events (time, host, channel, event id, a one-line summary of the telling fields, source);
 * each row opens to show all fields. Input: ApiEvents. Output: the table.
 */
import { Fragment, useState } from "react";
import type { ApiEvent } from "../../../src/server/api-contract.js";
import { useI18n } from "../i18n/i18n-context.js";
import { displayValue, formatTime } from "./format.js";

/** The fields that say most about an event, in the order they are summarised. */
const SUMMARY_FIELDS = [
  "Image",
  "CommandLine",
  "TargetFilename",
  "TargetObject",
  "Details",
  "DestinationIp",
  "DestinationPort",
  "QueryName",
  "TargetUserName",
  "LogonType",
  "ServiceName",
  "NewProcessName",
  "id.resp_h",
  "id.resp_p",
  "query",
] as const;

function summary(e: ApiEvent): string {
  const parts: string[] = [];
  for (const k of SUMMARY_FIELDS) {
    const v = e.fields[k];
    if (v !== undefined && v !== null && v !== "") parts.push(`${k}=${displayValue(v, 120)}`);
    if (parts.length >= 4) break;
  }
  return parts.join("  ");
}

function source(e: ApiEvent): string {
  const at =
    e.source.line !== undefined
      ? `:${e.source.line}`
      : e.source.offset !== undefined
        ? `@${e.source.offset}`
        : "";
  return `${e.source.file}${at}`;
}

export function EventTable({ events }: { readonly events: readonly ApiEvent[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | undefined>();
  return (
    <table className="data events" data-testid="events">
      <thead>
        <tr>
          <th scope="col">{t("col.time")}</th>
          <th scope="col">{t("col.host")}</th>
          <th scope="col">{t("col.channel")}</th>
          <th scope="col">{t("col.eventId")}</th>
          <th scope="col">{t("col.summary")}</th>
          <th scope="col">{t("col.source")}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <Fragment key={e.id}>
            <tr>
              <td className="nowrap">
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={open === e.id}
                  onClick={() => setOpen(open === e.id ? undefined : e.id)}
                >
                  {open === e.id ? "▾" : "▸"} {formatTime(e.time)}
                </button>
              </td>
              <td className="nowrap">{e.host}</td>
              <td className="small">{e.channel}</td>
              <td className="num">{e.eventId}</td>
              <td className="mono small">{summary(e)}</td>
              <td className="mono small">{source(e)}</td>
            </tr>
            {open === e.id ? (
              <tr className="event-fields">
                <td colSpan={6}>
                  <dl>
                    {Object.entries(e.fields)
                      .slice(0, 200)
                      .map(([k, v]) => (
                        <div key={k}>
                          <dt>{k}</dt>
                          <dd className="mono">{displayValue(v, 2000)}</dd>
                        </div>
                      ))}
                  </dl>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
