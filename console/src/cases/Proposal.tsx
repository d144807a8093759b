// A joint case before and after it is opened from a ring or a trace: what the
// jurisdiction rules propose (lead 主办, coordinators 协调, participants 协办 with their part
// in the chain, bureaus to notify 通报, major and listed supervision, the reasons rule by
// rule), then what the hub recorded. The hub decides all of it; this only shows it.
import { Alert, Descriptions, Space, Tag, Typography } from "antd";
import { TONE } from "../app/common";
import type { CreatedCaseFieldsFragment, ProposedCaseFieldsFragment } from "../gql/graphql";
import { useT, type MessageId } from "../i18n";

type Place = { code: string; bureau?: { name: string } | null; fullName?: string };

const bureauName = (p: Place) => p.bureau?.name ?? p.fullName ?? p.code;

export function ProposedCase({ proposal }: { proposal: ProposedCaseFieldsFragment | null | undefined }) {
  const t = useT();
  if (!proposal) return <Alert type="info" showIcon title={t("proposal.none")} data-testid="proposed-case-none" />;
  return (
    <div data-testid="proposed-case">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t("proposal.title")}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("cases.level")}>
          <Space wrap>
            <Tag>{t(`level.${proposal.level.toUpperCase()}` as MessageId)}</Tag>
            {proposal.major && (
              <Tag variant="solid" color={TONE.major}>
                {t("cases.major")}
              </Tag>
            )}
            {proposal.supervise && <Tag variant="solid" color={TONE.warn}>{t("proposal.supervise")}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("cases.lead")}>{bureauName(proposal.lead)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.coordinators")}>
          {proposal.coordinators.map(bureauName).join("、") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("cases.participants")}>
          <ul className="plain-list">
            {proposal.participants.map((p) => (
              <li key={p.region.code}>
                {p.region.fullName}{" "}
                {p.roles.map((role) => (
                  <Tag key={role}>{t(`chain.${role}` as MessageId)}</Tag>
                ))}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label={t("proposal.notify")}>{proposal.notify.map(bureauName).join("、") || "—"}</Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t("cases.routingReasons")}</Typography.Text>
      <ol data-testid="proposed-reasons">
        {proposal.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ol>
    </div>
  );
}

export function CreatedCase({ created }: { created: CreatedCaseFieldsFragment }) {
  const t = useT();
  return (
    <div data-testid="routing-reasons">
      <Alert
        type="success"
        showIcon
        title={`${t("rings.created")}: ${created.title}`}
        description={`${t("cases.lead")}: ${created.lead?.name ?? "—"}; ${t("cases.participants")}: ${
          created.participants.map((p) => p.name).join("、") || "—"
        }`}
      />
      <ul className="plain-list">
        {created.routingReasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
