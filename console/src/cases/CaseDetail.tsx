// One joint case: parties, routing reasons, tasks per bureau with due dates (days left,
// overdue in red), add a task for a bureau on the case, mark one done, comments,
// evidence and police transfers, supervision, status moves with a reason. The hub
// enforces who may do what and the status rules; its messages are shown as they come.
import { Button, Card, Descriptions, Form, Input, List, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { DaysLeft, Loading, Nothing, PageTitle, ServerError, TONE } from "../app/common";
import type { JointCaseStatus, TaskKind } from "../gql/graphql";
import { useFormat, useT, type MessageId } from "../i18n";
import { STATUSES } from "./CaseBoard";
import { AddCommentMutation, AddTaskMutation, CaseQuery, TransitionMutation, UpdateTaskMutation } from "./queries";

const TASK_KINDS: TaskKind[] = ["INVESTIGATE", "RAID", "TEST_BUY", "SEIZE", "EVIDENCE_COLLECTION", "TAKEDOWN_REQUEST"];

interface TaskForm {
  bureau: string;
  kind: TaskKind;
  title: string;
  due: string;
}

export function dueIso(date: string): string {
  return new Date(`${date}T18:00:00`).toISOString();
}

export function CaseDetail() {
  const t = useT();
  const format = useFormat();
  const id = useParams().id ?? "";
  const [{ data, fetching, error }, refetch] = useQuery({ query: CaseQuery, variables: { id } });
  const [added, addTask] = useMutation(AddTaskMutation);
  const [commented, addComment] = useMutation(AddCommentMutation);
  const [moved, transition] = useMutation(TransitionMutation);
  const [updated, updateTask] = useMutation(UpdateTaskMutation);
  const [comment, setComment] = useState("");
  const [move, setMove] = useState<{ status: JointCaseStatus | null; reason: string }>({ status: null, reason: "" });
  const [form] = Form.useForm<TaskForm>();
  const refresh = () => refetch({ requestPolicy: "network-only" });

  const c = data?.jointCase;
  if (fetching && !data) return <Loading />;
  if (error) return <ServerError error={error} />;
  if (!c) return <Nothing />;
  const parties = [...(c.lead ? [c.lead] : []), ...c.coordinators, ...c.participants].filter(
    (b, i, all) => all.findIndex((x) => x.code === b.code) === i,
  );
  const tasks = c.tasks.edges.map((e) => e.node);

  async function submitTask(values: TaskForm) {
    const result = await addTask({ input: { caseId: id, bureau: values.bureau, kind: values.kind, title: values.title, due: dueIso(values.due) } });
    if (!result.error) {
      form.resetFields();
      refresh();
    }
  }

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <PageTitle extra={<Tag variant="solid" color={TONE.info}>{t(`status.${c.status}` as MessageId)}</Tag>}>{c.title}</PageTitle>
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("cases.lead")}>{c.lead?.name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("cases.coordinators")}>{c.coordinators.map((b) => b.name).join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("cases.participants")}>{c.participants.map((b) => b.name).join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("cases.level")}>
            {c.coordinationLevel ? t(`level.${c.coordinationLevel}` as MessageId) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("cases.relation")}>{c.relation}</Descriptions.Item>
          <Descriptions.Item label={t("cases.supervised")}>{c.supervised ? t("common.yes") : t("common.no")}</Descriptions.Item>
          <Descriptions.Item label={t("cases.jointAction")}>{format.time(c.jointActionAt)}</Descriptions.Item>
          <Descriptions.Item label={t("cases.opened")}>{format.time(c.openedAt ?? c.createdAt)}</Descriptions.Item>
        </Descriptions>
        {c.summary && <Typography.Paragraph>{c.summary}</Typography.Paragraph>}
        {c.routingReasons.length > 0 && (
          <details>
            <summary>
              <Typography.Text strong>
                {t("cases.routingReasons")} ({c.routingReasons.length})
              </Typography.Text>
            </summary>
            <ul className="plain-list">
              {c.routingReasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </details>
        )}
      </Card>

      <Card title={t("cases.move")}>
        <Space wrap>
          <Select<JointCaseStatus>
            aria-label={t("cases.newStatus")}
            style={{ minWidth: 160 }}
            placeholder={t("cases.newStatus")}
            value={move.status ?? undefined}
            onChange={(status) => setMove((m) => ({ ...m, status }))}
            options={STATUSES.filter((s) => s !== c.status).map((s) => ({ value: s, label: t(`status.${s}` as MessageId) }))}
          />
          <Input
            aria-label={t("common.reason")}
            placeholder={t("common.reason")}
            value={move.reason}
            onChange={(e) => setMove((m) => ({ ...m, reason: e.target.value }))}
            style={{ minWidth: 280 }}
          />
          <Button
            disabled={!move.status}
            loading={moved.fetching}
            onClick={async () => {
              if (!move.status) return;
              const result = await transition({ id, status: move.status, reason: move.reason });
              if (!result.error) {
                setMove({ status: null, reason: "" });
                refresh();
              }
            }}
          >
            {t("cases.moveSubmit")}
          </Button>
        </Space>
        <ServerError error={moved.error} />
      </Card>

      <Card title={t("cases.tasks", { count: c.tasks.totalCount })}>
        <Table
          data-testid="tasks"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={tasks}
          locale={{ emptyText: <Nothing>{t("cases.noTasks")}</Nothing> }}
          columns={[
            { title: t("cases.bureau"), render: (_, task) => task.bureau?.name ?? "—" },
            { title: t("cases.taskKind"), render: (_, task) => t(`taskKind.${task.kind}` as MessageId) },
            { title: t("cases.taskTitle"), dataIndex: "title" },
            {
              title: t("cases.due"),
              render: (_, task) => (
                <Space size={4}>
                  {format.date(task.due)}
                  <DaysLeft due={task.due} done={task.status === "DONE" || task.status === "CANCELLED"} />
                </Space>
              ),
            },
            {
              title: t("cases.taskStatus"),
              render: (_, task) => (
                <Tag variant="solid" color={task.status === "OVERDUE" ? TONE.danger : task.status === "DONE" ? TONE.ok : TONE.neutral}>
                  {t(`taskStatus.${task.status}` as MessageId)}
                </Tag>
              ),
            },
            {
              title: "",
              render: (_, task) =>
                task.status === "OPEN" || task.status === "OVERDUE" ? (
                  <Button
                    size="small"
                    onClick={async () => {
                      const result = await updateTask({ input: { id: task.id, status: "DONE", result: t("cases.doneResult") } });
                      if (!result.error) refresh();
                    }}
                  >
                    {t("cases.markDone")}
                  </Button>
                ) : (
                  task.result
                ),
            },
          ]}
        />
        <ServerError error={updated.error} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t("cases.addTask")}
        </Typography.Title>
        <Form form={form} layout="inline" onFinish={submitTask} initialValues={{ kind: "INVESTIGATE" }} data-testid="add-task">
          <Form.Item name="bureau" label={t("cases.bureau")} rules={[{ required: true, message: t("common.required") }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              style={{ minWidth: 200 }}
              aria-label={t("cases.bureau")}
              options={parties.map((b) => ({ value: b.code, label: `${b.name} (${b.code})` }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t("cases.taskKind")}>
            <Select style={{ minWidth: 140 }} aria-label={t("cases.taskKind")} options={TASK_KINDS.map((k) => ({ value: k, label: t(`taskKind.${k}` as MessageId) }))} />
          </Form.Item>
          <Form.Item name="title" label={t("cases.taskTitle")} rules={[{ required: true, message: t("common.required") }]}>
            <Input style={{ minWidth: 220 }} />
          </Form.Item>
          <Form.Item name="due" label={t("cases.due")} rules={[{ required: true, message: t("common.required") }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={added.fetching}>
              {t("cases.addTaskSubmit")}
            </Button>
          </Form.Item>
        </Form>
        <ServerError error={added.error} />
      </Card>

      <Card title={t("cases.comments")}>
        <List
          dataSource={c.comments}
          locale={{ emptyText: <Nothing>{t("common.empty")}</Nothing> }}
          renderItem={(item) => (
            <List.Item>
              <List.Item.Meta title={`${item.bureau?.name ?? ""} ${item.author} · ${format.time(item.at)}`} description={item.text} />
            </List.Item>
          )}
        />
        <Space.Compact style={{ width: "100%", maxWidth: 640 }}>
          <Input aria-label={t("cases.comment")} placeholder={t("cases.comment")} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Button
            loading={commented.fetching}
            onClick={async () => {
              const result = await addComment({ caseId: id, text: comment });
              if (!result.error) {
                setComment("");
                refresh();
              }
            }}
          >
            {t("cases.addComment")}
          </Button>
        </Space.Compact>
        <ServerError error={commented.error} />
      </Card>

      <Card title={t("cases.transfers")}>
        <List
          size="small"
          dataSource={[
            ...c.evidenceTransfers.map((e) => `${t("cases.evidenceTransfer")}: ${e.what} (${e.from?.name ?? ""} → ${e.to?.name ?? ""}, ${format.date(e.transferredAt)})`),
            ...c.policeTransfers.map((p) => `${t("cases.policeTransfer")}: ${p.reference} ${p.policeUnit} ${p.offenceLabel} (${format.date(p.transferredAt)})`),
            ...c.supervisions.map((s) => `${t("cases.supervision")}: ${s.supervisor?.name ?? ""} ${s.requirement} (${format.date(s.deadline)}, ${s.status})`),
          ]}
          locale={{ emptyText: <Nothing>{t("common.empty")}</Nothing> }}
          renderItem={(line) => <List.Item>{line}</List.Item>}
        />
      </Card>
    </Space>
  );
}
