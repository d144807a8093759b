// Trace: ranked candidates (production sources upstream, the sales network downstream)
// with role and score; each candidate's evidence paths drawn left to right, every hop
// with its relationship, sightings, source records and dates; "open joint case" from a
// trace to production sources (OpenCase.tsx).
import { Button, Card, Radio, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { EntityLink, KindTag, Loading, Nothing, PageTitle, ServerError } from "../app/common";
import type { TraceDirection } from "../gql/graphql";
import { useFormat, useT } from "../i18n";
import { GraphCanvas } from "../network/GraphCanvas";
import { OpenCaseFromTrace } from "./OpenCase";
import { walk } from "./paths";
import { TraceViewQuery } from "./queries";

export function TraceScreen() {
  const t = useT();
  const format = useFormat();
  const id = useParams().id ?? "";
  const [params, setParams] = useSearchParams();
  const direction: TraceDirection = params.get("direction") === "DOWNSTREAM" ? "DOWNSTREAM" : "UPSTREAM";
  const [{ data, fetching, error }] = useQuery({ query: TraceViewQuery, variables: { id, direction } });
  const view = data?.traceView;
  const [picked, setPicked] = useState<{ cand: number; path: number }>({ cand: 0, path: 0 });
  const nodes = useMemo(() => new Map((view?.nodes ?? []).map((n) => [n.id, n])), [view]);
  const candidate = view?.candidates[picked.cand];
  const path = candidate?.paths[picked.path];
  const hops = useMemo(() => (view && path ? walk(view.start, path, view.edges) : []), [view, path]);
  // drawn in walk order (start on the left), each arrow labelled with the relationship
  // and its own direction, so dagre's left-to-right ranks follow the evidence
  const drawn = useMemo(() => {
    const ids = [...new Set(hops.flatMap((h) => [h.from, h.to]))];
    return {
      nodes: ids.map((i) => nodes.get(i)).filter((n) => n !== undefined),
      edges: hops.map((h, i) => ({
        id: `hop-${i}`,
        source: h.from,
        target: h.to,
        type: h.forward ? h.edge.type : `← ${h.edge.type}`,
      })),
    };
  }, [hops, nodes]);
  const caption = (nid: string) => nodes.get(nid)?.caption ?? "?";

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <PageTitle
        extra={
          <Space wrap>
            {direction === "UPSTREAM" && view && view.candidates.length > 0 && <OpenCaseFromTrace startId={view.start} />}
            <Radio.Group
              aria-label={t("trace.direction")}
              optionType="button"
              value={direction}
              onChange={(e) => {
                setPicked({ cand: 0, path: 0 });
                setParams({ direction: e.target.value as string });
              }}
              options={[
                { value: "UPSTREAM", label: t("trace.upstream") },
                { value: "DOWNSTREAM", label: t("trace.downstream") },
              ]}
            />
          </Space>
        }
      >
        {t(direction === "UPSTREAM" ? "trace.upstream" : "trace.downstream")}
        {view && <>: {caption(view.start)}</>}
      </PageTitle>
      <ServerError error={error} />
      {fetching && !data && <Loading />}
      {view && !view.candidates.length && <Nothing>{t("trace.none")}</Nothing>}
      {view && view.candidates.length > 0 && (
        <>
          <Card title={t("trace.candidates")}>
            <Table
              data-testid="candidates"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={view.candidates.map((c, i) => ({ ...c, index: i }))}
              rowClassName={(row) => (row.index === picked.cand ? "ant-table-row-selected" : "")}
              columns={[
                { title: "#", render: (_, row) => row.index + 1 },
                { title: t("entity.kind"), render: (_, row) => <KindTag kind={nodes.get(row.id)?.kind ?? "?"} /> },
                { title: t("entity.caption"), render: (_, row) => <EntityLink id={row.id} caption={caption(row.id)} /> },
                { title: t("trace.role"), render: (_, row) => (row.role ? <Tag>{row.role}</Tag> : "—") },
                { title: t("trace.score"), render: (_, row) => format.number(row.score, 3) },
                {
                  title: t("trace.evidence"),
                  render: (_, row) => (
                    <Space wrap>
                      {row.paths.map((p, pi) => (
                        <Button
                          key={pi}
                          size="small"
                          data-testid="evidence-path"
                          type={row.index === picked.cand && pi === picked.path ? "primary" : "default"}
                          onClick={() => setPicked({ cand: row.index, path: pi })}
                        >
                          {t("trace.path", { n: pi + 1, hops: p.length })}
                        </Button>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card title={t("trace.pathTitle", { n: picked.path + 1, target: candidate ? caption(candidate.id) : "" })}>
            <GraphCanvas
              className="trace-canvas"
              label={t("trace.canvasLabel")}
              nodes={drawn.nodes}
              edges={drawn.edges}
              layout="dagre"
            />
            <ol data-testid="hops" aria-label={t("trace.hops")}>
              {hops.map((hop, i) => (
                <li key={i}>
                  <Typography.Text strong>{caption(hop.from)}</Typography.Text>{" "}
                  <Tag>{hop.forward ? `—${hop.edge.type}→` : `←${hop.edge.type}—`}</Tag>{" "}
                  <Typography.Text strong>{caption(hop.to)}</Typography.Text>{" "}
                  <Typography.Text type="secondary">
                    {t("trace.hopFacts", {
                      sightings: hop.edge.sightings,
                      sources: hop.edge.sourceCount ?? "—",
                      first: format.date(hop.edge.firstSeen),
                      last: format.date(hop.edge.lastSeen),
                    })}
                  </Typography.Text>
                </li>
              ))}
            </ol>
          </Card>
        </>
      )}
    </Space>
  );
}
