// Rings visible to my bureau: size, score, the analysis's reason, regions, platforms,
// brands and sources of members; "turn into joint case" first shows what the rules
// propose (Ring.proposedCase: lead 主办, coordinators, participants 协办, bureaus to notify,
// major, the reasons), then asks the hub (createJointCaseFromRing), which routes it again
// and records why.
import { Button, Card, Input, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { EntityLink, KindTag, Loading, Nothing, PageTitle, ServerError } from "../app/common";
import { CreatedCase, ProposedCase } from "../cases/Proposal";
import type { RingsQuery as RingsData } from "../gql/graphql";
import { useFormat, useT } from "../i18n";
import { CaseFromRingMutation, RingsQuery } from "./queries";

type Ring = NonNullable<RingsData["rings"]>["edges"][number]["node"];

export function ringRegions(ring: Ring): string[] {
  const names = new Set<string>();
  for (const { node } of ring.members.edges) {
    const top = node.regions[0];
    if (top) names.add(top.fullName);
  }
  return [...names];
}

export function RingsScreen() {
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: RingsQuery, variables: { first: 50 } });
  const [pending, setPending] = useState<Ring | null>(null);
  const [title, setTitle] = useState("");
  const [made, create] = useMutation(CaseFromRingMutation);
  const [madeFor, setMadeFor] = useState<string | null>(null);
  const rings = data?.rings?.edges.map((e) => e.node) ?? [];
  const created = pending && madeFor === pending.id ? made.data?.createJointCaseFromRing : undefined;

  return (
    <section>
      <PageTitle>{t("rings.title")}</PageTitle>
      <ServerError error={error} />
      {fetching && !data && <Loading />}
      {fetching && !data && <Typography.Paragraph type="secondary">{t("rings.slow")}</Typography.Paragraph>}
      {data && !rings.length && <Nothing>{t("rings.none")}</Nothing>}
      {rings.length > 0 && <List
        grid={{ gutter: 16, xs: 1, md: 2, xl: 3 }}
        dataSource={rings}
        renderItem={(ring) => (
          <List.Item>
            <Card
              data-testid="ring"
              title={t("rings.ring", { size: ring.size })}
              extra={
                <Button type="primary" size="small" data-testid="ring-to-case" onClick={() => { setPending(ring); setTitle(""); }}>
                  {t("rings.toCase")}
                </Button>
              }
            >
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Text>
                  {t("rings.score")}: {format.number(ring.score, 3)}
                </Typography.Text>
                {ring.reason && <Typography.Text type="secondary">{ring.reason}</Typography.Text>}
                <Space wrap>
                  {ringRegions(ring).map((r) => (
                    <Tag key={r}>{r}</Tag>
                  ))}
                </Space>
                {(ring.platforms.length > 0 || ring.brands.length > 0) && (
                  <Typography.Text type="secondary">
                    {[...ring.platforms, ...ring.brands].map((n) => `${n.name} ${n.count}`).join(" · ")}
                  </Typography.Text>
                )}
                {ring.sources.length > 0 && (
                  <Typography.Text>
                    {t("rings.sources", { count: ring.sources.length })}
                    {ring.proposedCase?.major ? ` · ${t("cases.major")}` : ""}
                  </Typography.Text>
                )}
                <ul className="plain-list">
                  {ring.members.edges.slice(0, 8).map(({ node }) => (
                    <li key={node.id}>
                      <KindTag kind={node.kind} /> <EntityLink id={node.id} caption={node.caption} />
                    </li>
                  ))}
                  {ring.members.edges.length > 8 && <li>… {ring.members.edges.length - 8}</li>}
                </ul>
              </Space>
            </Card>
          </List.Item>
        )}
      />}
      <Modal
        open={pending !== null}
        title={t("rings.confirmTitle")}
        okText={created ? t("rings.openCase") : t("rings.confirm")}
        cancelText={t("common.close")}
        okButtonProps={{ loading: made.fetching, id: "confirm-ring-case" }}
        onCancel={() => setPending(null)}
        onOk={() => {
          if (created) navigate(`/cases/${encodeURIComponent(created.id)}`);
          else if (pending) {
            setMadeFor(pending.id);
            void create({ ringId: pending.id, title });
          }
        }}
      >
        {pending && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Paragraph>{t("rings.confirmText", { size: pending.size })}</Typography.Paragraph>
            <Typography.Text>{t("rings.regions")}:</Typography.Text>
            <Space wrap>
              {ringRegions(pending).map((r) => (
                <Tag key={r}>{r}</Tag>
              ))}
            </Space>
            <ProposedCase proposal={pending.proposedCase} />
            <Input
              aria-label={t("rings.caseTitle")}
              placeholder={t("rings.caseTitlePlaceholder")}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              disabled={!!created}
            />
            {madeFor === pending.id && <ServerError error={made.error} />}
            {created && <CreatedCase created={created} />}
          </Space>
        )}
      </Modal>
    </section>
  );
}
