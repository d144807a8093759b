// The audit trail (全程留痕) for supervisors: events newest first, filtered by actor and
// operation. Who may read it is the hub's rule; others see its refusal.
import { Button, Input, Space, Table } from "antd";
import { useState } from "react";
import { useQuery } from "urql";
import { Loading, Nothing, PageTitle, ServerError } from "../app/common";
import { useFormat, useT } from "../i18n";
import { AuditQuery } from "./queries";

export function AuditScreen() {
  const t = useT();
  const format = useFormat();
  const [draft, setDraft] = useState({ actor: "", operation: "" });
  const [filter, setFilter] = useState({ actor: "", operation: "" });
  const [{ data, fetching, error }] = useQuery({
    query: AuditQuery,
    variables: { filter: { actor: filter.actor || null, operation: filter.operation || null }, first: 100 },
  });
  const events = data?.auditEvents?.edges.map((e) => e.node) ?? [];
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <PageTitle>{t("audit.title")}</PageTitle>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <Space wrap>
          <Input aria-label={t("audit.actor")} placeholder={t("audit.actor")} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
          <Input aria-label={t("audit.operation")} placeholder={t("audit.operation")} value={draft.operation} onChange={(e) => setDraft({ ...draft, operation: e.target.value })} />
          <Button htmlType="submit">{t("audit.filter")}</Button>
        </Space>
      </form>
      <ServerError error={error} />
      {fetching && !data && <Loading />}
      {data && !events.length && <Nothing />}
      {events.length > 0 && (
        <Table
          data-testid="audit-events"
          rowKey="key"
          size="small"
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          dataSource={events}
          columns={[
            { title: t("audit.at"), render: (_, e) => format.time(e.at) },
            { title: t("audit.actor"), render: (_, e) => `${e.actorName ?? e.actor} (${e.role ?? ""})` },
            { title: t("audit.bureau"), render: (_, e) => e.bureau?.name ?? "—" },
            { title: t("audit.operation"), dataIndex: "operation" },
            { title: t("audit.objects"), render: (_, e) => e.objects.map((o) => o.key).join(", ") },
            { title: t("common.reason"), render: (_, e) => e.reason ?? e.detail ?? "" },
          ]}
        />
      )}
    </Space>
  );
}
