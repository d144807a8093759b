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

// Dark shades, so white text on them meets WCAG AA contrast (4.5:1).
const KIND_COLOURS: Record<string, string> = {
  Phone: "#0958d9",
  Company: "#531dab",
  NamedCompany: "#722ed1",
  Person: "#9e1068",
  IdCard: "#780650",
  Address: "#ad4e00",
  Waybill: "#006d75",
  Carrier: "#00474f",
  Platform: "#1d39c4",
  Shop: "#237804",
  Listing: "#135200",
  Region: "#595959",
  Brand: "#874d00",
  Url: "#10239e",
  Complaint: "#a8071a",
  Clue: "#820014",
  Ring: "#262626", // a ring collapsed into one node of the picture
};

/** Status colours dark enough for white text (WCAG AA). */
export const TONE = {
  danger: "#a8071a",
  ok: "#237804",
  warn: "#ad4e00",
  info: "#0958d9",
  major: "#ad2102",
  neutral: "#595959",
} as const;

export function kindColour(kind: string): string {
  return KIND_COLOURS[kind] ?? "#595959";
}

export function KindTag({ kind }: { kind: string }) {
  const t = useT();
  return (
    <Tag color={kindColour(kind)} variant="solid">
      {kindLabel(t, kind)}
    </Tag>
  );
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
    <Tag variant="solid" color={TONE.danger}>{t("common.overdueDays", { days: -days })}</Tag>
  ) : (
    <Tag variant="solid" color={days <= 2 ? TONE.warn : TONE.neutral}>{t("common.daysLeft", { days })}</Tag>
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
