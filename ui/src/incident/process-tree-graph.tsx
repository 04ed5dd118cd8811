/**
 * The process tree as an SVG graph (layout by dagre, process-tree-layout.ts): a box per process with its
 * image name, pid and role; parent → child edges solid, dropper → payload edges dashed and labelled; the
 * root cause and the malicious branch highlighted. Boxes are focusable buttons: click / Enter selects.
 * Input: the incident and the selected process key. Output: onSelect(key).
 */
import { type KeyboardEvent, useMemo } from "react";
import type { Incident } from "../../../src/incidents/incident.js";
import { baseName } from "../components/format.js";
import { useI18n } from "../i18n/i18n-context.js";
import {
  layoutProcessTree,
  NODE_HEIGHT,
  NODE_WIDTH,
  type TreeEdge,
  type TreeNode,
} from "./process-tree-layout.js";

const MAX_NAME = 24;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function edgePath(e: TreeEdge): string {
  const [first, ...rest] = e.points;
  if (!first) return "";
  return `M${first.x},${first.y}${rest.map((p) => ` L${p.x},${p.y}`).join("")}`;
}

export function ProcessTreeGraph({
  incident,
  selected,
  onSelect,
}: {
  readonly incident: Incident;
  readonly selected: string | undefined;
  readonly onSelect: (key: string) => void;
}) {
  const { t } = useI18n();
  const layout = useMemo(
    () => layoutProcessTree(incident, incident.verdict.verdict !== "benign"),
    [incident],
  );
  if (layout.nodes.length === 0) return <p className="muted">{t("tree.empty")}</p>;
  return (
    <div className="tree-wrap">
      <p className="muted small">{t("tree.legend")}</p>
      {layout.omitted > 0 ? (
        <p className="muted small">
          {t("tree.truncated", { n: layout.nodes.length, total: incident.processes.length })}
        </p>
      ) : null}
      <figure className="tree-scroll" aria-label={t("tree.aria")}>
        <svg
          className="process-tree"
          data-testid="process-tree"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
        >
          <title>{t("tree.title")}</title>
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
            </marker>
            <marker
              id="arrow-branch"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head branch" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <g
              key={`${e.kind}:${e.from}->${e.to}`}
              className={`tree-edge ${e.kind}${e.inBranch ? " branch" : ""}`}
              data-edge={e.kind}
              data-from={e.from}
              data-to={e.to}
            >
              <path d={edgePath(e)} markerEnd={e.inBranch ? "url(#arrow-branch)" : "url(#arrow)"} />
              {e.label ? (
                <text x={e.label.x} y={e.label.y + 4} textAnchor="middle" className="edge-label">
                  {t("tree.dropped")}
                </text>
              ) : null}
            </g>
          ))}
          {layout.nodes.map((n) => (
            <ProcessNode
              key={n.key}
              node={n}
              benign={incident.verdict.verdict === "benign"}
              selected={n.key === selected}
              onSelect={onSelect}
            />
          ))}
        </svg>
      </figure>
    </div>
  );
}

function ProcessNode({
  node,
  benign,
  selected,
  onSelect,
}: {
  readonly node: TreeNode;
  /** The incident is an over-detection: its root cause is not painted as malicious */
  readonly benign: boolean;
  readonly selected: boolean;
  readonly onSelect: (key: string) => void;
}) {
  const { t } = useI18n();
  const p = node.process;
  const name = baseName(p.image) || p.key;
  const x = node.x - NODE_WIDTH / 2;
  const y = node.y - NODE_HEIGHT / 2;
  const role = t(`role.${p.role}`);
  const classes = [
    "tree-node",
    `role-${p.role}`,
    p.verdict ? `verdict-${p.verdict}` : "no-verdict",
    node.rootCause ? (benign ? "root-cause benign-root" : "root-cause") : "",
    node.inBranch ? "branch" : "",
    selected ? "selected" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const onKey = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect(node.key);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it gets the role and keys of one
    <g
      className={classes}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${name}, pid ${p.pid ?? "?"}, ${role}${p.verdict ? `, ${t(`verdict.${p.verdict}`)}` : ""}, ${p.host}`}
      data-process-key={p.key}
      data-image={name}
      data-role={p.role}
      data-root-cause={node.rootCause ? "true" : undefined}
      data-branch={node.inBranch ? "true" : undefined}
      onClick={() => onSelect(node.key)}
      onKeyDown={onKey}
    >
      <title>{`${p.image ?? p.key}\n${p.commandLine ?? ""}`}</title>
      <rect className="node-box" x={x} y={y} width={NODE_WIDTH} height={NODE_HEIGHT} rx={7} />
      <rect className="node-strip" x={x} y={y} width={7} height={NODE_HEIGHT} rx={3} />
      <text x={x + 16} y={y + 23} className="node-name">
        {clip(name, MAX_NAME)}
      </text>
      <text x={x + 16} y={y + 43} className="node-meta">
        {clip(`pid ${p.pid ?? "?"} · ${role}${p.verdict ? ` · ${t(`verdict.${p.verdict}`)}` : ""}`, 34)}
      </text>
      {node.rootCause ? (
        <text x={x + NODE_WIDTH - 10} y={y + 20} textAnchor="end" className="root-mark">
          ★
        </text>
      ) : null}
    </g>
  );
}
