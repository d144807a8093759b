// Sign in. Production: the site's identity provider (OIDC, authorization code with PKCE,
// auth/oidc.ts), offered when the hub says it is configured (GET /api/signin).
// Development and the demo: paste a token that `cluehub token` printed; the hub checks it
// (a `me` query) before the console keeps it. The form is shown while the hub accepts
// local tokens.
import { Alert, Button, Card, Divider, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { CombinedError } from "urql";
import { makeClient } from "../api/client";
import { Loading, ServerError } from "../app/common";
import { useAuth } from "../auth/AuthContext";
import { begin, loadMethods, type SigninMethods } from "../auth/oidc";
import { useT } from "../i18n";
import { safeNext } from "./next";
import { MeQuery } from "./queries";

/** Go to another page (the identity provider): a seam for the component tests. */
export const navigation = { go: (url: string) => window.location.assign(url) };

/** The hub's sign-in methods; unknown (an older hub, no answer) means the token form. */
function useMethods(): SigninMethods | undefined {
  const [methods, setMethods] = useState<SigninMethods | undefined>();
  useEffect(() => {
    let live = true;
    void loadMethods().then((found) => live && setMethods(found ?? { localTokens: true, oidc: null }));
    return () => {
      live = false;
    };
  }, []);
  return methods;
}

export function SignIn() {
  const t = useT();
  const { signIn, reason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const [leaving, setLeaving] = useState(false);
  const methods = useMethods();
  const next = safeNext(params.get("next"));

  async function submit({ token }: { token: string }) {
    setBusy(true);
    setError(undefined);
    const result = await makeClient(token.trim(), () => {}).query(MeQuery, {}, { requestPolicy: "network-only" }).toPromise();
    setBusy(false);
    if (result.error || !result.data) {
      setError(result.error);
      return;
    }
    signIn(token);
    navigate(next, { replace: true });
  }

  async function withProvider() {
    if (!methods?.oidc) return;
    setLeaving(true);
    navigation.go(await begin(methods.oidc, next));
  }

  return (
    <main className="signin" id="main">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t("app.title")}
        </Typography.Title>
        <Typography.Paragraph>{t("signin.intro")}</Typography.Paragraph>
        {reason === "expired" && <Alert type="warning" showIcon title={t("signin.expired")} style={{ marginBottom: 16 }} />}
        {reason === "signedOut" && <Alert type="info" showIcon title={t("signin.signedOut")} style={{ marginBottom: 16 }} />}
        {!methods && <Loading />}
        {methods?.oidc && (
          <Button type="primary" size="large" block onClick={() => void withProvider()} loading={leaving} data-testid="oidc-signin">
            {t("signin.oidc")}
          </Button>
        )}
        {methods?.oidc && methods.localTokens && <Divider plain>{t("signin.or")}</Divider>}
        {methods && !methods.oidc && !methods.localTokens && <Alert type="error" showIcon title={t("signin.noMethod")} />}
        {methods?.localTokens && (
          <>
            <Form layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item
                label={t("signin.token")}
                name="token"
                rules={[{ required: true, message: t("signin.tokenRequired") }]}
              >
                <Input.TextArea rows={4} autoComplete="off" spellCheck={false} data-testid="token-input" />
              </Form.Item>
              <ServerError error={error} />
              <Form.Item style={{ marginTop: 16 }}>
                <Button type={methods.oidc ? "default" : "primary"} htmlType="submit" loading={busy}>
                  {t("signin.submit")}
                </Button>
              </Form.Item>
            </Form>
            <Typography.Paragraph type="secondary">{t("signin.howto")}</Typography.Paragraph>
            <pre>cluehub token --user lin --bureau 350300 --role investigator</pre>
          </>
        )}
      </Card>
    </main>
  );
}
