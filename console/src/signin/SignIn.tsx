// Sign in: in development and the demo, paste a token that `cluehub token` printed; the
// hub checks it (a `me` query) before the console keeps it. With OIDC the identity
// provider's sign-in sits in front of the hub and hands the token over the same way.
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { CombinedError } from "urql";
import { makeClient } from "../api/client";
import { ServerError } from "../app/common";
import { useAuth } from "../auth/AuthContext";
import { useT } from "../i18n";
import { MeQuery } from "./queries";

function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/signin") ? next : "/search";
}

export function SignIn() {
  const t = useT();
  const { signIn, reason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();

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
    navigate(safeNext(params.get("next")), { replace: true });
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
            <Button type="primary" htmlType="submit" loading={busy}>
              {t("signin.submit")}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary">{t("signin.howto")}</Typography.Paragraph>
        <pre>cluehub token --user lin --bureau 350300 --role investigator</pre>
      </Card>
    </main>
  );
}
