// The network picture of one entity: graphView pages merged into one picture; expand a
// node by relationship type (with counts), undo, legend as filter, layouts, a banner
// when the server capped the result, PNG and GraphML export, and the list twin.
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useClient, type CombinedError } from "urql";
import { EntityLink, KindTag, kindColour, kindLabel, Loading, ServerError } from "../app/common";
import type { RelationshipType } from "../gql/graphql";
import { useFormat, useT } from "../i18n";
import { GraphCanvas, type CanvasHandle } from "./GraphCanvas";
import { download, emptyPicture, kindCounts, merge, toGraphML, typeCounts, visible, type Picture } from "./model";
import { GraphViewQuery } from "./queries";

const PAGE = 200;
export const REL_TYPES: RelationshipType[] = [
  "LISTED_IN", "ON_PLATFORM", "OPERATED_BY", "HAS_PHONE", "HAS_ID", "SHIPS_FROM", "RETURNS_TO",
  "CLAIMS_BRAND", "HAS_URL", "CARRIED_BY", "SENT_BY", "SENT_FROM", "RECEIVED_BY", "DELIVERED_TO",
  "LOCATED_IN", "WITHIN", "MENTIONS", "RECEIVED_IN", "NAMES_SHOP", "POSSIBLY_SAME_AS", "SAME_AS",
];

interface State {
  picture: Picture;
  history: Picture[];
  more: { id: string; after: string } | null;
  truncated: boolean;
}

