// The end of an OIDC sign-in (/signin/callback?code=…&state=…): the hub exchanges the
// code (auth/oidc.ts), the token is kept for this tab, and the address bar is replaced
// at once, so neither the code nor the token stays in the history.
import { Alert, Button, Card, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { Loading } from "../app/common";
import { useAuth } from "../auth/AuthContext";
import { finish, SignInError } from "../auth/oidc";
import { useT } from "../i18n";
import { safeNext } from "./next";

export function SignInCallback() {
  const t = useT();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [failed, setFailed] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; a code works once
    started.current = true;
    const query = new URLSearchParams(location.search);
    navigate("/signin/callback", { replace: true }); // the code leaves the address bar
    finish(query).then(
      ({ token, next }) => {
        signIn(token);
        navigate(safeNext(next), { replace: true });
      },
      (error: unknown) => {
        const stale = error instanceof SignInError && error.stale;
        setFailed(stale ? t("signin.stale") : error instanceof Error ? error.message : String(error));
      },
    );
  }, [location.search, navigate, signIn, t]);

  return (
    <main className="signin" id="main">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t("app.title")}
        </Typography.Title>
        {!failed && <Loading />}
        {failed && (
          <>
            <Alert type="error" showIcon role="alert" title={t("signin.failed")} description={failed} data-testid="signin-failed" />
            <Link to="/signin">
              <Button type="primary" style={{ marginTop: 16 }}>
                {t("signin.again")}
              </Button>
            </Link>
          </>
        )}
      </Card>
    </main>
  );
}
