// Search: one box for identifiers and names. The query lives in the URL (?q=) so a
// search is a link; identifiers are looked up exactly (audited), text by substring.
import { Button, Input, Radio, Space, Table } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { EntityLink, KindTag, Loading, Nothing, PageTitle, ServerError } from "../app/common";
import { useFormat, useT } from "../i18n";
import { guessMode, type SearchMode } from "./mode";
import { SearchQuery } from "./queries";

export function SearchScreen() {
  const t = useT();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const mode = (params.get("mode") as SearchMode | null) ?? guessMode(q);
  const [draft, setDraft] = useState(q);
  const [{ data, fetching, error }] = useQuery({
    query: SearchQuery,
    variables: { text: mode === "text" ? q : null, identifier: mode === "identifier" ? q : null, first: 50 },
    pause: q.trim().length < 2,
  });
  const rows = data?.search?.edges.map((e) => e.node) ?? [];

  function go(value: string, chosen?: SearchMode) {
    const next = new URLSearchParams({ q: value.trim() });
    if (chosen) next.set("mode", chosen);
    setParams(next);
  }

  return (
    <section aria-labelledby="search-title">
      <PageTitle>
        <span id="search-title">{t("search.title")}</span>
      </PageTitle>
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            go(draft);
          }}
        >
          <Space.Compact style={{ width: "100%", maxWidth: 720 }}>
            <Input
              aria-label={t("search.placeholder")}
              placeholder={t("search.placeholder")}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              data-testid="search-input"
            />
            <Button type="primary" htmlType="submit">
              {t("search.submit")}
            </Button>
          </Space.Compact>
        </form>
        {q && (
          <Radio.Group
            aria-label={t("search.mode")}
            value={mode}
            onChange={(e) => go(q, e.target.value as SearchMode)}
            optionType="button"
            options={[
              { value: "text", label: t("search.modeText") },
              { value: "identifier", label: t("search.modeIdentifier") },
            ]}
          />
        )}
        <ServerError error={error} />
        {fetching && !data && <Loading />}
        {q && data && !rows.length && <Nothing>{t("search.none", { q })}</Nothing>}
        {rows.length > 0 && (
          <Table
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: t("entity.kind"), dataIndex: "kind", render: (kind: string) => <KindTag kind={kind} /> },
              {
                title: t("entity.caption"),
                render: (_, row) => <EntityLink id={row.id} caption={row.caption} />,
              },
              {
                title: t("entity.regions"),
                render: (_, row) => row.regions.slice(0, 1).map((r) => r.fullName).join(" ") || "—",
              },
              { title: t("entity.lastSeen"), render: (_, row) => format.time(row.lastSeen) },
            ]}
          />
        )}
      </Space>
    </section>
  );
}
