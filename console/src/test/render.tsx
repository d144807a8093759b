// Render a screen as the app does (language, Ant Design, router, a urql client that
// answers each operation by name with the given GraphQL response).
import { render } from "@testing-library/react";
import { ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { Client, fetchExchange, Provider } from "urql";
import { AuthProvider } from "../auth/AuthContext";
import { LocaleProvider, type Locale } from "../i18n";

type Answers = Record<string, { data?: unknown; errors?: { message: string }[] } | "pending">;

export interface Sent {
  name: string;
  variables: unknown;
}

/** A real urql client whose fetch answers each operation by name, as the hub would. */
export function answering(answers: Answers, sent: Sent[] = []): Client {
  return new Client({
    url: "http://hub.test/graphql",
    exchanges: [fetchExchange],
    requestPolicy: "network-only",
    preferGetMethod: false,
    fetch: async (_input, init) => {
      const body = JSON.parse(String(init?.body ?? "{}")) as { operationName?: string; query: string; variables: unknown };
      const name = body.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "";
      sent.push({ name, variables: body.variables });
      const answer = answers[name];
      if (answer === "pending") return new Promise<Response>(() => {});
      return new Response(JSON.stringify(answer ?? { errors: [{ message: `no answer for ${name}` }] }), {
        status: 200,
        headers: { "content-type": "application/graphql-response+json" },
      });
    },
  });
}

export function renderScreen(
  element: ReactNode,
  { client, path = "/", route = "/*", locale = "zh-CN" }: { client: Client; path?: string; route?: string; locale?: Locale },
) {
  return render(
    <LocaleProvider initial={locale}>
      <ConfigProvider locale={zhCN}>
        <AuthProvider>
          <MemoryRouter initialEntries={[path]}>
            <Provider value={client}>
              <Routes>
                <Route path={route} element={element} />
              </Routes>
            </Provider>
          </MemoryRouter>
        </AuthProvider>
      </ConfigProvider>
    </LocaleProvider>,
  );
}
