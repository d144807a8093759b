// One entity: its masked details, unmask with a reason, trace buttons, and its picture.
import { Button, Card, Descriptions, Space } from "antd";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { KindTag, Loading, Nothing, PageTitle, ServerError } from "../app/common";
import { useFormat, useT } from "../i18n";
import { UnmaskButton } from "../unmask/UnmaskButton";
import { Network } from "./Network";
import { EntityQuery } from "./queries";

export function EntityScreen() {
  const t = useT();
  const format = useFormat();
  const id = useParams().id ?? "";
  const [{ data, fetching, error }] = useQuery({ query: EntityQuery, variables: { id } });
  const entity = data?.entity;
  if (fetching && !data) return <Loading />;
  if (error) return <ServerError error={error} />;
  if (!entity) return <Nothing />;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <PageTitle
        extra={
          <Space wrap>
            {entity.masked && <UnmaskButton id={entity.id} />}
            <Link to={`/trace/${encodeURIComponent(entity.id)}?direction=UPSTREAM`}>
              <Button type="primary" data-testid="trace-sources">{t("trace.upstream")}</Button>
            </Link>
            <Link to={`/trace/${encodeURIComponent(entity.id)}?direction=DOWNSTREAM`}>
              <Button>{t("trace.downstream")}</Button>
            </Link>
          </Space>
        }
      >
        <KindTag kind={entity.kind} /> {entity.caption}
      </PageTitle>
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t("entity.key")}>{entity.key}</Descriptions.Item>
          <Descriptions.Item label={t("entity.regions")}>
            {entity.regions.map((r) => r.fullName)[0] ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("entity.sightings")}>{entity.sightings}</Descriptions.Item>
          <Descriptions.Item label={t("entity.firstSeen")}>{format.time(entity.firstSeen)}</Descriptions.Item>
          <Descriptions.Item label={t("entity.lastSeen")}>{format.time(entity.lastSeen)}</Descriptions.Item>
          <Descriptions.Item label={t("entity.sources")}>{entity.sources.slice(0, 5).join(", ")}</Descriptions.Item>
          {entity.properties.map((p) => (
            <Descriptions.Item key={p.name} label={p.name}>
              {typeof p.value === "string" ? p.value : JSON.stringify(p.value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Network startId={entity.id} />
    </Space>
  );
}
