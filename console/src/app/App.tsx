// The console shell: language, Ant Design locale and CSP nonce, the signed-in client,
// the menu and one route per screen. Every screen is reachable by URL (deep links).
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useMemo, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { Provider } from "urql";
import { makeClient } from "../api/client";
import { AttentionScreen } from "../attention/Attention";
import { AuditScreen } from "../audit/Audit";
import { AuthProvider, useAuth } from "../auth/AuthContext";
import { CaseBoard } from "../cases/CaseBoard";
import { CaseDetail } from "../cases/CaseDetail";
import { LocaleProvider, useLocale, useT, type Locale } from "../i18n";
import { EntityScreen } from "../network/EntityScreen";
import { RingsScreen } from "../rings/Rings";
import { SearchScreen } from "../search/Search";
import { SignInCallback } from "../signin/Callback";
import { SignIn } from "../signin/SignIn";
import { TakedownsScreen } from "../takedowns/Takedowns";
import { TraceScreen } from "../trace/Trace";

const MENU = [
  { key: "/search", label: "nav.search" },
  { key: "/rings", label: "nav.rings" },
  { key: "/cases", label: "nav.cases" },
  { key: "/attention", label: "nav.attention" },
  { key: "/takedowns", label: "nav.takedowns" },
  { key: "/audit", label: "nav.audit" },
] as const;

function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { claims, signOut } = useAuth();
  const { locale, setLocale } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const selected = MENU.find((m) => location.pathname.startsWith(m.key))?.key ?? "";
  return (
    <Layout style={{ minHeight: "100%" }}>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <Layout.Header className="header">
        <span className="brand">{t("app.title")}</span>
        <nav aria-label={t("nav.label")} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[selected]}
            items={MENU.map((m) => ({ key: m.key, label: t(m.label) }))}
            onClick={(e) => navigate(e.key)}
          />
        </nav>
        <Space>
          <span className="who" data-testid="who">
            {claims ? `${claims.name} · ${claims.bureau} · ${claims.role}` : ""}
          </span>
          <Select<Locale>
            aria-label={t("app.language")}
            size="small"
            value={locale}
            onChange={setLocale}
            options={[
              { value: "zh-CN", label: "中文" },
              { value: "en", label: "English" },
            ]}
          />
          <Button size="small" onClick={() => signOut()}>
            {t("signin.signOut")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="content">
        <main id="main">{children}</main>
      </Layout.Content>
    </Layout>
  );
}

function SignedIn() {
  const { token, signOut } = useAuth();
  const client = useMemo(() => makeClient(token, () => signOut("expired")), [token, signOut]);
  const location = useLocation();
  if (!token) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <Provider value={client}>
      <Shell>
        <Routes>
          <Route path="/" element={<Navigate to="/search" replace />} />
          <Route path="/search" element={<SearchScreen />} />
          <Route path="/entity/:id" element={<EntityScreen />} />
          <Route path="/trace/:id" element={<TraceScreen />} />
          <Route path="/rings" element={<RingsScreen />} />
          <Route path="/cases" element={<CaseBoard />} />
          <Route path="/cases/:id" element={<CaseDetail />} />
          <Route path="/attention" element={<AttentionScreen />} />
          <Route path="/takedowns" element={<TakedownsScreen />} />
          <Route path="/audit" element={<AuditScreen />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Shell>
    </Provider>
  );
}

function NotFound() {
  const t = useT();
  return <p>{t("common.notFound")}</p>;
}

// Primary and secondary colours darker than Ant Design's defaults: WCAG AA contrast (axe).
const THEME = {
  token: {
    colorPrimary: "#0958d9",
    colorLink: "#003eb3",
    colorLinkHover: "#002c8c",
    colorTextSecondary: "#595959",
    colorTextTertiary: "#595959",
    colorTextDescription: "#595959",
    colorTextPlaceholder: "#767676",
  },
};

function Themed({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} csp={nonce ? { nonce } : undefined} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App({ nonce }: { nonce?: string | undefined }) {
  return (
    <LocaleProvider>
      <Themed nonce={nonce}>
        <AuthProvider>
          <Routes>
            <Route path="/signin" element={<SignIn />} />
            <Route path="/signin/callback" element={<SignInCallback />} />
            <Route path="/*" element={<SignedIn />} />
          </Routes>
        </AuthProvider>
      </Themed>
    </LocaleProvider>
  );
}
