// Takedowns (通知—删除): my bureau's notices per platform, each listing's answer and
// time to removal, and the repeat alerts (重复侵权) raised on them.
import { Card, Space, Table, Tag } from "antd";
import { useQuery } from "urql";
import { EntityLink, Loading, Nothing, PageTitle, ServerError } from "../app/common";
import { useFormat, useT } from "../i18n";
import { TakedownsQuery } from "./queries";

export function TakedownsScreen() {
  const t = useT();
  const format = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: TakedownsQuery });
  const notices = data?.takedownNotices ?? [];
  const alerts = data?.repeatAlerts ?? [];
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <PageTitle>{t("takedowns.title")}</PageTitle>
      <ServerError error={error} />
      {fetching && !data && <Loading />}
      {data && (
        <Card title={t("takedowns.notices", { count: notices.length })}>
          {!notices.length ? (
            <Nothing>{t("takedowns.none")}</Nothing>
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={notices}
              columns={[
                { title: t("takedowns.platform"), dataIndex: "platform" },
                { title: t("takedowns.issued"), render: (_, n) => format.time(n.issuedAt) },
                { title: t("takedowns.reason"), dataIndex: "reason" },
                {
                  title: t("takedowns.answers"),
                  render: (_, n) => (
                    <Space wrap size={2}>
                      {n.results.map((r, i) => (
                        <Tag key={i} color={r.action === "REMOVED" ? "green" : r.action ? "orange" : undefined}>
                          {r.listing?.caption ?? "—"}: {r.action ?? t("takedowns.pending")}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
                {
                  title: t("takedowns.median"),
                  render: (_, n) => (n.removalTimes ? format.number(n.removalTimes.medianHours, 1) : "—"),
                },
              ]}
            />
          )}
        </Card>
      )}
      {data && (
        <Card title={t("takedowns.repeats", { count: alerts.length })}>
          {!alerts.length ? (
            <Nothing />
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={alerts}
              columns={[
                { title: t("takedowns.platform"), dataIndex: "newPlatform" },
                { title: t("takedowns.via"), dataIndex: "via" },
                { title: t("takedowns.listing"), render: (_, a) => (a.newListing ? <EntityLink id={a.newListing.id} caption={a.newListing.caption} /> : "—") },
                { title: t("takedowns.seen"), render: (_, a) => format.time(a.seenAt) },
                { title: t("takedowns.status"), dataIndex: "status" },
              ]}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