export function Network({ startId }: { startId: string }) {
  const t = useT();
  const format = useFormat();
  const client = useClient();
  const canvas = useRef<CanvasHandle>(null);
  const [state, setState] = useState<State>({ picture: emptyPicture(), history: [], more: null, truncated: false });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<CombinedError | undefined>();
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [layout, setLayout] = useState<"fcose" | "concentric">("fcose");
  const [selected, setSelected] = useState<string | null>(null);
  const [expandTypes, setExpandTypes] = useState<RelationshipType[]>([]);

  async function load(id: string, hops: number, types: RelationshipType[] | null, after: string | null, reset: boolean) {
    setLoading(true);
    setError(undefined);
    const result = await client
      .query(GraphViewQuery, { id, hops, types, first: PAGE, after }, { requestPolicy: "network-only" })
      .toPromise();
    setLoading(false);
    const view = result.data?.graphView;
    if (result.error || !view) {
      setError(result.error);
      return;
    }
    setState((s) => {
      const base = reset ? emptyPicture() : s.picture;
      return {
        picture: merge(base, view.nodes, view.edges),
        history: reset ? [] : [...s.history, s.picture],
        more: view.pageInfo.hasNextPage && view.pageInfo.endCursor ? { id, after: view.pageInfo.endCursor } : null,
        truncated: view.truncated,
      };
    });
  }

  useEffect(() => {
    void load(startId, 1, null, null, true);
    setSelected(startId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startId]);

  const shown = useMemo(() => visible(state.picture, hidden), [state.picture, hidden]);
  const canvasNodes = useMemo(() => [...shown.nodes.values()], [shown]);
  const canvasEdges = useMemo(
    () => [...shown.edges.entries()].map(([id, e]) => ({ id, source: e.source, target: e.target, type: e.type })),
    [shown],
  );
  const legend = kindCounts(state.picture);
  const types = typeCounts(state.picture);
  const chosen = selected ? state.picture.nodes.get(selected) : undefined;

  function toggle(kind: string) {
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  }

  function undo() {
    setState((s) => {
      const previous = s.history[s.history.length - 1];
      return previous ? { ...s, picture: previous, history: s.history.slice(0, -1), more: null } : s;
    });
  }

  function exportPng() {
    const blob = canvas.current?.png();
    if (blob) download("cluehub-network.png", blob);
  }

  return (
    <Card
      title={t("network.title")}
      extra={
        <Space wrap>
          <Select
            aria-label={t("network.layout")}
            size="small"
            value={layout}
            onChange={setLayout}
            options={[
              { value: "fcose", label: t("network.layoutForce") },
              { value: "concentric", label: t("network.layoutConcentric") },
            ]}
          />
          <Button size="small" onClick={undo} disabled={!state.history.length}>
            {t("network.undo")}
          </Button>
          <Button size="small" onClick={exportPng} data-testid="export-png">
            {t("network.exportPng")}
          </Button>
          <Button
            size="small"
            onClick={() => download("cluehub-network.graphml", new Blob([toGraphML(shown)], { type: "application/xml" }))}
          >
            {t("network.exportGraphml")}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <ServerError error={error} />
        {(state.truncated || state.more) && (
          <Alert
            type="warning"
            showIcon
            data-testid="truncated-banner"
            title={t("network.truncated", { count: state.picture.nodes.size })}
            action={
              state.more ? (
                <Button size="small" onClick={() => state.more && void load(state.more.id, 1, null, state.more.after, false)}>
                  {t("network.loadMore")}
                </Button>
              ) : undefined
            }
          />
        )}
        <div role="group" aria-label={t("network.legend")}>
          <Space wrap>
            <Typography.Text strong>{t("network.legend")}</Typography.Text>
            {legend.map(([kind, count]) => (
              <Tag
                key={kind}
                color={hidden.has(kind) ? undefined : kindColour(kind)}
                variant={hidden.has(kind) ? "outlined" : "solid"}
                className={`legend-item${hidden.has(kind) ? " off" : ""}`}
                role="checkbox"
                aria-checked={!hidden.has(kind)}
                tabIndex={0}
                onClick={() => toggle(kind)}
                onKeyDown={(e) => {
                  if (e.key === " " || e.key === "Enter") {
                    e.preventDefault();
                    toggle(kind);
                  }
                }}
              >
                {kindLabel(t, kind)} {count}
              </Tag>
            ))}
            {types.map(([type, count]) => (
              <Typography.Text key={type} type="secondary">
                {type} {count}
              </Typography.Text>
            ))}
          </Space>
        </div>
        {chosen && (
          <Space wrap data-testid="expand-bar">
            <Typography.Text>
              {t("network.selected")}: <KindTag kind={chosen.kind} /> {chosen.caption}
            </Typography.Text>
            <Select<RelationshipType[]>
              mode="multiple"
              allowClear
              size="small"
              style={{ minWidth: 260 }}
              aria-label={t("network.expandTypes")}
              placeholder={t("network.expandTypes")}
              value={expandTypes}
              onChange={setExpandTypes}
              options={REL_TYPES.map((type) => ({ value: type, label: type }))}
            />
            <Button
              size="small"
              type="primary"
              data-testid="expand"
              onClick={() => void load(chosen.id, 1, expandTypes.length ? expandTypes : null, null, false)}
            >
              {t("network.expand")}
            </Button>
            <EntityLink id={chosen.id} caption={t("network.open")} />
          </Space>
        )}
        {loading && <Loading />}
        <GraphCanvas
          ref={canvas}
          className="graph-canvas"
          label={t("network.canvasLabel", { nodes: canvasNodes.length, edges: canvasEdges.length })}
          nodes={canvasNodes}
          edges={canvasEdges}
          layout={layout}
          selected={selected}
          onSelect={setSelected}
        />
        <Table
          data-testid="node-list"
          caption={t("network.listCaption")}
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={canvasNodes}
          rowClassName={(row) => (row.id === selected ? "ant-table-row-selected" : "")}
          columns={[
            { title: t("entity.kind"), dataIndex: "kind", render: (kind: string) => <KindTag kind={kind} /> },
            {
              title: t("entity.caption"),
              render: (_, row) => (
                <Button type="link" size="small" onClick={() => setSelected(row.id)} aria-pressed={row.id === selected}>
                  {row.caption}
                </Button>
              ),
            },
            { title: t("network.hops"), dataIndex: "hops" },
            { title: t("entity.regions"), render: (_, row) => row.regions[0] ?? "—" },
            { title: t("entity.lastSeen"), render: (_, row) => format.date(row.lastSeen) },
            {
              title: t("network.links"),
              render: (_, row) =>
                [...shown.edges.values()].filter((e) => e.source === row.id || e.target === row.id).length,
            },
          ]}
        />
      </Space>
    </Card>
  );
}
