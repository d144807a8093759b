// The network picture of one entity: graphView pages merged into one picture; expand a
// node by relationship type (with counts), undo, legend as filter, a time window over
// first/last seen, a kind or a ring collapsed into one node (and expanded back), layouts,
// a banner when the server capped the result, PNG, SVG and GraphML export, and the list
// twin (the same nodes, keyboard and screen-reader reachable).
import { Alert, Button, Card, Select, Slider, Space, Table, Tag, Typography } from "antd";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useClient, type CombinedError } from "urql";
import { EntityLink, KindTag, kindColour, kindLabel, Loading, ServerError } from "../app/common";
import type { RelationshipType } from "../gql/graphql";
import { useFormat, useT } from "../i18n";
import { GraphCanvas, type CanvasHandle } from "./GraphCanvas";
import { download, emptyPicture, kindCounts, merge, toGraphML, typeCounts, visible, type Picture } from "./model";
import { GraphViewQuery, RingGroupsQuery } from "./queries";
import { collapse, kindGroups, timeRange, within, type Group, type VNode } from "./views";

const PAGE = 200;
const DAY = 86_400_000;
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

interface RingMembers {
  id: string;
  n: number;
  members: Set<string>;
}

function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
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
  const [folded, setFolded] = useState<Set<string>>(new Set()); // kinds collapsed
  const [foldedRings, setFoldedRings] = useState<Set<string>>(new Set());
  const [rings, setRings] = useState<RingMembers[] | null>(null);
  const [ringsError, setRingsError] = useState<CombinedError | undefined>();
  const [period, setPeriod] = useState<[number, number] | null>(null);
  const [draft, setDraft] = useState<[number, number] | null>(null);
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

  async function loadRings() {
    if (rings) return;
    const result = await client.query(RingGroupsQuery, { first: 50 }, { requestPolicy: "network-only" }).toPromise();
    setRingsError(result.error);
    const found = result.data?.rings?.edges ?? [];
    setRings(found.map(({ node }, i) => ({ id: node.id, n: i + 1, members: new Set(node.members.edges.map((m) => m.node.id)) })));
  }

  useEffect(() => {
    void load(startId, 1, null, null, true);
    setSelected(startId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startId]);

  const range = useMemo(() => timeRange(state.picture), [state.picture]);
  const filtered = useMemo(() => visible(state.picture, hidden), [state.picture, hidden]);
  // The picture follows the time window a moment behind the slider (useDeferredValue): a
  // handle moved by held keys re-renders the slider at once and the picture when idle.
  const shownPeriod = useDeferredValue(period);
  const timed = useMemo(
    () => (shownPeriod ? within(filtered, shownPeriod[0], shownPeriod[1], startId) : filtered),
    [filtered, shownPeriod, startId],
  );
  const groups = useMemo<Group[]>(() => {
    const ringGroups = (rings ?? [])
      .filter((r) => foldedRings.has(r.id))
      .map((r) => ({ id: `ring:${r.id}`, kind: "Ring", caption: t("network.ringCaption", { n: r.n }), members: r.members }));
    return [...ringGroups, ...kindGroups(timed, folded, (kind) => kindLabel(t, kind))];
  }, [rings, foldedRings, timed, folded, t]);
  const shown = useMemo(() => collapse(timed, groups, startId), [timed, groups, startId]);
  const canvasNodes = useMemo(() => [...shown.nodes.values()], [shown]);
  const canvasEdges = useMemo(
    () => [...shown.edges.entries()].map(([id, e]) => ({ id, source: e.source, target: e.target, type: e.type })),
    [shown],
  );
  const degree = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of shown.edges.values()) {
      counts.set(e.source, (counts.get(e.source) ?? 0) + 1);
      counts.set(e.target, (counts.get(e.target) ?? 0) + 1);
    }
    return counts;
  }, [shown]);
  const legend = kindCounts(state.picture);
  const types = typeCounts(state.picture);
  const chosen: VNode | undefined = selected ? shown.nodes.get(selected) : undefined;
  const ringOptions = (rings ?? [])
    .map((r) => ({ r, present: [...r.members].filter((m) => timed.nodes.has(m)).length }))
    .filter(({ present }) => present >= 2)
    .map(({ r, present }) => ({ value: r.id, label: t("network.ring", { n: r.n, present }) }));

  function expandGroup(node: VNode) {
    if (!node.group) return;
    if (node.group.startsWith("kind:")) setFolded((f) => toggled(f, node.group!.slice(5)));
    else if (node.group.startsWith("ring:")) setFoldedRings((f) => toggled(f, node.group!.slice(5)));
    setSelected(null);
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

  function exportSvg() {
    const text = canvas.current?.svg(t("network.canvasLabel", { nodes: canvasNodes.length, edges: canvasEdges.length }));
    if (text) download("cluehub-network.svg", new Blob([text], { type: "image/svg+xml" }));
  }

  // The slider's bounds are whole steps from the first sighting (a day, or 1/200 of a
  // short span), so the handles never sit between steps; a state is set only on change.
  // The slider gets the same objects while nothing it shows changed (bounds, value,
  // labels, formatters): a handle moved by keys many times a second then causes one
  // update each, never a cascade of re-renders between the slider and this screen.
  const step = range ? Math.max(1, Math.min(DAY, Math.floor((range[1] - range[0]) / 200))) : 1;
  const bounds = useMemo<[number, number] | null>(
    () => (range ? [range[0], range[0] + Math.ceil((range[1] - range[0]) / step) * step] : null),
    [range, step],
  );
  const slider = draft ?? period ?? bounds;
  const iso = (ms: number) => new Date(ms).toISOString();
  const same = (a: [number, number] | null, b: [number, number]) => a !== null && a[0] === b[0] && a[1] === b[1];
  const handleLabels = useMemo(() => [t("network.timeFrom"), t("network.timeTo")], [t]);
  const dateText = useCallback((v?: number) => (v === undefined ? "" : format.date(new Date(v).toISOString())), [format]);
  const tooltip = useMemo(() => ({ formatter: dateText }), [dateText]);
  const ordered = useCallback(
    (v: number[]): [number, number] => {
      const from = v[0] ?? bounds?.[0] ?? 0;
      const to = v[1] ?? bounds?.[1] ?? 0;
      return [Math.min(from, to), Math.max(from, to)];
    },
    [bounds],
  );
  const onSlide = useCallback(
    (v: number[]) => {
      const next = ordered(v);
      setDraft((d) => (same(d, next) ? d : next));
    },
    [ordered],
  );
  const onSlideEnd = useCallback(
    (v: number[]) => {
      const next = ordered(v);
      const whole = bounds !== null && next[0] <= bounds[0] && next[1] >= bounds[1];
      setDraft(null);
      setPeriod((p) => (whole ? null : same(p, next) ? p : next));
    },
    [ordered, bounds],
  );

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
          <Button size="small" onClick={exportSvg} data-testid="export-svg">
            {t("network.exportSvg")}
          </Button>
          <Button
            size="small"
            data-testid="export-graphml"
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
                onClick={() => setHidden((h) => toggled(h, kind))}
                onKeyDown={(e) => {
                  if (e.key === " " || e.key === "Enter") {
                    e.preventDefault();
                    setHidden((h) => toggled(h, kind));
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
        <Space wrap>
          <Select<string[]>
            mode="multiple"
            allowClear
            size="small"
            style={{ minWidth: 220 }}
            aria-label={t("network.collapseKinds")}
            placeholder={t("network.collapseKinds")}
            value={[...folded]}
            onChange={(kinds) => setFolded(new Set(kinds))}
            options={legend.map(([kind]) => ({ value: kind, label: kindLabel(t, kind) }))}
            data-testid="collapse-kinds"
          />
          <Select<string[]>
            mode="multiple"
            allowClear
            size="small"
            style={{ minWidth: 260 }}
            aria-label={t("network.collapseRings")}
            placeholder={t("network.collapseRings")}
            value={[...foldedRings]}
            onOpenChange={(open) => open && void loadRings()}
            onChange={(ids) => setFoldedRings(new Set(ids))}
            options={ringOptions}
            notFoundContent={rings ? t("network.noRings") : t("network.ringsLoading")}
            data-testid="collapse-rings"
          />
        </Space>
        <ServerError error={ringsError} />
        <div role="group" aria-label={t("network.time")} data-testid="time-window">
          {bounds && slider ? (
            <Space direction="vertical" style={{ width: "100%" }} size={0}>
              <Space wrap>
                <Typography.Text strong>{t("network.time")}</Typography.Text>
                <Typography.Text data-testid="time-shown">
                  {t("network.timeShown", { from: format.date(iso(slider[0])), to: format.date(iso(slider[1])), nodes: timed.nodes.size })}
                </Typography.Text>
                <Button size="small" disabled={!period} onClick={() => { setPeriod(null); setDraft(null); }}>
                  {t("network.timeAll")}
                </Button>
              </Space>
              <Slider
                range
                min={bounds[0]}
                max={bounds[1]}
                step={step}
                value={slider}
                ariaLabelForHandle={handleLabels}
                ariaValueTextFormatterForHandle={dateText}
                tooltip={tooltip}
                onChange={onSlide}
                onChangeComplete={onSlideEnd}
              />
            </Space>
          ) : (
            <Typography.Text type="secondary">{t("network.noDates")}</Typography.Text>
          )}
        </div>
        {chosen && (
          <Space wrap data-testid="expand-bar">
            <Typography.Text>
              {t("network.selected")}: <KindTag kind={chosen.kind} /> {chosen.caption}
            </Typography.Text>
            {chosen.members ? (
              <Button size="small" type="primary" onClick={() => expandGroup(chosen)}>
                {t("network.expandGroup")}
              </Button>
            ) : (
              <>
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
              </>
            )}
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
                <Space size={4} wrap>
                  <Button type="link" size="small" onClick={() => setSelected(row.id)} aria-pressed={row.id === selected}>
                    {row.caption}
                  </Button>
                  {row.members && (
                    <Button size="small" onClick={() => expandGroup(row)} data-testid="expand-group" aria-label={`${t("network.expandGroup")} ${row.caption}`}>
                      {t("network.expandGroup")}
                    </Button>
                  )}
                </Space>
              ),
            },
            { title: t("network.hops"), dataIndex: "hops" },
            { title: t("entity.regions"), render: (_, row) => row.regions[0] ?? "—" },
            { title: t("entity.lastSeen"), render: (_, row) => format.date(row.lastSeen) },
            { title: t("network.links"), render: (_, row) => degree.get(row.id) ?? 0 },
          ]}
        />
      </Space>
    </Card>
  );
}
