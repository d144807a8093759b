// The case board: joint cases by status (proposed, open, action, closed), with lead
// (主办), participants (协办), coordination level, supervision (挂牌督办) and task progress.
import { Badge, Card, Progress, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useQuery } from "urql";
import { Loading, Nothing, PageTitle, ServerError, TONE } from "../app/common";
import type { JointCaseStatus, JointCasesQuery } from "../gql/graphql";
import { useT, type MessageId } from "../i18n";
import { CasesQuery } from "./queries";

export const STATUSES: JointCaseStatus[] = ["PROPOSED", "OPEN", "ACTION", "CLOSED"];
type Case = NonNullable<JointCasesQuery["jointCases"]>["edges"][number]["node"];

export function progress(c: Pick<Case, "tasks">): number {
  const tasks = c.tasks.edges.map((e) => e.node).filter((task) => task.status !== "CANCELLED");
  if (!tasks.length) return 0;
  return Math.round((100 * tasks.filter((task) => task.status === "DONE").length) / tasks.length);
}

export function CaseBoard() {
  const t = useT();
  const [{ data, fetching, error }] = useQuery({ query: CasesQuery, variables: { first: 100 } });
  const cases = data?.jointCases?.edges.map((e) => e.node) ?? [];
  return (
    <section>
      <PageTitle>{t("cases.title")}</PageTitle>
      <ServerError error={error} />
      {fetching && !data && <Loading />}
      {data && !cases.length && <Nothing>{t("cases.none")}</Nothing>}
      {cases.length > 0 && (
        <div className="board">
          {STATUSES.map((status) => (
            <div className="board-column" key={status} aria-labelledby={`col-${status}`} role="region">
              <h3 id={`col-${status}`}>
                {t(`status.${status}` as MessageId)} ({cases.filter((c) => c.status === status).length})
              </h3>
              <Space direction="vertical" style={{ width: "100%" }}>
                {cases
                  .filter((c) => c.status === status)
                  .map((c) => (
                    <Card key={c.id} size="small" data-testid="case-card">
                      <Link to={`/cases/${encodeURIComponent(c.id)}`}>
                        <Typography.Text strong>{c.title}</Typography.Text>
                      </Link>
                      <div>
                        {t("cases.lead")}: {c.lead?.name ?? "—"}
                      </div>
                      <div>
                        {t("cases.participants")}: {c.participants.map((p) => p.name).join("、") || "—"}
                      </div>
                      <Space wrap size={4}>
                        {c.coordinationLevel && <Tag>{t(`level.${c.coordinationLevel}` as MessageId)}</Tag>}
                        {c.major && <Tag variant="solid" color={TONE.major}>{t("cases.major")}</Tag>}
                        {c.supervised && <Badge color={TONE.danger} text={t("cases.supervised")} />}
                      </Space>
                      <Progress percent={progress(c)} size="small" aria-label={t("cases.progress")} />
                    </Card>
                  ))}
              </Space>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
