// Small pieces every screen uses: the server's error, loading and empty states,
// links to entities, region tags, days left.
import { Alert, Empty, Space, Spin, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { CombinedError } from "urql";
import { useT } from "../i18n";

/** The hub's own error messages, as it wrote them (the server decides the rules). */
export function ServerError({ error }: { error: CombinedError | undefined }) {
  const t = useT();
  if (!error) return null;
  const messages = error.graphQLErrors.length
    ? error.graphQLErrors.map((e) => e.message)
    : [error.networkError?.message ?? error.message];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("common.error")}
      description={
        <ul className="plain-list">
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      }
    />
  );
}

export function Loading() {
  const t = useT();
  return (
    <div className="state" aria-busy="true">
      <Spin />
      <Typography.Text type="secondary">{t("common.loading")}</Typography.Text>
    </div>
  );
}

export function Nothing({ children }: { children?: ReactNode }) {
  const t = useT();
  return <Empty description={children ?? t("common.empty")} />;
}

const KIND_COLOURS: Record<string, string> = {
  Phone: "#1677ff",
  Company: "#722ed1",
  NamedCompany: "#9254de",
  Person: "#eb2f96",
  IdCard: "#c41d7f",
  Address: "#fa8c16",
  Waybill: "#13c2c2",
  Carrier: "#08979c",
  Platform: "#2f54eb",
  Shop: "#52c41a",
  Listing: "#389e0d",
  Region: "#8c8c8c",
  Brand: "#faad14",
  Url: "#597ef7",
  Complaint: "#f5222d",
  Clue: "#cf1322",
};

export function kindColour(kind: string): string {
  return KIND_COLOURS[kind] ?? "#595959";
}

export function KindTag({ kind }: { kind: string }) {
  const t = useT();
  return <Tag color={kindColour(kind)}>{kindLabel(t, kind)}</Tag>;
}

export function kindLabel(t: ReturnType<typeof useT>, kind: string): string {
  return KIND_COLOURS[kind] ? t(`kind.${kind}` as Parameters<typeof t>[0]) : kind;
}

export function EntityLink({ id, caption }: { id: string; caption: string }) {
  return <Link to={`/entity/${encodeURIComponent(id)}`}>{caption}</Link>;
}

export function Regions({ codes }: { codes: readonly string[] }) {
  if (!codes.length) return <span>—</span>;
  return (
    <Space size={2} wrap>
      {codes.slice(0, 3).map((c) => (
        <Tag key={c}>{c}</Tag>
      ))}
    </Space>
  );
}

/** Whole days from now until `iso` (negative when past). */
export function daysLeft(iso: string | null | undefined, now: number = Date.now()): number | null {
  if (!iso) return null;
  return Math.ceil((Date.parse(iso) - now) / 86_400_000);
}

export function DaysLeft({ due, done }: { due: string | null | undefined; done?: boolean }) {
  const t = useT();
  const days = daysLeft(due);
  if (days === null || done) return null;
  return days < 0 ? (
    <Tag color="red">{t("common.overdueDays", { days: -days })}</Tag>
  ) : (
    <Tag color={days <= 2 ? "orange" : "default"}>{t("common.daysLeft", { days })}</Tag>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={2}>{children}</Typography.Title>
      {extra}
    </div>
  );
}
