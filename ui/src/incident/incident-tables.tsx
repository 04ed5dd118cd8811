/**
 * The incident's facts as tables: hosts (and how each joined), shared indicators, files (dropper,
 * payload, written), persistence, network destinations and users. Input: the incident. Output: tables.
 */
import { DESTINATION_ROLES, type Incident } from "../../../src/incidents/incident.js";
import { baseName, formatBytes, formatTime } from "../components/format.js";
import { SimpleTable } from "../components/simple-table.js";
import { useI18n } from "../i18n/i18n-context.js";

export function IncidentTables({ incident }: { readonly incident: Incident }) {
  const { t } = useI18n();
  const yesNo = (b: boolean) => (b ? t("common.yes") : t("common.no"));
  const imageOf = new Map(incident.processes.map((p) => [p.key, baseName(p.image) || p.key]));
  const hostLink = (h: string) => (
    <a key={h} href={`#/hosts/${encodeURIComponent(h)}`}>
      {h}
    </a>
  );
  return (
    <section aria-labelledby="facts-title" className="facts">
      <h2 id="facts-title" className="visually-hidden">
        {t("tables.hosts")}
      </h2>
      <SimpleTable
        title={t("tables.hosts")}
        testId="incident-hosts"
        columns={[
          t("col.host"),
          t("col.addresses"),
          t("col.via"),
          t("col.active"),
          t("col.processes"),
          t("col.first"),
          t("col.last"),
        ]}
        rows={incident.hosts.map((h) => ({
          key: h.host,
          cells: [
            hostLink(h.host),
            h.addresses.join(", "),
            t(`via.${h.via}`),
            yesNo(h.active),
            h.processes,
            formatTime(h.first?.iso),
            formatTime(h.last?.iso),
          ],
        }))}
      />
      <SimpleTable
        title={t("tables.shared")}
        columns={[t("col.kind"), t("col.value"), t("col.host")]}
        rows={incident.sharedIndicators.map((s) => ({
          key: `${s.kind}:${s.value}`,
          cells: [t(`via.${s.kind}`), <code key="v">{s.value}</code>, s.hosts.join(", ")],
        }))}
      />
      <SimpleTable
        title={t("tables.files")}
        testId="incident-files"
        columns={[
          t("col.role"),
          t("col.host"),
          t("col.path"),
          t("col.sha256"),
          t("col.writtenBy"),
          t("col.time"),
        ]}
        rows={incident.files.map((f) => ({
          key: `${f.host}|${f.path}|${f.role}`,
          cells: [
            f.role,
            f.host,
            <code key="p">{f.path}</code>,
            <code key="h" className="hash">
              {f.sha256 ?? ""}
            </code>,
            f.writtenBy ? (imageOf.get(f.writtenBy) ?? f.writtenBy) : "",
            formatTime(f.time?.iso),
          ],
        }))}
      />
      <SimpleTable
        title={t("tables.persistence")}
        columns={[t("col.kind"), t("col.host"), t("col.target"), t("col.value"), t("col.time")]}
        rows={incident.persistence.map((p) => ({
          key: `${p.host}|${p.kind}|${p.target}`,
          cells: [
            p.kind,
            p.host,
            <code key="t">{p.target}</code>,
            <code key="v">{p.value ?? ""}</code>,
            formatTime(p.time?.iso),
          ],
        }))}
      />
      <SimpleTable
        title={t("tables.destinations")}
        testId="incident-destinations"
        columns={[
          t("col.role"),
          t("col.address"),
          t("col.domain"),
          t("col.port"),
          t("col.external"),
          t("col.connections"),
          t("col.bytes"),
          t("col.first"),
          t("col.last"),
          t("col.active"),
        ]}
        rows={[...incident.destinations]
          .sort((a, b) => DESTINATION_ROLES.indexOf(a.role) - DESTINATION_ROLES.indexOf(b.role))
          .map((d) => ({
            key: `${d.address ?? ""}|${d.domain ?? ""}|${d.port ?? ""}|${d.role}`,
            cells: [
              d.role,
              d.address ?? "",
              d.domain ?? "",
              d.port === undefined ? "" : `${d.port}${d.protocol ? `/${d.protocol}` : ""}`,
              yesNo(d.external),
              d.connections,
              formatBytes(d.bytes),
              formatTime(d.first?.iso),
              formatTime(d.last?.iso),
              yesNo(d.active),
            ],
          }))}
      />
      <SimpleTable
        title={t("tables.users")}
        columns={[t("col.name"), t("col.host"), t("col.credentials")]}
        rows={incident.users.map((u) => ({
          key: u.name,
          cells: [u.name, u.hosts.join(", "), yesNo(u.credentialsAtRisk)],
        }))}
      />
    </section>
  );
}
