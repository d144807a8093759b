// The console shell: language, Ant Design locale and CSP nonce, the signed-in client,
// the menu and one route per screen. Every screen is reachable by URL (deep links).
// Screens load on first visit (route-level code splitting): the first load is the shell,
// and the picture's Cytoscape comes only with the screens that draw.
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, Suspense, useMemo, type ComponentType, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { Provider } from "urql";
import { makeClient } from "../api/client";
import { AuthProvider, useAuth } from "../auth/AuthContext";
import { LocaleProvider, useLocale, useT, type Locale } from "../i18n";
import { Loading } from "./common";

/** A screen loaded on first visit: `screen(() => import("…"), "Name")`. */
function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const AttentionScreen = screen(() => import("../attention/Attention"), "AttentionScreen");
const AuditScreen = screen(() => import("../audit/Audit"), "AuditScreen");
const CaseBoard = screen(() => import("../cases/CaseBoard"), "CaseBoard");
const CaseDetail = screen(() => import("../cases/CaseDetail"), "CaseDetail");
const EntityScreen = screen(() => import("../network/EntityScreen"), "EntityScreen");
const RingsScreen = screen(() => import("../rings/Rings"), "RingsScreen");
const SearchScreen = screen(() => import("../search/Search"), "SearchScreen");
const SignIn = screen(() => import("../signin/SignIn"), "SignIn");
const SignInCallback = screen(() => import("../signin/Callback"), "SignInCallback");
const TakedownsScreen = screen(() => import("../takedowns/Takedowns"), "TakedownsScreen");
const TraceScreen = screen(() => import("../trace/Trace"), "TraceScreen");

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
        <Suspense fallback={<Loading />}>
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
        </Suspense>
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
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/signin" element={<SignIn />} />
              <Route path="/signin/callback" element={<SignInCallback />} />
              <Route path="/*" element={<SignedIn />} />
            </Routes>
          </Suspense>
        </AuthProvider>
      </Themed>
    </LocaleProvider>
  );
}
