// The attention inbox: what my bureau must do, by due date (open tasks, replies due on
// notified clues 件件有回音, progress reports, repeat alerts, escalations); reply to a
// notification from here (accept, decline with a reason, report the result).
import { Button, Card, Input, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { DaysLeft, EntityLink, Loading, Nothing, PageTitle, ServerError, TONE } from "../app/common";
import type { AttentionQuery as AttentionData, ReplyKind } from "../gql/graphql";
import { useFormat, useT, type MessageId } from "../i18n";
import { AttentionQuery, ReplyMutation } from "./queries";

type Item = NonNullable<AttentionData["attention"]>[number];

export function byDue(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => (a.due ? Date.parse(a.due) : Infinity) - (b.due ? Date.parse(b.due) : Infinity));
}

function ReplyForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [kind, setKind] = useState<ReplyKind>("ACCEPT");
  const [text, setText] = useState("");
  const [result, reply] = useMutation(ReplyMutation);
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="reply-form">
      <Space.Compact style={{ width: "100%", maxWidth: 720 }}>
        <Select<ReplyKind>
          aria-label={t("attention.replyKind")}
          value={kind}
          onChange={setKind}
          style={{ minWidth: 120 }}
          options={(["ACCEPT", "DECLINE", "RESULT"] as const).map((k) => ({ value: k, label: t(`reply.${k}` as MessageId) }))}
        />
        <Input aria-label={t("attention.replyText")} placeholder={t("attention.replyText")} value={text} onChange={(e) => setText(e.target.value)} />
        <Button
          type="primary"
          loading={result.fetching}
          onClick={async () => {
            const done = await reply({ id, kind, text });
            if (!done.error) onDone();
          }}
        >
          {t("attention.reply")}
        </Button>
      </Space.Compact>
      <ServerError error={result.error} />
    </Space>
  );
}

export function AttentionScreen() {
  const t = useT();
  const format = useFormat();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AttentionQuery });
  const items = byDue(data?.attention ?? []);
  const notifications = data?.notifications ?? [];
  const refresh = () => refetch({ requestPolicy: "network-only" });
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <PageTitle>{t("attention.title")}</PageTitle>
      <ServerError error={error} />
      {fetching && !data && <Loading />}
      {data && (
        <Card title={t("attention.todo", { count: items.length })}>
          {!items.length ? (
            <Nothing>{t("attention.none")}</Nothing>
          ) : (
            <List
              data-testid="attention-items"
              dataSource={items}
              renderItem={(item) => (
                <List.Item>
                  <Space wrap>
                    <Tag variant="solid" color={item.overdue ? TONE.danger : TONE.info}>{t(`attentionKind.${item.kind}` as MessageId)}</Tag>
                    <Typography.Text>{item.title}</Typography.Text>
                    <Typography.Text type="secondary">{format.time(item.due)}</Typography.Text>
                    <DaysLeft due={item.due} />
                    {item.caseId && <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{t("attention.openCase")}</Link>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {data && (
        <Card title={t("attention.notifications", { count: notifications.length })}>
          {!notifications.length ? (
            <Nothing />
          ) : (
            <List
              data-testid="notifications"
              dataSource={notifications}
              renderItem={(n) => (
                <List.Item>
                  <Space direction="vertical" style={{ width: "100%" }}>
                    <Space wrap>
                      <Tag>{t(`notificationStatus.${n.status}` as MessageId)}</Tag>
                      <Typography.Text strong>{n.from?.name ?? "—"}</Typography.Text>
                      {n.clue && <EntityLink id={n.clue.id} caption={n.clue.caption} />}
                      <Typography.Text type="secondary">
                        {t("attention.deadline")}: {format.time(n.deadline)}
                      </Typography.Text>
                      {n.overdue && <Tag variant="solid" color={TONE.danger}>{t("attention.overdue")}</Tag>}
                    </Space>
                    {n.message && <Typography.Text>{n.message}</Typography.Text>}
                    {n.reply?.repliedAt && (
                      <Typography.Text type="secondary" data-testid="replied">
                        {t("attention.replied", { at: format.time(n.reply.repliedAt) })}: {n.reply.text}
                      </Typography.Text>
                    )}
                    {n.status !== "REPORTED" && n.status !== "DECLINED" && <ReplyForm id={n.id} onDone={refresh} />}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
